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
 * C + 1 columns, and whose edges are the suppressed entries. A suppressed entry is determined by the
 * published values exactly when its edge is a bridge of that graph (it lies on no cycle): on a cycle,
 * adding +1 and -1 alternately along the cycle (in y) keeps every line sum, so another table agrees with
 * everything published (Cox 1980, "Suppression methodology and statistical disclosure control", JASA
 * 75:377-385; the same graph view underlies the network-flow methods of tau-argus). As only positive
 * entries are ever suppressed, the +1/-1 move keeps every count non-negative, so even an attacker who
 * uses non-negativity (interval bounds, linear programming) learns at best an interval of width >= 2.
 *
 * The algorithm: suppress every entry with 0 < value < threshold (primary, margins included), then, as
 * long as some suppressed entry is a bridge, close a cycle through it along the cheapest path of other
 * entries (Dijkstra; cost = the value hidden, margins heavily penalised, zeros never used), suppressing
 * the entries on that path (secondary). Each step suppresses at least one new entry, so it terminates.
 */

/** Bridges of the graph of suppressed entries; returns the first one as [row, column], or null. */
function findBridge(suppressed: readonly Uint8Array[], R: number, C: number): [number, number] | null {
  const nodes = R + 1 + C + 1;
  const disc = new Int32Array(nodes).fill(-1);
  const low = new Int32Array(nodes);
  let time = 0;
  let found: [number, number] | null = null;
  const neighbours = (u: number): number[] => {
    const out: number[] = [];
    if (u <= R) {
      const line = suppressed[u] as Uint8Array;
      for (let j = 0; j <= C; j++) if (line[j]) out.push(R + 1 + j);
    } else {
      const j = u - R - 1;
      for (let i = 0; i <= R; i++) if ((suppressed[i] as Uint8Array)[j]) out.push(i);
    }
    return out;
  };
  // Iterative Tarjan (no recursion limit on large tables); the graph is simple, so skip the parent by node.
  for (let root = 0; root < nodes && found === null; root++) {
    if (disc[root] !== -1) continue;
    const stack: { u: number; parent: number; next: number[]; k: number }[] = [{ u: root, parent: -1, next: neighbours(root), k: 0 }];
    disc[root] = low[root] = time++;
    while (stack.length > 0 && found === null) {
      const frame = stack[stack.length - 1] as { u: number; parent: number; next: number[]; k: number };
      if (frame.k < frame.next.length) {
        const v = frame.next[frame.k++] as number;
        if (v === frame.parent) continue;
        if (disc[v] === -1) {
          disc[v] = low[v] = time++;
          stack.push({ u: v, parent: frame.u, next: neighbours(v), k: 0 });
        } else {
          low[frame.u] = Math.min(low[frame.u] as number, disc[v] as number);
        }
      } else {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) {
          low[parent.u] = Math.min(low[parent.u] as number, low[frame.u] as number);
          if ((low[frame.u] as number) > (disc[parent.u] as number)) {
            const [a, b] = parent.u <= R ? [parent.u, frame.u] : [frame.u, parent.u];
            found = [a, b - R - 1];
          }
        }
      }
    }
  }
  return found;
}

