import { DeclicsError } from "../errors.js";
import { parseWith } from "../_lib/parse.js";
import { CountTable, ProtectTableOptions, type ProtectedCell, type ProtectedTable } from "./schema.js";

/*
 * Why the secondary suppression below is safe.
 *
 * Extend the R x C table with its row totals (column C), column totals (row R) and grand total (R, C).
 * Every row and column of the extended table is one published linear relation (cells sum to the total).
 * Flip the sign of the margins (y = -x for row and column totals, y = x for the rest): every line then
 * sums to zero, the classic zero-margin table. Take the bipartite graph whose nodes are the R + 1 rows and
 * C + 1 columns, and whose edges are the suppressed entries. Along any cycle of that graph, adding +1 and
 * -1 alternately (in y) keeps every line sum, so it gives another table that agrees with everything
 * published; an entry on no cycle (a bridge) is determined exactly by the published values (Cox 1980,
 * "Suppression methodology and statistical disclosure control", JASA 75:377-385; the same graph view
 * underlies the network-flow methods of tau-argus).
 *
 * A reader also knows that hidden counts are never zero (zeros are published), so the move must keep
 * every hidden count >= 1: an entry that decreases must be at least 2. Each hidden entry therefore needs
 * a "witness": a cycle through it and a direction of the +1/-1 move in which every entry that decreases
 * is at least 2. Such a cycle always exists through the entry's row total, column total and grand total
 * in the direction that increases the entry (increasing a count increases its totals), which is why the
 * search below never fails.
 *
 * The algorithm: suppress every entry with 0 < value < threshold (primary, margins included). Then, for
 * each primary entry without a witness among the suppressed entries, find the cheapest one (Dijkstra on
 * the arcs allowed in each direction; cost = the count hidden, margins heavily penalised, zeros never
 * used) and suppress its entries (secondary). Adding suppressed entries never removes a witness, and the
 * entries added lie on the witness they complete, so one pass suffices.
 */

interface Grid {
  readonly R: number;
  readonly C: number;
  readonly values: readonly Float64Array[];
  readonly suppressed: readonly Uint8Array[];
  /** Suppressed columns of each row node, and suppressed rows of each column node. */
  readonly rowsAdj: number[][];
  readonly colsAdj: number[][];
}

/** Sign of an entry in the zero-sum (y) coordinates: -1 for row and column totals, +1 otherwise. */
function signOf(g: Grid, i: number, j: number): number {
  return (i === g.R) !== (j === g.C) ? -1 : 1;
}

/** Whether entry (i, j) may change by dy (in y) and stay a plausible hidden count (>= 1 when it decreases). */
function allowed(g: Grid, i: number, j: number, dy: number): boolean {
  return signOf(g, i, j) * dy > 0 || ((g.values[i] as Float64Array)[j] as number) >= 2;
}

/** Whether a hidden entry has a witness cycle made of hidden entries (breadth-first, both directions). */
function hasWitness(g: Grid, i0: number, j0: number): boolean {
  for (const d0 of [1, -1]) {
    if (!allowed(g, i0, j0, d0)) continue;
    // From column j0 back to row i0. Leaving a column uses its entry at an odd position (dy = -d0),
    // leaving a row at an even position (dy = +d0).
    const seenRows = new Uint8Array(g.R + 1);
    const seenCols = new Uint8Array(g.C + 1);
    seenCols[j0] = 1;
    let frontier: [boolean, number][] = [[false, j0]];
    while (frontier.length > 0) {
      const next: [boolean, number][] = [];
      for (const [isRow, k] of frontier) {
        if (isRow) {
          for (const j of g.rowsAdj[k] as number[]) {
            if (seenCols[j] || (k === i0 && j === j0) || !allowed(g, k, j, d0)) continue;
            seenCols[j] = 1;
            next.push([false, j]);
          }
        } else {
          for (const i of g.colsAdj[k] as number[]) {
            if (seenRows[i] || (i === i0 && k === j0) || !allowed(g, i, k, -d0)) continue;
            if (i === i0) return true;
            seenRows[i] = 1;
            next.push([true, i]);
          }
        }
      }
      frontier = next;
    }
  }
  return false;
}

