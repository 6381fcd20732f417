import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { katzRatio, newcombeDifference } from "./_intervals.js";
import type { Metric } from "./schema.js";

const Group = z
  .object({ successes: z.number().int().nonnegative(), trials: z.number().int().nonnegative() })
  .refine((v) => v.successes <= v.trials, {
    ...expecting("at most as many successes as trials", "au plus autant de succès que d'essais"),
    path: ["successes"],
  });
const Options = z.object({ confidence: z.number().gt(0).lt(1).default(0.95) });

/** Counts of one group: `successes` out of `trials`. */
export type ProportionCounts = z.input<typeof Group>;

/** Options of {@link compareProportions}. */
export type CompareProportionsOptions = z.input<typeof Options>;

/** The comparison of two independent proportions. */
export interface ProportionComparison {
  /** p1 - p2 with Newcombe's hybrid score interval. */
  readonly difference: Metric;
  /** p1 / p2 with the Katz log interval. */
  readonly ratio: Metric;
}

/**
 * Compares two independent proportions: the difference with Newcombe's hybrid score interval (Newcombe
 * 1998, method 10) and the ratio with the Katz log interval (Katz et al. 1978).
 *
 * @param group - the group studied
 * @param comparison - the group it is compared with
 * @param options - `confidence` (default 0.95)
 * @returns the difference and ratio, each an estimate or a not-computable value with its reason (an
 *   empty group, or a zero count for the ratio)
 * @throws {DeclicsError} `invalid_input` when counts are not non-negative integers with successes <= trials
 * @example
 * ```ts
 * import { compareProportions } from "declics/diversity";
 *
 * compareProportions({ successes: 56, trials: 70 }, { successes: 48, trials: 80 }).difference;
 * // => { computable: true, value: 0.2, lower: 0.0524, upper: 0.3339, confidence: 0.95, method: "newcombe_hybrid_score" }
 * ```
 * @category Intervals
 */
export function compareProportions(
  group: ProportionCounts,
  comparison: ProportionCounts,
  options: CompareProportionsOptions = {},
): ProportionComparison {
  const a = parseWith(Group, group, { module: "diversity", what: "group counts" });
  const b = parseWith(Group, comparison, { module: "diversity", what: "comparison counts" });
  const { confidence } = parseWith(Options, options, { module: "diversity", what: "comparison options" });
  return {
    difference: newcombeDifference(a.successes, a.trials, b.successes, b.trials, confidence),
    ratio: katzRatio(a.successes, a.trials, b.successes, b.trials, confidence),
  };
}
