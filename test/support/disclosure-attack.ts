/**
 * Attacks on a set of published tables taken together, for the tests of small-count protection.
 * Written independently of src/diversity: the attacker sees only the published tables, matches a count
 * across tables by its (dimension, category) pairs, and knows that hidden counts are positive integers
 * (zeros are published).
 */
import { solve, type Coefficients, type Constraint } from "yalps";
import type { ProtectedCell, ProtectedTable } from "../../src/diversity/index.js";
import type { ChartFigure } from "./chart-figures.js";

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
  return (
    i < R ? (j < C ? t.cells[i]?.[j] : t.rowTotals[i]) : j < C ? t.columnTotals[j] : t.grandTotal
  ) as ProtectedCell;
}

/** Every count of every table with its published value (null when hidden), and its states across tables. */
export function unionOf(tables: readonly ProtectedTable[]): {
  values: Map<string, number | null>;
  states: Map<string, Set<string>>;
  relations: [string, number][][];
} {
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
    for (let i = 0; i <= R; i++)
      relations.push(Array.from({ length: C + 1 }, (_, j) => [countKey(t, i, j), j === C ? -1 : 1]));
    for (let j = 0; j <= C; j++)
      relations.push(Array.from({ length: R + 1 }, (_, i) => [countKey(t, i, j), i === R ? -1 : 1]));
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
  for (let changed = true; changed;) {
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
        const next: [number, number] = [
          Math.max(ol, Number.isNaN(nl) ? ol : Math.ceil(nl - 1e-9)),
          Math.min(oh, Number.isNaN(nh) ? oh : Math.floor(nh + 1e-9)),
        ];
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
export function linearProgrammingAttack(tables: readonly ProtectedTable[]): {
  recovered: Map<string, number>;
  intervals: Map<string, [number, number]>;
} {
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

/** Stage categories of the `stage` dimension (highest stage reached), in order; "none" = no stage yet. */
const LEVEL_LABELS = [
  "none",
  "registered",
  "assessed",
  "workshops",
  "met_training_or_employers",
  "entered_training",
  "hired",
] as const;
const STAGE_LABELS = LEVEL_LABELS.slice(1);

/** What a reader gets from any published figure: a number, or nothing (hidden, not computable). */
function readNumber(x: unknown): number | null {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (x !== null && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if ("status" in o) return o.status === "published" && typeof o.value === "number" ? o.value : null;
    if ("computable" in o) return o.computable === true && typeof o.value === "number" ? o.value : null;
  }
  return null;
}

/** A linear relation sum(c * x) = rhs over named counts. */
interface Relation {
  readonly terms: [string, number][];
  readonly rhs: number;
}

/** Result of {@link reportAttack}. */
export interface ReportAttack {
  /** Hidden counts (hidden in the tables, or a funnel count the report hides) the attacker pins to one value. */
  readonly recovered: Map<string, number>;
  /** How each was found. */
  readonly how: Map<string, string>;
  /** Every count the attacker knows after elimination, published or derived. */
  readonly known: Map<string, number>;
  /**
   * With `linearProgramming`: the smallest and largest integer each hidden count can take given
   * everything published (known ones: [v, v]). The protection interval holds when hi - lo + 1 >= width.
   */
  readonly intervals: Map<string, [number, number]>;
}

/**
 * Attacks a whole diversity report: its tables, participants, shares, funnels, parity and representation
 * together. The attacker collects every published count; turns every published rate into a count when its
 * denominator is known (rate x denominator, and numerator / rate for the denominator), and into a linear
 * relation (numerator - rate x denominator = 0) when neither is; reads funnel counts as sums of the
 * dimension x highest-stage cells (a person counts at every stage up to the highest one reached) and
 * `lost` as the difference of two stages; then eliminates (a relation with one unknown gives it) to a
 * fixpoint and, with `linearProgramming`, bounds every still hidden count by a linear programme over all
 * of it (hidden table counts >= 1, other unknowns >= 0). `outcome` is the report's parity outcome
 * (default "hired"; parity is among registered). Written without src/diversity's protection code:
 * it only reads the report as a reader would.
 */
export function reportAttack(
  report: unknown,
  options: { linearProgramming?: boolean; outcome?: string; charts?: readonly ChartFigure[] } = {},
): ReportAttack {
  const r = report as Record<string, unknown>;
  const tables = (r.tables ?? []) as ProtectedTable[];
  const { values, relations: tableRelations } = unionOf(tables);
  const relations: Relation[] = tableRelations.map((terms) => ({ terms, rhs: 0 }));
  const ratios: { num: string; den: string; p: number; what: string }[] = [];
  const facts: [string, number, string][] = [];
  const hiddenTable = new Set([...values].filter(([, v]) => v === null).map(([k]) => k));
  const hiddenFunnel = new Set<string>();
  const stageKey = (d: string, c: string, level: string): string =>
    d === "stage" ? `stage=${c}|${level}` : [`${d}=${c}`, `stage=${level}`].sort().join("&");
  const R = (d: string, c: string, s: number): string => `reached:${d}=${c}:${STAGE_LABELS[s]}`;
  const N = (d: string, c: string): string => `${d}=${c}`;
  const publish = (key: string, x: unknown, what: string): void => {
    const v = readNumber(x);
    if (v !== null) facts.push([key, v, what]);
  };
  const definedR = new Set<string>();
  /** R(d=c, s) = sum of the cells (d=c, stage=l) for l > s; the cells add up to N(d=c). */
  const defineFunnel = (d: string, c: string): void => {
    if (definedR.has(`${d}=${c}`)) return;
    definedR.add(`${d}=${c}`);
    if (d === "stage") {
      // Grouped by the highest stage itself: R(stage=c, s) is N(stage=c) when c is past s, else 0.
      const at = LEVEL_LABELS.indexOf(c as (typeof LEVEL_LABELS)[number]);
      STAGE_LABELS.forEach((_, s) =>
        relations.push({
          terms:
            at > s
              ? [
                  [R(d, c, s), 1],
                  [N(d, c), -1],
                ]
              : [[R(d, c, s), 1]],
          rhs: 0,
        }),
      );
      return;
    }
    STAGE_LABELS.forEach((_, s) =>
      relations.push({
        terms: [[R(d, c, s), 1], ...LEVEL_LABELS.slice(s + 1).map((l): [string, number] => [stageKey(d, c, l), -1])],
        rhs: 0,
      }),
    );
    relations.push({
      terms: [[N(d, c), 1], ...LEVEL_LABELS.map((l): [string, number] => [stageKey(d, c, l), -1])],
      rhs: 0,
    });
  };
  publish("all", r.participants, "participants");
  for (const [d, rows] of Object.entries((r.shares ?? {}) as Record<string, Record<string, unknown>[]>)) {
    for (const row of rows) {
      const c = row[d] as string;
      publish(N(d, c), row.count, `shares.${d}.count`);
      publish("all", row.denominator, `shares.${d}.denominator`);
      const p = readNumber(row.share);
      if (p !== null) ratios.push({ num: N(d, c), den: "all", p, what: `shares.${d}.share` });
    }
  }
  for (const [d, funnel] of Object.entries(
    (r.funnels ?? {}) as Record<string, { rows: Record<string, unknown>[]; groups: Record<string, unknown>[] }>,
  )) {
    for (const row of funnel.rows) {
      const c = (d === "stage" ? row.highestStage : row[d]) as string;
      defineFunnel(d, c);
      const s = STAGE_LABELS.indexOf(row.stage as (typeof STAGE_LABELS)[number]);
      const here = R(d, c, s);
      const before = s === 0 ? N(d, c) : R(d, c, s - 1);
      if (readNumber(row.reached) === null) hiddenFunnel.add(here);
      publish(here, row.reached, `funnels.${d}.reached`);
      const fp = readNumber(row.fromPrevious);
      if (fp !== null) ratios.push({ num: here, den: before, p: fp, what: `funnels.${d}.fromPrevious` });
      const fs = readNumber(row.fromStart);
      if (fs !== null) ratios.push({ num: here, den: R(d, c, 0), p: fs, what: `funnels.${d}.fromStart` });
      const lost = readNumber(row.lost);
      if (lost !== null)
        relations.push({
          terms: [
            [before, 1],
            [here, -1],
          ],
          rhs: lost,
        });
    }
    for (const g of funnel.groups) {
      const c = (d === "stage" ? g.highestStage : g[d]) as string;
      publish(R(d, c, 0), g.registered, `funnels.${d}.registered`);
      const lm = g.lostMost as Record<string, unknown>;
      if (lm && typeof lm.from === "string") {
        const from = R(d, c, STAGE_LABELS.indexOf(lm.from as (typeof STAGE_LABELS)[number]));
        const to = R(d, c, STAGE_LABELS.indexOf(lm.to as (typeof STAGE_LABELS)[number]));
        const lost = readNumber(lm.lost);
        if (lost !== null)
          relations.push({
            terms: [
              [from, 1],
              [to, -1],
            ],
            rhs: lost,
          });
        const p = readNumber(lm.conversion);
        if (p !== null) ratios.push({ num: to, den: from, p, what: `funnels.${d}.lostMost` });
      }
    }
  }
  // Parity: among = R(among stage), outcome = R(outcome stage); ratio and difference give a rate from the reference's.
  for (const [d, rows] of Object.entries((r.parity ?? {}) as Record<string, Record<string, unknown>[]>)) {
    const rateOf = new Map<string, number>();
    for (const row of rows) {
      const p = readNumber(row.rate);
      if (p !== null) rateOf.set(row.group as string, p);
    }
    for (const row of rows) {
      const c = row.group as string;
      defineFunnel(d, c);
      const among = R(d, c, 0);
      // The report's parity is "among registered"; its outcome stage is the one whose R matches.
      const outcomeStage = STAGE_LABELS.indexOf((options.outcome ?? "hired") as (typeof STAGE_LABELS)[number]);
      const outcome = R(d, c, outcomeStage);
      publish(among, row.among, `parity.${d}.among`);
      publish(outcome, row.outcome, `parity.${d}.outcome`);
      const ref = row.referenceGroup as string | null;
      let p = readNumber(row.rate);
      const refRate = ref === null ? undefined : rateOf.get(ref);
      const ratio = readNumber(row.ratio);
      const diff = readNumber(row.difference);
      if (p === null && refRate !== undefined && ratio !== null) p = ratio * refRate;
      if (p === null && refRate !== undefined && diff !== null) p = diff + refRate;
      if (p !== null) ratios.push({ num: outcome, den: among, p, what: `parity.${d}.rate` });
    }
  }
  const rep = r.representation as Record<string, unknown>[] | null | undefined;
  for (const row of rep ?? []) {
    const d = row.dimension as string;
    const c = row.category as string;
    publish(N(d, c), row.count, "representation.count");
    publish("all", row.participants, "representation.participants");
    const p = readNumber(row.share);
    if (p !== null) ratios.push({ num: N(d, c), den: "all", p, what: "representation.share" });
  }
  // What the charts show: counts, and proportions known to lie in a range (rounded on the chart).
  const ranges: { num: string; den: string; lo: number; hi: number; what: string }[] = [];
  for (const f of options.charts ?? []) {
    if (f.kind === "count") publish(f.key, f.value, "chart");
    else ranges.push({ ...f, what: "chart" });
  }
  // Elimination to a fixpoint.
  const known = new Map<string, number>();
  const how = new Map<string, string>();
  for (const [k, v] of values) if (v !== null) known.set(k, v);
  const learn = (k: string, v: number, what: string): boolean => {
    if (known.has(k)) return false;
    known.set(k, v);
    how.set(k, what);
    return true;
  };
  for (const [k, v, what] of facts) learn(k, v, what);
  const nearInt = (v: number): number | null =>
    Number.isFinite(v) && Math.abs(v - Math.round(v)) < 1e-6 ? Math.round(v) : null;
  for (let changed = true; changed;) {
    changed = false;
    for (const { num, den, p, what } of ratios) {
      const n = known.get(den);
      const x = known.get(num);
      if (x === undefined && n !== undefined) {
        const v = nearInt(p * n);
        if (v !== null && learn(num, v, `${what} x ${den}`)) changed = true;
      } else if (n === undefined && x !== undefined && p > 0) {
        const v = nearInt(x / p);
        if (v !== null && learn(den, v, `${num} / ${what}`)) changed = true;
      }
    }
    for (const { num, den, lo, hi, what } of ranges) {
      const n = known.get(den);
      if (n === undefined || known.has(num)) continue;
      const a = Math.ceil(lo * n - 1e-9);
      const b = Math.floor(hi * n + 1e-9);
      if (a === b && learn(num, a, `${what} range x ${den}`)) changed = true;
    }
    for (const rel of relations) {
      const unknown = rel.terms.filter(([k]) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [uk, uc] = unknown[0] as [string, number];
      const rest = rel.terms.filter(([k]) => k !== uk).reduce((s, [k, c]) => s + c * (known.get(k) as number), 0);
      const v = nearInt((rel.rhs - rest) / uc);
      if (
        v !== null &&
        learn(uk, v, `relation ${rel.terms.map(([k, c]) => `${c > 0 ? "+" : "-"}${k}`).join(" ")} = ${rel.rhs}`)
      )
        changed = true;
    }
  }
  const recovered = new Map<string, number>();
  const intervals = new Map<string, [number, number]>();
  for (const k of [...hiddenTable, ...hiddenFunnel]) if (known.has(k)) recovered.set(k, known.get(k) as number);
  for (const [k, v] of recovered) intervals.set(k, [v, v]);
  if (options.linearProgramming) {
    // Every still unknown count, bounded by everything together; rates whose two counts are unknown are
    // linear relations too.
    const all: Relation[] = [
      ...relations,
      ...ratios.map(({ num, den, p }) => ({
        terms: [
          [num, 1],
          [den, -p],
        ] as [string, number][],
        rhs: 0,
      })),
    ];
    const names = new Set<string>();
    for (const rel of all) for (const [k] of rel.terms) if (!known.has(k)) names.add(k);
    const constraints = new Map<string, Constraint>();
    const coefs = new Map<string, Map<string, number>>([...names].map((k) => [k, new Map([[`lb:${k}`, 1]])]));
    for (const k of names) constraints.set(`lb:${k}`, { min: hiddenTable.has(k) ? 1 : 0 });
    all.forEach((rel, n) => {
      let rhs = rel.rhs;
      let any = false;
      for (const [k, c] of rel.terms) {
        const v = known.get(k);
        if (v === undefined) {
          const m = coefs.get(k) as Map<string, number>;
          m.set(`r${n}`, (m.get(`r${n}`) ?? 0) + c);
          any = true;
        } else rhs -= c * v;
      }
      if (any) constraints.set(`r${n}`, { equal: rhs });
    });
    // A range on a chart: lo x den <= num <= hi x den, two inequalities.
    ranges.forEach(({ num, den, lo, hi }, n) => {
      for (const [bound, p] of [
        ["lo", lo],
        ["hi", hi],
      ] as const) {
        let rhs = 0;
        const terms: [string, number][] = [
          [num, 1],
          [den, -p],
        ];
        let any = false;
        for (const [k, c] of terms) {
          const v = known.get(k);
          if (v === undefined) {
            if (!coefs.has(k)) {
              coefs.set(k, new Map([[`lb:${k}`, 1]]));
              constraints.set(`lb:${k}`, { min: hiddenTable.has(k) ? 1 : 0 });
            }
            const m = coefs.get(k) as Map<string, number>;
            m.set(`q${bound}${n}`, (m.get(`q${bound}${n}`) ?? 0) + c);
            any = true;
          } else rhs -= c * v;
        }
        if (any) constraints.set(`q${bound}${n}`, bound === "lo" ? { min: rhs - 1e-9 } : { max: rhs + 1e-9 });
      }
    });
    for (const target of [...hiddenTable, ...hiddenFunnel]) {
      if (known.has(target) || !names.has(target)) continue;
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
      if (lo === hi) {
        recovered.set(target, lo);
        how.set(target, "linear programme over the whole report");
      }
    }
  }
  return { recovered, how, known, intervals };
}
