import { diversityError } from "./_errors.js";
import { parseWith } from "../_lib/parse.js";
import { protectLinked } from "./_suppression.js";
import * as z from "zod/v4";
import { ProtectionOptions } from "./_options.js";
import { CountTable, type ProtectedTable } from "./schema.js";

const Options = ProtectionOptions;

/** Options of {@link protectTable}: `threshold`, `reasons`, `protectionInterval`. */
export type ProtectTableOptions = z.input<typeof Options>;

/**
 * Makes a two-way table of counts safe to publish. Primary suppression hides every cell and margin with
 * a count from 1 to `threshold - 1` (INSEE's practice for person data: at least 11 people); secondary
 * suppression then hides as few other counts as it can so that no hidden cell can be recomputed from the
 * published cells, row totals, column totals and grand total. Hidden cells carry their reason and a
 * `null` value: they are never shown as zero. Zero counts are published (they are not small groups of
 * people) and are never used for secondary suppression. By default every hidden cell gives the same
 * reason, `secret_statistique`; `reasons: "detailed"` tells primary from secondary for the analyst, but
 * a reader who knows which hidden counts are small (1 to threshold - 1) can sometimes pin one down (with
 * a threshold of 2, a small count is 1), so never publish the detailed reasons.
 *
 * Guarantee: every suppressed count lies on a cycle of suppressed positive counts along which it can move
 * by `protectionInterval - 1` (default 2) with every hidden count staying >= 1, so a reader who knows
 * everything published (and that hidden counts are positive integers) cannot narrow any hidden count to
 * fewer than `protectionInterval` values (default 3; tau-argus calls this a protection level). Tables that share margins (several crossings of the same
 * records) must be protected together with {@link protectLinkedTables}, not one by one.
 *
 * @param table - row and column labels and the counts (non-negative integers)
 * @param options - `threshold` (default 11), `reasons` (`"publishable"` by default, or `"detailed"`),
 *   `protectionInterval` (default 3, at least 2)
 * @returns the protected table: cells, row totals, column totals, grand total, and how many were suppressed
 * @throws {DeclicsError} `invalid_input` when the table is malformed; `invalid_table` when a row or column label repeats
 * @example
 * ```ts
 * import { protectTable } from "declics/diversity";
 *
 * const t = protectTable({
 *   rowDimension: "gender",
 *   columnDimension: "territoryKind",
 *   rows: ["female", "male"],
 *   columns: ["qpv", "zrr"],
 *   counts: [[4, 30], [25, 40]],
 * });
 * t.cells[0]?.[0];
 * // => { status: "suppressed", value: null, reason: "secret_statistique" }
 * t.rowTotals[0];
 * // => { status: "published", value: 34 }
 * ```
 * @category Publication
 */
export function protectTable(table: CountTable, options: ProtectTableOptions = {}): ProtectedTable {
  const t = parseWith(CountTable, table, { module: "diversity", what: "count table" });
  for (const [axis, labels] of [
    ["row", t.rows],
    ["column", t.columns],
  ] as const) {
    const seen = new Set<string>();
    for (const label of labels) {
      // Two rows with one label would be read as one group: which count is it?
      if (seen.has(label))
        throw diversityError({
          code: "invalid_table",
          module: "diversity",
          details: { reason: "duplicate_label", values: { axis, label } },
        });
      seen.add(label);
    }
  }
  const { threshold, reasons, protectionInterval } = parseWith(Options, options, {
    module: "diversity",
    what: "protection options",
  });
  // Entries are keyed by position: a table on its own links nothing.
  const keys = Array.from({ length: t.rows.length + 1 }, (_, i) =>
    Array.from({ length: t.columns.length + 1 }, (_, j) => `${i},${j}`),
  );
  return protectLinked([{ table: t, keys }], { threshold, reasons, interval: protectionInterval })[0] as ProtectedTable;
}
