import * as z from "zod/v4";
import { dayUsed, type DayUsed } from "../_lib/calendar-day.js";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { buildCube, cellTotal, LEVELS, marginalize, reachedAtLeast, STAGES, type Cube } from "./_cube.js";
import { CommonOptions, Dimensions } from "./_options.js";
import {
  cellOf,
  hiddenMetric,
  LEVEL_LABELS,
  metricIf,
  publishedCounts,
  type PublishedCounts,
} from "./_report-protection.js";
import { funnelFromCube, type Funnel, type FunnelGroupKey } from "./compute-funnel.js";
import { parityFromCube, type ParityRow } from "./compute-parity.js";
import { representationFromCube, type RepresentationRow } from "./compute-representation.js";
import { sharesFromCube } from "./compute-shares.js";
import { protectLinkedTablesHiding } from "./protect-linked-tables.js";
import { publicationCounts } from "./_publication-counts.js";
import { recodeCube, type RecodeRule } from "./_recode.js";
import {
  Dimension,
  ReferencePopulation,
  ReportProtection,
  type CountTable,
  type GroupKey,
  type Metric,
  type NotComputable,
  type ParticipantRecord,
  type ProtectedCell,
  type ProtectedTable,
} from "./schema.js";

const Options = z.object({
  /** Dimensions of the report (default gender, age band, territory kind, diploma level). */
  dimensions: Dimensions.min(1).default(["gender", "ageBand", "territoryKind", "diplomaLevel"]),
  /** Outcome of the parity analysis (default "hired", among registered). */
  outcome: ParcoursStage.default("hired"),
  /** Threshold of primary suppression for the publishable tables (default 11). */
  threshold: z.number().int().min(1).default(11),
  /**
   * The protection interval: every count the report hides can take at least this many values given
   * everything it publishes (default 3: never pinned to one value, nor to two).
   */
  protectionInterval: z.number().int().min(2).max(50).default(3),
  /**
   * `publishable` (default): every count of the report, and every figure made from counts, agrees with the
   * protected tables (hidden where a table hides a count it needs). `none`: exact figures of every group,
   * small ones included, and tables with nothing hidden; for the analyst's own work, NOT for publication.
   */
  protection: ReportProtection.default("publishable"),
  /**
   * Priorities: the cost of hiding a count, per dimension (a number) or per category (a record), as a
   * multiple of the count (default 1). Secondary suppression hides the cheapest counts first, so a higher
   * weight keeps a figure published when another complement would do. Default: the headline rates,
   * women and the programme's territories (QPV, ZRR, FRR), weigh 10.
   */
  priorities: z
    .partialRecord(Dimension, z.union([z.number().positive(), z.record(z.string(), z.number().positive())]))
    .default({ gender: { female: 10 }, territoryKind: { qpv: 10, zrr: 10, frr: 10 } }),
  /**
   * Recoding before suppression: each rule merges categories of a dimension (`from`) into one (`into`),
   * for instance the 26-49 and 50+ age bands into "26_plus". With `when: "if_more_published"` (default)
   * a rule is applied only when the report then publishes more figures; `always` applies it. Rules are
   * tried in order; the report says which were applied (`recoding`).
   */
  recode: z
    .array(
      z.object({
        dimension: Dimension.exclude(["stage"]),
        into: z.string().min(1),
        from: z.array(z.string()).min(2),
        when: z.enum(["if_more_published", "always"]).default("if_more_published"),
      }),
    )
    .default([]),
  /** Optional representation against a reference population. */
  representation: z
    .object({ dimension: Dimension, reference: ReferencePopulation, relativeTo: z.string().optional() })
    .optional(),
  ...CommonOptions,
});

/** Options of {@link computeDiversityReport}. */
export type ComputeDiversityReportOptions = z.input<typeof Options>;

