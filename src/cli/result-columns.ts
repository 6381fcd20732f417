import type { EligibilityResult } from "../territory/index.js";

/**
 * The columns the `eligibility` command appends to every row, and how a result fills them.
 * @module
 */

/** Output columns appended after the input's own columns, in this order. */
export const RESULT_COLUMNS = [
  "status",
  "qpv_code",
  "qpv_name",
  "rural_regime",
  "rural_status",
  "commune_code",
  "commune_name",
  "distance_m",
  "reason",
] as const;

/** The status written for a row that could not be decided (bad or missing input). */
export const ERROR_STATUS = "error";

/** Separator between several reason codes in the `reason` column. */
export const REASON_SEPARATOR = "|";

/**
 * The output fields of one decided row: status, QPV code and name (the zone the point is in, or the one
 * whose edge is within the tolerance), rural regime and status, commune, distance in whole metres to the
 * nearest QPV edge, and the reason codes joined by `|`.
 *
 * @param result - the engine's answer
 * @returns the nine fields, in {@link RESULT_COLUMNS} order
 * @example
 * ```ts
 * resultFields(result); // => ["eligible", "QN03107M", "Grand Mirail", "frr", "not_classified", "31555", "Toulouse", "212", "in_qpv|frr_not_classified"]
 * ```
 */
export function resultFields(result: EligibilityResult): string[] {
  const distance = result.distanceToBoundaryM.qpv ?? result.qpv.distanceToBoundaryM;
  let reasons = "";
  for (let i = 0; i < result.reasons.length; i++) {
    const code = result.reasons[i]?.code;
    if (code === undefined || reasons.split(REASON_SEPARATOR).includes(code)) continue;
    reasons += (reasons === "" ? "" : REASON_SEPARATOR) + code;
  }
  return [
    result.status,
    result.qpv.zone?.code ?? "",
    result.qpv.zone?.name ?? "",
    result.rural.regime ?? "",
    result.rural.status,
    result.commune?.codeInsee ?? "",
    result.commune?.name ?? "",
    distance === null || !Number.isFinite(distance) ? "" : String(Math.round(distance)),
    reasons,
  ];
}

/**
 * The output fields of a row that could not be decided: status `error`, empty evidence, and the reason code.
 *
 * @param reason - why (e.g. `invalid_coordinates`, `missing_location`)
 * @returns the nine fields
 * @example
 * ```ts
 * errorFields("missing_location"); // => ["error", "", "", "", "", "", "", "", "missing_location"]
 * ```
 */
export function errorFields(reason: string): string[] {
  return [ERROR_STATUS, "", "", "", "", "", "", "", reason];
}
