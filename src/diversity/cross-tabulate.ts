import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { buildCube, reachedAtLeast, STAGES } from "./_cube.js";
import { DayInput, DayOptions } from "./_days.js";
import { Dimension, type CountTable, type ParticipantRecord } from "./schema.js";

const Options = z
  .object({
    rows: Dimension,
    columns: Dimension,
    /** Count only people who reached this stage (default: every record). */
    reached: ParcoursStage.optional(),
    referenceDate: DayInput.optional(),
    ...DayOptions,
  })
  .refine((o) => o.rows !== o.columns, {
    ...expecting("a dimension other than rows", "une dimension autre que celle des lignes (rows)"),
    path: ["columns"],
  });

/** Options of {@link crossTabulate}. */
export type CrossTabulateOptions = z.input<typeof Options>;

/**
 * Counts records in a two-way table (rows by columns), ready for {@link protectTable}.
 *
 * @param records - validated participant records (array or iterable, read once)
 * @param options - `rows` and `columns` dimensions, `reached` (count only people who reached a stage), `referenceDate`
 * @returns the count table, every category of both dimensions included
 * @throws {DeclicsError} `invalid_input` for bad options or records with unknown categories
 * @example
 * ```ts
 * import { crossTabulate, parseParticipantRecords } from "declics/diversity";
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
 * crossTabulate(records, { rows: "gender", columns: "territoryKind", reached: "hired" }).counts[0];
 * // => [14, 5, 5, 0]
 * ```
 * @category Publication
 */
export function crossTabulate(records: Iterable<ParticipantRecord>, options: CrossTabulateOptions): CountTable {
  const o = parseWith(Options, options, { module: "diversity", what: "cross-tabulation options" });
  const cube = buildCube(records, [o.rows, o.columns], o.referenceDate, o.timeZone);
  const rows = cube.categories[0] as readonly string[];
  const columns = cube.categories[1] as readonly string[];
  const stage = o.reached === undefined ? -1 : STAGES.indexOf(o.reached);
  const counts = rows.map((_, i) =>
    columns.map((_, j) => {
      const cell = i * (cube.strides[0] as number) + j;
      return stage < 0 ? reachedAtLeast(cube, cell, -1) : reachedAtLeast(cube, cell, stage);
    }),
  );
  return { rowDimension: o.rows, columnDimension: o.columns, rows: [...rows], columns: [...columns], counts };
}
