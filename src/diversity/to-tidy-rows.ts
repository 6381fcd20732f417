import type { ProtectedTable } from "./schema.js";

/** A flat row: every value a string, number, boolean or null. */
export type TidyRow = Record<string, string | number | boolean | null>;

const TOTAL = "total";

function flattenInto(out: TidyRow, prefix: string, value: unknown): void {
  if (value === null || value === undefined) {
    out[prefix] = null;
  } else if (typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    // A protected count (a report's count) flattens to <name>, <name>_status and <name>_reason: empty when hidden, never zero.
    const cell = value as Record<string, unknown>;
    if ((cell.status === "published" || cell.status === "suppressed") && "value" in cell) {
      out[prefix] = cell.status === "published" ? (cell.value as number) : null;
      out[`${prefix}_status`] = cell.status;
      out[`${prefix}_reason`] = cell.status === "suppressed" ? (cell.reason as string) : null;
      return;
    }
    // A metric flattens to <name>, <name>_lower, <name>_upper (or <name>_reason when not computable).
    if ("computable" in (value as object)) {
      const m = value as Record<string, unknown>;
      out[prefix] = m.computable === true ? (m.value as number) : null;
      if (m.computable === true) {
        out[`${prefix}_lower`] = m.lower as number;
        out[`${prefix}_upper`] = m.upper as number;
      } else {
        out[`${prefix}_lower`] = null;
        out[`${prefix}_upper`] = null;
      }
      out[`${prefix}_status`] = m.computable === true ? "computed" : (m.reason as string);
      return;
    }
    for (const [k, v] of entries) flattenInto(out, prefix === "" ? k : `${prefix}_${k}`, v);
  } else if (Array.isArray(value)) {
    out[prefix] = value.join(" ");
  } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out[prefix] = value;
  } else {
    out[prefix] = String(value);
  }
}

/**
 * Flattens result rows (or a protected table) into tidy rows: one flat object per row, nested fields
 * joined with `_`. A metric becomes `<name>`, `<name>_lower`, `<name>_upper` and `<name>_status`
 * (`computed`, or the reason it is not computable, with empty values: never NaN). A protected count (as
 * in the report's rows) becomes `<name>` (empty when hidden), `<name>_status` and `<name>_reason`. A protected table
 * becomes one row per cell and margin (`total`), with `value` null and `status`/`reason` for suppressed
 * cells (never zero).
 *
 * @param rows - result rows of any metric, or a {@link ProtectedTable}
 * @returns flat rows, ready for JSON or {@link formatCsv}
 * @example
 * ```ts
 * toTidyRows([{ gender: "female", share: { computable: false, reason: "empty_group", message: "…" } }]);
 * // => [{ gender: "female", share: null, share_lower: null, share_upper: null, share_status: "empty_group" }]
 * ```
 * @category Output
 */
export function toTidyRows(rows: readonly object[] | ProtectedTable): TidyRow[] {
  if (!Array.isArray(rows)) {
    const t = rows as ProtectedTable;
    const out: TidyRow[] = [];
    const rowLabels = [...t.rows, TOTAL];
    const colLabels = [...t.columns, TOTAL];
    rowLabels.forEach((r, i) =>
      colLabels.forEach((c, j) => {
        const cell = i < t.rows.length ? (j < t.columns.length ? t.cells[i]?.[j] : t.rowTotals[i]) : j < t.columns.length ? t.columnTotals[j] : t.grandTotal;
        if (!cell) return;
        out.push({
          [t.rowDimension]: r,
          [t.columnDimension]: c,
          value: cell.value,
          status: cell.status,
          reason: cell.status === "suppressed" ? cell.reason : null,
        });
      }),
    );
    return out;
  }
  return (rows as readonly object[]).map((row) => {
    const out: TidyRow = {};
    flattenInto(out, "", row);
    return out;
  });
}
