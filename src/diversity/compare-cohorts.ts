import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { zFor } from "./_stats.js";
import { buildCube, reachedAtLeast, STAGES } from "./_cube.js";
import { katzRatio, newcombeDifference, notComputable, proportion } from "./_intervals.js";
import { CommonOptions } from "./_options.js";
import type { Metric, NotComputable, ParticipantRecord } from "./schema.js";

const Options = z
  .object({
    /** The outcome compared between cohorts (default "hired"). */
    outcome: ParcoursStage.default("hired"),
    /** The cohort size counts people who reached this stage (default "registered"). */
    among: ParcoursStage.default("registered"),
    /** Target size of each cohort (e.g. 200). */
    targetPerCohort: z.number().int().positive().optional(),
    ...CommonOptions,
  })
  .refine((o) => STAGES.indexOf(o.among) < STAGES.indexOf(o.outcome), {
    ...expecting("a stage before outcome", "une étape du parcours antérieure à outcome"),
    path: ["among"],
  });

/** Options of {@link compareCohorts}. */
export type CompareCohortsOptions = z.input<typeof Options>;

/** One cohort compared with the previous one (cohorts in label order). */
export interface CohortRow {
  readonly cohort: string;
  /** People who reached `among`. */
  readonly size: number;
  /** size / targetPerCohort. */
  readonly shareOfTarget: number | NotComputable;
  readonly outcome: number;
  readonly rate: Metric;
  /** Rate - previous cohort's rate (Newcombe hybrid score); not computable for the first cohort. */
  readonly differenceFromPrevious: Metric;
  /** Rate / previous cohort's rate (Katz log). */
  readonly ratioToPrevious: Metric;
}

/**
 * Compares cohorts: each cohort's size against its target (e.g. 200 people per cohort) and its outcome
 * rate (e.g. hired among registered) with an interval, and the change from the previous cohort (cohorts
 * in label order, so name them sortably, e.g. "2020-09", "2021-01"). Records without a cohort form the
 * `not_stated` cohort, last.
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `outcome`, `among`, `targetPerCohort`, `confidence`, `method`
 * @returns one row per cohort
 * @throws {DeclicsError} `invalid_input` for bad options
 * @example
 * ```ts
 * import { compareCohorts, parseParticipantRecords } from "declics/diversity";
 *
 * const GENDERS = ["female", "male", "female", "male", "male", "female", "male", "other"] as const;
 * const STAGES = ["registered", "assessed", "workshops", "met_training_or_employers", "entered_training", "hired"] as const;
 * const records = parseParticipantRecords(
 *   Array.from({ length: 600 }, (_, i) => ({
 *     id: `p${i}`,
 *     gender: i % 97 === 0 ? "undisclosed" : GENDERS[i % 8]!,
 *     territoryKind: (["qpv", "qpv", "zrr", "qpv", "frr"] as const)[i % 5]!,
 *     ageBand: (["under_26", "26_49", "50_plus"] as const)[i % 3]!,
 *     cohort: i < 320 ? "2020-09" : "2021-01",
 *     stages: [{ stage: STAGES[i % 6]!, on: "2021-03-01" }],
 *   })),
 * ); // 600 participants in two cohorts, built deterministically
 * compareCohorts(records, { targetPerCohort: 200 })[1];
 * // => { cohort: "2021-01", size: 280, shareOfTarget: 1.4, outcome: 47, rate: { value: 0.1679, ... },
 * //      differenceFromPrevious: { value: 0.0022, ... }, ratioToPrevious: { value: 1.013, ... } }
 * ```
 * @category Progress
 */
export function compareCohorts(records: Iterable<ParticipantRecord>, options: CompareCohortsOptions = {}): CohortRow[] {
  const o = parseWith(Options, options, { module: "diversity", what: "cohort comparison options" });
  const cube = buildCube(records, ["cohort"], o.referenceDate, o.timeZone);
  const z = zFor(o.confidence);
  const a = STAGES.indexOf(o.among);
  const b = STAGES.indexOf(o.outcome);
  const labels = cube.categories[0] as readonly string[];
  return labels.map((cohort, c) => {
    const size = reachedAtLeast(cube, c, a);
    const outcome = reachedAtLeast(cube, c, b);
    const rate = size === 0 ? notComputable("empty_group") : proportion(outcome, size, o.method, o.confidence, z);
    const first = notComputable("empty_group", "no previous cohort");
    let differenceFromPrevious: Metric = first;
    let ratioToPrevious: Metric = first;
    if (c > 0) {
      const ps = reachedAtLeast(cube, c - 1, a);
      const po = reachedAtLeast(cube, c - 1, b);
      differenceFromPrevious = newcombeDifference(outcome, size, po, ps, o.confidence, z);
      ratioToPrevious = katzRatio(outcome, size, po, ps, o.confidence, z);
    }
    return {
      cohort,
      size,
      shareOfTarget: o.targetPerCohort === undefined ? notComputable("no_target") : size / o.targetPerCohort,
      outcome,
      rate,
      differenceFromPrevious,
      ratioToPrevious,
    };
  });
}
