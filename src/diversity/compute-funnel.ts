import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import type { ParcoursStage } from "../_lib/vocabulary.js";
import { zFor } from "./_stats.js";
import { buildCube, cellTotal, keyOf, marginalize, reachedAtLeast, STAGES, type Cube } from "./_cube.js";
import { notComputable, proportion } from "./_intervals.js";
import { CommonOptions, Dimensions } from "./_options.js";
import type { GroupKey, IntervalMethod, Metric, NotComputable, ParticipantRecord } from "./schema.js";

const Options = z.object({
  /** Dimensions to split the funnel by (default: none, one funnel for everyone). */
  by: Dimensions.default([]),
  ...CommonOptions,
});

/** Options of {@link computeFunnel}. */
export type ComputeFunnelOptions = z.input<typeof Options>;

/**
 * The group of a funnel row or summary: its value of each grouping dimension, except that a group by the
 * `stage` dimension (highest stage reached) is named `highestStage`, since `stage` is the funnel's stage.
 */
export type FunnelGroupKey = Omit<GroupKey, "stage"> & { readonly highestStage?: string };

/** One stage of one group's funnel. */
export type FunnelRow = FunnelGroupKey & {
  readonly stage: ParcoursStage;
  /** People who reached at least this stage. */
  readonly reached: number;
  /** Conversion from the previous stage (for "registered": from the group's records, some of which may have no stage yet). */
  readonly fromPrevious: Metric;
  /** Share of the group's registered people who reached this stage. */
  readonly fromStart: Metric;
  /** People lost between the previous stage and this one. */
  readonly lost: number;
};

/** Where a group is lost most: the step with the lowest conversion. */
export type FunnelGroupSummary = FunnelGroupKey & {
  readonly registered: number;
  readonly lostMost:
    | { readonly from: ParcoursStage; readonly to: ParcoursStage; readonly conversion: Metric; readonly lost: number }
    | NotComputable;
};

/** The funnel: tidy rows (group x stage) and, per group, the step where it is lost most. */
export interface Funnel {
  readonly rows: FunnelRow[];
  readonly groups: FunnelGroupSummary[];
}

/** Funnel from an already built cube. */
export function funnelFromCube(
  cube: Cube,
  by: readonly z.output<typeof Options>["by"][number][],
  method: IntervalMethod,
  confidence: number,
): Funnel {
  const table = marginalize(cube, by);
  const z = zFor(confidence);
  const rows: FunnelRow[] = [];
  const groups: FunnelGroupSummary[] = [];
  for (let cell = 0; cell < table.cells; cell++) {
    const { stage: highestStage, ...rest } = keyOf(table, cell);
    // Grouped by the highest stage reached: the group keeps its label next to the funnel's stage.
    const key: FunnelGroupKey = highestStage === undefined ? rest : { ...rest, highestStage };
    const reached = STAGES.map((_, s) => reachedAtLeast(table, cell, s));
    const start = reached[0] as number;
    let worst: { s: number; value: number } | null = null;
    STAGES.forEach((stage, s) => {
      const here = reached[s] as number;
      // The first stage converts from the group's records (some may have no stage recorded yet).
      const before = s === 0 ? cellTotal(table, cell) : (reached[s - 1] as number);
      const fromPrevious =
        before === 0
          ? notComputable(
              s === 0 ? "empty_group" : "zero_denominator",
              s === 0 ? undefined : `nobody reached ${STAGES[s - 1]}`,
            )
          : proportion(here, before, method, confidence, z);
      const fromStart =
        start === 0
          ? notComputable("empty_group", "nobody registered")
          : proportion(here, start, method, confidence, z);
      rows.push({ ...key, stage, reached: here, fromPrevious, fromStart, lost: before - here });
      if (s > 0 && fromPrevious.computable && (worst === null || fromPrevious.value < worst.value))
        worst = { s, value: fromPrevious.value };
    });
    const w = worst as { s: number; value: number } | null;
    groups.push({
      ...key,
      registered: start,
      lostMost:
        w === null
          ? notComputable("empty_group", "no step of the funnel has anyone to convert")
          : {
              from: STAGES[w.s - 1] as ParcoursStage,
              to: STAGES[w.s] as ParcoursStage,
              conversion: proportion(reached[w.s] as number, reached[w.s - 1] as number, method, confidence, z),
              lost: (reached[w.s - 1] as number) - (reached[w.s] as number),
            },
    });
  }
  return { rows, groups };
}

/**
 * The parcours funnel by group: how many people reached each stage (registered, assessed, workshops,
 * met training organisations or employers, entered training, hired), the conversion from each stage to
 * the next with its interval, and the step where each group is lost most (lowest conversion). A person
 * counts at every stage up to the highest one they reached, so the funnel is monotone even when a stage
 * was skipped (someone hired without training).
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `by` dimensions, `confidence`, `method`, `referenceDate`
 * @returns tidy rows (group x stage) and a summary per group
 * @throws {DeclicsError} `invalid_input` for bad options or records with unknown categories
 * @example
 * ```ts
 * import { computeFunnel, parseParticipantRecords } from "declics/diversity";
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
 * computeFunnel(records, { by: ["gender"] }).groups[0];
 * // => { gender: "female", registered: 222,
 * //      lostMost: { from: "entered_training", to: "hired", conversion: { value: 0.324, ... }, lost: 50 } }
 * ```
 * @category Metrics
 */
export function computeFunnel(records: Iterable<ParticipantRecord>, options: ComputeFunnelOptions = {}): Funnel {
  const o = parseWith(Options, options, { module: "diversity", what: "funnel options" });
  return funnelFromCube(buildCube(records, o.by, o.referenceDate, o.timeZone), o.by, o.method, o.confidence);
}
