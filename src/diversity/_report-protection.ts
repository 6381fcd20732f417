/**
 * Private: makes every figure of the diversity report agree with the linked-table suppression.
 *
 * The rule is one sentence: the report publishes a figure only when a reader could already compute it
 * from the published entries of its protected tables. Then the report as a whole tells a reader nothing
 * the tables do not, and the tables' protection (every hidden count has a move of the whole set that
 * keeps everything published) covers it all.
 *
 * - A one-way count (shares, representation) is a margin of the tables; the participants, their grand total.
 * - A funnel count of group c at stage s (people who reached at least s) is the sum of the cells
 *   (c, highest stage = l) for l past s, in the table c x highest stage. Within that row it is known
 *   exactly when every hidden cell of the row lies on one side of the cut: all hidden cells before the
 *   cut (and the row total published: total minus the cells before), or all after it (the cells after,
 *   added up). Otherwise some hidden cell would be added to published ones, and the sum would give it
 *   away (for instance the people hired, hidden, next to the published people who stopped at training).
 *   `lost` between two stages is one cell of that row.
 * - A rate, interval, ratio or gap is published only when every count it is made of is published:
 *   a Wilson or Clopper-Pearson interval, given its denominator, gives its numerator back.
 */
import { diversityError } from "./_errors.js";
import { LEVELS, STAGES } from "./_cube.js";
import { notComputable } from "./_intervals.js";
import type { Metric, NotComputable, ProtectedCell, ProtectedTable } from "./schema.js";

/** The categories of the `stage` dimension (highest stage reached), level order: "none" then the stages. */
export const LEVEL_LABELS: readonly string[] = ["none", ...STAGES];

/** A hidden count of the report, as the tables show one. */
export const HIDDEN: ProtectedCell = Object.freeze({
  status: "suppressed",
  value: null,
  reason: "secret_statistique",
}) as ProtectedCell;

/** A hidden metric: not computable for the reader, with the reason. */
export function hiddenMetric(): NotComputable {
  return notComputable("secret_statistique");
}

/** A count as published: its value, or hidden. */
export function cellOf(value: number | null): ProtectedCell {
  return value === null ? HIDDEN : { status: "published", value };
}

/** A metric as published: itself when all its counts are, else hidden. */
export function metricIf(metric: Metric, ...counts: (number | null)[]): Metric {
  return counts.every((c) => c !== null) ? metric : hiddenMetric();
}

