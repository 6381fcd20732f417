import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearProgrammingAttack } from "../../test/support/disclosure-attack.js";
import { protectTable } from "./protect-table.js";
import type { CountTable, ProtectedCell, ProtectedTable } from "./schema.js";

/** The extended table as an attacker sees it: (R+1) x (C+1) entries, null when suppressed. */
function published(t: ProtectedTable): (number | null)[][] {
  const R = t.rows.length;
  const C = t.columns.length;
  const grid: (number | null)[][] = [];
  for (let i = 0; i <= R; i++) {
    const line: (number | null)[] = [];
    for (let j = 0; j <= C; j++) {
      const cell = (
        i < R ? (j < C ? t.cells[i]?.[j] : t.rowTotals[i]) : j < C ? t.columnTotals[j] : t.grandTotal
      ) as ProtectedCell;
      line.push(cell.value);
    }
    grid.push(line);
  }
  return grid;
}

function reasonGrid(t: ProtectedTable): (string | null)[][] {
  const R = t.rows.length;
  const C = t.columns.length;
  return Array.from({ length: R + 1 }, (_, i) =>
    Array.from({ length: C + 1 }, (_, j) => {
      const cell = (
        i < R ? (j < C ? t.cells[i]?.[j] : t.rowTotals[i]) : j < C ? t.columnTotals[j] : t.grandTotal
      ) as ProtectedCell;
      return cell.status === "suppressed" ? cell.reason : null;
    }),
  );
}

/** The published linear relations: each row and column of the extended table, as (entry, coefficient) sums = 0. */
function relations(R: number, C: number): [number, number, number][][] {
  const out: [number, number, number][][] = [];
  for (let i = 0; i <= R; i++) {
    const rel: [number, number, number][] = [];
    for (let j = 0; j < C; j++) rel.push([i, j, 1]);
    rel.push([i, C, -1]);
    out.push(rel);
  }
  for (let j = 0; j <= C; j++) {
    const rel: [number, number, number][] = [];
    for (let i = 0; i < R; i++) rel.push([i, j, 1]);
    rel.push([R, j, -1]);
    out.push(rel);
  }
  return out;
}

/**
 * An attacker who knows every published value and that counts are non-negative integers. Two attacks:
 * (1) elimination: a relation with one unknown gives it exactly; repeat until nothing changes;
 * (2) interval propagation: bound each unknown from each relation with the others' bounds, to a fixpoint.
 * Returns the entries it pinned to a single value.
 */
