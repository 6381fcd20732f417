import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { mle } from "./_irt.js";
import { type AbilityEstimate, ScoredResponse } from "./ability.js";
import { parseEstimatorInput } from "./_parse-irt-input.js";

/** Options of the MLE estimator: the search bounds, which are also where extreme patterns land. */
const Options = z.object({
  bounds: z
    .tuple([z.number(), z.number()])
    .refine(
      ([lo, hi]) => hi > lo,
      expecting("bounds [low, high] with high > low", "des bornes [basse, haute] avec haute > basse"),
    )
    .default([-4, 4]),
});
/** Options of `estimateAbilityMle`. */
export type EstimateAbilityMleOptions = z.input<typeof Options>;

/**
 * Ability by maximum likelihood, within `bounds` (default [-4, 4]); SE = 1 / sqrt(test information).
 *
 * Rule for extreme patterns: with every answer correct (or every answer wrong) the likelihood keeps
 * rising toward +infinity (-infinity) and no MLE exists. The estimate is then the upper (lower) bound,
 * with `rule: "all_correct_bound"` (`"all_incorrect_bound"`) and the SE at that bound. A bounded
 * estimate keeps the ordering of patterns (an all-correct pattern never scores below a mixed one);
 * callers who want a finite, shrunk value for such patterns should use {@link estimateAbilityEap}.
 * A mixed pattern whose maximum lies at a bound (possible with 3PL items) gets `rule: "boundary"`.
 * Without responses the result has `theta: null`, `rule: "no_responses"`.
 *
 * @param responses - scored responses `{ irt, correct }`
 * @param options - `bounds` `[low, high]`
 * @returns `{ method: "mle", theta, se, rule, responses }`
 * @throws {DeclicsError} `invalid_input` for malformed responses, impossible parameters or bounds
 * @example
 * ```ts
 * import { estimateAbilityMle } from "declics/assessment";
 * const e = estimateAbilityMle([{ irt: { b: -1 }, correct: true }, { irt: { b: 1 }, correct: false }]);
 * Math.abs(e.theta!) < 1e-9;
 * // => true
 * estimateAbilityMle([{ irt: { b: 0 }, correct: true }]).rule;
 * // => "all_correct_bound"
 * ```
 * @category IRT
 */
export function estimateAbilityMle(
  responses: readonly z.input<typeof ScoredResponse>[],
  options: EstimateAbilityMleOptions = {},
): AbilityEstimate {
  const { responses: rs, options: o } = parseEstimatorInput(responses, options, Options, "MLE options");
  const core = mle(
    {
      a: rs.map((r) => r.irt.a),
      b: rs.map((r) => r.irt.b),
      c: rs.map((r) => r.irt.c),
      x: rs.map((r) => (r.correct ? 1 : 0)),
      n: rs.length,
    },
    o.bounds[0],
    o.bounds[1],
  );
  return { method: "mle", theta: core.theta, se: core.se, rule: core.rule, responses: rs.length };
}
