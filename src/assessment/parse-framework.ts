import { parseWith, safeParseWith, type SafeParseResult } from "../_lib/parse.js";
import { CompetenceFramework } from "./framework.js";

/**
 * Checks a competence framework supplied by a user (areas, competences, levels 1-8, level cuts).
 *
 * @param input - the framework, e.g. parsed from JSON
 * @returns the validated framework
 * @throws {DeclicsError} `invalid_input` naming each faulty field (duplicate competence ids, level cuts
 *   not increasing, missing levels, ...)
 * @example
 * ```ts
 * import { DEFAULT_FRAMEWORK, parseFramework } from "declics/assessment";
 * parseFramework(JSON.parse(JSON.stringify(DEFAULT_FRAMEWORK))).areas.length;
 * // => 6
 * ```
 * @category Framework
 */
export function parseFramework(input: unknown): CompetenceFramework {
  return parseWith(CompetenceFramework, input, { module: "assessment", what: "competence framework" });
}

/**
 * Like {@link parseFramework}, returning a result instead of throwing.
 *
 * @param input - the framework
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @example
 * ```ts
 * import { safeParseFramework } from "declics/assessment";
 * safeParseFramework({}).success;
 * // => false
 * ```
 * @category Framework
 */
export function safeParseFramework(input: unknown): SafeParseResult<CompetenceFramework> {
  return safeParseWith(CompetenceFramework, input, { module: "assessment", what: "competence framework" });
}