function attack(
  t: ProtectedTable,
  useReasons = false,
): { pinned: [number, number, number][]; bounds: Map<string, [number, number]> } {
  const R = t.rows.length;
  const C = t.columns.length;
  const grid = published(t);
  const rels = relations(R, C);
  const known = grid.map((line) => line.map((v) => v));
  // (1) elimination
  for (let changed = true; changed;) {
    changed = false;
    for (const rel of rels) {
      const unknown = rel.filter(([i, j]) => known[i]?.[j] === null);
      if (unknown.length !== 1) continue;
      const [ui, uj, uc] = unknown[0] as [number, number, number];
      const rest = rel
        .filter(([i, j]) => !(i === ui && j === uj))
        .reduce((s, [i, j, c]) => s + c * (known[i]?.[j] as number), 0);
      (known[ui] as (number | null)[])[uj] = -rest / uc;
      changed = true;
    }
  }
  const pinned: [number, number, number][] = [];
  grid.forEach((line, i) =>
    line.forEach((v, j) => v === null && known[i]?.[j] !== null && pinned.push([i, j, known[i]?.[j] as number])),
  );
  // (2) interval propagation from the published values only
  const bounds = new Map<string, [number, number]>();
  const grand = t.grandTotal.value ?? Number.MAX_SAFE_INTEGER;
  // With the published reasons the attacker also knows: primary in [1, threshold - 1], secondary >= threshold.
  const reasons = reasonGrid(t);
  grid.forEach((line, i) =>
    line.forEach((v, j) => {
      const top = grand === null ? 1e9 : grand;
      const reason = reasons[i]?.[j];
      // Hidden entries are never zero (zeros are published), and detailed reasons say which are small.
      const hidden: [number, number] = !useReasons
        ? [0, top]
        : reason === "primary_small_count"
          ? [1, t.threshold - 1]
          : reason === "secondary_complementary"
            ? [t.threshold, top]
            : [1, top];
      bounds.set(`${i},${j}`, v === null ? hidden : [v, v]);
    }),
  );
  for (let round = 0, changed = true; changed && round < 500; round++) {
    changed = false;
    for (const rel of rels) {
      for (const [ui, uj, uc] of rel) {
        if (grid[ui]?.[uj] !== null) continue;
        // uc·x_u = -Σ c·x over the others
        let lo = 0;
        let hi = 0;
        for (const [i, j, c] of rel) {
          if (i === ui && j === uj) continue;
          const [l, h] = bounds.get(`${i},${j}`) as [number, number];
          const a = -c * l;
          const b = -c * h;
          lo += Math.min(a, b);
          hi += Math.max(a, b);
        }
        const [nl, nh] = uc > 0 ? [lo, hi] : [-hi, -lo];
        const [ol, oh] = bounds.get(`${ui},${uj}`) as [number, number];
        const next: [number, number] = [Math.max(ol, Math.ceil(nl - 1e-9)), Math.min(oh, Math.floor(nh + 1e-9))];
        if (next[0] > ol || next[1] < oh) {
          bounds.set(`${ui},${uj}`, next);
          changed = true;
        }
      }
    }
  }
  grid.forEach((line, i) =>
    line.forEach((v, j) => {
      const b = bounds.get(`${i},${j}`) as [number, number];
      if (v === null && b[0] === b[1]) pinned.push([i, j, b[0]]);
    }),
  );
  return { pinned, bounds };
}

/**
 * For a hidden entry, builds another table that agrees with everything published, keeps every hidden
 * count >= 1 (a reader knows zeros are published) and differs on that entry: a path of hidden entries
 * closing a cycle through it, +1/-1 alternately in the sign-flipped coordinates. Null when there is none.
 * Written independently of the library's search (plain BFS over both directions of the move).
 */
function alternative(t: ProtectedTable, real: number[][], i0: number, j0: number): number[][] | null {
  const R = t.rows.length;
  const C = t.columns.length;
  const grid = published(t);
  const sign = (i: number, j: number): number => ((i === R) !== (j === C) ? -1 : 1); // y = sign · x
  for (const d0 of [1, -1]) {
    // x-change of an entry at an even (+d0) or odd (-d0) position; decreasing needs a count >= 2.
    const ok = (i: number, j: number, dy: number): boolean =>
      sign(i, j) * dy > 0 || ((real[i] as number[])[j] as number) >= 2;
    if (!ok(i0, j0, d0)) continue;
    const prev = new Map<string, [string, number, number]>();
    const start = `c${j0}`;
    const goal = `r${i0}`;
    const queue = [start];
    const seen = new Set([start]);
    while (queue.length > 0) {
      const u = queue.shift() as string;
      if (u === goal) break;
      const idx = Number(u.slice(1));
      const fromRow = u[0] === "r";
      const steps: [string, number, number][] = fromRow
        ? Array.from({ length: C + 1 }, (_, j) => [`c${j}`, idx, j])
        : Array.from({ length: R + 1 }, (_, i) => [`r${i}`, i, idx]);
      for (const [v, i, j] of steps) {
        if (seen.has(v) || grid[i]?.[j] !== null || (i === i0 && j === j0) || !ok(i, j, fromRow ? d0 : -d0)) continue;
        seen.add(v);
        prev.set(v, [u, i, j]);
        queue.push(v);
      }
    }
    if (!prev.has(goal)) continue;
    const alt = real.map((line) => [...line]);
    (alt[i0] as number[])[j0]! += d0 * sign(i0, j0);
    for (let v = goal; v !== start;) {
      const [u, i, j] = prev.get(v) as [string, number, number];
      // Walking back from the goal: the last entry of the path has an odd position (it leaves a column).
      const fromRow = u[0] === "r";
      (alt[i] as number[])[j]! += (fromRow ? d0 : -d0) * sign(i, j);
      v = u;
    }
    return alt;
  }
  return null;
}

