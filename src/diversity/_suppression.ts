import { diversityError } from "./_errors.js";
import type { CountTable, ProtectedCell, ProtectedTable } from "./schema.js";

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
 * every hidden count >= 1. The protection interval w (default 3) asks more: a move of +/-(w - 1) along
 * the cycle, so that the count and the w - 1 values past it in the move's direction are all possible
 * (the range a reader can infer spans at least w values); every entry that decreases must then be at
 * least w. Each hidden entry therefore needs a "witness": a cycle through it and a direction of the move
 * in which every entry that decreases is at least w. Such a cycle always exists through the entry's row
 * total, column total and grand total in the direction that increases the entry (increasing a count
 * increases its totals), which is why the search below never fails.
 *
 * The algorithm: suppress every entry with 0 < value < threshold (primary, margins included). Then, for
 * each primary entry without a witness among the suppressed entries, find the cheapest one (Dijkstra on
 * the arcs allowed in each direction; cost = the count hidden, margins heavily penalised, zeros never
 * used) and suppress its entries (secondary). Adding suppressed entries never removes a witness, and the
 * entries added lie on the witness they complete, so one pass suffices.
 */

/** Narrows a lookup into a structure this file sized itself: a miss would be a bug in declics, not bad input. */
function defined<T>(x: T | undefined): T {
  if (x === undefined) {
    throw diversityError({
      code: "invalid_table",
      module: "diversity",
      details: { reason: "lookup_out_of_range" },
    });
  }
  return x;
}

/** Element k of an array or typed array (see {@link defined}). */
function at<T>(xs: { readonly [k: number]: T }, k: number): T {
  return defined(xs[k]);
}

/** A (rows x cols) matrix stored row by row in one array (a typed array for numbers). */
class Matrix<T> {
  constructor(
    readonly rows: number,
    readonly cols: number,
    private readonly data: { [k: number]: T },
  ) {}
  /** A matrix whose entries are f(i, j), computed row by row. */
  static from<T>(rows: number, cols: number, f: (i: number, j: number) => T): Matrix<T> {
    const data: T[] = [];
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data.push(f(i, j));
    return new Matrix(rows, cols, data);
  }
  get(i: number, j: number): T {
    return at(this.data, i * this.cols + j);
  }
  set(i: number, j: number, value: T): void {
    this.data[i * this.cols + j] = value;
  }
}

/** One list of numbers per node: the suppressed columns of each row, or the suppressed rows of each column. */
class Lists {
  private readonly lists: number[][];
  constructor(n: number) {
    this.lists = Array.from({ length: n }, () => []);
  }
  of(k: number): readonly number[] {
    return at(this.lists, k);
  }
  add(k: number, value: number): void {
    at(this.lists, k).push(value);
  }
}

interface Grid {
  readonly R: number;
  readonly C: number;
  readonly values: Matrix<number>;
  /** 1 for a suppressed entry, 0 for a published one. */
  readonly suppressed: Matrix<number>;
  /** Suppressed columns of each row node, and suppressed rows of each column node. */
  readonly rowsAdj: Lists;
  readonly colsAdj: Lists;
  /**
   * Size of the moves that protect a hidden count: the protection interval minus 1. A move changes every
   * entry of a cycle by this much, so an entry that decreases must be at least step + 1 (stay >= 1).
   */
  readonly step: number;
}

/** Sign of an entry in the zero-sum (y) coordinates: -1 for row and column totals, +1 otherwise. */
function signOf(g: Grid, i: number, j: number): number {
  return (i === g.R) !== (j === g.C) ? -1 : 1;
}

/** Whether entry (i, j) may change by dy * step (in y) and stay a plausible hidden count (>= 1 when it decreases). */
function allowed(g: Grid, i: number, j: number, dy: number): boolean {
  return signOf(g, i, j) * dy > 0 || g.values.get(i, j) >= 1 + g.step;
}

/** Whether a hidden entry has a witness cycle made of hidden entries (breadth-first, both directions). */
function hasWitness(g: Grid, i0: number, j0: number, innerOnly = false): boolean {
  const skip = (i: number, j: number): boolean => innerOnly && (i === g.R || j === g.C);
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
          for (const j of g.rowsAdj.of(k)) {
            if (seenCols[j] || (k === i0 && j === j0) || skip(k, j) || !allowed(g, k, j, d0)) continue;
            seenCols[j] = 1;
            next.push([false, j]);
          }
        } else {
          for (const i of g.colsAdj.of(k)) {
            if (seenRows[i] || (i === i0 && k === j0) || skip(i, k) || !allowed(g, i, k, -d0)) continue;
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
  push(item: [number, number]): void {
    const a = this.items;
    a.push(item);
    for (let k = a.length - 1; k > 0;) {
      const p = (k - 1) >> 1;
      const parent = a[p];
      if (parent === undefined || parent[0] <= item[0]) break;
      a[k] = parent;
      a[p] = item;
      k = p;
    }
  }
  /** The cheapest item, removed; undefined when the heap is empty. */
  pop(): [number, number] | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined) return undefined;
    if (a.length > 0) {
      // Sift `last` down from the root: the entry at k is always `last`.
      a[0] = last;
      for (let k = 0; ;) {
        let m = k;
        let smallest = last;
        const left = a[2 * k + 1];
        if (left !== undefined && left[0] < smallest[0]) [m, smallest] = [2 * k + 1, left];
        const right = a[2 * k + 2];
        if (right !== undefined && right[0] < smallest[0]) [m, smallest] = [2 * k + 2, right];
        if (m === k) break;
        a[k] = smallest;
        a[m] = last;
        k = m;
      }
    }
    return top;
  }
}