/** A share row of the report: its counts as published (a hidden count is suppressed, never zero). */
export type ReportShareRow = GroupKey & {
  readonly count: ProtectedCell;
  readonly denominator: ProtectedCell;
  readonly share: Metric;
};

/** A funnel row of the report (see {@link FunnelRow}), its counts as published. */
export type ReportFunnelRow = FunnelGroupKey & {
  readonly stage: ParcoursStage;
  readonly reached: ProtectedCell;
  readonly fromPrevious: Metric;
  readonly fromStart: Metric;
  readonly lost: ProtectedCell;
};

/** Where a group is lost most, in the report: hidden (`secret_statistique`) unless every step of the group is published. */
export type ReportFunnelGroupSummary = FunnelGroupKey & {
  readonly registered: ProtectedCell;
  readonly lostMost:
    | {
        readonly from: ParcoursStage;
        readonly to: ParcoursStage;
        readonly conversion: Metric;
        readonly lost: ProtectedCell;
      }
    | NotComputable;
};

/** A recoding rule of the report and whether it was applied (see the `recode` option). */
export interface ReportRecoding {
  readonly dimension: Dimension;
  readonly into: string;
  readonly from: readonly string[];
  readonly applied: boolean;
  /** Figures the report publishes without the rule and with it (counts, rates, verdicts). */
  readonly publishedWithout: number;
  readonly publishedWith: number;
}

/** The funnel of the report, by group. */
export interface ReportFunnel {
  readonly rows: ReportFunnelRow[];
  readonly groups: ReportFunnelGroupSummary[];
}

/** A parity row of the report (see {@link ParityRow}), its counts as published. */
export type ReportParityRow = Omit<ParityRow, "among" | "outcome"> & {
  readonly among: ProtectedCell;
  readonly outcome: ProtectedCell;
};

/** A representation row of the report (see {@link RepresentationRow}), its counts as published. */
export type ReportRepresentationRow = Omit<RepresentationRow, "count" | "participants"> & {
  readonly count: ProtectedCell;
  readonly participants: ProtectedCell;
};

/**
 * Everything an analyst publishes, computed from one pass over the records. With the default protection,
 * the report as a whole is publishable: every count is published only where the protected tables publish
 * it (or where the tables' published entries give it exactly), and every share, rate, interval, ratio and
 * gap only when all its counts are published; the rest says `secret_statistique`.
 */
export interface DiversityReport {
  /** The number of participants (the tables' grand total). */
  readonly participants: ProtectedCell;
  /** Shares of everyone, by each dimension. */
  readonly shares: Partial<Record<Dimension, ReportShareRow[]>>;
  /** Funnel by each dimension. */
  readonly funnels: Partial<Record<Dimension, ReportFunnel>>;
  /** Parity of the outcome (among registered) by each dimension, compared with the published group of highest rate. */
  readonly parity: Partial<Record<Dimension, ReportParityRow[]>>;
  /** Representation against the reference, when one was given. */
  readonly representation: ReportRepresentationRow[] | null;
  /**
   * Publishable two-way tables, protected as a linked set (see protectLinkedTables): one for each pair of
   * dimensions, then each dimension (and the representation's) by highest stage reached (the `stage`
   * dimension: the funnels' counts), unless `stage` is itself a dimension. A count shared by several tables
   * is hidden in all or none.
   */
  readonly tables: ProtectedTable[];
  /** `publishable` or `none` (nothing hidden: not for publication). */
  readonly protection: ReportProtection;
  /** How the report was protected: threshold, protection interval, priorities, and the recoding rules tried. */
  readonly method: {
    readonly threshold: number;
    readonly protectionInterval: number;
    readonly priorities: Partial<Record<Dimension, number | Record<string, number>>>;
    readonly recoding: readonly ReportRecoding[];
    /**
     * The calendar day age bands were computed on (from `referenceDate`), with the zone it was read in when
     * it was a `Date`; null without a reference date.
     */
    readonly referenceDate: DayUsed | null;
  };
}