/** Cheapest path from row node `fromRow` to column node `toCol` avoiding the entry (fromRow, toCol). */
function cheapestPath(values: readonly Float64Array[], suppressed: readonly Uint8Array[], R: number, C: number, fromRow: number, toCol: number, costOf: (i: number, j: number) => number): [number, number][] | null {
  const nodes = R + 1 + C + 1;
  const dist = new Float64Array(nodes).fill(Infinity);
  const prev = new Int32Array(nodes).fill(-1);
  const done = new Uint8Array(nodes);
  dist[fromRow] = 0;
  const target = R + 1 + toCol;
  for (;;) {
    let u = -1;
    for (let k = 0; k < nodes; k++) if (!done[k] && (u === -1 || (dist[k] as number) < (dist[u] as number))) u = k;
    if (u === -1 || dist[u] === Infinity) return null;
    if (u === target) break;
    done[u] = 1;
    const relax = (v: number, i: number, j: number): void => {
      if (done[v] || (i === fromRow && j === toCol)) return;
      const isSuppressed = (suppressed[i] as Uint8Array)[j] === 1;
      const value = (values[i] as Float64Array)[j] as number;
      if (!isSuppressed && value <= 0) return;
      const d = (dist[u] as number) + (isSuppressed ? 0 : costOf(i, j));
      if (d < (dist[v] as number)) {
        dist[v] = d;
        prev[v] = u;
      }
    };
    if (u <= R) for (let j = 0; j <= C; j++) relax(R + 1 + j, u, j);
    else for (let i = 0; i <= R; i++) relax(i, i, u - R - 1);
  }
  const path: [number, number][] = [];
  for (let v = target; v !== fromRow; v = prev[v] as number) {
    const u = prev[v] as number;
    path.push(u <= R ? [u, v - R - 1] : [v, u - R - 1]);
  }
  return path;
}

/**
 * Makes a two-way table of counts safe to publish. Primary suppression hides every cell and margin with
 * a count from 1 to `threshold - 1` (INSEE's practice for person data: at least 11 people); secondary
 * suppression then hides as few other counts as it can so that no hidden cell can be recomputed from the
 * published cells, row totals, column totals and grand total. Hidden cells carry their reason and a
 * `null` value: they are never shown as zero. Zero counts are published (they are not small groups of
 * people) and are never used for secondary suppression.
 *
 * Guarantee: every suppressed count lies on a cycle of suppressed positive counts, so another table
 * (that count +/- 1) agrees with everything published. Not guaranteed: a wider protection interval than
 * +/- 1 (tau-argus style protection levels).
 *
 * @param table - row and column labels and the counts (non-negative integers)
 * @param options - `threshold` (default 11)
 * @returns the protected table: cells, row totals, column totals, grand total, and how many were suppressed
 * @throws {DeclicsError} `invalid_input` when the table is malformed
 * @example
 * ```ts
 * const t = protectTable({ rowDimension: "gender", columnDimension: "territoryKind", rows: ["female", "male"], columns: ["qpv", "zrr"], counts: [[4, 30], [25, 40]] });
 * t.cells[0]?.[0];
 * // => { status: "suppressed", value: null, reason: "primary_small_count" }
 * t.cells[1]?.[1];
 * // => { status: "suppressed", value: null, reason: "secondary_complementary" }
 * ```
 * @category Publication
 */
export function protectTable(table: CountTable, options: ProtectTableOptions = {}): ProtectedTable {
  const t = parseWith(CountTable, table, { module: "diversity", what: "count table" });
  const { threshold } = parseWith(ProtectTableOptions, options, { module: "diversity", what: "protection options" });
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
  for (let bridge = findBridge(suppressed, R, C); bridge !== null; bridge = findBridge(suppressed, R, C)) {
    const path = cheapestPath(values, suppressed, R, C, bridge[0], bridge[1], costOf);
    // A positive entry always has a cycle through its row total, column total and grand total.
    if (path === null) {
      throw new DeclicsError({ code: "invalid_table", module: "diversity", message: "No complementary suppression found (this is a bug in declics)", details: { reason: "no complementary path" } });
    }
    for (const [i, j] of path) {
      if ((suppressed[i] as Uint8Array)[j]) continue;
      (suppressed[i] as Uint8Array)[j] = 1;
      (reason[i] as Uint8Array)[j] = 2;
      secondary++;
    }
  }
  const cell = (i: number, j: number): ProtectedCell =>
    (suppressed[i] as Uint8Array)[j]
      ? { status: "suppressed", value: null, reason: (reason[i] as Uint8Array)[j] === 1 ? "primary_small_count" : "secondary_complementary" }
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
    suppressed: { primary, secondary },
  };
}
