import * as z from "zod/v4";
import { DeclicsError, isDeclicsError } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue } from "../_lib/parse.js";
import { ELIGIBILITY_OPTION_FIELDS, contextOf } from "./_options.js";
import { answerSync, parseSubject } from "./_subject.js";
import type { AddressSubject, EligibilityResult } from "./schema.js";
import type { SyncEligibilitySubject } from "./check-eligibility.js";

const Options = z.object(ELIGIBILITY_OPTION_FIELDS);

/** Options of {@link checkEligibilityMany}: those of `checkEligibility` without the geocoder (`on`, `data`, `policy`). */
export type CheckEligibilityManyOptions = z.input<typeof Options>;

/** One row of {@link checkEligibilityMany}: the answer, or the error that row alone raised. */
export type EligibilityRow =
  | { readonly index: number; readonly ok: true; readonly result: EligibilityResult }
  | { readonly index: number; readonly ok: false; readonly error: DeclicsError };

/**
 * Checks many subjects at once, synchronously, for one date and policy. Returns exactly one row per input, in
 * input order; a bad row (NaN, swapped coordinates, unknown code...) becomes `{ ok: false, error }` and never
 * throws away the batch. Address subjects need a network round trip: they come back as `geocoder_unavailable`
 * rows (geocode first, or call `checkEligibility` per address). For millions of points, see
 * `checkEligibilityColumns`, which answers columns of coordinates into typed arrays.
 *
 * @param subjects - any iterable of subjects (points, Lambert-93 points, codes, postcodes)
 * @param options - `on`, `data`, optional `policy`
 * @returns one row per subject, in order: `{ index, ok: true, result }` or `{ index, ok: false, error }`
 * @throws {DeclicsError} `invalid_input` when the options are invalid or `subjects` is not iterable;
 *   `date_out_of_range` for a day outside ELIGIBILITY_DATE_RANGE (rows never throw)
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibilityMany } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const rows = checkEligibilityMany([{ lon: 1.4025, lat: 43.5712 }, { codeInsee: "nope" }], { on: "2024-05-01", data });
 * rows.map((row) => (row.ok ? row.result.status : row.error.code));
 * // => ["eligible", "malformed_code"]
 * ```
 * @category Eligibility
 */
export function checkEligibilityMany(
  subjects: Iterable<SyncEligibilitySubject | AddressSubject>,
  options: CheckEligibilityManyOptions,
): EligibilityRow[] {
  const { plan } = contextOf(options, Options);
  const rows: EligibilityRow[] = [];
  let index = 0;
  for (const subject of iterableOf(subjects)) {
    try {
      const parsed = parseSubject(subject);
      if (parsed.kind === "address") {
        throw territoryError({
          code: "geocoder_unavailable",
          module: "territory",
          details: { address: parsed.address, reason: "sync_call" },
        });
      }
      rows.push({ index, ok: true, result: answerSync(plan, parsed) });
    } catch (error) {
      rows.push(failedRow(index, error));
    }
    index++;
  }
  return rows;
}

/** The row of a subject whose answer failed: a DeclicsError is that row's alone; any other error is a bug and escapes. */
export function failedRow(index: number, error: unknown): EligibilityRow {
  if (!isDeclicsError(error)) throw error;
  return { index, ok: false, error };
}

/** The subjects as an iterable, or `invalid_input` naming what arrived (a non-iterable, a string). */
function iterableOf(subjects: unknown): Iterable<unknown> {
  if (
    typeof subjects === "object" &&
    subjects !== null &&
    typeof (subjects as { [Symbol.iterator]?: unknown })[Symbol.iterator] === "function"
  ) {
    return subjects as Iterable<unknown>;
  }
  const received = describeValue(subjects);
  throw territoryError({
    code: "invalid_input",
    module: "territory",
    details: { what: "subjects", issues: [{ path: "", expected: { kind: "type", type: "iterable" }, received }] },
  });
}
