import { dayOfInput, isDayInput } from "../_lib/calendar-day.js";
import { CalendarZone } from "../_lib/vocabulary.js";
import { ZONE_TIME_ZONES } from "./_calendar.js";

/**
 * Calendar days at the curriculum's boundary. Every date a user gives is a calendar day `"YYYY-MM-DD"` or
 * a `Date`; a `Date` is an instant, read here as the day it is in the cohort's legal time zone (the
 * cohort's `timeZone`, else its calendar zone's: Europe/Paris, Indian/Reunion, Pacific/Tahiti…), before
 * the zod schemas check the days. Each `Date` read is recorded (field, instant, day, time zone) so that
 * results can say which day they used.
 */

/** A `Date` input read as a calendar day: where it was, the instant, the day, and the time zone used. */
export interface DateReading {
  /** Path of the field, e.g. `startDate`, `participants.3.unavailableDays.0`, `change.date`. */
  readonly field: string;
  /** The instant received, ISO 8601 in UTC. */
  readonly instant: string;
  /** The calendar day it is in `timeZone`. */
  readonly day: string;
  readonly timeZone: string;
}

function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * The time zone a cohort's dates are read in, from its raw (not yet validated) fields: `timeZone`, else
 * the calendar zone's own (mainland by default); null when neither is valid (the schema then says so).
 */
export function cohortTimeZone(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { timeZone, calendarZone } = raw as { timeZone?: unknown; calendarZone?: unknown };
  if (timeZone !== undefined) return isTimeZone(timeZone) ? timeZone : null;
  const zone = CalendarZone.safeParse(calendarZone ?? "mainland");
  return zone.success ? ZONE_TIME_ZONES[zone.data] : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Replaces each valid `Date` found at `paths` (dot paths, `*` for every array item) by its calendar day in
 * `timeZone`, appending one reading per `Date` to `out`. Copies only what it changes; never mutates the
 * input. Anything else (strings, malformed values) is left for the schema to accept or refuse.
 */
export function readDatesAt(
  value: unknown,
  paths: readonly string[],
  timeZone: string,
  out: DateReading[],
  prefix = "",
): unknown {
  let result = value;
  const at: (string | number)[] = prefix === "" ? [] : [prefix];
  for (const path of paths) result = readAt(result, path.split("."), 0, { timeZone, out, at });
  return result;
}

interface Walk {
  readonly timeZone: string;
  readonly out: DateReading[];
  /** The keys from the root to the value being read (the field's path is built only for a Date). */
  readonly at: (string | number)[];
}

function readAt(value: unknown, path: readonly string[], depth: number, walk: Walk): unknown {
  if (depth === path.length) {
    if (typeof value === "string" || !isDayInput(value)) return value;
    const day = dayOfInput(value, walk.timeZone).iso;
    const instant = new Date(Date.prototype.getTime.call(value)).toISOString();
    walk.out.push({ field: walk.at.join("."), instant, day, timeZone: walk.timeZone });
    return day;
  }
  const head = path[depth] as string;
  if (head === "*") {
    if (!Array.isArray(value)) return value;
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      walk.at.push(i);
      const next = readAt(item, path, depth + 1, walk);
      walk.at.pop();
      if (next !== item) (copy ??= [...(value as unknown[])])[i] = next;
    }
    return copy ?? value;
  }
  if (!isRecord(value) || !Object.prototype.hasOwnProperty.call(value, head)) return value;
  const item = value[head];
  walk.at.push(head);
  const next = readAt(item, path, depth + 1, walk);
  walk.at.pop();
  return next === item ? value : { ...value, [head]: next };
}

/** The date fields of a participant, of a resource and of a cohort, as paths for {@link readDatesAt}. */
export const PARTICIPANT_DATES = ["unavailableDays.*", "registeredOn", "withdrawnOn"] as const;
const RESOURCE_DATES = ["availableDays.*", "unavailableDays.*"] as const;
export const COHORT_DATES = [
  "startDate",
  "closedDays.*",
  ...PARTICIPANT_DATES.map((p) => `participants.*.${p}`),
  ...RESOURCE_DATES.map((p) => `resources.*.${p}`),
] as const;