/** Distances and predecessors of a shortest-path search over n nodes (Infinity and -1 until reached). */
class Labels {
  private readonly distances: Float64Array;
  private readonly previous: Int32Array;
  constructor(n: number, start: number) {
    this.distances = new Float64Array(n).fill(Infinity);
    this.previous = new Int32Array(n).fill(-1);
    this.distances[start] = 0;
  }
  dist(v: number): number {
    return at(this.distances, v);
  }
  prev(v: number): number {
    return at(this.previous, v);
  }
  /** Records the way to v through u at distance d when it is shorter; returns whether it was. */
  relax(v: number, d: number, u: number): boolean {
    if (!(d < this.dist(v))) return false;
    this.distances[v] = d;
    this.previous[v] = u;
    return true;
  }
}

/** The cheapest witness for entry (i0, j0): the entries to suppress (possibly already suppressed), or null. */
function cheapestWitness(
  g: Grid,
  i0: number,
  j0: number,
  costOf: (i: number, j: number) => number,
  innerOnly = false,
): [number, number][] | null {
  const { R, C } = g;
  const nodes = R + 1 + C + 1;
  let best: { cost: number; path: [number, number][] } | null = null;
  for (const d0 of [1, -1]) {
    if (!allowed(g, i0, j0, d0)) continue;
    const start = R + 1 + j0;
    const labels = new Labels(nodes, start);
    const heap = new Heap();
    heap.push([0, start]);
    for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
      const [d, u] = top;
      if (d > labels.dist(u)) continue;
      if (u === i0) break;
      const isRow = u <= R;
      const count = isRow ? C + 1 : R + 1;
      for (let k = 0; k < count; k++) {
        const i = isRow ? u : k;
        const j = isRow ? k : u - R - 1;
        if (i === i0 && j === j0) continue;
        const value = g.values.get(i, j);
        if (value <= 0 || (innerOnly && (i === R || j === C))) continue;
        const hidden = g.suppressed.get(i, j) === 1;
        // A published entry joins the cycle too: it must be able to move the same way.
        if (!allowed(g, i, j, isRow ? d0 : -d0)) continue;
        const v = isRow ? R + 1 + j : i;
        const nd = d + (hidden ? 0 : costOf(i, j));
        if (labels.relax(v, nd, u)) heap.push([nd, v]);
      }
    }
    const cost = labels.dist(i0);
    if (cost === Infinity || (best !== null && cost >= best.cost)) continue;
    const path: [number, number][] = [];
    for (let v = i0; v !== start; v = labels.prev(v)) {
      const u = labels.prev(v);
      path.push(u <= R ? [u, v - R - 1] : [v, u - R - 1]);
    }
    best = { cost, path };
  }
  return best === null ? null : best.path;
}

/** One table handed to {@link protectLinked}: its counts and the key of each entry of the extended table. */
interface LinkedInput {
  readonly table: CountTable;
  /**
   * keys[i][j] for i <= R, j <= C (row R: column totals, column C: row totals). Entries with the same key
   * are the same population count: they get one value and one state in every table.
   */
  readonly keys: readonly (readonly string[])[];
}

/** How {@link protectLinked} protects. */
interface LinkedSettings {
  /** Primary suppression: counts from 1 to threshold - 1. */
  readonly threshold: number;
  readonly reasons: "publishable" | "detailed";
  /** Keys of counts to hide from the start (as secondary). */
  readonly alsoHide?: ReadonlySet<string>;
  /** Every hidden count can take at least this many values given everything published (default 3). */
  readonly interval?: number;
  /** Weight of a count's cost when chosen as a complement (default 1; higher: hidden last). */
  readonly weight?: (key: string) => number;
}

interface Entry {
  readonly value: number;
  /** 0 published, 1 primary, 2 secondary. */
  state: number;
}

interface Tab {
  readonly table: CountTable;
  readonly R: number;
  readonly C: number;
  readonly keys: Matrix<string>;
  /** The shared entry (value and state) of each position, by its key. */
  readonly entries: Matrix<Entry>;
  readonly grid: Grid;
  readonly costOf: (i: number, j: number) => number;
}

