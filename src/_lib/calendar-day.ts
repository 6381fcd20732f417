import { tzOffset } from "@date-fns/tz/tzOffset";
import * as z from "zod/v4";
import { DeclicsError, type DeclicsModule } from "../errors.js";
import { coreError } from "./core-error.js";
import { expecting } from "./messages/vocabulary.js";
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

function digitsAt(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * Whether a string is a strict `"YYYY-MM-DD"` that exists in the Gregorian calendar. Reads character
 * codes and allocates nothing: the diversity module calls it once per record of a million-row export.
 */
export function isCalendarDay(text: string): boolean {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const y = digitsAt(text, 0, 4);
  const m = digitsAt(text, 5, 7);
  const d = digitsAt(text, 8, 10);
  return y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/**
 * The one schema of a calendar day string, `"YYYY-MM-DD"` that exists (no "2025-02-30", no "1/5/2025").
 * Every module's schemas use it, so that they all accept and refuse the same days.
 */
export const IsoDate = z
  .string()
  .regex(ISO_DAY, "a calendar date YYYY-MM-DD such as 2025-01-01")
  .refine(
    isCalendarDay,
    expecting(
      "a calendar date YYYY-MM-DD that exists (month 01-12, a day of that month)",
      "une date AAAA-MM-JJ qui existe (mois de 01 à 12, jour de ce mois)",
    ),
  );
export type IsoDate = z.infer<typeof IsoDate>;

/** Whether this runtime knows an IANA time zone name (Intl throws a RangeError for an unknown one). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name this runtime knows, e.g. "Europe/Paris", "Indian/Reunion". */
export const TimeZoneName = z
  .string()
  .refine(
    isTimeZone,
    expecting("an IANA time zone such as Europe/Paris", "un fuseau horaire IANA tel que Europe/Paris"),
  );

/** What {@link DayInputSchema} accepts, in its message. */
const DAY_INPUT = 'a calendar day "YYYY-MM-DD" that exists (e.g. "2025-01-01") or a valid Date';

/**
 * The schema of a date input inside an options or record schema: a `"YYYY-MM-DD"` that exists or a valid
 * `Date` (kept as given: {@link dayUsed} reads it in the zone that applies). Anything else is refused with
 * a message naming both accepted forms.
 */
export const DayInputSchema = z.custom<string | Date>(
  (value) => (typeof value === "string" ? isCalendarDay(value) : inDayRange(timeOf(value))),
  { message: DAY_INPUT, params: { expected: { kind: "calendar_day" } } },
);

/** The calendar day a date input stood for; `timeZone` is the zone an instant (`Date`) was read in. */
export interface DayUsed {
  /** `"YYYY-MM-DD"`. */
  readonly day: string;
  /** Present when the input was a `Date`: the IANA zone its calendar day was read in. */
  readonly timeZone?: string;
}

/**
 * The calendar day of a validated date input: a day string is that day, a `Date` is the day it falls on in
 * `timeZone` (for instance `new Date("2024-12-31T21:00:00Z")` is 2025-01-01 in Indian/Reunion).
 */
export function dayUsed(value: string | Date, timeZone: string): DayUsed {
  if (typeof value === "string") return { day: value };
  return { day: calendarDayIn(timeOf(value), timeZone).iso, timeZone };
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

// From 0001-01-02 to 9999-12-30 UTC: every zone then reads a day of years 1 to 9999, written YYYY-MM-DD.
const FIRST_TIME = -62_135_596_800_000 + 86_400_000;
const LAST_TIME = 253_402_300_799_999 - 86_400_000;

function inDayRange(time: number): boolean {
  return time >= FIRST_TIME && time <= LAST_TIME;
}

/** The time of a real Date (NaN for an Invalid Date, or for anything else, even an object posing as a Date). */
function timeOf(value: unknown): number {
  if (!isDateLike(value)) return Number.NaN;
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    return Number.NaN;
  }
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
 * object) throws `invalid_input` naming the field. With `fourDigitYears`, a `Date` whose day could fall
 * outside years 0001-9999 is refused too (for callers with no narrower range of their own).
 */
export function readDayInput(value: unknown, field: string, module: DeclicsModule, fourDigitYears = false): ReadDay {
  if (typeof value === "string") {
    const day = parseCalendarDay(value);
    if (day !== null) return { kind: "day", day };
  } else if (isDateLike(value)) {
    const time = Date.prototype.getTime.call(value);
    if (fourDigitYears ? isDayInput(value) : Number.isFinite(time)) return { kind: "instant", time };
  }
  const received = safeDescribe(value);
  throw coreError({
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
  return coreError({
    code: "date_out_of_range",
    module,
    details: { field, received, from, to, timeZone },
  });
}

/** Instants from 0001-01-03 to 9999-12-29 UTC: whatever the time zone, their day has a four-digit year. */
const FIRST_DAY_INSTANT = -62_135_596_800_000 + 2 * 86_400_000;
const LAST_DAY_INSTANT = 253_402_300_799_999 - 2 * 86_400_000;

/**
 * Whether a value is a day input {@link readDayInput} accepts, for schemas that check it in place: a
 * `"YYYY-MM-DD"` that exists, or a valid `Date` whose day, in any time zone, has a four-digit year.
 */
export function isDayInput(value: unknown): value is DayInput {
  if (typeof value === "string") return parseCalendarDay(value) !== null;
  if (!isDateLike(value)) return false;
  const time = Date.prototype.getTime.call(value);
  return time >= FIRST_DAY_INSTANT && time <= LAST_DAY_INSTANT;
}

/** The calendar day of a day input that {@link isDayInput} accepted: a day string as is, a `Date` read in `timeZone`. */
export function dayOfInput(value: DayInput, timeZone: string): CalendarDay {
  if (typeof value === "string") return parseCalendarDay(value) as CalendarDay;
  return calendarDayIn(Date.prototype.getTime.call(value), timeZone);
}
