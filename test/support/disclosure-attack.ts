/**
 * Attacks on a set of published tables taken together, for the tests of small-count protection.
 * Written independently of src/diversity: the attacker sees only the published tables, matches a count
 * across tables by its (dimension, category) pairs, and knows that hidden counts are positive integers
 * (zeros are published).
 */
import { solve, type Coefficients, type Constraint } from "yalps";
import type { ProtectedCell, ProtectedTable } from "../../src/diversity/index.js";

/** A published count, or null when hidden. */
export interface UnionEntry {
  readonly key: string;
  readonly value: number | null;
}

/** The key of the count at (i, j) of a table's extended grid (i = R: column totals, j = C: row totals). */
export function countKey(t: ProtectedTable, i: number, j: number): string {
  const parts: string[] = [];
  if (i < t.rows.length) parts.push(`${t.rowDimension}=${t.rows[i]}`);
  if (j < t.columns.length) parts.push(`${t.columnDimension}=${t.columns[j]}`);
  return parts.sort().join("&") || "all";
}

function entryAt(t: ProtectedTable, i: number, j: number): ProtectedCell {
  const R = t.rows.length;
  const C = t.columns.length;
  return (i < R ? (j < C ? t.cells[i]?.[j] : t.rowTotals[i]) : j < C ? t.columnTotals[j] : t.grandTotal) as ProtectedCell;
}

/** Every count of every table with its published value (null when hidden), and its states across tables. */
export function unionOf(tables: readonly ProtectedTable[]): { values: Map<string, number | null>; states: Map<string, Set<string>>; relations: [string, number][][] } {
  const values = new Map<string, number | null>();
  const states = new Map<string, Set<string>>();
  const relations: [string, number][][] = [];
  for (const t of tables) {
    const R = t.rows.length;
    const C = t.columns.length;
    for (let i = 0; i <= R; i++) {
      for (let j = 0; j <= C; j++) {
        const key = countKey(t, i, j);
        const cell = entryAt(t, i, j);
        (states.get(key) ?? states.set(key, new Set()).get(key))?.add(cell.status);
        // A count published anywhere is known.
        if (cell.value !== null || !values.has(key)) values.set(key, cell.value ?? values.get(key) ?? null);
      }
    }
    for (let i = 0; i <= R; i++) relations.push(Array.from({ length: C + 1 }, (_, j) => [countKey(t, i, j), j === C ? -1 : 1]));
    for (let j = 0; j <= C; j++) relations.push(Array.from({ length: R + 1 }, (_, i) => [countKey(t, i, j), i === R ? -1 : 1]));
  }
  return { values, states, relations };
}

/** Keys whose state differs between tables (published in one, hidden in another). */
export function inconsistentStates(tables: readonly ProtectedTable[]): string[] {
  return [...unionOf(tables).states].filter(([, s]) => s.size > 1).map(([k]) => k);
}

/**
 * Elimination (a relation with one unknown gives it) then interval propagation (hidden counts in
 * [1, +inf), each relation bounds each unknown by the others), over all tables together. Returns the
 * hidden counts pinned to one value.
 */
export function intervalAttack(tables: readonly ProtectedTable[]): Map<string, number> {
  const { values, relations } = unionOf(tables);
  const known = new Map(values);
  for (let changed = true; changed; ) {
    changed = false;
    for (const rel of relations) {
      const unknown = rel.filter(([k]) => known.get(k) === null);
      if (unknown.length !== 1) continue;
      const [uk, uc] = unknown[0] as [string, number];
      const rest = rel.filter(([k]) => k !== uk).reduce((s, [k, c]) => s + c * (known.get(k) as number), 0);
      known.set(uk, -rest / uc);
      changed = true;
    }
  }
  const pinned = new Map<string, number>();
  for (const [k, v] of values) if (v === null && known.get(k) !== null) pinned.set(k, known.get(k) as number);
  const bounds = new Map<string, [number, number]>();
  for (const [k, v] of values) bounds.set(k, v === null ? [1, Infinity] : [v, v]);
  for (let round = 0, changed = true; changed && round < 300; round++) {
    changed = false;
    for (const rel of relations) {
      for (const [uk, uc] of rel) {
        if (values.get(uk) !== null) continue;
        let lo = 0;
        let hi = 0;
        for (const [k, c] of rel) {
          if (k === uk) continue;
          const [l, h] = bounds.get(k) as [number, number];
          lo += Math.min(-c * l, -c * h);
          hi += Math.max(-c * l, -c * h);
        }
        const [nl, nh] = uc > 0 ? [lo, hi] : [-hi, -lo];
        const [ol, oh] = bounds.get(uk) as [number, number];
        const next: [number, number] = [Math.max(ol, Number.isNaN(nl) ? ol : Math.ceil(nl - 1e-9)), Math.min(oh, Number.isNaN(nh) ? oh : Math.floor(nh + 1e-9))];
        if (next[0] > ol || next[1] < oh) {
          bounds.set(uk, next);
          changed = true;
        }
      }
    }
  }
  for (const [k, [l, h]] of bounds) if (values.get(k) === null && l === h) pinned.set(k, l);
  return pinned;
}

/**
 * The strongest attacker here: for each hidden count, the smallest and largest value of a linear
 * programme whose constraints are every published relation of every table, with hidden counts >= 1.
 * A count is recovered when only one integer lies between the two. Returns the recovered counts, and
 * the interval of every hidden count.
 */
export function linearProgrammingAttack(tables: readonly ProtectedTable[]): { recovered: Map<string, number>; intervals: Map<string, [number, number]> } {
  const { values, relations } = unionOf(tables);
  const hidden = [...values].filter(([, v]) => v === null).map(([k]) => k);
  const constraints = new Map<string, Constraint>();
  const coefs = new Map<string, Map<string, number>>(hidden.map((k) => [k, new Map([[`lb:${k}`, 1]])]));
  for (const k of hidden) constraints.set(`lb:${k}`, { min: 1 });
  relations.forEach((rel, n) => {
    let rhs = 0;
    let any = false;
    for (const [k, c] of rel) {
      const v = values.get(k);
      if (v === null || v === undefined) {
        const m = coefs.get(k) as Map<string, number>;
        m.set(`r${n}`, (m.get(`r${n}`) ?? 0) + c);
        any = true;
      } else rhs -= c * v;
    }
    if (any) constraints.set(`r${n}`, { equal: rhs });
  });
  const recovered = new Map<string, number>();
  const intervals = new Map<string, [number, number]>();
  for (const target of hidden) {
    const bound = (direction: "minimize" | "maximize"): number => {
      const variables = new Map<string, Coefficients>();
      for (const [k, m] of coefs) variables.set(k, k === target ? new Map([...m, ["objective", 1]]) : m);
      const s = solve({ direction, objective: "objective", constraints, variables });
      if (s.status === "unbounded") return direction === "maximize" ? Infinity : -Infinity;
      if (s.status !== "optimal") throw new Error(`LP ${s.status} for ${target}`);
      return s.result;
    };
    const lo = Math.ceil(bound("minimize") - 1e-6);
    const hi = Math.floor(bound("maximize") + 1e-6);
    intervals.set(target, [lo, hi]);
    if (lo === hi) recovered.set(target, lo);
  }
  return { recovered, intervals };
}
