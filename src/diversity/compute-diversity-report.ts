import { z } from "zod";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { buildCube, cellTotal, marginalize } from "./_cube.js";
import { CommonOptions, Dimensions } from "./_options.js";
import { funnelFromCube, type Funnel } from "./compute-funnel.js";
import { parityFromCube, type ParityRow } from "./compute-parity.js";
import { representationFromCube, type RepresentationRow } from "./compute-representation.js";
import { sharesFromCube, type ShareRow } from "./compute-shares.js";
import { protectLinkedTables } from "./protect-linked-tables.js";
import { Dimension, ReferencePopulation, type CountTable, type ParticipantRecord, type ProtectedTable } from "./schema.js";

const Options = z.object({
  /** Dimensions of the report (default gender, age band, territory kind, diploma level). */
  dimensions: Dimensions.min(1).default(["gender", "ageBand", "territoryKind", "diplomaLevel"]),
  /** Outcome of the parity analysis (default "hired", among registered). */
  outcome: ParcoursStage.default("hired"),
  /** Threshold of primary suppression for the publishable tables (default 11). */
  threshold: z.number().int().min(1).default(11),
  /** Optional representation against a reference population. */
  representation: z.object({ dimension: Dimension, reference: ReferencePopulation, relativeTo: z.string().optional() }).optional(),
  ...CommonOptions,
});

/** Options of {@link computeDiversityReport}. */
export type ComputeDiversityReportOptions = z.input<typeof Options>;

/** Everything an analyst publishes, computed from one pass over the records. */
export interface DiversityReport {
  readonly participants: number;
  /** Shares of everyone, by each dimension. */
  readonly shares: Partial<Record<Dimension, ShareRow[]>>;
  /** Funnel by each dimension. */
  readonly funnels: Partial<Record<Dimension, Funnel>>;
  /** Parity of the outcome (among registered) by each dimension. */
  readonly parity: Partial<Record<Dimension, ParityRow[]>>;
  /** Representation against the reference, when one was given. */
  readonly representation: RepresentationRow[] | null;
  /**
   * Publishable two-way tables of participants for each pair of dimensions, small counts protected as a
   * linked set (see protectLinkedTables): a count shared by several tables is hidden in all or none.
   */
  readonly tables: ProtectedTable[];
}

/**
 * A full diversity report from one pass over the records: shares by each dimension with intervals,
 * funnels and parity (four-fifths rule) by each dimension, representation against a reference
 * population, and a protected (publishable) two-way table for each pair of dimensions, protected
 * together so that no table gives away what another hides. Records are
 * counted into typed arrays once; every figure is derived from those counts, so a million records take
 * well under a second.
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `dimensions`, `outcome`, `threshold`, `representation`, `confidence`, `method`, `referenceDate`
 * @returns the report
 * @throws {DeclicsError} `invalid_input` for bad options or records with unknown categories; `invalid_option` when age bands need a reference date
 * @example
 * ```ts
 * const report = computeDiversityReport(records, { referenceDate: "2021-01-01" });
 * report.parity.gender?.find((r) => r.group === "female")?.fourFifths.status;
 * // => "flagged"
 * ```
 * @category Metrics
 */
export function computeDiversityReport(records: Iterable<ParticipantRecord>, options: ComputeDiversityReportOptions = {}): DiversityReport {
  const o = parseWith(Options, options, { module: "diversity", what: "report options" });
  const dims = [...o.dimensions];
  if (o.representation && !dims.includes(o.representation.dimension)) dims.push(o.representation.dimension);
  const cube = buildCube(records, dims, o.referenceDate);
  const shares: DiversityReport["shares"] = {};
  const funnels: DiversityReport["funnels"] = {};
  const parity: DiversityReport["parity"] = {};
  for (const d of o.dimensions) {
    shares[d] = sharesFromCube(cube, [d], [], o.method, o.confidence);
    funnels[d] = funnelFromCube(cube, [d], o.method, o.confidence);
    parity[d] = parityFromCube(cube, { by: d, outcome: o.outcome, among: "registered", threshold: 0.8, confidence: o.confidence, method: o.method });
  }
  const crossings: CountTable[] = [];
  for (let a = 0; a < o.dimensions.length; a++) {
    for (let b = a + 1; b < o.dimensions.length; b++) {
      const pair = marginalize(cube, [o.dimensions[a] as Dimension, o.dimensions[b] as Dimension]);
      const rows = pair.categories[0] as readonly string[];
      const columns = pair.categories[1] as readonly string[];
      const counts = rows.map((_, i) => columns.map((_, j) => cellTotal(pair, i * (pair.strides[0] as number) + j)));
      crossings.push({ rowDimension: pair.dims[0] as string, columnDimension: pair.dims[1] as string, rows: [...rows], columns: [...columns], counts });
    }
  }
  // The tables share their margins (the number of women is in every table crossing gender) and the
  // grand total: protected one by one, a total hidden in one could be read in another.
  const tables = protectLinkedTables(crossings, { threshold: o.threshold });
  const representation = o.representation
    ? representationFromCube(cube, { ...o.representation, confidence: o.confidence, method: o.method, referenceDate: o.referenceDate })
    : null;
  return { participants: cube.n, shares, funnels, parity, representation, tables };
}
