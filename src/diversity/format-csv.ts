import * as z from "zod/v4";
import { quoteCsvField } from "../_lib/csv.js";
import { parseWith } from "../_lib/parse.js";
import { toTidyRows, type TidyRow } from "./to-tidy-rows.js";
import type { ProtectedTable } from "./schema.js";

const Options = z.object({
  /** Field separator; default ",". French spreadsheets often want ";". */
  delimiter: z.enum([",", ";", "\t"]).default(","),
  /** Decimal separator for numbers; default ".". With ";" French users may want ",". */
  decimal: z.enum([".", ","]).default("."),
  /** Columns in order; default every column met, in order of first appearance. */
  columns: z.array(z.string()).optional(),
});

/** Options of {@link formatCsv}. */
export type FormatCsvOptions = z.input<typeof Options>;

/**
 * Writes result rows (or a protected table) as CSV (RFC 4180: CRLF line ends, fields with the
 * delimiter, a quote or a line break are quoted, quotes doubled). Rows are flattened first with
 * {@link toTidyRows}; empty fields stand for values that are not computable or suppressed, and the
 * `_status` / `reason` columns say why. Hand-written (a few lines) so that declics/diversity stays
 * isomorphic and small: csv-stringify pulls Node stream code.
 *
 * @param rows - result rows or a protected table
 * @param options - `delimiter`, `decimal`, `columns`
 * @returns the CSV text, header first
 * @throws {DeclicsError} `invalid_input` for bad options
 * @example
 * ```ts
 * import { formatCsv } from "declics/diversity";
 *
 * formatCsv([{ commune: "Toulouse, centre", count: 12 }]);
 * // => 'commune,count\r\n"Toulouse, centre",12\r\n'
 * ```
 * @category Output
 */
export function formatCsv(rows: readonly object[] | ProtectedTable, options: FormatCsvOptions = {}): string {
  const o = parseWith(Options, options, { module: "diversity", what: "CSV options" });
  const tidy: TidyRow[] = toTidyRows(rows);
  let columns = o.columns;
  if (columns === undefined) {
    const seen = new Set<string>();
    for (const row of tidy) for (const key of Object.keys(row)) seen.add(key);
    columns = [...seen];
  }
  const quote = (text: string): string => quoteCsvField(text, o.delimiter);
  const field = (value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") {
      const text = Number.isFinite(value) ? String(value) : "";
      return quote(o.decimal === "," ? text.replace(".", ",") : text);
    }
    return quote(String(value));
  };
  const lines = [columns.map((c) => quote(c)).join(o.delimiter)];
  for (const row of tidy) lines.push(columns.map((c) => field(row[c])).join(o.delimiter));
  return `${lines.join("\r\n")}\r\n`;
}