/** At most this many relation visits per relation in the audit (interval propagation can creep by 1). */
const AUDIT_VISITS = 200;

/** The two ends of a swap path a given cell can be forced to. */
const ENDS: readonly ("first" | "last")[] = ["first", "last"];

/** The extended table: counts, row totals (column C), column totals (row R) and grand total (R, C). */
function extendedValues(t: CountTable): Matrix<number> {
  const R = t.rows.length;
  const C = t.columns.length;
  const values = new Matrix(R + 1, C + 1, new Float64Array((R + 1) * (C + 1)));
  t.counts.forEach((row, i) =>
    row.forEach((v, j) => {
      values.set(i, j, v);
      values.set(i, C, values.get(i, C) + v);
      values.set(R, j, values.get(R, j) + v);
      values.set(R, C, values.get(R, C) + v);
    }),
  );
  return values;
}

/** Each position's shared entry, created on its key's first appearance (primary, alsoHide or published). */
function sharedEntries(
  keys: Matrix<string>,
  values: Matrix<number>,
  index: number,
  entries: Map<string, Entry>,
  settings: { readonly threshold: number; readonly alsoHide: ReadonlySet<string> },
): Matrix<Entry> {
  const { threshold, alsoHide } = settings;
  return Matrix.from(keys.rows, keys.cols, (i, j) => {
    const key = keys.get(i, j);
    const v = values.get(i, j);
    const known = entries.get(key);
    // `alsoHide`: positive counts the caller needs hidden (complements it chose), protected like secondary ones.
    if (known === undefined) {
      const entry = { value: v, state: v > 0 && v < threshold ? 1 : v > 0 && alsoHide.has(key) ? 2 : 0 };
      entries.set(key, entry);
      return entry;
    }
    if (known.value !== v) {
      throw diversityError({
        code: "invalid_table",
        module: "diversity",
        details: { reason: "mismatched_margins", values: { key, known: known.value, value: v, table: index } },
      });
    }
    return known;
  });
}

/** One table's extended values, shared entries, empty suppression grid and complement costs. */
function buildTab(
  { table: t, keys: keyRows }: LinkedInput,
  index: number,
  entries: Map<string, Entry>,
  settings: { threshold: number; alsoHide: ReadonlySet<string>; weight: (key: string) => number; step: number },
): Tab {
  const R = t.rows.length;
  const C = t.columns.length;
  const keys = Matrix.from(R + 1, C + 1, (i, j) => at(at(keyRows, i), j));
  const values = extendedValues(t);
  const shared = sharedEntries(keys, values, index, entries, settings);
  const grand = values.get(R, C);
  const grid: Grid = {
    R,
    C,
    values,
    suppressed: new Matrix(R + 1, C + 1, new Uint8Array((R + 1) * (C + 1))),
    rowsAdj: new Lists(R + 1),
    colsAdj: new Lists(C + 1),
    step: settings.step,
  };
  // The cost of hiding an entry: its count times its weight (priorities), margins heavily penalised.
  const weights = Matrix.from(R + 1, C + 1, (i, j) => settings.weight(keys.get(i, j)));
  const costOf = (i: number, j: number): number => {
    const v = values.get(i, j);
    const margins = (i === R ? 1 : 0) + (j === C ? 1 : 0);
    return v * weights.get(i, j) + margins * (grand + 1) * (R + C + 2) * weights.get(i, j);
  };
  return { table: t, R, C, keys, entries: shared, grid, costOf };
}

/** Hides (i, j) in the table's grid; in the shared state too, as secondary if it was published. */
function hide(tab: Tab, i: number, j: number): boolean {
  const entry = tab.entries.get(i, j);
  if (entry.state === 0) entry.state = 2;
  if (tab.grid.suppressed.get(i, j)) return false;
  tab.grid.suppressed.set(i, j, 1);
  tab.grid.rowsAdj.add(i, j);
  tab.grid.colsAdj.add(j, i);
  return true;
}

/** Hides every entry hidden in the shared state, then completes a witness for each; returns whether it hid more. */
function completeWitnesses(tab: Tab): boolean {
  let changed = false;
  const hidden: [number, number][] = [];
  for (let i = 0; i <= tab.R; i++) {
    for (let j = 0; j <= tab.C; j++) {
      if (tab.entries.get(i, j).state !== 0) {
        hide(tab, i, j);
        hidden.push([i, j]);
      }
    }
  }
  for (const [i0, j0] of hidden) {
    if (hasWitness(tab.grid, i0, j0)) continue;
    const path = cheapestWitness(tab.grid, i0, j0, tab.costOf);
    // The cycle through the entry's totals and the grand total always qualifies (see the note above).
    if (path === null) {
      throw diversityError({
        code: "invalid_table",
        module: "diversity",
        details: { reason: "no_witness_cycle" },
      });
    }
    for (const [i, j] of path) if (hide(tab, i, j)) changed = true;
  }
  return changed;
}

