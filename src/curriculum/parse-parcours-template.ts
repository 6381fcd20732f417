import { parseWith, type SafeParseResult, safeParseWith } from "../_lib/parse.js";
import { ParcoursTemplate } from "./schema.js";

/**
 * Reads a parcours template (e.g. a JSON file a programme team edited) and checks it: every field, unique
 * phase and activity ids, known phases and prerequisites, no prerequisite cycle, phases within the
 * parcours' working days. Defaults are filled in (group minimum 1, modality on site, one facilitator and
 * a room, required).
 *
 * @param input - the template as data
 * @returns the template, typed and complete
 * @throws {DeclicsError} `invalid_input` naming each faulty field (e.g. `activities.3.prerequisites.0`),
 *   what was expected and what arrived
 * @example
 * ```ts
 * import { parseParcoursTemplate, PARCOURS_EXPRESS } from "declics/curriculum";
 *
 * parseParcoursTemplate(JSON.parse(JSON.stringify(PARCOURS_EXPRESS))).activities.length;
 * // => 10
 * ```
 * @category Templates
 */
export function parseParcoursTemplate(input: unknown): ParcoursTemplate {
  return parseWith(ParcoursTemplate, input, { module: "curriculum", what: "parcours template" });
}

/**
 * Like {@link parseParcoursTemplate}, returning `{ success, data }` or `{ success, error }` instead of throwing.
 *
 * @param input - the template as data
 * @returns the result; `error` is the `DeclicsError` (`invalid_input`) parseParcoursTemplate would throw
 * @example
 * ```ts
 * import { safeParseParcoursTemplate } from "declics/curriculum";
 *
 * const result = safeParseParcoursTemplate({ id: "x", title: "X", workingDays: 1, phases: [], activities: [] });
 * result.success;
 * // => false
 * ```
 * @category Templates
 */
export function safeParseParcoursTemplate(input: unknown): SafeParseResult<ParcoursTemplate> {
  return safeParseWith(ParcoursTemplate, input, { module: "curriculum", what: "parcours template" });
}
