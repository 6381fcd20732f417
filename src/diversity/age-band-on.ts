import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import type { AgeBand } from "../_lib/vocabulary.js";
import { CalendarDate as IsoDate } from "./_dates.js";
const Input = z.object({ birthDate: IsoDate, on: IsoDate }).refine((v) => v.birthDate <= v.on, {
  message: "the reference date must not be before the birth date",
  path: ["on"],
});

/** Age in completed years on `on`, both ISO dates already validated (private fast path). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // "MM-DD" strings compare like the dates they name; a 29 February birthday turns a year older on 1 March.
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Age band of an age in completed years (public employment service bands). */
export function bandOfAge(age: number): AgeBand {
  return age < 26 ? "under_26" : age < 50 ? "26_49" : "50_plus";
}

/**
 * The age band of a person on a reference date: under 26, 26 to 49, 50 and over (the bands of the
 * public employment service's statistics). The date is an input: the library has no hidden clock.
 *
 * @param birthDate - birth date, `YYYY-MM-DD`
 * @param on - reference date, `YYYY-MM-DD` (e.g. the cohort's start)
 * @returns the age band on that date
 * @throws {DeclicsError} `invalid_input` when a date is malformed or `on` is before `birthDate`
 * @example
 * ```ts
 * import { ageBandOn } from "declics/diversity";
 *
 * ageBandOn("1994-09-29", "2020-09-28");
 * // => "under_26"
 * ```
 * @category Records
 */
export function ageBandOn(birthDate: string, on: string): AgeBand {
  const v = parseWith(Input, { birthDate, on }, { module: "diversity", what: "age band dates" });
  return bandOfAge(ageOn(v.birthDate, v.on));
}