/** Secondary suppression in every table, over every hidden entry, until no table adds any. */
function secondaryToFixpoint(tabs: readonly Tab[]): void {
  for (let changed = true; changed;) {
    changed = false;
    for (const tab of tabs) if (completeWitnesses(tab)) changed = true;
    // A single table is done after one pass: the entries added lie on the witness they complete.
    if (tabs.length === 1) break;
  }
}

/**
 * Each table's witnesses may not fit together (they can move a shared margin differently), so every
 * hidden count must also have a move that keeps every table's published values: see uncertified().
 */
function certifyLinked(tabs: readonly Tab[], entries: ReadonlyMap<string, Entry>, step: number): void {
  for (;;) {
    const pinned = auditLinked(tabs, entries, step);
    const missing = pinned.size > 0 ? pinned : uncertified(tabs, entries);
    if (missing.size === 0) break;
    const added = (pinned.size === 0 && remedy(tabs, entries, missing)) || addComplements(tabs, missing);
    if (!added) break;
    secondaryToFixpoint(tabs);
  }
}

/**
 * Primary then secondary suppression over a set of tables that share entries (margins, grand total),
 * to a fixpoint: an entry hidden in one table is hidden in all the tables where the same count appears,
 * and every hidden entry has a witness cycle in each of its tables. Those witnesses need not fit
 * together (two tables may move a shared margin differently), so every hidden count must then have a
 * move of the whole set (see uncertified()); counts without one get complements (remedy()), and an
 * interval audit of the union is the last check. `alsoHide` holds keys of counts to hide from the start (as
 * secondary). Suppressing more only widens what a reader can infer,
 * so the loop ends (at worst every positive count is hidden).
 */
export function protectLinked(inputs: readonly LinkedInput[], settings: LinkedSettings): ProtectedTable[] {
  const { threshold, reasons, alsoHide = new Set<string>(), interval = 3, weight = () => 1 } = settings;
  const step = interval - 1;
  const entries = new Map<string, Entry>();
  const tabs = inputs.map((input, index) => buildTab(input, index, entries, { threshold, alsoHide, weight, step }));
  secondaryToFixpoint(tabs);
  if (tabs.length > 1) certifyLinked(tabs, entries, step);
  return tabs.map((tab) => publish(tab, threshold, reasons));
}

/** The protected table of one tab: each entry published or suppressed (with its reason), and the counts. */
function publish(tab: Tab, threshold: number, reasons: LinkedSettings["reasons"]): ProtectedTable {
  const { table: t, R, C } = tab;
  let tablePrimary = 0;
  let tableSecondary = 0;
  const cell = (i: number, j: number): ProtectedCell => {
    const entry = tab.entries.get(i, j);
    if (entry.state === 0) return { status: "published", value: entry.value };
    if (entry.state === 1) tablePrimary++;
    else tableSecondary++;
    return {
      status: "suppressed",
      value: null,
      reason:
        reasons === "publishable"
          ? "secret_statistique"
          : entry.state === 1
            ? "primary_small_count"
            : "secondary_complementary",
    };
  };
  const cells = Array.from({ length: R }, (_, i) => Array.from({ length: C }, (_, j) => cell(i, j)));
  const rowTotals = Array.from({ length: R }, (_, i) => cell(i, C));
  const columnTotals = Array.from({ length: C }, (_, j) => cell(R, j));
  const grandTotal = cell(R, C);
  return {
    rowDimension: t.rowDimension,
    columnDimension: t.columnDimension,
    rows: [...t.rows],
    columns: [...t.columns],
    cells,
    rowTotals,
    columnTotals,
    grandTotal,
    threshold,
    suppressed:
      reasons === "publishable"
        ? { total: tablePrimary + tableSecondary }
        : { total: tablePrimary + tableSecondary, primary: tablePrimary, secondary: tableSecondary },
  };
}

/** A count in the audit: its bounds, whether it is hidden, and the live relations it appears in. */
interface Variable {
  lo: number;
  hi: number;
  readonly hidden: boolean;
  readonly relations: Relation[];
}

/** A published relation: the sum of c·x over its terms is 0. */
interface Relation {
  readonly terms: readonly { readonly v: Variable; readonly c: number }[];
  queued: boolean;
  visits: number;
}