/** The key of a population count: its (dimension, category) pairs, sorted (as protectLinkedTables matches them). */
function keyOf(parts: readonly (readonly [string, string])[]): string {
  return JSON.stringify([...parts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/**
 * The span of the published relations of a set of tables over their hidden counts (each line of each
 * table adds up to its total), in reduced row echelon form, to test whether a sum of hidden counts follows
 * from what is published (it does exactly when it lies in the span). Dense Gauss-Jordan elimination with
 * partial pivoting: the tables of a report have a few hundred hidden counts at most.
 */
function relationSpan(tables: readonly ProtectedTable[]): {
  index: ReadonlyMap<string, number>;
  follows(keys: readonly string[]): boolean;
} {
  const index = new Map<string, number>();
  const lines: [string, number][][] = [];
  for (const t of tables) {
    const R = t.rows.length;
    const C = t.columns.length;
    const keyAt = (i: number, j: number): string => {
      const parts: [string, string][] = [];
      if (i < R) parts.push([t.rowDimension, t.rows[i] as string]);
      if (j < C) parts.push([t.columnDimension, t.columns[j] as string]);
      return keyOf(parts);
    };
    const cellAt = (i: number, j: number): ProtectedCell | undefined =>
      i < R ? (j < C ? t.cells[i]?.[j] : t.rowTotals[i]) : j < C ? t.columnTotals[j] : t.grandTotal;
    const line = (entries: [number, number, number][]): void => {
      const hidden = entries
        .filter(([i, j]) => cellAt(i, j)?.status === "suppressed")
        .map(([i, j, c]): [string, number] => [keyAt(i, j), c]);
      if (hidden.length === 0) return;
      for (const [k] of hidden) if (!index.has(k)) index.set(k, index.size);
      lines.push(hidden);
    };
    for (let i = 0; i <= R; i++)
      line(Array.from({ length: C + 1 }, (_, j): [number, number, number] => [i, j, j === C ? -1 : 1]));
    for (let j = 0; j <= C; j++)
      line(Array.from({ length: R + 1 }, (_, i): [number, number, number] => [i, j, i === R ? -1 : 1]));
  }
  const V = index.size;
  const rows: Float64Array[] = [];
  const pivots: number[] = [];
  const EPS = 1e-9;
  const reduce = (v: Float64Array): void => {
    rows.forEach((r, k) => {
      const p = pivots[k] as number;
      const f = v[p] as number;
      if (Math.abs(f) > EPS) for (let x = 0; x < V; x++) v[x]! -= f * (r[x] as number);
    });
  };
  for (const line of lines) {
    const v = new Float64Array(V);
    for (const [k, c] of line) v[index.get(k) as number]! += c;
    reduce(v);
    let p = -1;
    for (let x = 0; x < V; x++)
      if (Math.abs(v[x] as number) > EPS && (p < 0 || Math.abs(v[x] as number) > Math.abs(v[p] as number))) p = x;
    if (p < 0) continue;
    const scale = v[p] as number;
    for (let x = 0; x < V; x++) v[x] = (v[x] as number) / scale;
    // Keep the basis fully reduced: clear the new pivot from the rows already there.
    for (const r of rows) {
      const f = r[p] as number;
      if (Math.abs(f) > EPS) for (let x = 0; x < V; x++) r[x]! -= f * (v[x] as number);
    }
    rows.push(v);
    pivots.push(p);
  }
  return {
    index,
    follows(keys) {
      const v = new Float64Array(V);
      for (const k of keys) {
        const at = index.get(k);
        if (at === undefined) return false;
        v[at]! += 1;
      }
      reduce(v);
      for (let x = 0; x < V; x++) if (Math.abs(v[x] as number) > 1e-7) return false;
      return true;
    },
  };
}

/** What a reader of the protected tables knows: every count, published (its value) or hidden (null). */
export interface PublishedCounts {
  /** The count of the given (dimension, category) pairs (none: everyone); undefined if no table holds it. */
  get(parts: readonly (readonly [string, string])[]): number | null | undefined;
  /**
   * Funnel count of group (dimension = category) at stage index s (0 = registered), as published: the
   * value the tables give exactly, or null when they do not, or when it is from 1 to threshold - 1.
   */
  reached(dimension: string, category: string, s: number): number | null;
  /** The funnel count the tables give exactly, small or not (null when they do not). */
  exactReached(dimension: string, category: string, s: number): number | null;
  /** People of the group whose highest level is `level` (0 = no stage, s + 1 = stage s): value or null. */
  level(dimension: string, category: string, level: number): number | null;
}

/** Every count of the tables by key: its published value, or null when it is hidden. */
function publishedValues(tables: readonly ProtectedTable[]): Map<string, number | null> {
  const values = new Map<string, number | null>();
  const put = (parts: [string, string][], cell: ProtectedCell | undefined): void => {
    if (cell === undefined) return;
    values.set(keyOf(parts), cell.status === "published" ? cell.value : null);
  };
  for (const t of tables) {
    t.rows.forEach((r, i) => {
      t.columns.forEach((c, j) =>
        put(
          [
            [t.rowDimension, r],
            [t.columnDimension, c],
          ],
          t.cells[i]?.[j],
        ),
      );
      put([[t.rowDimension, r]], t.rowTotals[i]);
    });
    t.columns.forEach((c, j) => put([[t.columnDimension, c]], t.columnTotals[j]));
    put([], t.grandTotal);
  }
  return values;
}

/** The report's tables lack a count they hold by construction. */
function missing(what: string): never {
  throw diversityError({
    code: "invalid_table",
    module: "diversity",
    details: { reason: "missing_count", values: { count: what } },
  });
}

/**
 * A group's funnel count at stage s from its own row: the levels past s, or the total minus the levels
 * up to s (null when a count it needs is hidden).
 */
function fromRow(counts: Pick<PublishedCounts, "get" | "level">, d: string, c: string, s: number): number | null {
  const { get, level } = counts;
  // Cut after level s: cells 0..s before, s+1..LEVELS-1 after.
  let after = 0;
  for (let l = s + 1; l < LEVELS; l++) {
    const v = level(d, c, l);
    if (v === null) {
      after = NaN;
      break;
    }
    after += v;
  }
  if (!Number.isNaN(after)) return after;
  const total = get([[d, c]]);
  if (total === undefined) return missing(`${d} = ${c}`);
  if (total === null) return null;
  let before = 0;
  for (let l = 0; l <= s; l++) {
    const v = level(d, c, l);
    if (v === null) return null;
    before += v;
  }
  return total - before;
}

/**
 * @param exact - the true funnel count, given when the tables make it follow (the relations give which
 *   counts follow, not their values)
 */
export function publishedCounts(
  tables: readonly ProtectedTable[],
  threshold: number,
  exact: (dimension: string, category: string, s: number) => number,
): PublishedCounts {
  const values = publishedValues(tables);
  const get = (parts: readonly (readonly [string, string])[]): number | null | undefined => values.get(keyOf(parts));
  const level = (d: string, c: string, l: number): number | null => {
    // Grouped by the highest stage itself: the group of level c holds all its people at level c.
    const v =
      d === "stage"
        ? LEVEL_LABELS[l] === c
          ? get([[d, c]])
          : 0
        : get([
            [d, c],
            ["stage", LEVEL_LABELS[l] as string],
          ]);
    return v === undefined ? missing(`${d} = ${c} x stage`) : v;
  };
  let span: ReturnType<typeof relationSpan> | null = null;
  const exactReached = (d: string, c: string, s: number): number | null => {
    const v = fromRow({ get, level }, d, c, s);
    if (v !== null || d === "stage") return v;
    // Not from the group's row alone: perhaps from the other tables (columns, margins) together.
    const hiddenPast: string[] = [];
    for (let l = s + 1; l < LEVELS; l++)
      if (level(d, c, l) === null)
        hiddenPast.push(
          keyOf([
            [d, c],
            ["stage", LEVEL_LABELS[l] as string],
          ]),
        );
    span ??= relationSpan(tables);
    return span.follows(hiddenPast) ? exact(d, c, s) : null;
  };
  const reached = (d: string, c: string, s: number): number | null => {
    const v = exactReached(d, c, s);
    return v !== null && v > 0 && v < threshold ? null : v;
  };
  return { get, reached, exactReached, level };
}
