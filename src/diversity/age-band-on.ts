import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { bandOfAge, type AgeBand } from "../_lib/vocabulary.js";
import { dayUsed } from "../_lib/calendar-day.js";
import { DayInput, DayOptions } from "./_days.js";

const Options = z.object(DayOptions);

/** Options of {@link ageBandOn}. */
export type AgeBandOnOptions = z.input<typeof Options>;

const Input = Options.extend({ birthDate: DayInput, on: DayInput })
  .transform((v) => ({ birthDate: dayUsed(v.birthDate, v.timeZone).day, on: dayUsed(v.on, v.timeZone).day }))
  .refine((v) => v.birthDate <= v.on, {
    ...expecting(
      "a reference date on or after the birth date",
      "une date de référence égale ou postérieure à la date de naissance",
    ),
    path: ["on"],
  });

/** Age in completed years on `on`, both ISO dates already validated (private fast path). */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // "MM-DD" strings compare like the dates they name; a 29 February birthday turns a year older on 1 March.
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The age band of a person on a reference date: under 26, 26 to 49, 50 and over (the bands of the
 * public employment service's statistics). The date is an input: the library has no hidden clock.
 *
 * @param birthDate - birth date, `"YYYY-MM-DD"` or a `Date`
 * @param on - reference date, `"YYYY-MM-DD"` or a `Date` (e.g. the cohort's start)
 * @param options - `timeZone`: the IANA zone a `Date` is read in as a calendar day (default "Europe/Paris")
 * @returns the age band on that date
 * @throws {DeclicsError} `invalid_input` when a date is malformed (naming it) or `on` is before `birthDate`
 * @example
 * ```ts
 * import { ageBandOn } from "declics/diversity";
 *
 * ageBandOn("1994-09-29", "2020-09-28");
 * // => "under_26"
 * // Local midnight of 29 September 2020 in La Réunion is still the 28th in Paris:
 * ageBandOn("1994-09-29", new Date("2020-09-28T20:00:00Z"), { timeZone: "Indian/Reunion" });
 * // => "26_49"
 * ```
 * @category Records
 */
export function ageBandOn(birthDate: string | Date, on: string | Date, options: AgeBandOnOptions = {}): AgeBand {
  const input = { ...(options as object), birthDate, on };
  const v = parseWith(Input, input, { module: "diversity", what: "age band dates" });
  return bandOfAge(ageOn(v.birthDate, v.on));
}