/** Every line of every extended table as a relation (cells minus total); only those with a hidden count. */
function liveRelations(tabs: readonly Tab[], vars: ReadonlyMap<string, Variable>): Relation[] {
  const relations: Relation[] = [];
  for (const tab of tabs) {
    const v = (i: number, j: number): Variable => defined(vars.get(tab.keys.get(i, j)));
    for (let i = 0; i <= tab.R; i++) {
      const terms = [];
      for (let j = 0; j <= tab.C; j++) terms.push({ v: v(i, j), c: j === tab.C ? -1 : 1 });
      relations.push({ terms, queued: true, visits: 0 });
    }
    for (let j = 0; j <= tab.C; j++) {
      const terms = [];
      for (let i = 0; i <= tab.R; i++) terms.push({ v: v(i, j), c: i === tab.R ? -1 : 1 });
      relations.push({ terms, queued: true, visits: 0 });
    }
  }
  const live = relations.filter((r) => r.terms.some((t) => t.v.hidden));
  for (const r of live) for (const { v } of r.terms) if (v.hidden) v.relations.push(r);
  return live;
}

/** Bounds each hidden count of a relation by the others; calls `tightened` on each count whose bounds shrink. */
function tighten(relation: Relation, tightened: (v: Variable) => void): void {
  // Sum of c·x over the relation: finite parts and how many terms are unbounded below / above.
  let minFinite = 0;
  let maxFinite = 0;
  let minInf = 0;
  let maxInf = 0;
  const bounds = relation.terms.map(({ v, c }) => {
    const a = c * v.lo;
    const b = c * v.hi;
    const tmin = Math.min(a, b);
    const tmax = Math.max(a, b);
    if (tmin === -Infinity) minInf++;
    else minFinite += tmin;
    if (tmax === Infinity) maxInf++;
    else maxFinite += tmax;
    return { tmin, tmax };
  });
  relation.terms.forEach(({ v, c }, n) => {
    if (!v.hidden) return;
    const { tmin, tmax } = at(bounds, n);
    // Others' sum S lies in [oMin, oMax]; c·x = -S.
    const oMin = minInf - (tmin === -Infinity ? 1 : 0) > 0 ? -Infinity : minFinite - (tmin === -Infinity ? 0 : tmin);
    const oMax = maxInf - (tmax === Infinity ? 1 : 0) > 0 ? Infinity : maxFinite - (tmax === Infinity ? 0 : tmax);
    const [nl, nh] = c > 0 ? [-oMax, -oMin] : [oMin, oMax];
    const newLo = Math.max(v.lo, Math.ceil(nl - 1e-9));
    const newHi = Math.min(v.hi, Math.floor(nh + 1e-9));
    if (newLo > v.lo || newHi < v.hi) {
      v.lo = newLo;
      v.hi = newHi;
      tightened(v);
    }
  });
}

/**
 * The published relations of every table together (each line of each extended table sums to its
 * total), attacked by interval propagation: hidden counts start in [1, +inf) (zeros are published) and
 * each relation bounds each of its hidden entries by the others, to a fixpoint. Returns the keys of the
 * hidden entries it pins to one value. This is a sound check of what it reports, not a proof of safety.
 */
function auditLinked(tabs: readonly Tab[], entries: ReadonlyMap<string, Entry>, step: number): Set<string> {
  const vars = new Map<string, Variable>();
  for (const [key, e] of entries) {
    const hidden = e.state !== 0;
    vars.set(key, { hidden, lo: hidden ? 1 : e.value, hi: hidden ? Infinity : e.value, relations: [] });
  }
  const queue = liveRelations(tabs, vars);
  for (let relation = queue.shift(); relation !== undefined; relation = queue.shift()) {
    const current = relation;
    current.queued = false;
    if (++current.visits > AUDIT_VISITS) continue;
    tighten(current, (v) => {
      for (const r of v.relations) {
        if (r !== current && !r.queued) {
          r.queued = true;
          queue.push(r);
        }
      }
    });
  }
  const pinned = new Set<string>();
  for (const [key, v] of vars) if (v.hidden && v.hi - v.lo < step) pinned.add(key);
  return pinned;
}

/** The cheapest published positive entry among the cells of a table, or null. */
function cheapest(tab: Tab, cells: readonly [number, number][]): [number, number] | null {
  let best: [number, number] | null = null;
  let bestCost = Infinity;
  for (const [i, j] of cells) {
    const e = tab.entries.get(i, j);
    if (e.state !== 0 || e.value <= 0) continue;
    const cost = tab.costOf(i, j);
    if (cost < bestCost) {
      bestCost = cost;
      best = [i, j];
    }
  }
  return best;
}

/** Every position of a table's extended grid, row by row. */
function allCells(tab: Tab): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i <= tab.R; i++) for (let j = 0; j <= tab.C; j++) out.push([i, j]);
  return out;
}

/** Hides the cheapest published positive entry of one of the cell lists, if any; returns whether it did. */
function hideCheapest(tab: Tab, cells: readonly [number, number][]): boolean {
  const c = cheapest(tab, cells);
  if (c === null) return false;
  hide(tab, c[0], c[1]);
  return true;
}