/**
 * A full diversity report from one pass over the records, publishable as a whole: shares by each
 * dimension with intervals, funnels and parity (four-fifths rule) by each dimension, representation
 * against a reference population, and protected tables (each pair of dimensions, each dimension by highest
 * stage reached) protected together so that no table gives away what another hides. Every other figure
 * agrees with the tables: a count is published only when the tables' published entries give it exactly,
 * and a share, rate, interval, ratio or gap only when all its counts are published; the rest is
 * `{ status: "suppressed", reason: "secret_statistique" }` (a count) or
 * `{ computable: false, reason: "secret_statistique" }` (a metric), never zero, never NaN. Records are
 * counted into typed arrays once; every figure is derived from those counts, so a million records take
 * well under a second.
 *
 * Levers to publish more (see the guide): `priorities` (the cost of hiding a count, per dimension or
 * category: the headline rates of women, QPV, ZRR and FRR are protected last by default) and `recode`
 * (declared rules that merge small categories before suppression, applied when they publish more).
 * `report.method` says how the report was protected; {@link formatProtectionNote} writes it in French.
 *
 * @param records - validated participant records (array or iterable, read once; an id given twice is refused)
 * @param options - `dimensions`, `outcome`, `threshold`, `protectionInterval` (default 3: every hidden count
 *   can still take at least 3 values), `priorities`, `recode`, `representation`, `confidence`, `method`,
 *   `referenceDate`, `protection` (`"publishable"` by default; `"none"` gives exact figures of every group,
 *   small ones included: for internal use, NOT for publication)
 * @returns the report
 * @throws {DeclicsError} `invalid_input` for bad options or records with unknown categories; `invalid_option` when age bands need a reference date
 * @example
 * ```ts
 * import { computeDiversityReport, parseParticipantRecords } from "declics/diversity";
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
 * const report = computeDiversityReport(records, { referenceDate: "2021-01-01" });
 * report.shares.gender?.find((r) => r.gender === "undisclosed");
 * // => { gender: "undisclosed", count: { status: "suppressed", value: null, reason: "secret_statistique" },
 * //      denominator: { status: "published", value: 600 }, share: { computable: false, reason: "secret_statistique", ... } }
 * ```
 * @category Metrics
 */
export function computeDiversityReport(
  records: Iterable<ParticipantRecord>,
  options: ComputeDiversityReportOptions = {},
): DiversityReport {
  const o = parseWith(Options, options, { module: "diversity", what: "report options" });
  const dims = [...o.dimensions];
  if (o.representation && !dims.includes(o.representation.dimension)) dims.push(o.representation.dimension);
  let cube = buildCube(records, dims, o.referenceDate, o.timeZone);
  let representation = o.representation;
  let report = reportFromCube(cube, o, representation);
  const recoding: ReportRecoding[] = [];
  for (const rule of o.recode) {
    const merged = recodeCube(cube, rule);
    const mergedReference =
      representation && representation.dimension === rule.dimension
        ? { ...representation, reference: recodeReference(representation.reference, rule) }
        : representation;
    const candidate = reportFromCube(merged, o, mergedReference);
    const publishedWithout = publicationCounts(report).published;
    const publishedWith = publicationCounts(candidate).published;
    const applied = rule.when === "always" || publishedWith > publishedWithout;
    recoding.push({
      dimension: rule.dimension,
      into: rule.into,
      from: [...rule.from],
      applied,
      publishedWithout,
      publishedWith,
    });
    if (applied) {
      cube = merged;
      representation = mergedReference;
      report = candidate;
    }
  }
  return {
    ...report,
    method: {
      threshold: o.protection === "none" ? 1 : o.threshold,
      protectionInterval: o.protectionInterval,
      priorities: o.priorities,
      recoding,
      referenceDate: o.referenceDate === undefined ? null : dayUsed(o.referenceDate, o.timeZone),
    },
  };
}

