/**
 * `--excel-safe`: neutralises cells a spreadsheet would run as formulas (CSV injection, OWASP).
 * @module
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Prefixes with `'` a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return, as OWASP advises
 * for CSV files opened in spreadsheets, so that Excel or LibreOffice shows it as text instead of running it.
 * A plain number (`-1.5536`, `+33`) is left alone: it cannot be a formula, and coordinates west of Greenwich
 * must stay numbers. The trade-off: the output no longer holds the input's cells byte for byte (those cells
 * gain a `'`), so only use it for files that people will open in a spreadsheet.
 *
 * @param cell - the cell (carried or text: the first character is ASCII either way)
 * @returns the cell, prefixed when it could start a formula
 * @example
 * ```ts
 * excelSafeCell("=HYPERLINK(\"http://x\")"); // => "'=HYPERLINK(\"http://x\")"
 * excelSafeCell("-1.5536"); // => "-1.5536"
 * ```
 */
export function excelSafeCell(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