/**
 * More complements for entries the audit pinned: in each table holding one, the cheapest published
 * positive entry of each of its lines, else the cheapest published positive entry of the table, else
 * of any table. Returns false when nothing could be added (every positive count is already hidden).
 */
function addComplements(tabs: readonly Tab[], pinned: ReadonlySet<string>): boolean {
  let added = false;
  for (const tab of tabs) {
    for (let i = 0; i <= tab.R; i++) {
      for (let j = 0; j <= tab.C; j++) {
        if (!pinned.has(tab.keys.get(i, j))) continue;
        const line: [number, number][] = [];
        for (let k = 0; k <= tab.C; k++) line.push([i, k]);
        const column: [number, number][] = [];
        for (let k = 0; k <= tab.R; k++) column.push([k, j]);
        let found = false;
        for (const cells of [line, column]) if (hideCheapest(tab, cells)) found = added = true;
        if (!found && hideCheapest(tab, allCells(tab))) added = true;
      }
    }
  }
  if (!added) for (const tab of tabs) if (hideCheapest(tab, allCells(tab))) return true;
  return added;
}

/** Single-source search over the inner cells of one table along alternating +1 / -1 steps. */
interface Reach {
  readonly lines: number;
  readonly labels: Labels;
  readonly at: (line: number, x: number) => [number, number];
}

/**
 * Alternating paths of inner cells in one table, from a line (rows when axis is 0, columns when 1) or a
 * crossing, to every line: a step from a node of kind `needs2From` uses a cell that decreases (at least
 * 2), the other kind a cell that increases. Zeros are never used; hidden cells cost nothing, published
 * ones their count, or are refused when `hiddenOnly`. `exclude` is a line the paths may not enter.
 */
function reach(
  tab: Tab,
  axis: 0 | 1,
  start: { line: number } | { cross: number },
  needs2From: "line" | "cross",
  exclude: number,
  hiddenOnly: boolean,
): Reach {
  const g = tab.grid;
  const lines = axis === 0 ? g.R : g.C;
  const cross = axis === 0 ? g.C : g.R;
  const at = (line: number, x: number): [number, number] => (axis === 0 ? [line, x] : [x, line]);
  const s = "line" in start ? start.line : lines + start.cross;
  const labels = new Labels(lines + cross, s);
  const heap = new Heap();
  heap.push([0, s]);
  for (let top = heap.pop(); top !== undefined; top = heap.pop()) {
    const [d, u] = top;
    if (d > labels.dist(u)) continue;
    const fromLine = u < lines;
    const needs2 = fromLine === (needs2From === "line");
    for (let k = 0; k < (fromLine ? cross : lines); k++) {
      if (!fromLine && k === exclude) continue;
      const [i, j] = fromLine ? at(u, k) : at(k, u - lines);
      const value = g.values.get(i, j);
      if (value <= 0 || (needs2 && value < 1 + g.step)) continue;
      const hidden = g.suppressed.get(i, j) === 1;
      if (!hidden && hiddenOnly) continue;
      const v = fromLine ? lines + k : k;
      const nd = d + (hidden ? 0 : tab.costOf(i, j));
      if (labels.relax(v, nd, u)) heap.push([nd, v]);
    }
  }
  return { lines, labels, at };
}

/** The cells of the path found by {@link reach} to a line. */
function pathTo(r: Reach, line: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let v = line; r.labels.prev(v) >= 0; v = r.labels.prev(v)) {
    const u = r.labels.prev(v);
    cells.push(v < r.lines ? r.at(v, u - r.lines) : r.at(u, v - r.lines));
  }
  return cells;
}

/** Where a one-way margin sits: in which table, as row totals (axis 0) or column totals (axis 1), which line. */
interface Site {
  readonly tab: Tab;
  readonly axis: 0 | 1;
  readonly line: number;
}

/** The position of a site's margin in its table's extended grid. */
function marginCell(site: Site): [number, number] {
  return site.axis === 0 ? [site.line, site.tab.C] : [site.tab.R, site.line];
}

function marginSites(tabs: readonly Tab[]): Map<string, Site[]> {
  const sites = new Map<string, Site[]>();
  const add = (key: string, site: Site): void => {
    const list = sites.get(key);
    if (list === undefined) sites.set(key, [site]);
    else list.push(site);
  };
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) add(tab.keys.get(i, tab.C), { tab, axis: 0, line: i });
    for (let j = 0; j < tab.C; j++) add(tab.keys.get(tab.R, j), { tab, axis: 1, line: j });
  }
  return sites;
}

/** The site of a margin in a given table, on a given axis. */
function siteIn(sites: ReadonlyMap<string, Site[]>, key: string, tab: Tab, axis: 0 | 1): Site {
  return defined(defined(sites.get(key)).find((x) => x.tab === tab && x.axis === axis));
}

