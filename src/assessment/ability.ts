import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { LevelCuts } from "./framework.js";
import { IrtParameters } from "./item.js";

/**
 * Ability on the IRT scale: quadrature grid and prior, scored responses, estimates, and the profile orientation reads.
 * @module
 */

/** The quadrature grid of abilities (logits) on which posteriors are computed. */
export const QuadratureGrid = z
  .object({
    min: z.number().default(-4),
    max: z.number().default(4),
    points: z.number().int().min(5).max(2001).default(81),
  })
  .refine((g) => g.max > g.min, {
    ...expecting("a grid max greater than the grid min", "un maximum de la grille supérieur à son minimum"),
    path: ["max"],
  });
export type QuadratureGrid = z.infer<typeof QuadratureGrid>;

/** The prior on ability: normal, uniform over the grid, or explicit weights (one per grid point). */
export const AbilityPrior = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("normal"), mean: z.number().default(0), sd: z.number().positive().default(1) }),
  z.object({ kind: z.literal("uniform") }),
  z.object({ kind: z.literal("weights"), weights: z.array(z.number().nonnegative()).min(5) }),
]);
export type AbilityPrior = z.infer<typeof AbilityPrior>;

/** One scored response, as estimators take it. */
export const ScoredResponse = z.object({ irt: IrtParameters, correct: z.boolean() });
export type ScoredResponse = z.infer<typeof ScoredResponse>;

/**
 * How an ability estimate was obtained. `interior`: a proper maximum (MLE) or posterior mean (EAP);
 * `all_correct_bound` / `all_incorrect_bound`: the MLE does not exist (it runs to +/- infinity) and the
 * documented rule puts it at the upper / lower bound; `no_responses`: nothing to estimate from.
 */
export const EstimateRule = z.enum([
  "interior",
  "boundary",
  "all_correct_bound",
  "all_incorrect_bound",
  "no_responses",
]);
export type EstimateRule = z.infer<typeof EstimateRule>;

/** An ability estimate with its standard error. `theta`/`se` are null only for an MLE without responses. */
export const AbilityEstimate = z.object({
  method: z.enum(["eap", "mle"]),
  theta: z.number().nullable(),
  /** EAP: posterior standard deviation. MLE: 1 / sqrt(test information at theta). */
  se: z.number().nullable(),
  rule: EstimateRule,
  responses: z.number().int().nonnegative(),
});
export type AbilityEstimate = z.infer<typeof AbilityEstimate>;

/** An ability and its standard error (logits). */
export const AbilityMeasure = z.object({ theta: z.number().finite(), se: z.number().finite().positive() });
export type AbilityMeasure = z.infer<typeof AbilityMeasure>;

const measuresById = z.record(z.string().min(1), AbilityMeasure).superRefine((record, ctx) => {
  for (const key of Object.keys(record)) {
    if (key === "undefined" || key === "null")
      ctx.addIssue({
        code: "custom",
        path: [key],
        ...expecting(
          `a competence or area id, not "${key}" (a mapping used a missing field)`,
          `un identifiant de compétence ou de domaine, non "${key}" (une correspondance a lu un champ absent)`,
        ),
      });
  }
});

/**
 * What a test measured, as orientation reads it: the overall ability with its SE, and abilities per
 * competence and per area (each from its own items only, so often imprecise: orientation uses them only
 * when their SE is small enough). `result.profile` of {@link AdaptiveSessionResult} and
 * {@link FixedFormScore} has this shape.
 */
export const AbilityProfile = z
  .object({
    overall: AbilityMeasure,
    competences: measuresById.default({}),
    areas: measuresById.default({}),
    /** The level cut points the test used (default: the default framework's). */
    levelCuts: LevelCuts.optional(),
  })
  .strict();
export type AbilityProfile = z.infer<typeof AbilityProfile>;

/** Score of one group of items (a competence or an area), the same in sessions and fixed forms. */
export interface GroupScore {
  /** The competence or area id. */
  readonly id: string;
  readonly administered: number;
  readonly correct: number;
  /** correct / administered, in [0, 1]; null when the group has no item. */
  readonly percent: number | null;
  /** EAP ability from this group's items only (shrunk toward the prior when there are few: read `se`). */
  readonly theta: number;
  readonly se: number;
  readonly level: number;
}
