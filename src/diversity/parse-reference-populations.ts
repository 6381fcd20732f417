import { parseWith, safeParseWith, type SafeParseResult } from "../_lib/parse.js";
import { ReferencePopulations, type ReferencePopulation } from "./schema.js";

const CONTEXT = { module: "diversity", what: "reference populations" } as const;

/**
 * Validates reference populations (the composition of the populations participants are compared with,
 * e.g. per-QPV population and share of women), for instance the artefact `declics/data` loads.
 *
 * @param input - an array of reference populations
 * @returns the typed reference populations (`treatAs` defaults to `"fixed"`)
 * @throws {DeclicsError} `invalid_input` naming each faulty field (e.g. `0.shares.gender.female`)
 * @example
 * ```ts
 * import { parseReferencePopulations } from "declics/diversity";
 *
 * parseReferencePopulations([{ id: "QP031007", label: "Reynerie", source: "insee-2015", population: 8200, shares: { gender: { female: 0.52 } } }])[0]?.treatAs;
 * // => "fixed"
 * ```
 * @category Records
 */
export function parseReferencePopulations(input: unknown): ReferencePopulation[] {
  return parseWith(ReferencePopulations, input, CONTEXT);
}

/**
 * Like {@link parseReferencePopulations}, returning a result instead of throwing.
 *
 * @param input - an array of reference populations
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @example
 * ```ts
 * import { safeParseReferencePopulations } from "declics/diversity";
 *
 * safeParseReferencePopulations([{ id: "x", label: "x", source: "s", shares: { gender: { female: 1.2 } } }]).success;
 * // => false
 * ```
 * @category Records
 */
export function safeParseReferencePopulations(input: unknown): SafeParseResult<ReferencePopulation[]> {
  return safeParseWith(ReferencePopulations, input, CONTEXT);
}