/** Another category of a margin's dimension, with its aligned sites. */
interface Partner {
  readonly key: string;
  readonly sites: readonly Site[];
}

/** The other categories of a margin's dimension that sit in exactly the same tables, same axis (aligned sites). */
function partnersOf(key: string, mine: readonly Site[], sites: ReadonlyMap<string, Site[]>): Partner[] {
  const first = at(mine, 0);
  const lines = first.axis === 0 ? first.tab.R : first.tab.C;
  const out: Partner[] = [];
  for (let line = 0; line < lines; line++) {
    if (line === first.line) continue;
    const other = first.axis === 0 ? first.tab.keys.get(line, first.tab.C) : first.tab.keys.get(first.tab.R, line);
    const theirs = sites.get(other) ?? [];
    if (other === key || theirs.length !== mine.length) continue;
    const matched = mine.map((m) => theirs.find((t) => t.tab === m.tab && t.axis === m.axis));
    if (matched.every((m): m is Site => m !== undefined)) out.push({ key: other, sites: matched });
  }
  return out;
}

/** A cell a swap path must use, first (+1, leaving a) or last (-1, entering b). */
interface Forced {
  readonly site: Site;
  readonly cross: number;
  readonly as: "first" | "last";
}

/** One unit moved from one category to another (see {@link swaps}). */
interface Swap {
  readonly partner: Partner;
  readonly up: string;
  readonly cost: number;
  readonly paths: [Site, [number, number][]][];
}

/**
 * A swap moves one unit of count from category b of a dimension to category a: b's total -1 (so at
 * least 2), a's total +1, and in every table that crosses the dimension an alternating path of inner
 * cells from line a (+1 first) to line b (-1 last); the other margins and the grand total do not change,
 * so the move keeps every table's relations. `forced` makes one table's path go through a given cell,
 * first (+1, leaving a) or last (-1, entering b). Returns, per partner b, the cost and the paths.
 */
function swaps(
  entries: ReadonlyMap<string, Entry>,
  sites: ReadonlyMap<string, Site[]>,
  key: string,
  hiddenOnly: boolean,
  forced?: Forced,
): Swap[] {
  const mine = defined(sites.get(key));
  const out: Swap[] = [];
  const partners = partnersOf(key, mine, sites);
  const first = at(mine, 0);
  for (const mineUp of [true, false]) {
    if (forced && (forced.as === "first") !== mineUp) continue;
    if (forced && forced.as === "last") {
      // The forced cell is the last step, into the line that decreases: it must stay >= 1.
      const [i, j] = forced.site.axis === 0 ? [forced.site.line, forced.cross] : [forced.cross, forced.site.line];
      if (forced.site.tab.grid.values.get(i, j) < 1 + forced.site.tab.grid.step) continue;
    }
    // From the site of `key`: forward paths when it is a (up), reversed paths when it is b (down).
    const reaches = mine.map((site) =>
      forced && forced.site === site
        ? reach(site.tab, site.axis, { cross: forced.cross }, mineUp ? "cross" : "line", site.line, hiddenOnly)
        : reach(site.tab, site.axis, { line: site.line }, mineUp ? "cross" : "line", -1, hiddenOnly),
    );
    for (const partner of partners) {
      const down = mineUp ? partner.key : key;
      if (defined(entries.get(down)).value < 1 + first.tab.grid.step || defined(entries.get(partner.key)).value <= 0)
        continue;
      let cost = 0;
      const paths: [Site, [number, number][]][] = [];
      for (let k = 0; k < mine.length && cost < Infinity; k++) {
        const r = at(reaches, k);
        const line = at(partner.sites, k).line;
        cost += r.labels.dist(line);
        if (cost < Infinity) {
          const site = at(mine, k);
          const cells = pathTo(r, line);
          if (forced && forced.site === site)
            cells.push(site.axis === 0 ? [site.line, forced.cross] : [forced.cross, site.line]);
          paths.push([site, cells]);
        }
      }
      if (cost < Infinity) out.push({ partner, up: mineUp ? key : partner.key, cost, paths });
    }
  }
  return out;
}

/** Whether a hidden cell of a table moves with an inner cycle, or with a swap of its row or column margin. */
function cellCertified(
  tab: Tab,
  i: number,
  j: number,
  sites: ReadonlyMap<string, Site[]>,
  hiddenSwap: (key: string, forced?: Forced) => boolean,
): boolean {
  if (hasWitness(tab.grid, i, j, true)) return true;
  const rowKey = tab.keys.get(i, tab.C);
  const colKey = tab.keys.get(tab.R, j);
  const rowSite = siteIn(sites, rowKey, tab, 0);
  const colSite = siteIn(sites, colKey, tab, 1);
  return ENDS.some(
    (as) => hiddenSwap(rowKey, { site: rowSite, cross: j, as }) || hiddenSwap(colKey, { site: colSite, cross: i, as }),
  );
}

