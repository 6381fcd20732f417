/**
 * Writing CSV fields (RFC 4180), the one quoter of the library: the CLI's bulk output and diversity's
 * `formatCsv` both use it. Reading is csv-parse's job (CLI only); writing is this small function because
 * csv-stringify pulls Node stream code and costs four times the rest of the CLI pipeline.
 *
 * A field is written as data: one that looks like a spreadsheet formula (`=SUM(A1)`, `+33…`, `-1`, `@x`)
 * is not altered, since prefixing it would change the values (negative numbers, phone numbers) for every
 * program that reads the file; the guides tell readers to import CSV as text in spreadsheets.
 * @module
 */

const SPECIAL_SEMICOLON = /[";\r\n]/;
const SPECIAL_COMMA = /[",\r\n]/;
const SPECIAL_TAB = /["\t\r\n]/;

/** The test of the characters that force quoting, for the usual delimiters (null for any other). */
export function csvSpecialCharacters(delimiter: string): RegExp | null {
  return delimiter === ";"
    ? SPECIAL_SEMICOLON
    : delimiter === ","
      ? SPECIAL_COMMA
      : delimiter === "\t"
        ? SPECIAL_TAB
        : null;
}

/**
 * Quotes a field when it holds the delimiter, a quote or a line break (RFC 4180), doubling inner quotes.
 *
 * @param value - the field
 * @param delimiter - the file's delimiter
 * @returns the field as written in the file
 * @example
 * ```ts
 * quoteCsvField('Dupont; "Jo"', ";"); // => "\"Dupont; \"\"Jo\"\"\""
 * ```
 */
export function quoteCsvField(value: string, delimiter: string): string {
  const special = csvSpecialCharacters(delimiter);
  const needs = special !== null ? special.test(value) : value.includes(delimiter) || /["\r\n]/.test(value);
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}
