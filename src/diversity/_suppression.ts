import { DeclicsError } from "../errors.js";
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

export interface Grid {
  readonly R: number;
  readonly C: number;
  readonly values: readonly Float64Array[];
  readonly suppressed: readonly Uint8Array[];
  /** Suppressed columns of each row node, and suppressed rows of each column node. */
  readonly rowsAdj: number[][];
  readonly colsAdj: number[][];
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
  return signOf(g, i, j) * dy > 0 || ((g.values[i] as Float64Array)[j] as number) >= 1 + g.step;
}

/** Whether a hidden entry has a witness cycle made of hidden entries (breadth-first, both directions). */
export function hasWitness(g: Grid, i0: number, j0: number, innerOnly = false): boolean {
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
          for (const j of g.rowsAdj[k] as number[]) {
            if (seenCols[j] || (k === i0 && j === j0) || skip(k, j) || !allowed(g, k, j, d0)) continue;
            seenCols[j] = 1;
            next.push([false, j]);
          }
        } else {
          for (const i of g.colsAdj[k] as number[]) {
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
  get size(): number {
    return this.items.length;
  }
  push(item: [number, number]): void {
    const a = this.items;
    a.push(item);
    for (let k = a.length - 1; k > 0;) {
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
      for (let k = 0; ;) {
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
export function cheapestWitness(
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
        if (value <= 0 || (innerOnly && (i === R || j === C))) continue;
        const hidden = (g.suppressed[i] as Uint8Array)[j] === 1;
        // A published entry joins the cycle too: it must be able to move the same way.
        if (!allowed(g, i, j, isRow ? d0 : -d0)) continue;
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

/** One table handed to {@link protectLinked}: its counts and the key of each entry of the extended table. */
export interface LinkedInput {
  readonly table: CountTable;
  /**
   * keys[i][j] for i <= R, j <= C (row R: column totals, column C: row totals). Entries with the same key
   * are the same population count: they get one value and one state in every table.
   */
  readonly keys: readonly (readonly string[])[];
}

/** How {@link protectLinked} protects. */
export interface LinkedSettings {
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

interface Tab {
  readonly R: number;
  readonly C: number;
  readonly keys: readonly (readonly string[])[];
  readonly grid: Grid;
  readonly costOf: (i: number, j: number) => number;
}

interface Entry {
  readonly value: number;
  /** 0 published, 1 primary, 2 secondary. */
  state: number;
}

/** At most this many relation visits per relation in the audit (interval propagation can creep by 1). */
const AUDIT_VISITS = 200;

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
  const tabs: Tab[] = inputs.map(({ table: t, keys }, index) => {
    const R = t.rows.length;
    const C = t.columns.length;
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
    for (let i = 0; i <= R; i++) {
      for (let j = 0; j <= C; j++) {
        const key = (keys[i] as string[])[j] as string;
        const v = (values[i] as Float64Array)[j] as number;
        const known = entries.get(key);
        // `alsoHide`: positive counts the caller needs hidden (complements it chose), protected like secondary ones.
        if (known === undefined)
          entries.set(key, { value: v, state: v > 0 && v < threshold ? 1 : v > 0 && alsoHide.has(key) ? 2 : 0 });
        else if (known.value !== v) {
          throw new DeclicsError({
            code: "invalid_table",
            module: "diversity",
            details: { reason: "mismatched_margins", values: { key, known: known.value, value: v, table: index } },
          });
        }
      }
    }
    const grand = (values[R] as Float64Array)[C] as number;
    const grid: Grid = {
      R,
      C,
      values,
      suppressed: Array.from({ length: R + 1 }, () => new Uint8Array(C + 1)),
      rowsAdj: Array.from({ length: R + 1 }, () => []),
      colsAdj: Array.from({ length: C + 1 }, () => []),
      step,
    };
    // The cost of hiding an entry: its count times its weight (priorities), margins heavily penalised.
    const weights = Array.from({ length: R + 1 }, (_, i) =>
      Array.from({ length: C + 1 }, (_, j) => weight((keys[i] as string[])[j] as string)),
    );
    const costOf = (i: number, j: number): number => {
      const v = (values[i] as Float64Array)[j] as number;
      const margins = (i === R ? 1 : 0) + (j === C ? 1 : 0);
      return (
        v * ((weights[i] as number[])[j] as number) +
        margins * (grand + 1) * (R + C + 2) * ((weights[i] as number[])[j] as number)
      );
    };
    return { R, C, keys, grid, costOf };
  });
  const entryOf = (tab: Tab, i: number, j: number): Entry =>
    entries.get((tab.keys[i] as string[])[j] as string) as Entry;
  /** Hides (i, j) in the table's grid; in the shared state too, as secondary if it was published. */
  const hide = (tab: Tab, i: number, j: number): boolean => {
    const entry = entryOf(tab, i, j);
    if (entry.state === 0) entry.state = 2;
    const row = tab.grid.suppressed[i] as Uint8Array;
    if (row[j]) return false;
    row[j] = 1;
    (tab.grid.rowsAdj[i] as number[]).push(j);
    (tab.grid.colsAdj[j] as number[]).push(i);
    return true;
  };
  /** Secondary suppression in every table, over every hidden entry, until no table adds any. */
  const secondaryToFixpoint = (): void => {
    for (let changed = true; changed;) {
      changed = false;
      for (const tab of tabs) {
        const hidden: [number, number][] = [];
        for (let i = 0; i <= tab.R; i++) {
          for (let j = 0; j <= tab.C; j++) {
            if (entryOf(tab, i, j).state !== 0) {
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
            throw new DeclicsError({
              code: "invalid_table",
              module: "diversity",
              details: { reason: "no_witness_cycle" },
            });
          }
          for (const [i, j] of path) if (hide(tab, i, j)) changed = true;
        }
      }
      // A single table is done after one pass: the entries added lie on the witness they complete.
      if (tabs.length === 1) break;
    }
  };
  secondaryToFixpoint();
  if (tabs.length > 1) {
    // Each table's witnesses may not fit together (they can move a shared margin differently), so every
    // hidden count must also have a move that keeps every table's published values: see certify().
    for (;;) {
      const pinned = auditLinked(tabs, entries, step);
      const missing = pinned.size > 0 ? pinned : uncertified(tabs, entries);
      if (missing.size === 0) break;
      const added =
        (pinned.size === 0 && remedy(tabs, entries, missing, hide)) || addComplements(tabs, missing, hide, entryOf);
      if (!added) break;
      secondaryToFixpoint();
    }
  }
  return tabs.map((tab, index) => {
    const t = (inputs[index] as LinkedInput).table;
    const { R, C } = tab;
    let tablePrimary = 0;
    let tableSecondary = 0;
    const cell = (i: number, j: number): ProtectedCell => {
      const entry = entryOf(tab, i, j);
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
  });
}

/**
 * The published relations of every table together (each line of each extended table sums to its
 * total), attacked by interval propagation: hidden counts start in [1, +inf) (zeros are published) and
 * each relation bounds each of its hidden entries by the others, to a fixpoint. Returns the keys of the
 * hidden entries it pins to one value. This is a sound check of what it reports, not a proof of safety.
 */
function auditLinked(tabs: readonly Tab[], entries: ReadonlyMap<string, Entry>, step: number): Set<string> {
  const index = new Map<string, number>();
  const lo: number[] = [];
  const hi: number[] = [];
  const hiddenVar: boolean[] = [];
  for (const [key, e] of entries) {
    index.set(key, lo.length);
    hiddenVar.push(e.state !== 0);
    lo.push(e.state !== 0 ? 1 : e.value);
    hi.push(e.state !== 0 ? Infinity : e.value);
  }
  // Relations as (variable, coefficient) lists; only those with a hidden entry matter.
  const relations: { vars: number[]; coefs: number[] }[] = [];
  for (const tab of tabs) {
    const at = (i: number, j: number): number => index.get((tab.keys[i] as string[])[j] as string) as number;
    for (let i = 0; i <= tab.R; i++) {
      const vars = [];
      const coefs = [];
      for (let j = 0; j <= tab.C; j++) {
        vars.push(at(i, j));
        coefs.push(j === tab.C ? -1 : 1);
      }
      relations.push({ vars, coefs });
    }
    for (let j = 0; j <= tab.C; j++) {
      const vars = [];
      const coefs = [];
      for (let i = 0; i <= tab.R; i++) {
        vars.push(at(i, j));
        coefs.push(i === tab.R ? -1 : 1);
      }
      relations.push({ vars, coefs });
    }
  }
  const live = relations.filter((r) => r.vars.some((v) => hiddenVar[v]));
  const byVar = new Map<number, number[]>();
  live.forEach((r, k) => r.vars.forEach((v) => hiddenVar[v] && (byVar.get(v) ?? byVar.set(v, []).get(v))?.push(k)));
  const queue = live.map((_, k) => k);
  const queued = new Uint8Array(live.length).fill(1);
  const visits = new Uint32Array(live.length);
  while (queue.length > 0) {
    const k = queue.shift() as number;
    queued[k] = 0;
    if (++(visits[k] as number) > AUDIT_VISITS) continue;
    const { vars, coefs } = live[k] as { vars: number[]; coefs: number[] };
    // Sum of c·x over the relation: finite parts and how many terms are unbounded below / above.
    let minFinite = 0;
    let maxFinite = 0;
    let minInf = 0;
    let maxInf = 0;
    const terms = vars.map((v, n) => {
      const c = coefs[n] as number;
      const a = c * (lo[v] as number);
      const b = c * (hi[v] as number);
      const tmin = Math.min(a, b);
      const tmax = Math.max(a, b);
      if (tmin === -Infinity) minInf++;
      else minFinite += tmin;
      if (tmax === Infinity) maxInf++;
      else maxFinite += tmax;
      return [tmin, tmax] as const;
    });
    vars.forEach((v, n) => {
      if (!hiddenVar[v]) return;
      const [tmin, tmax] = terms[n] as readonly [number, number];
      // Others' sum S lies in [oMin, oMax]; c·x = -S.
      const oMin = minInf - (tmin === -Infinity ? 1 : 0) > 0 ? -Infinity : minFinite - (tmin === -Infinity ? 0 : tmin);
      const oMax = maxInf - (tmax === Infinity ? 1 : 0) > 0 ? Infinity : maxFinite - (tmax === Infinity ? 0 : tmax);
      const c = coefs[n] as number;
      const [nl, nh] = c > 0 ? [-oMax, -oMin] : [oMin, oMax];
      const newLo = Math.max(lo[v] as number, Math.ceil(nl - 1e-9));
      const newHi = Math.min(hi[v] as number, Math.floor(nh + 1e-9));
      if (newLo > (lo[v] as number) || newHi < (hi[v] as number)) {
        lo[v] = newLo;
        hi[v] = newHi;
        for (const r of byVar.get(v) ?? []) {
          if (r !== k && !queued[r]) {
            queued[r] = 1;
            queue.push(r);
          }
        }
      }
    });
  }
  const pinned = new Set<string>();
  for (const [key, v] of index) if (hiddenVar[v] && (hi[v] as number) - (lo[v] as number) < step) pinned.add(key);
  return pinned;
}

/**
 * More complements for entries the audit pinned: in each table holding one, the cheapest published
 * positive entry of each of its lines, else the cheapest published positive entry of the table, else
 * of any table. Returns false when nothing could be added (every positive count is already hidden).
 */
function addComplements(
  tabs: readonly Tab[],
  pinned: ReadonlySet<string>,
  hide: (tab: Tab, i: number, j: number) => boolean,
  entryOf: (tab: Tab, i: number, j: number) => Entry,
): boolean {
  let added = false;
  const cheapest = (tab: Tab, cells: [number, number][]): [number, number] | null => {
    let best: [number, number] | null = null;
    let bestCost = Infinity;
    for (const [i, j] of cells) {
      const e = entryOf(tab, i, j);
      if (e.state !== 0 || e.value <= 0) continue;
      const cost = tab.costOf(i, j);
      if (cost < bestCost) {
        bestCost = cost;
        best = [i, j];
      }
    }
    return best;
  };
  const all = (tab: Tab): [number, number][] => {
    const out: [number, number][] = [];
    for (let i = 0; i <= tab.R; i++) for (let j = 0; j <= tab.C; j++) out.push([i, j]);
    return out;
  };
  for (const tab of tabs) {
    for (let i = 0; i <= tab.R; i++) {
      for (let j = 0; j <= tab.C; j++) {
        if (!pinned.has((tab.keys[i] as string[])[j] as string)) continue;
        const line: [number, number][] = [];
        for (let k = 0; k <= tab.C; k++) line.push([i, k]);
        const column: [number, number][] = [];
        for (let k = 0; k <= tab.R; k++) column.push([k, j]);
        let found = false;
        for (const cells of [line, column]) {
          const c = cheapest(tab, cells);
          if (c !== null) {
            hide(tab, c[0], c[1]);
            found = added = true;
          }
        }
        if (!found) {
          const c = cheapest(tab, all(tab));
          if (c !== null) {
            hide(tab, c[0], c[1]);
            added = true;
          }
        }
      }
    }
  }
  if (!added) {
    for (const tab of tabs) {
      const c = cheapest(tab, all(tab));
      if (c !== null) {
        hide(tab, c[0], c[1]);
        return true;
      }
    }
  }
  return added;
}

/** Single-source search over the inner cells of one table along alternating +1 / -1 steps. */
interface Reach {
  readonly lines: number;
  readonly dist: Float64Array;
  readonly prev: Int32Array;
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
  const dist = new Float64Array(lines + cross).fill(Infinity);
  const prev = new Int32Array(lines + cross).fill(-1);
  const s = "line" in start ? start.line : lines + start.cross;
  dist[s] = 0;
  const heap = new Heap();
  heap.push([0, s]);
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > (dist[u] as number)) continue;
    const fromLine = u < lines;
    const needs2 = fromLine === (needs2From === "line");
    for (let k = 0; k < (fromLine ? cross : lines); k++) {
      if (!fromLine && k === exclude) continue;
      const [i, j] = fromLine ? at(u, k) : at(k, u - lines);
      const value = (g.values[i] as Float64Array)[j] as number;
      if (value <= 0 || (needs2 && value < 1 + g.step)) continue;
      const hidden = (g.suppressed[i] as Uint8Array)[j] === 1;
      if (!hidden && hiddenOnly) continue;
      const v = fromLine ? lines + k : k;
      const nd = d + (hidden ? 0 : tab.costOf(i, j));
      if (nd < (dist[v] as number)) {
        dist[v] = nd;
        prev[v] = u;
        heap.push([nd, v]);
      }
    }
  }
  return { lines, dist, prev, at };
}

/** The cells of the path found by {@link reach} to a line. */
function pathTo(r: Reach, line: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let v = line; (r.prev[v] as number) >= 0; v = r.prev[v] as number) {
    const u = r.prev[v] as number;
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

function marginSites(tabs: readonly Tab[]): Map<string, Site[]> {
  const sites = new Map<string, Site[]>();
  const add = (key: string, site: Site): void => {
    (sites.get(key) ?? sites.set(key, []).get(key))?.push(site);
  };
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) add((tab.keys[i] as string[])[tab.C] as string, { tab, axis: 0, line: i });
    for (let j = 0; j < tab.C; j++) add((tab.keys[tab.R] as string[])[j] as string, { tab, axis: 1, line: j });
  }
  return sites;
}

/** The other categories of a margin's dimension that sit in exactly the same tables, same axis (aligned sites). */
function partnersOf(
  key: string,
  mine: readonly Site[],
  sites: ReadonlyMap<string, Site[]>,
): { key: string; sites: Site[] }[] {
  const first = mine[0] as Site;
  const lines = first.axis === 0 ? first.tab.R : first.tab.C;
  const out: { key: string; sites: Site[] }[] = [];
  for (let line = 0; line < lines; line++) {
    if (line === first.line) continue;
    const other =
      first.axis === 0
        ? ((first.tab.keys[line] as string[])[first.tab.C] as string)
        : ((first.tab.keys[first.tab.R] as string[])[line] as string);
    const theirs = sites.get(other) ?? [];
    if (other === key || theirs.length !== mine.length) continue;
    const matched = mine.map((m) => theirs.find((t) => t.tab === m.tab && t.axis === m.axis));
    if (matched.every((m) => m !== undefined)) out.push({ key: other, sites: matched as Site[] });
  }
  return out;
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
  forced?: { site: Site; cross: number; as: "first" | "last" },
): { partner: { key: string; sites: Site[] }; up: string; cost: number; paths: [Site, [number, number][]][] }[] {
  const mine = sites.get(key) as Site[];
  const out: {
    partner: { key: string; sites: Site[] };
    up: string;
    cost: number;
    paths: [Site, [number, number][]][];
  }[] = [];
  const partners = partnersOf(key, mine, sites);
  const first = mine[0] as Site;
  for (const mineUp of [true, false]) {
    if (forced && (forced.as === "first") !== mineUp) continue;
    if (forced && forced.as === "last") {
      // The forced cell is the last step, into the line that decreases: it must stay >= 1.
      const [i, j] = forced.site.axis === 0 ? [forced.site.line, forced.cross] : [forced.cross, forced.site.line];
      if (((forced.site.tab.grid.values[i] as Float64Array)[j] as number) < 1 + forced.site.tab.grid.step) continue;
    }
    // From the site of `key`: forward paths when it is a (up), reversed paths when it is b (down).
    const reaches = mine.map((site) =>
      forced && forced.site === site
        ? reach(site.tab, site.axis, { cross: forced.cross }, mineUp ? "cross" : "line", site.line, hiddenOnly)
        : reach(site.tab, site.axis, { line: site.line }, mineUp ? "cross" : "line", -1, hiddenOnly),
    );
    for (const partner of partners) {
      const down = mineUp ? partner.key : key;
      if (
        (entries.get(down) as Entry).value < 1 + first.tab.grid.step ||
        (entries.get(partner.key) as Entry).value <= 0
      )
        continue;
      let cost = 0;
      const paths: [Site, [number, number][]][] = [];
      for (let k = 0; k < mine.length && cost < Infinity; k++) {
        const r = reaches[k] as Reach;
        const line = (partner.sites[k] as Site).line;
        cost += r.dist[line] as number;
        if (cost < Infinity) {
          const site = mine[k] as Site;
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
  const keyAt = (tab: Tab, i: number, j: number): string => (tab.keys[i] as string[])[j] as string;
  const sites = marginSites(tabs);
  const hiddenSwap = (key: string, forced?: Parameters<typeof swaps>[4]): boolean =>
    hiddenKeys.has(key) && swaps(entries, sites, key, true, forced).some((sw) => hiddenKeys.has(sw.partner.key));
  for (const key of sites.keys()) if (hiddenSwap(key)) certified.add(key);
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) {
      for (let j = 0; j < tab.C; j++) {
        if (!(tab.grid.suppressed[i] as Uint8Array)[j]) continue;
        const key = keyAt(tab, i, j);
        if (certified.has(key)) continue;
        if (hasWitness(tab.grid, i, j, true)) {
          certified.add(key);
          continue;
        }
        const rowKey = keyAt(tab, i, tab.C);
        const colKey = keyAt(tab, tab.R, j);
        const rowSite = (sites.get(rowKey) as Site[]).find((x) => x.tab === tab && x.axis === 0) as Site;
        const colSite = (sites.get(colKey) as Site[]).find((x) => x.tab === tab && x.axis === 1) as Site;
        const ok = (["first", "last"] as const).some(
          (as) =>
            hiddenSwap(rowKey, { site: rowSite, cross: j, as }) || hiddenSwap(colKey, { site: colSite, cross: i, as }),
        );
        if (ok) certified.add(key);
      }
    }
  }
  const everythingHidden = [...entries.values()].every((e) => e.value === 0 || e.state !== 0);
  if (everythingHidden) for (const tab of tabs) certified.add(keyAt(tab, tab.R, tab.C));
  const out = new Set<string>();
  for (const key of hiddenKeys) if (!certified.has(key)) out.add(key);
  return out;
}

/**
 * Complements that give uncertified counts a move: for a cell, an inner cycle that avoids the margins,
 * else the cheapest swap through it; for a margin, the cheapest swap. Returns false when it added nothing.
 */
function remedy(
  tabs: readonly Tab[],
  entries: ReadonlyMap<string, Entry>,
  missing: ReadonlySet<string>,
  hide: (tab: Tab, i: number, j: number) => boolean,
): boolean {
  let added = false;
  const sites = marginSites(tabs);
  const apply = (options: ReturnType<typeof swaps>): void => {
    let best: ReturnType<typeof swaps>[number] | null = null;
    let bestCost = Infinity;
    for (const sw of options) {
      const e = entries.get(sw.partner.key) as Entry;
      const first = sw.partner.sites[0] as Site;
      const cost =
        sw.cost +
        (e.state === 0
          ? first.tab.costOf(first.axis === 0 ? first.line : first.tab.R, first.axis === 0 ? first.tab.C : first.line)
          : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = sw;
      }
    }
    if (best === null) return;
    for (const site of best.partner.sites)
      if (hide(site.tab, site.axis === 0 ? site.line : site.tab.R, site.axis === 0 ? site.tab.C : site.line))
        added = true;
    for (const [site, cells] of best.paths) for (const [i, j] of cells) if (hide(site.tab, i, j)) added = true;
  };
  for (const tab of tabs) {
    for (let i = 0; i < tab.R; i++) {
      for (let j = 0; j < tab.C; j++) {
        const key = (tab.keys[i] as string[])[j] as string;
        if (!missing.has(key)) continue;
        const path = cheapestWitness(tab.grid, i, j, tab.costOf, true);
        if (path !== null) {
          for (const [a, b] of path) if (hide(tab, a, b)) added = true;
          continue;
        }
        const rowKey = (tab.keys[i] as string[])[tab.C] as string;
        const colKey = (tab.keys[tab.R] as string[])[j] as string;
        const rowSite = (sites.get(rowKey) as Site[]).find((x) => x.tab === tab && x.axis === 0) as Site;
        const colSite = (sites.get(colKey) as Site[]).find((x) => x.tab === tab && x.axis === 1) as Site;
        const options = (["first", "last"] as const).flatMap((as) => [
          ...swaps(entries, sites, rowKey, false, { site: rowSite, cross: j, as }),
          ...swaps(entries, sites, colKey, false, { site: colSite, cross: i, as }),
        ]);
        // The swap moves the cell's own margins too: they must be hidden.
        const before: boolean = added;
        apply(options);
        if (added !== before) {
          if (hide(tab, i, tab.C)) added = true;
          if (hide(tab, tab.R, j)) added = true;
        }
      }
    }
  }
  for (const key of sites.keys()) if (missing.has(key)) apply(swaps(entries, sites, key, false));
  return added;
}
