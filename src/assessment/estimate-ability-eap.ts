import * as z from "zod/v4";
import { addResponse, buildGrid, summarisePosterior } from "./_irt.js";
import { type AbilityEstimate, AbilityPrior, QuadratureGrid, ScoredResponse } from "./ability.js";
import { parseEstimatorInput } from "./_parse-irt-input.js";

/** Options of the EAP estimator. */
const Options = z.object({
  grid: QuadratureGrid.prefault({}),
  prior: AbilityPrior.prefault({ kind: "normal" }),
});
/** Options of `estimateAbilityEap`. */
export type EstimateAbilityEapOptions = z.input<typeof Options>;

/**
 * Ability by EAP (expected a posteriori): the mean of the posterior on a quadrature grid (default 81
 * points from -4 to 4), with a configurable prior (default standard normal). The standard error is the
 * posterior standard deviation. EAP exists for every pattern, including all-correct and all-wrong ones,
 * and one more correct answer never lowers it.
 *
 * @param responses - scored responses `{ irt, correct }`
 * @param options - `grid` `{ min, max, points }` and `prior` (`normal` with mean/sd, `uniform`, or `weights`)
 * @returns `{ method: "eap", theta, se, rule, responses }` (rule `no_responses` when empty: the prior mean)
 * @throws {DeclicsError} `invalid_input` for malformed responses, impossible parameters or options
 * @example
 * ```ts
 * import { estimateAbilityEap } from "declics/assessment";
 * const e = estimateAbilityEap([{ irt: { b: 0 }, correct: true }, { irt: { b: 1 }, correct: false }]);
 * Math.round(e.theta! * 100) / 100;
 * // => 0.15
 * ```
 * @category IRT
 */
export function estimateAbilityEap(
  responses: readonly z.input<typeof ScoredResponse>[],
  options: EstimateAbilityEapOptions = {},
): AbilityEstimate {
  const { responses: rs, options: o } = parseEstimatorInput(responses, options, Options, "EAP options");
  const grid = buildGrid(o.grid, o.prior);
  const logPost = Float64Array.from(grid.logPrior);
  for (const r of rs) addResponse(logPost, grid.nodes, r.irt.a, r.irt.b, r.irt.c, r.correct);
  const { theta, se } = summarisePosterior(logPost, grid.nodes, new Float64Array(grid.nodes.length));
  return { method: "eap", theta, se, rule: rs.length === 0 ? "no_responses" : "interior", responses: rs.length };
}
