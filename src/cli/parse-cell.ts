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
  // Fastest path (the hot loop of the bulk command): `-?digits[.,]digits` with at most 15 significant digits,
  // read without allocating. An integer below 2^53 divided by an exact power of ten (<= 10^22) is correctly
  // rounded, so the result is the same double as Number() gives for the same text.
  const exact = readPlainDecimal(cell);
  if (exact === exact) return exact;
  const plain = cell.indexOf(",") >= 0 ? cell.replace(",", ".") : cell;
  const fast = Number(plain);
  if (Number.isFinite(fast) && fast !== 0 && !/[xXbBoO]/.test(plain)) return fast;
  return parseDecimalSlow(cell);
}

const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** `-?d+([.,]d+)?` with at most 15 digits and a non-zero value, or NaN (then the general paths decide). */
function readPlainDecimal(cell: string): number {
  const length = cell.length;
  let k = 0;
  let negative = false;
  if (length > 0 && cell.charCodeAt(0) === 45) {
    negative = true;
    k = 1;
  }
  const start = k;
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; k < length; k++) {
    const c = cell.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (decimals >= 0) decimals++;
    } else if ((c === 46 || c === 44) && decimals < 0 && k > start) decimals = 0;
    else return Number.NaN;
  }
  if (digits === 0 || digits > 15 || decimals === 0 || mantissa === 0) return Number.NaN;
  const value = decimals > 0 ? mantissa / (POWERS_OF_TEN[decimals] as number) : mantissa;
  return negative ? -value : value;
}

function parseDecimalSlow(cell: string): number {
  let text = cell.trim();
  if (text === "") return Number.NaN;
  if (text.indexOf(",") >= 0) {
    // "1,234.5" is ambiguous; refuse rather than guess.
    if (text.indexOf(".") >= 0) return Number.NaN;
    text = text.replace(",", ".");
  }
  if (text.indexOf(" ") >= 0 || text.indexOf("\u00a0") >= 0 || text.indexOf("\u202f") >= 0)
    text = text.replace(/[ \u00a0\u202f]/g, "");
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
