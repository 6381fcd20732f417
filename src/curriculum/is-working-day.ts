import { tz } from "@date-fns/tz";
import { format } from "date-fns";
import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { CalendarZone } from "../_lib/vocabulary.js";
import { isoToDay, isWorkingDayNumber, ZONE_TIME_ZONES } from "./_calendar.js";
import { IsoDate, TimeZoneName } from "./schema.js";

const Args = z.object({
  date: z.union([IsoDate, z.date().refine((d) => !Number.isNaN(d.getTime()), "a valid Date")]),
  zone: CalendarZone,
  timeZone: TimeZoneName.optional(),
});

/** Options of {@link isWorkingDay}. */
export interface IsWorkingDayOptions {
  /** Time zone in which a `Date` instant is read as a calendar day (default: the zone's own). */
  readonly timeZone?: string;
}

/**
 * Whether a day is a working day in a calendar zone: Monday to Friday and not one of the zone's public
 * holidays. A calendar date string is taken as is; a `Date` is an instant, read as a day in the zone's
 * time zone (or `options.timeZone`), never in the process time zone.
 *
 * @param date - a calendar date `YYYY-MM-DD`, or a `Date`
 * @param zone - the calendar zone (default `mainland`)
 * @param options - {@link IsWorkingDayOptions}
 * @returns true on a working day
 * @throws {DeclicsError} `invalid_input` for a malformed date, an unknown zone or time zone
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
  const args = parseWith(
    Args,
    { date, zone, timeZone: options.timeZone },
    { module: "curriculum", what: "isWorkingDay arguments" },
  );
  const iso =
    typeof args.date === "string"
      ? args.date
      : format(args.date, "yyyy-MM-dd", { in: tz(args.timeZone ?? ZONE_TIME_ZONES[args.zone]) });
  return isWorkingDayNumber(isoToDay(iso), args.zone);
}
