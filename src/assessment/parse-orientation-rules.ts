import { parseWith, safeParseWith, type SafeParseResult } from "../_lib/parse.js";
import { OrientationRules } from "./orientation-rules.js";

/**
 * Checks orientation rules supplied by a user (job families with ROME references and requirements,
 * workshops, thresholds), e.g. read from a JSON file maintained by the programme team.
 *
 * @param input - the rules
 * @returns the validated rules, with defaults filled in (weights 1, thresholds)
 * @throws {DeclicsError} `invalid_input` naming each faulty field (e.g. a malformed ROME code)
 * @example
 * ```ts
 * import { DEFAULT_ORIENTATION_RULES, parseOrientationRules } from "declics/assessment";
 * parseOrientationRules(JSON.parse(JSON.stringify(DEFAULT_ORIENTATION_RULES))).jobFamilies.length;
 * // => 7
 * ```
 * @category Orientation
 */
export function parseOrientationRules(input: unknown): OrientationRules {
  return parseWith(OrientationRules, input, { module: "assessment", what: "orientation rules" });
}

/**
 * Like {@link parseOrientationRules}, returning a result instead of throwing.
 *
 * @param input - the rules
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @example
 * ```ts
 * import { safeParseOrientationRules } from "declics/assessment";
 * const dev = {
 *   id: "dev",
 *   name: "Dev",
 *   rome: [{ code: "XX", label: "?", checked: "no" }],
 *   requirements: [{ competence: "3.4", level: 3 }],
 * };
 * const r = safeParseOrientationRules({ version: "1", workshops: [], jobFamilies: [dev] });
 * r.success === false && r.error.details.issues[0]?.path;
 * // => "jobFamilies.0.rome.0.code"
 * ```
 * @category Orientation
 */
export function safeParseOrientationRules(input: unknown): SafeParseResult<OrientationRules> {
  return safeParseWith(OrientationRules, input, { module: "assessment", what: "orientation rules" });
}
