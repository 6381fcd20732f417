import * as z from "zod/v4";
import { calendarDayIn, readDayInput } from "../_lib/calendar-day.js";
import { parseWith } from "../_lib/parse.js";
import { CalendarZone } from "../_lib/vocabulary.js";
import { isoToDay, isWorkingDayNumber, ZONE_TIME_ZONES } from "./_calendar.js";
import { TimeZoneName } from "./schema.js";

const Args = z.object({ zone: CalendarZone, timeZone: TimeZoneName.optional() });

/** Options of {@link isWorkingDay}. */
export interface IsWorkingDayOptions {
  /** Time zone in which a `Date` instant is read as a calendar day (default: the zone's own). */
  readonly timeZone?: string;
}

/**
 * Whether a day is a working day in a calendar zone: Monday to Friday and not one of the zone's public
 * holidays. A calendar day `"YYYY-MM-DD"` is taken as is; a `Date` is an instant, read as the day it is
 * in the zone's legal time zone (Europe/Paris, Indian/Reunion, Pacific/Tahiti…, or `options.timeZone`),
 * never in the process time zone.
 *
 * @param date - a calendar day `"YYYY-MM-DD"`, or a `Date`
 * @param zone - the calendar zone (default `mainland`)
 * @param options - {@link IsWorkingDayOptions}
 * @returns true on a working day
 * @throws {DeclicsError} `invalid_input` for a malformed day (`"2025-02-30"`, `"1/5/2025"`: field
 *   `date`), an unknown zone or time zone
 * @example
 * ```ts
 * import { isWorkingDay } from "declics/curriculum";
 *
 * isWorkingDay("2024-05-09"); // Ascension
 * // => false
 * isWorkingDay("2020-12-26", "alsace_moselle");
 * // => false
 * ```
 * @category Calendars
 */
export function isWorkingDay(
  date: string | Date,
  zone: CalendarZone = "mainland",
  options: IsWorkingDayOptions = {},
): boolean {
  const read = readDayInput(date, "date", "curriculum", true);
  const args = parseWith(
    Args,
    { zone, timeZone: options.timeZone },
    { module: "curriculum", what: "isWorkingDay arguments" },
  );
  const day = read.kind === "day" ? read.day : calendarDayIn(read.time, args.timeZone ?? ZONE_TIME_ZONES[args.zone]);
  return isWorkingDayNumber(isoToDay(day.iso), args.zone);
}
