import { tzOffset } from "@date-fns/tz/tzOffset";
import { DeclicsError, type DeclicsModule } from "../errors.js";
import { describeValue } from "./parse.js";

/**
 * Calendar days, the unit legal rules apply in. A day is `"YYYY-MM-DD"`; a `Date` is an instant, which
 * becomes a day only in a time zone (the legal time of the territory it concerns). Shared by the modules
 * that take dates, so that they all accept the same two forms and refuse the same malformed ones.
 * @module
 */

/** A calendar day: its ISO form and its number yyyymmdd (ordered like the days). */
export interface CalendarDay {
  /** `"YYYY-MM-DD"`. */
  readonly iso: string;
  /** y * 10000 + m * 100 + d, e.g. 20250101. */
  readonly num: number;
}

/** A date input as a module receives it: a calendar day string, or an instant. */
export type DayInput = string | Date;

/** A date input read at the boundary: a calendar day, or an instant (milliseconds since the epoch). */
export type ReadDay =
  { readonly kind: "day"; readonly day: CalendarDay } | { readonly kind: "instant"; readonly time: number };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day of y, m, d (m and d 1-based), trusted to exist. */
export function calendarDayOf(y: number, m: number, d: number): CalendarDay {
  return {
    iso: `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
    num: y * 10000 + m * 100 + d,
  };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Parses a strict `"YYYY-MM-DD"` that exists in the Gregorian calendar ("2025-02-30" does not); null otherwise. */
export function parseCalendarDay(text: string): CalendarDay | null {
  const match = ISO_DAY.exec(text);
  if (match === null) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  // Not date-fns' isExists: it reads years 0-99 as 1900-1999.
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return calendarDayOf(y, m, d);
}

/**
 * The calendar day of an instant in an IANA time zone (daylight saving included), e.g. the day in
 * Indian/Reunion of `new Date("2024-12-31T21:00:00Z")` is 2025-01-01. The instant must be at least a day
 * inside the range of JavaScript dates (callers check their own, narrower range first).
 */
export function calendarDayIn(time: number, timeZone: string): CalendarDay {
  const local = new Date(time + tzOffset(timeZone, new Date(time)) * 60_000);
  return calendarDayOf(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

/** Milliseconds at 00:00 UTC of a day. */
export function utcMidnightOf(day: CalendarDay): number {
  const y = Math.floor(day.num / 10000);
  const m = Math.floor(day.num / 100) % 100;
  const d = day.num % 100;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function isDateLike(value: unknown): value is Date {
  // `instanceof Date` fails across realms (iframes, vm); Object.prototype.toString does not, and cannot be
  // fooled by an object whose own getters throw.
  return Object.prototype.toString.call(value) === "[object Date]";
}

/** Describes any value for a message, even one whose getters or toString throw. */
function safeDescribe(value: unknown): string {
  try {
    return describeValue(value);
  } catch {
    return typeof value;
  }
}

/**
 * Reads a date input at a module boundary: a `"YYYY-MM-DD"` that exists, or a valid `Date`. Anything else
 * (a malformed or impossible day such as "2025-02-30" or "1/5/2025", an Invalid Date, a number, a Date-like
 * object) throws `invalid_input` naming the field.
 */
export function readDayInput(value: unknown, field: string, module: DeclicsModule): ReadDay {
  if (typeof value === "string") {
    const day = parseCalendarDay(value);
    if (day !== null) return { kind: "day", day };
  } else if (isDateLike(value)) {
    const time = Date.prototype.getTime.call(value);
    if (Number.isFinite(time)) return { kind: "instant", time };
  }
  const received = safeDescribe(value);
  throw new DeclicsError({
    code: "invalid_input",
    module,
    details: { what: field, issues: [{ path: field, expected: { kind: "calendar_day" }, received }] },
  });
}

/** The `date_out_of_range` error for a day (or an instant) outside [from, to]. */
export function dayOutOfRange(
  field: string,
  module: DeclicsModule,
  received: string,
  from: string,
  to: string,
  timeZone: string | null,
): DeclicsError<"date_out_of_range"> {
  return new DeclicsError({
    code: "date_out_of_range",
    module,
    details: { field, received, from, to, timeZone },
  });
}