/** The reference population with the merged categories' shares added up. */
function recodeReference(reference: ReferencePopulation, rule: RecodeRule): ReferencePopulation {
  const shares = reference.shares[rule.dimension];
  if (shares === undefined) return reference;
  const merged: Record<string, number> = {};
  for (const [c, v] of Object.entries(shares)) {
    const label = rule.from.includes(c) ? rule.into : c;
    merged[label] = Math.min(1, (merged[label] ?? 0) + v);
  }
  return { ...reference, shares: { ...reference.shares, [rule.dimension]: merged } };
}

/** The weight of a count (its (dimension, category) pairs) under the priorities: the largest of its parts. */
function weightOf(priorities: Parsed["priorities"]): (parts: readonly (readonly [string, string])[]) => number {
  return (parts) => {
    let w = 1;
    for (const [d, c] of parts) {
      const p = priorities[d as Dimension];
      const v = typeof p === "number" ? p : p?.[c];
      if (v !== undefined && v > w) w = v;
    }
    return w;
  };
}

/** The report of one cube (recoded or not), without its method. */
function reportFromCube(
  cube: Cube,
  o: Parsed,
  representationOption: Parsed["representation"],
): Omit<DiversityReport, "method"> {
  const dims = cube.dims;
  const threshold = o.protection === "none" ? 1 : o.threshold;
  const counts = crossings(cube, o.dimensions, dims);
  // A funnel count the tables give exactly must not be small: the group's total minus its published cells
  // before a stage is the people past it, and 4 people past "workshops" is a small count even when each of
  // them sits in a hidden cell. Hide one more cell before the stage (the smallest) and protect again.
  const alsoHide: (readonly [string, string])[][] = [];
  const protect = { threshold, protectionInterval: o.protectionInterval };
  const weight = weightOf(o.protection === "none" ? {} : o.priorities);
  let tables = protectLinkedTablesHiding(counts, protect, alsoHide, weight);
  const exact = exactFunnelCounts(cube);
  let known = publishedCounts(tables, threshold, exact);
  for (
    let more = smallFunnelCounts(known, cube, o.dimensions, threshold);
    more.length > 0;
    more = smallFunnelCounts(known, cube, o.dimensions, threshold)
  ) {
    alsoHide.push(...more);
    tables = protectLinkedTablesHiding(counts, protect, alsoHide, weight);
    known = publishedCounts(tables, threshold, exact);
  }
  const shares: DiversityReport["shares"] = {};
  const funnels: DiversityReport["funnels"] = {};
  const parity: DiversityReport["parity"] = {};
  const all = known.get([]) as number | null;
  for (const d of o.dimensions) {
    shares[d] = sharesFromCube(cube, [d], [], o.method, o.confidence).map((row) => {
      const count = known.get([[d, row[d] as string]]) as number | null;
      return { ...row, count: cellOf(count), denominator: cellOf(all), share: metricIf(row.share, count, all) };
    });
    funnels[d] = protectFunnel(funnelFromCube(cube, [d], o.method, o.confidence), d, known);
    parity[d] = protectParity(cube, d, o, known);
  }
  const representation = representationOption
    ? representationFromCube(cube, {
        ...representationOption,
        confidence: o.confidence,
        method: o.method,
        referenceDate: o.referenceDate,
        timeZone: o.timeZone,
      }).map((row) => {
        const d = row.dimension;
        const count = known.get([[d, row.category]]) as number | null;
        const out = {
          ...row,
          count: cellOf(count),
          participants: cellOf(all),
          share: metricIf(row.share, count, all),
          ratio: metricIf(row.ratio, count, all),
          gap: metricIf(row.gap, count, all),
        };
        if (row.relativeRepresentation === undefined || representationOption?.relativeTo === undefined) return out;
        const other = known.get([[d, representationOption.relativeTo]]) as number | null;
        return { ...out, relativeRepresentation: metricIf(row.relativeRepresentation, count, other) };
      })
    : null;
  return { participants: cellOf(all), shares, funnels, parity, representation, tables, protection: o.protection };
}