function truth(table: CountTable): number[][] {
  const R = table.rows.length;
  const C = table.columns.length;
  const g = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0));
  table.counts.forEach((line, i) =>
    line.forEach((v, j) => {
      (g[i] as number[])[j] = v;
      (g[i] as number[])[C]! += v;
      (g[R] as number[])[j]! += v;
      (g[R] as number[])[C]! += v;
    }),
  );
  return g;
}

const table = (counts: number[][]): CountTable => ({
  rowDimension: "gender",
  columnDimension: "territoryKind",
  rows: counts.map((_, i) => `r${i}`),
  columns: (counts[0] ?? []).map((_, j) => `c${j}`),
  counts,
});

describe("protectTable", () => {
  it("suppresses a small cell and its complements; margins alone cannot recover it", () => {
    const t = protectTable(
      table([
        [4, 30],
        [25, 40],
      ]),
    );
    expect(t.cells[0]?.[0]).toEqual({ status: "suppressed", value: null, reason: "secret_statistique" });
    // In a 2x2 table with published margins, one hidden cell forces hiding the other three.
    expect(t.cells.flat().every((c) => c.status === "suppressed")).toBe(true);
    expect(t.rowTotals).toEqual([
      { status: "published", value: 34 },
      { status: "published", value: 65 },
    ]);
    expect(t.grandTotal).toEqual({ status: "published", value: 99 });
    expect(t.suppressed).toEqual({ total: 4 });
    const detailed = protectTable(
      table([
        [4, 30],
        [25, 40],
      ]),
      { reasons: "detailed" },
    );
    expect(detailed.cells[0]?.[0]).toMatchObject({ reason: "primary_small_count" });
    expect(detailed.cells[1]?.[1]).toMatchObject({ reason: "secondary_complementary" });
    expect(detailed.suppressed).toEqual({ total: 4, primary: 1, secondary: 3 });
    expect(attack(t).pinned).toEqual([]);
  });

  it("a naive primary-only suppression is broken by the same attacker (the test attacker works)", () => {
    const t = protectTable(
      table([
        [4, 30],
        [25, 40],
      ]),
    );
    const naive: ProtectedTable = {
      ...t,
      cells: [
        [t.cells[0]?.[0] as ProtectedCell, { status: "published", value: 30 }],
        [
          { status: "published", value: 25 },
          { status: "published", value: 40 },
        ],
      ],
    };
    // Both attacks pin it: elimination (row 0: 34 - 30) and interval propagation.
    expect(attack(naive).pinned).toEqual([
      [0, 0, 4],
      [0, 0, 4],
    ]);
  });

  it("protects small margins too, and publishes zeros as zeros", () => {
    const t = protectTable(table([[3, 0, 50]]));
    expect(t.cells[0]?.[1]).toEqual({ status: "published", value: 0 });
    expect(t.columnTotals[0]?.status).toBe("suppressed");
    expect(attack(t).pinned).toEqual([]);
  });

  it("detailed reasons are for review only: they can reveal a hidden count", () => {
    // With a threshold of 2, "primary_small_count" means "exactly 1".
    const t = protectTable(
      table([
        [1, 30],
        [25, 40],
      ]),
      { threshold: 2, reasons: "detailed" },
    );
    expect(attack(t, true).pinned.some(([i, j, v]) => i === 0 && j === 0 && v === 1)).toBe(true);
    // The publishable default gives nothing away.
    expect(
      attack(
        protectTable(
          table([
            [1, 30],
            [25, 40],
          ]),
          { threshold: 2 },
        ),
        true,
      ).pinned,
    ).toEqual([]);
  });

  it("uses the configured threshold", () => {
    const t = protectTable(
      table([
        [12, 30],
        [25, 40],
      ]),
      { threshold: 13 },
    );
    expect(t.cells[0]?.[0]).toMatchObject({ status: "suppressed", reason: "secret_statistique" });
    expect(
      protectTable(
        table([
          [12, 30],
          [25, 40],
        ]),
      ).suppressed,
    ).toEqual({ total: 0 });
  });

  it("rejects a ragged table with invalid_input", () => {
    expect(() => protectTable({ ...table([[1, 2]]), counts: [[1]] })).toThrow(/counts/);
    expect(() => protectTable(table([[-1, 2]]))).toThrow(/counts/);
  });

  it("property: every small count is hidden, published values are true, and no hidden entry can be recovered", () => {
    const counts = fc.integer({ min: 1, max: 5 }).chain((R) =>
      fc.integer({ min: 1, max: 5 }).chain((C) =>
        fc.array(
          fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 200 })), {
            minLength: C,
            maxLength: C,
          }),
          { minLength: R, maxLength: R },
        ),
      ),
    );
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 15 }), (c, threshold) => {
        const input = table(c);
        const t = protectTable(input, { threshold });
        const real = truth(input);
        const grid = published(t);
        grid.forEach((line, i) =>
          line.forEach((v, j) => {
            const actual = (real[i] as number[])[j] as number;
            if (actual > 0 && actual < threshold) expect(v).toBeNull();
            if (v !== null) expect(v).toBe(actual);
            else expect(actual).toBeGreaterThan(0); // never hides a zero, never shows a hidden one as zero
          }),
        );
        // Another non-negative table agrees with everything published and differs on each hidden entry.
        grid.forEach((line, i) =>
          line.forEach((v, j) => {
            if (v !== null) return;
            const alt = alternative(t, real, i, j) as number[][];
            expect(alt).not.toBeNull();
            expect((alt[i] as number[])[j]).not.toBe((real[i] as number[])[j]);
            const R = t.rows.length;
            const C = t.columns.length;
            alt.forEach((l, a) =>
              l.forEach((x, b) => {
                expect(x).toBeGreaterThanOrEqual(grid[a]?.[b] === null ? 1 : 0);
                if (grid[a]?.[b] !== null) expect(x).toBe(grid[a]?.[b]);
              }),
            );
            for (let a = 0; a <= R; a++)
              expect((alt[a] as number[]).slice(0, C).reduce((p, q) => p + q, 0)).toBe((alt[a] as number[])[C]);
            for (let b = 0; b <= C; b++)
              expect(alt.slice(0, R).reduce((p, l) => p + (l[b] as number), 0)).toBe((alt[R] as number[])[b]);
          }),
        );
        const { pinned, bounds } = attack(t);
        // Every hidden cell gives the same reason, and knowing that hidden counts are never zero must not
        // pin any either.
        const reasons = reasonGrid(t);
        grid.forEach((line, i) =>
          line.forEach((v, j) => expect(reasons[i]?.[j]).toBe(v === null ? "secret_statistique" : null)),
        );
        expect(attack(t, true).pinned).toEqual([]);
        expect(pinned).toEqual([]);
        // The interval the attacker derives always contains the true value.
        for (const [key, [lo, hi]] of bounds) {
          const [i, j] = key.split(",").map(Number) as [number, number];
          const actual = (real[i] as number[])[j] as number;
          expect(lo).toBeLessThanOrEqual(actual);
          expect(hi).toBeGreaterThanOrEqual(actual);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("property: with a protection interval w, linear programming over the table leaves every hidden count at least w possible values", () => {
    const counts = fc.integer({ min: 1, max: 4 }).chain((R) =>
      fc.integer({ min: 1, max: 4 }).chain((C) =>
        fc.array(
          fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 120 })), {
            minLength: C,
            maxLength: C,
          }),
          { minLength: R, maxLength: R },
        ),
      ),
    );
    fc.assert(
      fc.property(
        counts,
        fc.integer({ min: 2, max: 15 }),
        fc.integer({ min: 2, max: 6 }),
        (c, threshold, protectionInterval) => {
          const t = protectTable(table(c), { threshold, protectionInterval });
          for (const [key, [lo, hi]] of linearProgrammingAttack([t]).intervals)
            expect(hi - lo + 1, key).toBeGreaterThanOrEqual(protectionInterval);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("rejects a protection interval under 2", () => {
    expect(() => protectTable(table([[1, 2]]), { protectionInterval: 1 })).toThrow(/protectionInterval/);
  });
});
