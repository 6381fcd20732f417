import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { zFor } from "./_stats.js";
import { buildCube, cellTotal, keyOf, marginalize, type Cube } from "./_cube.js";
import { notComputable, proportion } from "./_intervals.js";
import { CommonOptions, Dimensions } from "./_options.js";
import type { GroupKey, Metric, ParticipantRecord } from "./schema.js";

const Options = z
  .object({
    /** Dimensions to group by (any combination). */
    by: Dimensions.min(1),
    /** Dimensions among `by` whose groups are the denominators (default: none, shares of everyone). */
    within: Dimensions.default([]),
    ...CommonOptions,
  })
  .refine((o) => o.within.every((d) => o.by.includes(d)), {
    ...expecting("dimensions among those of by", "des dimensions parmi celles de by"),
    path: ["within"],
  });

/** Options of {@link computeShares}. */
export type ComputeSharesOptions = z.input<typeof Options>;

/** One row of {@link computeShares}: the group, its count, the denominator and the share with its interval. */
export type ShareRow = GroupKey & { readonly count: number; readonly denominator: number; readonly share: Metric };

/** Shares from an already built cube (used by the report). */
export function sharesFromCube(
  cube: Cube,
  by: readonly ShareRowDims[],
  within: readonly ShareRowDims[],
  method: z.output<typeof Options>["method"],
  confidence: number,
): ShareRow[] {
  const table = marginalize(cube, by);
  const z = zFor(confidence);
  // Denominators: totals over the cells sharing the `within` categories.
  const withinPos = within.map((d) => by.indexOf(d));
  const denomKey = (cell: number): number => {
    let key = 0;
    for (const p of withinPos) {
      const size = (table.categories[p] as readonly string[]).length;
      key = key * size + (Math.floor(cell / (table.strides[p] as number)) % size);
    }
    return key;
  };
  const denominators = new Map<number, number>();
  const totals = new Float64Array(table.cells);
  for (let cell = 0; cell < table.cells; cell++) {
    const t = cellTotal(table, cell);
    totals[cell] = t;
    const k = denomKey(cell);
    denominators.set(k, (denominators.get(k) ?? 0) + t);
  }
  const rows: ShareRow[] = [];
  for (let cell = 0; cell < table.cells; cell++) {
    const count = totals[cell] as number;
    const denominator = denominators.get(denomKey(cell)) as number;
    const share =
      denominator === 0 ? notComputable("empty_group") : proportion(count, denominator, method, confidence, z);
    rows.push({ ...keyOf(table, cell), count, denominator, share });
  }
  return rows;
}
type ShareRowDims = z.output<typeof Options>["by"][number];

/**
 * Counts and shares by any combination of dimensions, each share with its confidence interval (Wilson
 * score by default, Clopper-Pearson or Agresti-Coull as options). Every category of the fixed
 * vocabularies appears, with a zero count when nobody is in it; missing optional fields are counted as
 * `not_stated`, never dropped.
 *
 * @param records - validated participant records (array or any iterable; read once)
 * @param options - `by` dimensions, `within` (the denominators' dimensions), `confidence`, `method`,
 *   `referenceDate` (needed to derive age bands from birth dates)
 * @returns one tidy row per group; a share whose denominator is zero is `{ computable: false, reason: "empty_group" }`
 * @throws {DeclicsError} `invalid_input` for bad options or a record with an unknown category;
 *   `invalid_option` when age bands need a reference date
 * @example
 * ```ts
 * import { computeShares, parseParticipantRecords } from "declics/diversity";
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
 * computeShares(records, { by: ["territoryKind", "gender"], within: ["territoryKind"] })[0];
 * // => { territoryKind: "qpv", gender: "female", count: 133, denominator: 360,
 * //      share: { computable: true, value: 0.3694, lower: 0.3212, upper: 0.4204, ... } }
 * ```
 * @category Metrics
 */
export function computeShares(records: Iterable<ParticipantRecord>, options: ComputeSharesOptions): ShareRow[] {
  const o = parseWith(Options, options, { module: "diversity", what: "share options" });
  const cube = buildCube(records, o.by, o.referenceDate, o.timeZone);
  return sharesFromCube(cube, o.by, o.within, o.method, o.confidence);
}