type Parsed = z.output<typeof Options>;

/** The category of dimension d of a funnel row or group (the stage dimension's is `highestStage`). */
function groupOf(row: FunnelGroupKey, d: Dimension): string {
  return (d === "stage" ? row.highestStage : row[d]) as string;
}

/** The true funnel counts: people of a group who reached at least stage s. */
function exactFunnelCounts(cube: Cube): (d: string, c: string, s: number) => number {
  const byDimension = new Map<string, { table: Cube; at: Map<string, number> }>();
  return (d, c, s) => {
    let m = byDimension.get(d);
    if (m === undefined) {
      const table = marginalize(cube, [d as Dimension]);
      m = { table, at: new Map((table.categories[0] as readonly string[]).map((label, i) => [label, i])) };
      byDimension.set(d, m);
    }
    return reachedAtLeast(m.table, m.at.get(c) as number, s);
  };
}

/**
 * Cells to hide so that no funnel count the tables give is small: for each group whose count past a stage
 * is from 1 to threshold - 1 and follows from its total and its published cells before the stage, the
 * smallest positive published cell before the stage.
 */
function smallFunnelCounts(
  known: PublishedCounts,
  cube: Cube,
  dimensions: readonly Dimension[],
  threshold: number,
): [string, string][][] {
  const out: [string, string][][] = [];
  for (const d of dimensions) {
    if (d === "stage") continue;
    for (const c of marginalize(cube, [d]).categories[0] as readonly string[]) {
      for (let s = 0; s < STAGES.length; s++) {
        const past = known.exactReached(d, c, s);
        if (past === null || past === 0 || past >= threshold) continue;
        let best = -1;
        let bestValue = Infinity;
        for (let l = 0; l <= s; l++) {
          const v = known.level(d, c, l);
          if (v !== null && v > 0 && v < bestValue) {
            best = l;
            bestValue = v;
          }
        }
        if (best >= 0)
          out.push([
            [d, c],
            ["stage", LEVEL_LABELS[best] as string],
          ]);
        break;
      }
    }
  }
  return out;
}

/**
 * The report's tables: each pair of dimensions, then each dimension by highest stage reached (the counts
 * behind the funnels and parity), so that every count the report publishes is an entry of one linked set.
 */
function crossings(cube: Cube, dimensions: readonly Dimension[], all: readonly Dimension[]): CountTable[] {
  const out: CountTable[] = [];
  const pairOf = (a: Dimension, b: Dimension): CountTable => {
    const pair = marginalize(cube, [a, b]);
    const rows = pair.categories[0] as readonly string[];
    const columns = pair.categories[1] as readonly string[];
    const counts = rows.map((_, i) => columns.map((_, j) => cellTotal(pair, i * (pair.strides[0] as number) + j)));
    return { rowDimension: a, columnDimension: b, rows: [...rows], columns: [...columns], counts };
  };
  for (let a = 0; a < dimensions.length; a++)
    for (let b = a + 1; b < dimensions.length; b++)
      out.push(pairOf(dimensions[a] as Dimension, dimensions[b] as Dimension));
  const stageIsPaired = dimensions.includes("stage") && dimensions.length > 1;
  for (const d of all) {
    if (d === "stage" || (stageIsPaired && dimensions.includes(d))) continue;
    const one = marginalize(cube, [d]);
    const rows = one.categories[0] as readonly string[];
    out.push({
      rowDimension: d,
      columnDimension: "stage",
      rows: [...rows],
      columns: [...LEVEL_LABELS],
      counts: rows.map((_, i) => LEVEL_LABELS.map((_, l) => one.counts[i * LEVELS + l] as number)),
    });
  }
  if (out.length === 0) {
    // Only the stage dimension: its one-way counts still need protecting, as a one-column table.
    const one = marginalize(cube, ["stage"]);
    out.push({
      rowDimension: "stage",
      columnDimension: "participants",
      rows: [...(one.categories[0] as readonly string[])],
      columns: ["all"],
      counts: (one.categories[0] as readonly string[]).map((_, i) => [cellTotal(one, i)]),
    });
  }
  return out;
}

