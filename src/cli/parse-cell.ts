/**
 * Reads numbers and dates as French spreadsheets write them.
 * @module
 */

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * Parses a number written with a dot or a comma as the decimal separator, with optional spaces (also
 * non-breaking) as thousands separators. Anything else is `NaN`.
 *
 * @param cell - the cell text
 * @returns the number, or NaN
 * @example
 * ```ts
 * parseDecimal("43,5712"); // => 43.5712
 * parseDecimal("570 478,21"); // => 570478.21
 * parseDecimal("n/a"); // => NaN
 * ```
 */
export function parseDecimal(cell: string): number {
  // Fast path (the hot loop of the bulk command): plain numbers, with a dot or one decimal comma.
  const plain = cell.indexOf(",") >= 0 ? cell.replace(",", ".") : cell;
  const fast = Number(plain);
  if (Number.isFinite(fast) && fast !== 0 && !/[xXbBoO]/.test(plain)) return fast;
  return parseDecimalSlow(cell);
}

function parseDecimalSlow(cell: string): number {
  let text = cell.trim();
  if (text === "") return Number.NaN;
  if (text.indexOf(",") >= 0) {
    // "1,234.5" is ambiguous; refuse rather than guess.
    if (text.indexOf(".") >= 0) return Number.NaN;
    text = text.replace(",", ".");
  }
  if (text.indexOf(" ") >= 0 || text.indexOf("\u00a0") >= 0 || text.indexOf("\u202f") >= 0) text = text.replace(/[ \u00a0\u202f]/g, "");
  return NUMBER.test(text) ? Number(text) : Number.NaN;
}

/**
 * Parses a calendar date written `YYYY-MM-DD` or the French way `DD/MM/YYYY` (also `DD-MM-YYYY`,
 * `DD.MM.YYYY`), optionally followed by a time that is ignored. Returns the ISO date, or null when the
 * text is not a real date.
 *
 * @param cell - the cell text
 * @returns `YYYY-MM-DD` or null
 * @example
 * ```ts
 * parseCalendarDate("01/05/2024"); // => "2024-05-01"
 * parseCalendarDate("2024-02-30"); // => null
 * ```
 */
export function parseCalendarDate(cell: string): string | null {
  const text = cell.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$/.exec(text);
    if (!match) return null;
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
