import { parseWith, type SafeParseResult, safeParseWith } from "../_lib/parse.js";
import { Cohort } from "./schema.js";

/**
 * Reads a cohort (participants, resources, start date, calendar zone, time zone, opening hours) and
 * checks it: every field, calendar dates that exist, a known IANA time zone, unique participant and
 * resource ids. Defaults are filled in (mainland calendar, 09:00–17:30 with a 12:30–13:30 break).
 *
 * @param input - the cohort as data
 * @returns the cohort, typed and complete
 * @throws {DeclicsError} `invalid_input` naming each faulty field (e.g. `participants.12.unavailableDays.0`)
 * @example
 * ```ts
 * import { parseCohort } from "declics/curriculum";
 *
 * parseCohort({ id: "c", title: "C", startDate: "2020-09-28", participants: [], resources: [] }).calendarZone;
 * // => "mainland"
 * ```
 * @category Planning
 */
export function parseCohort(input: unknown): Cohort {
  return parseWith(Cohort, input, { module: "curriculum", what: "cohort" });
}

/**
 * Like {@link parseCohort}, returning `{ success, data }` or `{ success, error }` instead of throwing.
 *
 * @param input - the cohort as data
 * @returns the result; `error` is the `DeclicsError` (`invalid_input`) parseCohort would throw
 * @example
 * ```ts
 * import { safeParseCohort } from "declics/curriculum";
 *
 * safeParseCohort({ id: "c", title: "C", startDate: "2020-02-30", participants: [], resources: [] }).success;
 * // => false
 * ```
 * @category Planning
 */
export function safeParseCohort(input: unknown): SafeParseResult<Cohort> {
  return safeParseWith(Cohort, input, { module: "curriculum", what: "cohort" });
}
