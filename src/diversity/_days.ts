/**
 * Private: the calendar days of the diversity module. Every date input accepts `"YYYY-MM-DD"` or a `Date`;
 * a `Date` is an instant, read as a calendar day in a legal time zone:
 * - dates of the options (`referenceDate`, `start`, `deadline`, `checkpoints`) in the `timeZone` option
 *   (default Europe/Paris);
 * - dates of a record (`birthDate`, `stages[].on`) in the zone of the record's overseas département when
 *   it has one (971 Guadeloupe, 972 Martinique, 973 Guyane, 974 La Réunion, 976 Mayotte), else in the
 *   `timeZone` option: a date picker's local midnight in Saint-Denis de La Réunion is that day there.
 */
import { calendarDayIn, DayInputSchema, TimeZoneName } from "../_lib/calendar-day.js";

/** The default zone of Date inputs: mainland France's legal time. */
export const DEFAULT_TIME_ZONE = "Europe/Paris";

/** The options every function with date inputs takes for them. */
export const DayOptions = {
  /**
   * IANA time zone in which `Date` inputs are read as calendar days (default "Europe/Paris"); a record
   * with an overseas département is read in its own zone.
   */
  timeZone: TimeZoneName.default(DEFAULT_TIME_ZONE),
};

/** A date input of an option or a record: `"YYYY-MM-DD"` or a `Date`. */
export const DayInput = DayInputSchema;

const OVERSEAS: ReadonlyMap<string, string> = new Map([
  ["971", "America/Guadeloupe"],
  ["972", "America/Martinique"],
  ["973", "America/Cayenne"],
  ["974", "Indian/Reunion"],
  ["976", "Indian/Mayotte"],
]);

/** The zone a record's `Date` values are read in: its overseas département's, else the fallback. */
export function recordTimeZone(departement: string | undefined, fallback: string): string {
  return (departement !== undefined && OVERSEAS.get(departement)) || fallback;
}

/**
 * The `"YYYY-MM-DD"` of a record's date value in its zone, or null when it is neither a day string nor a
 * valid Date (the caller raises the error naming the record and the field).
 */
export function recordDay(value: unknown, departement: string | undefined, fallback: string): string | null {
  if (typeof value === "string") return DayInput.safeParse(value).success ? value : null;
  if (!DayInput.safeParse(value).success) return null;
  return calendarDayIn((value as Date).getTime(), recordTimeZone(departement, fallback)).iso;
}