/** The funnel as published: a count only where the tables give it, a rate only where both its counts are published. */
function protectFunnel(funnel: Funnel, d: Dimension, known: PublishedCounts): ReportFunnel {
  const published = new Map<string, (number | null)[]>();
  const reachedOf = (c: string): (number | null)[] => {
    let r = published.get(c);
    if (r === undefined) {
      r = STAGES.map((_, s) => known.reached(d, c, s));
      published.set(c, r);
    }
    return r;
  };
  const rows = funnel.rows.map((row): ReportFunnelRow => {
    const c = groupOf(row, d);
    const s = STAGES.indexOf(row.stage);
    const r = reachedOf(c);
    const here = r[s] as number | null;
    const before = s === 0 ? (known.get([[d, c]]) as number | null) : (r[s - 1] as number | null);
    return {
      ...row,
      reached: cellOf(here),
      fromPrevious: metricIf(row.fromPrevious, here, before),
      fromStart: metricIf(row.fromStart, here, r[0] as number | null),
      lost: cellOf(known.level(d, c, s)),
    };
  });
  const groups = funnel.groups.map((g): ReportFunnelGroupSummary => {
    const c = groupOf(g, d);
    const r = reachedOf(c);
    // The step where the group is lost most compares every step: published only when every step is.
    const lostMost = r.every((v) => v !== null)
      ? "from" in g.lostMost
        ? { ...g.lostMost, lost: cellOf(g.lostMost.lost) }
        : g.lostMost
      : hiddenMetric();
    return { ...g, registered: cellOf(r[0] as number | null), lostMost };
  });
  return { rows, groups };
}

/**
 * Parity as published: a group's rate when its two counts are published; the reference group is the
 * published group with the highest rate (a hidden one would give its rate away through the ratios).
 */
function protectParity(cube: Cube, d: Dimension, o: Parsed, known: PublishedCounts): ReportParityRow[] {
  const b = STAGES.indexOf(o.outcome);
  const base = {
    by: d,
    outcome: o.outcome,
    among: "registered" as const,
    threshold: 0.8,
    confidence: o.confidence,
    method: o.method,
    timeZone: o.timeZone,
  };
  const categories = marginalize(cube, [d]).categories[0] as readonly string[];
  const counts = categories.map((c) => [known.reached(d, c, 0), known.reached(d, c, b)] as const);
  let ref: string | undefined;
  let best = -1;
  categories.forEach((c, k) => {
    const [n, x] = counts[k] as readonly [number | null, number | null];
    if (n !== null && x !== null && n > 0 && x / n > best) {
      best = x / n;
      ref = c;
    }
  });
  const rows = parityFromCube(cube, ref === undefined ? base : { ...base, referenceGroup: ref });
  return rows.map((row, k) => {
    const [n, x] = counts[k] as readonly [number | null, number | null];
    const among = cellOf(n);
    const outcome = cellOf(x);
    if (n === null || x === null)
      return {
        ...row,
        among,
        outcome,
        rate: hiddenMetric(),
        ratio: hiddenMetric(),
        difference: hiddenMetric(),
        fourFifths: hiddenMetric(),
        referenceGroup: ref ?? null,
      };
    if (ref === undefined) {
      // No published group has anyone to compare: the default reference could be a hidden group.
      const none = row.ratio.computable ? hiddenMetric() : row.ratio;
      return {
        ...row,
        among,
        outcome,
        referenceGroup: null,
        ratio: none,
        difference: row.difference.computable ? hiddenMetric() : row.difference,
        fourFifths: none,
      };
    }
    return { ...row, among, outcome };
  });
}
