import * as z from "zod/v4";
import { diversityError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { zFor } from "./_stats.js";
import { buildCube, cellTotal, marginalize, type Cube } from "./_cube.js";
import {
  differenceToFixed,
  katzRatio,
  newcombeDifference,
  notComputable,
  proportion,
  ratioToFixed,
} from "./_intervals.js";
import { CommonOptions } from "./_options.js";
import { Dimension, ReferencePopulation, type Metric, type ParticipantRecord } from "./schema.js";

const Options = z.object({
  /** The dimension compared (e.g. "gender"). */
  dimension: Dimension,
  /** The population participants are compared with. */
  reference: ReferencePopulation,
  /** A category to compare every other one with (e.g. "male"): adds the relative representation. */
  relativeTo: z.string().optional(),
  ...CommonOptions,
});

/** Options of {@link computeRepresentation}. */
export type ComputeRepresentationOptions = z.input<typeof Options>;

/** One category's representation. */
export interface RepresentationRow {
  readonly dimension: string;
  readonly category: string;
  readonly count: number;
  readonly participants: number;
  /** Share among participants, with its interval. */
  readonly share: Metric;
  /** Share in the reference population (null when the reference does not give it). */
  readonly referenceShare: number | null;
  /** Representation ratio: share among participants / share in the reference (1 = parity). */
  readonly ratio: Metric;
  /** Representation gap: share among participants - share in the reference (0 = parity). */
  readonly gap: Metric;
  /** Ratio of this category's representation ratio to `relativeTo`'s (absent without `relativeTo`). */
  readonly relativeRepresentation?: Metric;
}

type Parsed = z.output<typeof Options>;

/** One category's counts, share among participants and reference share. */
interface CategoryCounts {
  readonly category: string;
  readonly count: number;
  readonly n: number;
  readonly share: Metric;
  readonly r: number | undefined;
}

/** The representation ratio and gap of one category against its reference share. */
function ratioAndGap(
  { category, count, n, share, r }: CategoryCounts,
  o: Parsed,
  z: number,
): { ratio: Metric; gap: Metric } {
  const sample = o.reference.treatAs === "sample";
  const N = o.reference.population;
  const refCount = (share: number): number => Math.round(share * (N ?? 0));
  let ratio: Metric;
  let gap: Metric;
  if (r === undefined) {
    ratio = gap = notComputable("no_reference", `${o.dimension} = ${category}`);
  } else if (n === 0) {
    ratio = gap = notComputable("empty_group");
  } else if (sample) {
    // Both shares estimated: Katz log interval for the ratio, Newcombe hybrid score for the difference.
    ratio = r === 0 ? notComputable("zero_reference") : katzRatio(count, n, refCount(r), N as number, o.confidence, z);
    gap = newcombeDifference(count, n, refCount(r), N as number, o.confidence, z);
  } else {
    // Reference known exactly (census): only the participants' share is uncertain.
    ratio = ratioToFixed(share, r);
    gap = differenceToFixed(share, r);
  }
  return { ratio, gap };
}

/** Representation from an already built cube. */
export function representationFromCube(cube: Cube, o: Parsed): RepresentationRow[] {
  const table = marginalize(cube, [o.dimension]);
  const categories = table.categories[0] as readonly string[];
  const shares = o.reference.shares[o.dimension] ?? {};
  const sample = o.reference.treatAs === "sample";
  const N = o.reference.population;
  if (sample && N === undefined) {
    throw diversityError({
      code: "invalid_option",
      module: "diversity",
      details: {
        option: "reference.population",
        expected: { kind: "range", origin: "number", min: 0 },
        received: "undefined",
      },
    });
  }
  const z = zFor(o.confidence);
  const n = table.n;
  const counts = categories.map((_, c) => cellTotal(table, c));
  const refCount = (share: number): number => Math.round(share * (N ?? 0));
  const relIndex = o.relativeTo === undefined ? -1 : categories.indexOf(o.relativeTo);
  if (o.relativeTo !== undefined && relIndex < 0) {
    throw diversityError({
      code: "invalid_option",
      module: "diversity",
      details: { option: "relativeTo", expected: { kind: "one_of", values: categories }, received: o.relativeTo },
    });
  }
  return categories.map((category, c) => {
    const count = counts[c] as number;
    const share = n === 0 ? notComputable("empty_group") : proportion(count, n, o.method, o.confidence, z);
    const r = shares[category];
    const { ratio, gap } = ratioAndGap({ category, count, n, share, r }, o, z);
    const row: RepresentationRow = {
      dimension: o.dimension,
      category,
      count,
      participants: n,
      share,
      referenceShare: r ?? null,
      ratio,
      gap,
    };
    if (relIndex < 0) return row;
    return { ...row, relativeRepresentation: relative(c, relIndex) };
  });

  function relative(c: number, m: number): Metric {
    if (c === m)
      return { computable: true, value: 1, lower: 1, upper: 1, confidence: o.confidence, method: "reference_category" };
    const rc = shares[categories[c] as string];
    const rm = shares[categories[m] as string];
    if (rc === undefined || rm === undefined) return notComputable("no_reference");
    if (rc === 0 || rm === 0) return notComputable("zero_reference");
    const xc = counts[c] as number;
    const xm = counts[m] as number;
    if (n === 0) return notComputable("empty_group");
    if (xc === 0 || xm === 0) return notComputable("zero_count");
    const value = (xc / xm) * (rm / rc);
    // Two cells of one multinomial sample: var(ln(xc/xm)) ≈ 1/xc + 1/xm (delta method); a sampled
    // reference adds its own two terms.
    let variance = 1 / xc + 1 / xm;
    if (sample) {
      const yc = refCount(rc);
      const ym = refCount(rm);
      if (yc === 0 || ym === 0) return notComputable("zero_reference");
      variance += 1 / yc + 1 / ym;
    }
    const se = Math.sqrt(variance);
    return {
      computable: true,
      value,
      lower: value * Math.exp(-z * se),
      upper: value * Math.exp(z * se),
      confidence: o.confidence,
      method: "log_ratio_delta",
    };
  }
}

/**
 * Representation of each category of a dimension among participants against a reference population
 * (for instance the share of women among participants living in QPV against the share of women among
 * QPV residents), as a ratio (1 = parity) and a gap (0 = parity), with intervals. With a census
 * reference (`treatAs: "fixed"`) the interval of the participants' share is carried over; with a
 * sampled reference, the Katz log interval (ratio) and Newcombe's hybrid score (gap).
 *
 * @param records - the participants compared (filter them first, e.g. QPV residents only)
 * @param options - `dimension`, `reference`, optional `relativeTo` (e.g. "male"), `confidence`, `method`, `referenceDate`
 * @returns one row per category of the dimension
 * @throws {DeclicsError} `invalid_input` for bad options; `invalid_option` for a sampled reference without population or an unknown `relativeTo`
 * @example
 * ```ts
 * import { computeRepresentation, parseParticipantRecords, parseReferencePopulations } from "declics/diversity";
 *
 * // The residents of QPV Grand Mirail (INSEE 2015), and 100 participants who live there: 30 women, 70 men.
 * const [grandMirail] = parseReferencePopulations([
 *   { id: "QP031007", label: "Grand Mirail", source: "INSEE 2015", population: 31691, shares: { gender: { female: 0.516, male: 0.484 } } },
 * ]);
 * const qpvParticipants = parseParticipantRecords(
 *   Array.from({ length: 100 }, (_, i) => ({ id: `p${i}`, gender: i < 30 ? "female" : "male", ageBand: "26_49", territoryKind: "qpv", stages: [] })),
 * );
 * computeRepresentation(qpvParticipants, { dimension: "gender", reference: grandMirail!, relativeTo: "male" })[0];
 * // => { category: "female", share: { value: 0.3, ... }, referenceShare: 0.516, ratio: { value: 0.58, ... },
 * //      gap: { value: -0.216, ... }, relativeRepresentation: { value: 0.4, ... }, ... }
 * ```
 * @category Metrics
 */
export function computeRepresentation(
  records: Iterable<ParticipantRecord>,
  options: ComputeRepresentationOptions,
): RepresentationRow[] {
  const o = parseWith(Options, options, { module: "diversity", what: "representation options" });
  return representationFromCube(buildCube(records, [o.dimension], o.referenceDate, o.timeZone), o);
}