/**
 * Moves of the whole set of tables, each keeping every published value and every hidden count >= 1:
 * (1) an inner cycle of one table that touches no margin (no other table sees it); (2) a swap (see
 * {@link swaps}) along hidden counts only; (3) when every positive count is hidden, one more copy of any
 * real record, which raises the grand total. Returns the keys of the hidden counts that no such move
 * changes: those a reader could perhaps pin down from all the tables together.
 */
function uncertified(tabs: readonly Tab[], entries: ReadonlyMap<string, Entry>): Set<string> {
  const certified = new Set<string>();
  const hiddenKeys = new Set<string>();
  for (const [key, e] of entries) if (e.state !== 0) hiddenKeys.add(key);
  const sites = marginSites(tabs);
  const hiddenSwap = (key: string, forced?: Forced): boolean =>
    hiddenKeys.has(key) && swaps(entries, sites, key, true, forced).some((sw) => hiddenKeys.has(sw.partner.key));
  for (const key of sites.keys()) if (hiddenSwap(key)) certified.add(key);
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) {
      for (let j = 0; j < tab.C; j++) {
        if (!tab.grid.suppressed.get(i, j)) continue;
        const key = tab.keys.get(i, j);
        if (!certified.has(key) && cellCertified(tab, i, j, sites, hiddenSwap)) certified.add(key);
      }
    }
  }
  const everythingHidden = [...entries.values()].every((e) => e.value === 0 || e.state !== 0);
  if (everythingHidden) for (const tab of tabs) certified.add(tab.keys.get(tab.R, tab.C));
  const out = new Set<string>();
  for (const key of hiddenKeys) if (!certified.has(key)) out.add(key);
  return out;
}

/** Hides the cheapest of the swaps (its partner's margins and its paths); false when it hid nothing new. */
function applyCheapestSwap(entries: ReadonlyMap<string, Entry>, options: readonly Swap[]): boolean {
  let best: Swap | null = null;
  let bestCost = Infinity;
  for (const sw of options) {
    const e = defined(entries.get(sw.partner.key));
    const first = at(sw.partner.sites, 0);
    const cost = sw.cost + (e.state === 0 ? first.tab.costOf(...marginCell(first)) : 0);
    if (cost < bestCost) {
      bestCost = cost;
      best = sw;
    }
  }
  if (best === null) return false;
  let added = false;
  for (const site of best.partner.sites) if (hide(site.tab, ...marginCell(site))) added = true;
  for (const [site, cells] of best.paths) for (const [i, j] of cells) if (hide(site.tab, i, j)) added = true;
  return added;
}

/** Complements that give an uncertified cell a move: an inner cycle avoiding the margins, else the cheapest swap. */
function remedyCell(
  tab: Tab,
  i: number,
  j: number,
  entries: ReadonlyMap<string, Entry>,
  sites: ReadonlyMap<string, Site[]>,
  addedBefore: boolean,
): boolean {
  let added = false;
  const path = cheapestWitness(tab.grid, i, j, tab.costOf, true);
  if (path !== null) {
    for (const [a, b] of path) if (hide(tab, a, b)) added = true;
    return added;
  }
  const rowKey = tab.keys.get(i, tab.C);
  const colKey = tab.keys.get(tab.R, j);
  const rowSite = siteIn(sites, rowKey, tab, 0);
  const colSite = siteIn(sites, colKey, tab, 1);
  const options = ENDS.flatMap((as) => [
    ...swaps(entries, sites, rowKey, false, { site: rowSite, cross: j, as }),
    ...swaps(entries, sites, colKey, false, { site: colSite, cross: i, as }),
  ]);
  if (!applyCheapestSwap(entries, options)) return false;
  // The swap moves the cell's own margins too: they must be hidden. (As before this refactor, only when
  // nothing had been added earlier in the same remedy pass: `addedBefore`.)
  if (!addedBefore) {
    hide(tab, i, tab.C);
    hide(tab, tab.R, j);
  }
  return true;
}

/**
 * Complements that give uncertified counts a move: for a cell, an inner cycle that avoids the margins,
 * else the cheapest swap through it; for a margin, the cheapest swap. Returns false when it added nothing.
 */
function remedy(tabs: readonly Tab[], entries: ReadonlyMap<string, Entry>, missing: ReadonlySet<string>): boolean {
  let added = false;
  const sites = marginSites(tabs);
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) {
      for (let j = 0; j < tab.C; j++) {
        if (missing.has(tab.keys.get(i, j)) && remedyCell(tab, i, j, entries, sites, added)) added = true;
      }
    }
  }
  for (const key of sites.keys())
    if (missing.has(key) && applyCheapestSwap(entries, swaps(entries, sites, key, false))) added = true;
  return added;
}
