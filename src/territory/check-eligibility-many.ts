import { DeclicsError, isDeclicsError } from "../errors.js";
import { contextOf, type CheckEligibilityOptions } from "./_options.js";
import { answerSync, parseSubject } from "./_subject.js";
import type { AddressSubject, EligibilityResult } from "./schema.js";
import type { SyncEligibilitySubject } from "./check-eligibility.js";

/** One row of {@link checkEligibilityMany}: the answer, or the error that row alone raised. */
export type EligibilityRow =
  | { readonly index: number; readonly ok: true; readonly result: EligibilityResult }
  | { readonly index: number; readonly ok: false; readonly error: DeclicsError };

/**
 * Checks many subjects at once, synchronously, for one date and policy. Returns exactly one row per input, in
 * input order; a bad row (NaN, swapped coordinates, unknown code...) becomes `{ ok: false, error }` and never
 * throws away the batch. Address subjects need a network round trip: they come back as `geocoder_unavailable`
 * rows (geocode first, or call `checkEligibility` per address). For millions of points, see
 * `checkEligibilityBatch`, which answers into typed arrays.
 *
 * @param subjects - any iterable of subjects (points, Lambert-93 points, codes, postcodes)
 * @param options - `on`, `data`, optional `policy`
 * @returns one row per subject, in order: `{ index, ok: true, result }` or `{ index, ok: false, error }`
 * @throws {DeclicsError} `invalid_input` when the options are invalid (rows never throw)
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibilityMany } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const rows = checkEligibilityMany([{ lon: 1.4025, lat: 43.5712 }, { codeInsee: "nope" }], { on: new Date("2024-05-01"), data });
 * rows.map((row) => (row.ok ? row.result.status : row.error.code));
 * // => ["eligible", "malformed_code"]
 * ```
 * @category Eligibility
 */
export function checkEligibilityMany(
  subjects: Iterable<SyncEligibilitySubject | AddressSubject>,
  options: Omit<CheckEligibilityOptions, "geocoder">,
): EligibilityRow[] {
  const { ctx } = contextOf(options);
  const rows: EligibilityRow[] = [];
  let index = 0;
  for (const subject of subjects) {
    try {
      const parsed = parseSubject(subject);
      if (parsed.kind === "address") {
        throw new DeclicsError({
          code: "geocoder_unavailable",
          module: "territory",
          message: `checkEligibilityMany est synchrone et ne géocode pas : attendu un point, un code INSEE ou un code postal, reçu l'adresse ${JSON.stringify(parsed.address)}. Géocodez d'abord, ou utilisez checkEligibility.`,
          details: { address: parsed.address, reason: "checkEligibilityMany does not geocode" },
        });
      }
      rows.push({ index, ok: true, result: answerSync(ctx, parsed) });
    } catch (error) {
      if (!isDeclicsError(error)) throw error;
      rows.push({ index, ok: false, error });
    }
    index++;
  }
  return rows;
}