/** A tiny binary heap of [cost, node] for Dijkstra. */
class Heap {
  private readonly items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, number]): void {
    const a = this.items;
    a.push(item);
    for (let k = a.length - 1; k > 0; ) {
      const p = (k - 1) >> 1;
      if ((a[p] as [number, number])[0] <= item[0]) break;
      a[k] = a[p] as [number, number];
      a[p] = item;
      k = p;
    }
  }
  pop(): [number, number] {
    const a = this.items;
    const top = a[0] as [number, number];
    const last = a.pop() as [number, number];
    if (a.length > 0) {
      a[0] = last;
      for (let k = 0; ; ) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < a.length && (a[l] as [number, number])[0] < (a[m] as [number, number])[0]) m = l;
        if (r < a.length && (a[r] as [number, number])[0] < (a[m] as [number, number])[0]) m = r;
        if (m === k) break;
        [a[k], a[m]] = [a[m] as [number, number], a[k] as [number, number]];
        k = m;
      }
    }
    return top;
  }
}

/** The cheapest witness for entry (i0, j0): the entries to suppress (possibly already suppressed), or null. */
function cheapestWitness(g: Grid, i0: number, j0: number, costOf: (i: number, j: number) => number): [number, number][] | null {
  const { R, C } = g;
  const nodes = R + 1 + C + 1;
  let best: { cost: number; path: [number, number][] } | null = null;
  for (const d0 of [1, -1]) {
    if (!allowed(g, i0, j0, d0)) continue;
    const dist = new Float64Array(nodes).fill(Infinity);
    const prev = new Int32Array(nodes).fill(-1);
    const start = R + 1 + j0;
    dist[start] = 0;
    const heap = new Heap();
    heap.push([0, start]);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > (dist[u] as number)) continue;
      if (u === i0) break;
      const isRow = u <= R;
      const count = isRow ? C + 1 : R + 1;
      for (let k = 0; k < count; k++) {
        const i = isRow ? u : k;
        const j = isRow ? k : u - R - 1;
        if (i === i0 && j === j0) continue;
        const value = (g.values[i] as Float64Array)[j] as number;
        if (value <= 0) continue;
        const hidden = (g.suppressed[i] as Uint8Array)[j] === 1;
        if (hidden && !allowed(g, i, j, isRow ? d0 : -d0)) continue;
        const v = isRow ? R + 1 + j : i;
        const nd = d + (hidden ? 0 : costOf(i, j));
        if (nd < (dist[v] as number)) {
          dist[v] = nd;
          prev[v] = u;
          heap.push([nd, v]);
        }
      }
    }
    if (dist[i0] === Infinity || (best !== null && (dist[i0] as number) >= best.cost)) continue;
    const path: [number, number][] = [];
    for (let v = i0; v !== start; v = prev[v] as number) {
      const u = prev[v] as number;
      path.push(u <= R ? [u, v - R - 1] : [v, u - R - 1]);
    }
    best = { cost: dist[i0] as number, path };
  }
  return best === null ? null : best.path;
}

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
 * Guarantee: every suppressed count lies on a cycle of suppressed positive counts, so another table
 * (that count +/- 1) agrees with everything published. Not guaranteed: a wider protection interval than
 * +/- 1 (tau-argus style protection levels).
 *
 * @param table - row and column labels and the counts (non-negative integers)
 * @param options - `threshold` (default 11), `reasons` (`"publishable"` by default, or `"detailed"`)
 * @returns the protected table: cells, row totals, column totals, grand total, and how many were suppressed
 * @throws {DeclicsError} `invalid_input` when the table is malformed
 * @example
 * ```ts
 * const t = protectTable({ rowDimension: "gender", columnDimension: "territoryKind", rows: ["female", "male"], columns: ["qpv", "zrr"], counts: [[4, 30], [25, 40]] });
 * t.cells[0]?.[0];
 * // => { status: "suppressed", value: null, reason: "secret_statistique" }
 * t.rowTotals[0];
 * // => { status: "published", value: 34 }
 * ```
 * @category Publication
 */
