import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countKey,
  inconsistentStates,
  intervalAttack,
  linearProgrammingAttack,
  unionOf,
} from "../../test/support/disclosure-attack.js";
import { protectLinkedTables } from "./protect-linked-tables.js";
import { protectTable } from "./protect-table.js";
import type { CountTable, ProtectedTable } from "./schema.js";

const DIMS = ["gender", "territoryKind", "ageBand"] as const;
const CATS = [
  ["female", "male"],
  ["qpv", "zrr", "other"],
  ["under_26", "26_49"],
] as const;

/** The three two-way tables of a gender x territory x age cube of counts. */
function crossings(
  records: readonly (readonly number[])[],
  dims: readonly string[],
  cats: readonly (readonly string[])[],
): CountTable[] {
  const out: CountTable[] = [];
  for (let a = 0; a < dims.length; a++) {
    for (let b = a + 1; b < dims.length; b++) {
      const counts = (cats[a] as readonly string[]).map(() =>
        new Array<number>((cats[b] as readonly string[]).length).fill(0),
      );
      for (const r of records) (counts[r[a] as number] as number[])[r[b] as number]! += 1;
      out.push({
        rowDimension: dims[a] as string,
        columnDimension: dims[b] as string,
        rows: [...(cats[a] as readonly string[])],
        columns: [...(cats[b] as readonly string[])],
        counts,
      });
    }
  }
  return out;
}

/** Records from a cube of counts cube[gender][territory][age]. */
function recordsOf(cube: number[][][]): number[][] {
  const out: number[][] = [];
  cube.forEach((g, x) =>
    g.forEach((t, y) =>
      t.forEach((n, z) => {
        for (let k = 0; k < n; k++) out.push([x, y, z]);
      }),
    ),
  );
  return out;
}

// Found by the union attack below over random cubes: the zrr total (7 people) is a small count.
const LEAKY = crossings(
  recordsOf([
    [
      [0, 0],
      [0, 6],
      [0, 3],
    ],
    [
      [0, 30],
      [1, 0],
      [0, 31],
    ],
  ]),
  DIMS,
  CATS,
);

/** True values of every count of the extended tables, by key. */
function truth(tables: readonly CountTable[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tables) {
    const p = protectTable(t, { threshold: 1 }); // threshold 1 hides nothing: the full extended table
    const R = t.rows.length;
    const C = t.columns.length;
    for (let i = 0; i <= R; i++) {
      for (let j = 0; j <= C; j++) {
        const cell = i < R ? (j < C ? p.cells[i]?.[j] : p.rowTotals[i]) : j < C ? p.columnTotals[j] : p.grandTotal;
        out.set(countKey(p, i, j), cell?.value as number);
      }
    }
  }
  return out;
}

