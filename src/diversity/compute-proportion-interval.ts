import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { proportion } from "./_intervals.js";
import { IntervalMethod, type Metric } from "./schema.js";

const Options = z.object({
  /** Confidence level in (0, 1); default 0.95. */
  confidence: z.number().gt(0).lt(1).default(0.95),
  /** Interval method; default Wilson score. */
  method: IntervalMethod.default("wilson"),
});

/** Options of {@link computeProportionInterval}: `confidence` (default 0.95), `method` (default "wilson"). */
export type ComputeProportionIntervalOptions = z.input<typeof Options>;

const Input = z
  .object({ successes: z.number().int().nonnegative(), trials: z.number().int().nonnegative() })
  .refine((v) => v.successes <= v.trials, {
    ...expecting("at most as many successes as trials", "au plus autant de succès que d'essais"),
    path: ["successes"],
  });

/**
 * A proportion with its confidence interval: Wilson score (default; Wilson 1927), Clopper-Pearson
 * (Clopper & Pearson 1934, via the beta quantile) or Agresti-Coull (Agresti & Coull 1998).
 *
 * @param successes - how many of the trials have the property (e.g. women among participants)
 * @param trials - the group size
 * @param options - `confidence` (default 0.95) and `method` (default `"wilson"`)
 * @returns the share with its interval, or `{ computable: false, reason: "zero_denominator" }` for an empty group
 * @throws {DeclicsError} `invalid_input` when counts are not non-negative integers with successes <= trials
 * @example
 * ```ts
 * import { computeProportionInterval } from "declics/diversity";
 *
 * computeProportionInterval(81, 263);
 * // => { computable: true, value: 0.308, lower: 0.2553, upper: 0.3662, confidence: 0.95, method: "wilson" }
 * ```
 * @category Intervals
 */
export function computeProportionInterval(
  successes: number,
  trials: number,
  options: ComputeProportionIntervalOptions = {},
): Metric {
  const counts = parseWith(Input, { successes, trials }, { module: "diversity", what: "proportion counts" });
  const opts = parseWith(Options, options, { module: "diversity", what: "interval options" });
  return proportion(counts.successes, counts.trials, opts.method, opts.confidence);
}