export function protectTable(table: CountTable, options: ProtectTableOptions = {}): ProtectedTable {
  const t = parseWith(CountTable, table, { module: "diversity", what: "count table" });
  const { threshold, reasons } = parseWith(ProtectTableOptions, options, { module: "diversity", what: "protection options" });
  const R = t.rows.length;
  const C = t.columns.length;
  // Extended table: values[i][j], i <= R, j <= C (row R = column totals, column C = row totals).
  const values = Array.from({ length: R + 1 }, () => new Float64Array(C + 1));
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = (t.counts[i] as number[])[j] as number;
      (values[i] as Float64Array)[j] = v;
      (values[i] as Float64Array)[C]! += v;
      (values[R] as Float64Array)[j]! += v;
      (values[R] as Float64Array)[C]! += v;
    }
  }
  const suppressed = Array.from({ length: R + 1 }, () => new Uint8Array(C + 1));
  const reason = Array.from({ length: R + 1 }, () => new Uint8Array(C + 1)); // 1 primary, 2 secondary
  let primary = 0;
  let secondary = 0;
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      const v = (values[i] as Float64Array)[j] as number;
      if (v > 0 && v < threshold) {
        (suppressed[i] as Uint8Array)[j] = 1;
        (reason[i] as Uint8Array)[j] = 1;
        primary++;
      }
    }
  }
  const grand = (values[R] as Float64Array)[C] as number;
  const costOf = (i: number, j: number): number => {
    const v = (values[i] as Float64Array)[j] as number;
    const margins = (i === R ? 1 : 0) + (j === C ? 1 : 0);
    return v + margins * (grand + 1) * (R + C + 2);
  };
  const grid: Grid = {
    R,
    C,
    values,
    suppressed,
    rowsAdj: Array.from({ length: R + 1 }, () => []),
    colsAdj: Array.from({ length: C + 1 }, () => []),
  };
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      if (!(suppressed[i] as Uint8Array)[j]) continue;
      (grid.rowsAdj[i] as number[]).push(j);
      (grid.colsAdj[j] as number[]).push(i);
    }
  }
  const primaries: [number, number][] = [];
  for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) if ((reason[i] as Uint8Array)[j] === 1) primaries.push([i, j]);
  for (const [i0, j0] of primaries) {
    if (hasWitness(grid, i0, j0)) continue;
    const path = cheapestWitness(grid, i0, j0, costOf);
    // The cycle through the entry's totals and the grand total always qualifies (see the note above).
    if (path === null) {
      throw new DeclicsError({ code: "invalid_table", module: "diversity", message: "No complementary suppression found (this is a bug in declics)", details: { reason: "no witness cycle" } });
    }
    for (const [i, j] of path) {
      if ((suppressed[i] as Uint8Array)[j]) continue;
      (suppressed[i] as Uint8Array)[j] = 1;
      (reason[i] as Uint8Array)[j] = 2;
      (grid.rowsAdj[i] as number[]).push(j);
      (grid.colsAdj[j] as number[]).push(i);
      secondary++;
    }
  }
  const cell = (i: number, j: number): ProtectedCell =>
    (suppressed[i] as Uint8Array)[j]
      ? {
          status: "suppressed",
          value: null,
          reason: reasons === "publishable" ? "secret_statistique" : (reason[i] as Uint8Array)[j] === 1 ? "primary_small_count" : "secondary_complementary",
        }
      : { status: "published", value: (values[i] as Float64Array)[j] as number };
  return {
    rowDimension: t.rowDimension,
    columnDimension: t.columnDimension,
    rows: [...t.rows],
    columns: [...t.columns],
    cells: Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => cell(i, j))),
    rowTotals: Array.from({ length: R }, (_, i) => cell(i, C)),
    columnTotals: Array.from({ length: C }, (_, j) => cell(R, j)),
    grandTotal: cell(R, C),
    threshold,
    suppressed: reasons === "publishable" ? { total: primary + secondary } : { total: primary + secondary, primary, secondary },
  };
}