describe("protectLinkedTables", () => {
  it("regression: tables protected one by one leak through a margin published elsewhere; linked ones do not", () => {
    const separate = LEAKY.map((t) => protectTable(t));
    // The zrr total is hidden in gender x territory but published in territory x age band: the reader
    // recomputes the hidden small counts from the union of the tables.
    expect(inconsistentStates(separate).length).toBeGreaterThan(0);
    const recovered = intervalAttack(separate);
    expect(recovered.get("territoryKind=zrr")).toBe(7);
    expect(linearProgrammingAttack(separate).recovered.get("territoryKind=zrr")).toBe(7);

    const linked = protectLinkedTables(LEAKY);
    expect(inconsistentStates(linked)).toEqual([]);
    expect([...intervalAttack(linked)]).toEqual([]);
    expect([...linearProgrammingAttack(linked).recovered]).toEqual([]);
    expect(linked.map((t) => [t.rowDimension, t.columnDimension])).toEqual(
      LEAKY.map((t) => [t.rowDimension, t.columnDimension]),
    );
  });

  it("regression: per-table witnesses that do not fit together are completed by a move of the whole set", () => {
    // Five crossed dimensions, threshold 5: protecting each table to a common fixpoint left hidden counts
    // that a linear programme over all the tables pinned down (a margin of 3, cells of 1 and 4).
    const sizes = [4, 3, 5, 3, 6];
    const counts = [
      [
        [10, 5, 2],
        [3, 3, 1],
        [5, 0, 2],
        [3, 3, 1],
      ],
      [
        [8, 2, 4, 3, 0],
        [3, 1, 1, 1, 1],
        [4, 1, 0, 1, 1],
        [2, 1, 1, 2, 1],
      ],
      [
        [10, 3, 4],
        [3, 2, 2],
        [5, 1, 1],
        [5, 1, 1],
      ],
      [
        [9, 2, 3, 1, 2, 0],
        [1, 1, 3, 1, 1, 0],
        [1, 1, 3, 1, 0, 1],
        [3, 0, 0, 0, 3, 1],
      ],
      [
        [11, 1, 4, 4, 1],
        [3, 3, 1, 2, 2],
        [3, 1, 1, 1, 0],
      ],
      [
        [12, 4, 5],
        [7, 2, 2],
        [4, 1, 1],
      ],
      [
        [7, 3, 6, 0, 4, 1],
        [4, 1, 2, 2, 1, 1],
        [3, 0, 1, 1, 1, 0],
      ],
      [
        [10, 1, 6],
        [3, 2, 0],
        [5, 1, 0],
        [2, 3, 2],
        [3, 0, 0],
      ],
      [
        [8, 1, 6, 0, 2, 0],
        [2, 0, 1, 0, 0, 2],
        [2, 2, 0, 0, 2, 0],
        [1, 1, 1, 2, 2, 0],
        [1, 0, 1, 1, 0, 0],
      ],
      [
        [8, 2, 4, 2, 5, 2],
        [3, 1, 2, 0, 1, 0],
        [3, 1, 3, 1, 0, 0],
      ],
    ];
    const tables: CountTable[] = [];
    for (let a = 0, k = 0; a < sizes.length; a++) {
      for (let b = a + 1; b < sizes.length; b++, k++) {
        tables.push({
          rowDimension: `d${a}`,
          columnDimension: `d${b}`,
          rows: Array.from({ length: sizes[a] as number }, (_, i) => `c${i}`),
          columns: Array.from({ length: sizes[b] as number }, (_, i) => `c${i}`),
          counts: counts[k] as number[][],
        });
      }
    }
    const linked = protectLinkedTables(tables, { threshold: 5 });
    expect(inconsistentStates(linked)).toEqual([]);
    expect([...linearProgrammingAttack(linked).recovered]).toEqual([]);
  });

  it("a single table is protected exactly as protectTable does", () => {
    const t: CountTable = {
      rowDimension: "gender",
      columnDimension: "territoryKind",
      rows: ["female", "male"],
      columns: ["qpv", "zrr"],
      counts: [
        [4, 30],
        [25, 40],
      ],
    };
    expect(protectLinkedTables([t])).toEqual([protectTable(t)]);
    expect(protectLinkedTables([t], { reasons: "detailed", threshold: 5 })).toEqual([
      protectTable(t, { reasons: "detailed", threshold: 5 }),
    ]);
    expect(protectLinkedTables([])).toEqual([]);
  });

  it("matches a margin by its dimension and category, whichever axis it is on", () => {
    const a: CountTable = {
      rowDimension: "gender",
      columnDimension: "territoryKind",
      rows: ["female", "male"],
      columns: ["qpv", "other"],
      counts: [
        [4, 30],
        [25, 40],
      ],
    };
    const b: CountTable = {
      rowDimension: "ageBand",
      columnDimension: "gender",
      rows: ["under_26", "26_49"],
      columns: ["male", "female"],
      counts: [
        [40, 30],
        [25, 4],
      ],
    };
    const [pa, pb] = protectLinkedTables([a, b]) as [ProtectedTable, ProtectedTable];
    expect(pa.rowTotals[0]).toEqual(pb.columnTotals[1]);
    expect(pa.rowTotals[1]).toEqual(pb.columnTotals[0]);
    expect(inconsistentStates([pa, pb])).toEqual([]);
    expect([...linearProgrammingAttack([pa, pb]).recovered]).toEqual([]);
  });

  it("rejects tables that disagree on a shared count, cross a dimension with itself, or repeat a label", () => {
    const a: CountTable = {
      rowDimension: "gender",
      columnDimension: "territoryKind",
      rows: ["female", "male"],
      columns: ["qpv"],
      counts: [[4], [25]],
    };
    const b: CountTable = {
      rowDimension: "gender",
      columnDimension: "ageBand",
      rows: ["female", "male"],
      columns: ["under_26"],
      counts: [[5], [25]],
    };
    expect(() => protectLinkedTables([a, b])).toThrow(
      expect.objectContaining({
        code: "invalid_table",
        details: {
          reason: "mismatched_margins",
          values: { key: expect.any(String), known: expect.any(Number), value: expect.any(Number), table: 1 },
        },
      }),
    );
    expect(() => protectLinkedTables([{ ...a, columnDimension: "gender", columns: ["x"] }])).toThrow(
      expect.objectContaining({ code: "invalid_table" }),
    );
    expect(() => protectLinkedTables([{ ...a, rows: ["female", "female"] }])).toThrow(
      expect.objectContaining({ code: "invalid_table" }),
    );
    // The same crossing twice, even turned, is one table published twice.
    const turned: CountTable = {
      rowDimension: "territoryKind",
      columnDimension: "gender",
      rows: ["qpv"],
      columns: ["female", "male"],
      counts: [[4, 25]],
    };
    expect(() => protectLinkedTables([a, turned])).toThrow(
      expect.objectContaining({
        code: "invalid_table",
        details: expect.objectContaining({ reason: "same_crossing_twice" }),
      }),
    );
    expect(() => protectLinkedTables([{ ...a, counts: [[4]] }])).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
  });

  it("property: over random record sets, nothing hidden is recoverable from all the tables together, and a count has one state", () => {
    // A cube of counts over 2 to 5 dimensions: zeros, small groups and large ones, as real crossings have.
    const dataset = fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 2, maxLength: 5 }).chain((sizes) =>
      fc.record({
        sizes: fc.constant(sizes),
        cells: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 40 })), {
          minLength: sizes.reduce((a, b) => a * b, 1),
          maxLength: sizes.reduce((a, b) => a * b, 1),
        }),
        threshold: fc.integer({ min: 2, max: 13 }),
      }),
    );
    fc.assert(
      fc.property(dataset, ({ sizes, cells, threshold }) => {
        const dims = sizes.map((_, d) => `d${d}`);
        const cats = sizes.map((s) => Array.from({ length: s }, (_, k) => `c${k}`));
        const records: number[][] = [];
        cells.forEach((n, index) => {
          const at = sizes.map(
            (_, d) => Math.floor(index / sizes.slice(d + 1).reduce((a, b) => a * b, 1)) % (sizes[d] as number),
          );
          for (let k = 0; k < n; k++) records.push(at);
        });
        const tables = crossings(records, dims, cats);
        const linked = protectLinkedTables(tables, { threshold });
        const real = truth(tables);
        const { values } = unionOf(linked);
        for (const [key, v] of values) {
          const actual = real.get(key) as number;
          if (actual > 0 && actual < threshold) expect(v, key).toBeNull();
          if (v !== null) expect(v, key).toBe(actual);
          else expect(actual, key).toBeGreaterThan(0);
        }
        expect(inconsistentStates(linked)).toEqual([]);
        expect([...intervalAttack(linked)]).toEqual([]);
        const { recovered, intervals } = linearProgrammingAttack(linked);
        expect([...recovered]).toEqual([]);
        for (const [key, [lo, hi]] of intervals) {
          expect(lo, key).toBeLessThanOrEqual(real.get(key) as number);
          expect(hi, key).toBeGreaterThanOrEqual(real.get(key) as number);
          // The default protection interval: at least 3 values for every hidden count.
          expect(hi - lo + 1, key).toBeGreaterThanOrEqual(3);
        }
      }),
      { numRuns: 400 },
    );
  });
});
