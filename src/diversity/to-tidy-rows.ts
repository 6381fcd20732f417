import type { ProtectedTable } from "./schema.js";

/** A flat row: every value a string, number, boolean or null. */
export type TidyRow = Record<string, string | number | boolean | null>;

const TOTAL = "total";
const VERDICTS = new Set(["flagged", "not_flagged", "reference_group"]);

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
    // A metric flattens to <name>, <name>_lower, <name>_upper, <name>_status (computed or not_computable)
    // and <name>_reason (why not): one meaning per column.
    if ("computable" in (value as object)) {
      const m = value as Record<string, unknown>;
      out[prefix] = m.computable === true ? (m.value as number) : null;
      if (m.computable === true) {
        out[`${prefix}_lower`] = m.lower as number;
        out[`${prefix}_upper`] = m.upper as number;
      }
      out[`${prefix}_status`] = m.computable === true ? "computed" : "not_computable";
      out[`${prefix}_reason`] = m.computable === true ? null : (m.reason as string);
      return;
    }
    // A four-fifths verdict flattens to <name> (flagged, not_flagged or reference_group), its threshold,
    // and the same _status / _reason columns as when it is not computable.
    if (VERDICTS.has(cell.status as string) && "threshold" in cell) {
      out[prefix] = cell.status as string;
      out[`${prefix}_threshold`] = cell.threshold as number;
      out[`${prefix}_belowThresholdWithConfidence`] = cell.belowThresholdWithConfidence as boolean;
      out[`${prefix}_status`] = "computed";
      out[`${prefix}_reason`] = null;
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
 * joined with `_`; every row has the same columns (null where a row has no value). Each column means one
 * thing: a metric becomes `<name>`, `<name>_lower`, `<name>_upper`, `<name>_status` (`computed` or
 * `not_computable`) and `<name>_reason` (why not, e.g. `secret_statistique`; empty values, never NaN); a
 * four-fifths verdict becomes `<name>` (`flagged`, `not_flagged`, `reference_group`), its
 * `<name>_threshold` and the same `_status` / `_reason` columns. A protected count (as
 * in the report's rows) becomes `<name>` (empty when hidden), `<name>_status` and `<name>_reason`. A protected table
 * becomes one row per cell and margin (`total`), with `value` null and `status`/`reason` for suppressed
 * cells (never zero).
 *
 * @param rows - result rows of any metric, or a {@link ProtectedTable}
 * @returns flat rows, ready for JSON or {@link formatCsv}
 * @example
 * ```ts
 * import { toTidyRows } from "declics/diversity";
 *
 * toTidyRows([{ gender: "female", share: { computable: false, reason: "empty_group", message: "…" } }]);
 * // => [{ gender: "female", share: null, share_status: "not_computable", share_reason: "empty_group" }]
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
        const cell =
          i < t.rows.length
            ? j < t.columns.length
              ? t.cells[i]?.[j]
              : t.rowTotals[i]
            : j < t.columns.length
              ? t.columnTotals[j]
              : t.grandTotal;
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
  const flat = (rows as readonly object[]).map((row) => {
    const out: TidyRow = {};
    flattenInto(out, "", row);
    return out;
  });
  // Rectangular: a column one row has (an interval's bounds) is null, not missing, in the others.
  const columns = new Set<string>();
  for (const row of flat) for (const k of Object.keys(row)) columns.add(k);
  return flat.map((row) => {
    if (Object.keys(row).length === columns.size) return row;
    const full: TidyRow = {};
    for (const k of columns) full[k] = row[k] ?? null;
    return full;
  });
}
