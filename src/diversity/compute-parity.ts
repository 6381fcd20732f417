import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { diversityError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { zFor } from "./_stats.js";
import { buildCube, marginalize, reachedAtLeast, STAGES, type Cube } from "./_cube.js";
import { katzRatio, newcombeDifference, notComputable, proportion } from "./_intervals.js";
import { CommonOptions } from "./_options.js";
import { Dimension, type Metric, type NotComputable, type ParticipantRecord } from "./schema.js";

const Options = z
  .object({
    /** The dimension whose groups are compared (e.g. "gender"). */
    by: Dimension,
    /** The outcome: reaching this stage (default "hired"). */
    outcome: ParcoursStage.default("hired"),
    /** The denominator: people who reached this stage (default "registered"). */
    among: ParcoursStage.default("registered"),
    /** The group every other is compared with; default the group with the highest rate (EEOC practice). */
    referenceGroup: z.string().optional(),
    /** Impact ratio under which adverse impact is flagged; default 0.8, the four-fifths rule. */
    threshold: z.number().gt(0).lte(1).default(0.8),
    ...CommonOptions,
  })
  .refine((o) => STAGES.indexOf(o.among) < STAGES.indexOf(o.outcome), {
    ...expecting("a stage before outcome", "une étape du parcours antérieure à outcome"),
    path: ["among"],
  });

/** Options of {@link computeParity}. */
export type ComputeParityOptions = z.input<typeof Options>;

/** The four-fifths rule for one group. */
export type FourFifthsResult =
  | {
      /** `flagged`: impact ratio below the threshold; `reference_group`: the comparison group itself. */
      readonly status: "flagged" | "not_flagged" | "reference_group";
      readonly threshold: number;
      /** Whether the whole interval of the impact ratio lies below the threshold. */
      readonly belowThresholdWithConfidence: boolean;
    }
  | NotComputable;

/** One group's rate and its comparison with the reference group. */
export interface ParityRow {
  readonly dimension: string;
  readonly group: string;
  /** People who reached `among`. */
  readonly among: number;
  /** Of those, people who reached `outcome`. */
  readonly outcome: number;
  readonly rate: Metric;
  readonly referenceGroup: string | null;
  /** Impact ratio: rate / reference rate, Katz log interval. */
  readonly ratio: Metric;
  /** Rate - reference rate, Newcombe hybrid score interval. */
  readonly difference: Metric;
  readonly fourFifths: FourFifthsResult;
}

type Parsed = z.output<typeof Options>;

/** The index of the reference group: the one asked for, else the group with the highest rate (-1: none). */
function referenceIndex(
  categories: readonly string[],
  den: readonly number[],
  num: readonly number[],
  o: Parsed,
): number {
  let ref = -1;
  if (o.referenceGroup !== undefined) {
    ref = categories.indexOf(o.referenceGroup);
    if (ref < 0) {
      throw diversityError({
        code: "invalid_option",
        module: "diversity",
        details: {
          option: "referenceGroup",
          expected: { kind: "one_of", values: categories },
          received: o.referenceGroup,
        },
      });
    }
  } else {
    // EEOC Uniform Guidelines, 29 CFR 1607.4(D): compare with the group with the highest selection rate.
    let best = -1;
    categories.forEach((_, c) => {
      const d = den[c] as number;
      if (d > 0 && (num[c] as number) / d > best) {
        best = (num[c] as number) / d;
        ref = c;
      }
    });
  }
  return ref;
}

/** Counts of one group and of the reference group, with the interval settings. */
interface GroupCounts {
  readonly group: string;
  readonly c: number;
  readonly ref: number;
  readonly den: readonly number[];
  readonly num: readonly number[];
  readonly categories: readonly string[];
  readonly z: number;
}

/** One group's parity row against the reference group. */
function parityRow(counts: GroupCounts, o: Parsed): ParityRow {
  const { group, c, den, num, z } = counts;
  const n = den[c] as number;
  const x = num[c] as number;
  const rate =
    n === 0
      ? notComputable("empty_group", `nobody in ${o.by} = ${group} reached ${o.among}`)
      : proportion(x, n, o.method, o.confidence, z);
  return { dimension: o.by, group, among: n, outcome: x, rate, ...comparedWithReference(counts, n, x, o) };
}

/** How a group compares with the reference group: the fields of its row after `rate`. */
type Comparison = Pick<ParityRow, "referenceGroup" | "ratio" | "difference" | "fourFifths">;

/** The comparison of one group (`n` reached `among`, `x` of them `outcome`) with the reference group. */
function comparedWithReference(
  { group, c, ref, den, num, categories, z }: GroupCounts,
  n: number,
  x: number,
  o: Parsed,
): Comparison {
  if (ref < 0) {
    const none = notComputable("empty_group", "no group has anyone to compare");
    return { referenceGroup: null, ratio: none, difference: none, fourFifths: none };
  }
  if (c === ref) {
    // The reference group compared with itself: exactly 1 and 0, not two independent samples.
    const same = (value: number): Metric => ({
      computable: true,
      value,
      lower: value,
      upper: value,
      confidence: o.confidence,
      method: "reference_group",
    });
    return {
      referenceGroup: group,
      ratio: same(1),
      difference: same(0),
      fourFifths: { status: "reference_group", threshold: o.threshold, belowThresholdWithConfidence: false },
    };
  }
  const rn = den[ref] as number;
  const rx = num[ref] as number;
  const ratio =
    n === 0
      ? notComputable("empty_group")
      : rx === 0
        ? notComputable("zero_count", "the reference group has no outcome")
        : ratioOrZero(x, n, rx, rn, o.confidence, z);
  const difference = newcombeDifference(x, n, rx, rn, o.confidence, z);
  let fourFifths: FourFifthsResult;
  if (!ratio.computable) fourFifths = ratio;
  else
    fourFifths = {
      status: ratioBelow(x, n, rx, rn, o.threshold) ? "flagged" : "not_flagged",
      threshold: o.threshold,
      belowThresholdWithConfidence: ratio.upper < o.threshold,
    };
  return { referenceGroup: categories[ref] as string, ratio, difference, fourFifths };
}

/** Parity from an already built cube. */
export function parityFromCube(cube: Cube, o: Parsed): ParityRow[] {
  const table = marginalize(cube, [o.by]);
  const categories = table.categories[0] as readonly string[];
  const z = zFor(o.confidence);
  const a = STAGES.indexOf(o.among);
  const b = STAGES.indexOf(o.outcome);
  const den = categories.map((_, c) => reachedAtLeast(table, c, a));
  const num = categories.map((_, c) => reachedAtLeast(table, c, b));
  const ref = referenceIndex(categories, den, num, o);
  return categories.map((group, c) => parityRow({ group, c, ref, den, num, categories, z }, o));
}

/**
 * The threshold as a fraction p / q of small integers that is exactly the same double (0.8 is 4 / 5),
 * or null when there is none with q up to 10^6.
 */
function fractionOf(threshold: number): [bigint, bigint] | null {
  const known = FRACTIONS.get(threshold);
  if (known !== undefined) return known;
  let found: [bigint, bigint] | null = null;
  for (let q = 1; q <= 1_000_000 && found === null; q++) {
    const p = Math.round(threshold * q);
    if (p / q === threshold) found = [BigInt(p), BigInt(q)];
  }
  FRACTIONS.set(threshold, found);
  return found;
}
const FRACTIONS = new Map<number, [bigint, bigint] | null>();

/**
 * Whether the impact ratio (x / n) / (rx / rn) is strictly below the threshold p / q, compared exactly on
 * integers: x * rn * q < p * n * rx. Floating point would flag 36/100 against 45/100 (0.7999999999999999)
 * although the four-fifths rule flags only "less than" 4/5. Needs n > 0 and rx > 0.
 */
export function ratioBelow(x: number, n: number, rx: number, rn: number, threshold: number): boolean {
  const f = fractionOf(threshold);
  if (f === null) return x / n / (rx / rn) < threshold;
  return BigInt(x) * BigInt(rn) * f[1] < f[0] * BigInt(n) * BigInt(rx);
}

/**
 * Impact ratio; a group with no outcome has a ratio of exactly 0 (flagged), with a Katz interval undefined,
 * so [0, upper of the Haldane-Anscombe corrected table]. The correction adds 0.5 to each of the four cells
 * of the 2 x 2 table (Haldane 1956, Annals of Human Genetics 20:309-311; Anscombe 1956, Biometrika
 * 43:461-464): events x + 0.5 and non-events n - x + 0.5, so the group's total becomes n + 1, not n + 0.5.
 */
function ratioOrZero(x: number, n: number, rx: number, rn: number, confidence: number, z: number): Metric {
  if (x > 0) return katzRatio(x, n, rx, rn, confidence, z);
  // ln(0) is undefined: report the exact point value 0 and the upper bound of the corrected table.
  const corrected = katzRatio(0.5, n + 1, rx + 0.5, rn + 1, confidence, z);
  return {
    computable: true,
    value: 0,
    lower: 0,
    upper: corrected.computable ? corrected.upper : 1,
    confidence,
    method: "katz_log_0.5_corrected_upper",
  };
}

/**
 * Parity and disparate impact between the groups of one dimension: each group's rate of reaching an
 * outcome stage among those who reached an earlier stage, the impact ratio to the reference group
 * (Katz log interval), the difference (Newcombe hybrid score interval), and the four-fifths rule of the
 * EEOC Uniform Guidelines (29 CFR 1607.4(D)): a group whose rate is under 80 % of the highest group's
 * rate is flagged.
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `by`, `outcome` (default "hired"), `among` (default "registered"), `referenceGroup`,
 *   `threshold` (0.8), `confidence`, `method`, `referenceDate` and `timeZone` (a Date's zone, default Europe/Paris)
 * @returns one row per group
 * @throws {DeclicsError} `invalid_input` for bad options; `invalid_option` for an unknown `referenceGroup`
 * @example
 * ```ts
 * import { computeParity, parseParticipantRecords } from "declics/diversity";
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
 * computeParity(records, { by: "gender", outcome: "hired" }).find((r) => r.group === "female")?.fourFifths;
 * // => { status: "flagged", threshold: 0.8, belowThresholdWithConfidence: true }
 * ```
 * @category Metrics
 */
export function computeParity(records: Iterable<ParticipantRecord>, options: ComputeParityOptions): ParityRow[] {
  const o = parseWith(Options, options, { module: "diversity", what: "parity options" });
  return parityFromCube(buildCube(records, [o.by], o.referenceDate, o.timeZone), o);
}
