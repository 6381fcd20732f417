import * as z from "zod/v4";
import { type TableReason } from "../errors.js";
import { diversityError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { protectLinked } from "./_suppression.js";
import { ProtectionOptions } from "./_options.js";
import { CountTable, type ProtectedTable } from "./schema.js";

const Options = ProtectionOptions;

/** Options of {@link protectLinkedTables}: `threshold`, `reasons`, `protectionInterval` (as protectTable's). */
export type ProtectLinkedTablesOptions = z.input<typeof Options>;

const CountTables = z.array(CountTable);

/** The key of a population count: its (dimension, category) pairs, sorted, so (A, B) and (B, A) agree. */
function keyOf(parts: [string, string][]): string {
  return JSON.stringify([...parts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * Makes a set of two-way tables of the same people safe to publish together. Crossings of the same
 * records share counts: the number of women is a margin of gender x territory and of gender x age band,
 * and the grand total is in every table. Protected one by one, a total hidden in one table can be read
 * in another and undo the suppression. Here every count that appears in several tables (same dimension
 * and category, or the same pair of them) has one value and one state everywhere: primary suppression
 * (counts from 1 to `threshold - 1`) and secondary suppression run over all the tables, sharing what
 * they hide, until no table needs more. Then every hidden count must be changed by a move of the whole
 * set that keeps everything published: a cycle inside one table that touches no margin, or a swap of one
 * unit between two hidden categories of a dimension carried through every table that crosses it; a
 * count without one gets more complements, and an interval attack on the union is the last check.
 *
 * Guarantee: a count is hidden in every table or in none, and every hidden count has such a move, so
 * another set of tables (that count moved by `protectionInterval - 1`, every hidden count still >= 1)
 * agrees with everything published: no hidden count can be narrowed to fewer than `protectionInterval`
 * values (default 3). If nothing more can be hidden and a count still has no move (every positive count
 * already hidden), it is left as it is. Not guaranteed: safety against a reader who knows some
 * participants' records.
 *
 * @param tables - two-way count tables over the same records, each pair of dimensions once; a margin is
 *   matched by its dimension and category
 * @param options - `threshold` (default 11), `reasons` (`"publishable"` by default, or `"detailed"`),
 *   `protectionInterval` (default 3, at least 2)
 * @returns the protected tables, in the same order
 * @throws {DeclicsError} `invalid_input` when a table is malformed; `invalid_table` when a table crosses a
 *   dimension with itself, repeats a label, repeats another table's crossing, or when two tables disagree
 *   on a shared count
 * @example
 * ```ts
 * import { crossTabulate, parseParticipantRecords, protectLinkedTables } from "declics/diversity";
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
 * const [byTerritory, byAge] = protectLinkedTables([
 *   crossTabulate(records, { rows: "gender", columns: "territoryKind" }),
 *   crossTabulate(records, { rows: "gender", columns: "ageBand", referenceDate: "2021-01-01" }),
 * ]);
 * // The number of women has one state in both tables (published in both, or hidden in both).
 * byTerritory?.rowTotals[0]?.status === byAge?.rowTotals[0]?.status;
 * // => true
 * ```
 * @category Publication
 */
export function protectLinkedTables(
  tables: readonly CountTable[],
  options: ProtectLinkedTablesOptions = {},
): ProtectedTable[] {
  return protectLinkedTablesHiding(tables, options, []);
}

/**
 * Not exported from the barrel: {@link protectLinkedTables} that also hides the given counts (each a list
 * of (dimension, category) pairs) from the start, as complements. The diversity report uses it for counts
 * its funnels need hidden.
 */
export function protectLinkedTablesHiding(
  tables: readonly CountTable[],
  options: ProtectLinkedTablesOptions,
  alsoHide: readonly (readonly [string, string])[][],
  weight: (parts: readonly (readonly [string, string])[]) => number = () => 1,
): ProtectedTable[] {
  const ts = parseWith(CountTables, tables, { module: "diversity", what: "count tables" });
  const { threshold, reasons, protectionInterval } = parseWith(Options, options, {
    module: "diversity",
    what: "protection options",
  });
  const crossings = new Set<string>();
  const inputs = ts.map((t, index) => {
    const fail = (reason: TableReason, values: Readonly<Record<string, string | number>> = {}): never => {
      throw diversityError({
        code: "invalid_table",
        module: "diversity",
        details: { reason, values: { table: index, ...values } },
      });
    };
    if (t.rowDimension === t.columnDimension) fail("same_dimension_twice", { dimension: t.rowDimension });
    // The same crossing twice (even turned) would be one table published twice: give it once.
    const crossing = keyOf([
      [t.rowDimension, ""],
      [t.columnDimension, ""],
    ]);
    if (crossings.has(crossing)) fail("same_crossing_twice", { rows: t.rowDimension, columns: t.columnDimension });
    crossings.add(crossing);
    for (const labels of [t.rows, t.columns]) if (new Set(labels).size !== labels.length) fail("repeated_label");
    const R = t.rows.length;
    const C = t.columns.length;
    const keys = Array.from({ length: R + 1 }, (_, i) =>
      Array.from({ length: C + 1 }, (_, j) => {
        const parts: [string, string][] = [];
        if (i < R) parts.push([t.rowDimension, t.rows[i] as string]);
        if (j < C) parts.push([t.columnDimension, t.columns[j] as string]);
        return keyOf(parts);
      }),
    );
    return { table: t, keys };
  });
  return protectLinked(inputs, {
    threshold,
    reasons,
    interval: protectionInterval,
    alsoHide: new Set(alsoHide.map((parts) => keyOf(parts.map(([d, c]): [string, string] => [d, c])))),
    weight: (key) => weight(JSON.parse(key) as [string, string][]),
  });
}
