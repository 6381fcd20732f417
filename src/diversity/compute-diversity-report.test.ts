import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeParity } from "./compute-parity.js";
import { computeRepresentation } from "./compute-representation.js";
import { computeShares } from "./compute-shares.js";
import { crossTabulate } from "./cross-tabulate.js";
import { parseParticipantRecords } from "./parse-participant-records.js";
import { protectTable } from "./protect-table.js";
import type { Dimension, ParticipantRecord } from "./schema.js";
import {
  inconsistentStates,
  intervalAttack,
  linearProgrammingAttack,
  reportAttack,
} from "../../test/support/disclosure-attack.js";
import { people } from "../../test/support/make-participants.js";
import type { ProtectedCell } from "./schema.js";

/** The value of a published count (throws on a hidden one: the test expected it published). */
function value(cell: ProtectedCell): number {
  if (cell.status !== "published") throw new Error("expected a published count");
  return cell.value;
}

function isCell(v: unknown): v is ProtectedCell {
  return (
    v !== null &&
    typeof v === "object" &&
    "status" in v &&
    ((v as ProtectedCell).status === "published" || (v as ProtectedCell).status === "suppressed")
  );
}

/** A report row with its counts turned back into numbers (for comparing protection "none" with the separate functions). */
function plain<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, isCell(v) ? value(v) : v]));
}

/** Participants from a cube of counts cube[gender][territory][age band]. */
function participants(cube: number[][][]): ParticipantRecord[] {
  const genders = ["female", "male"] as const;
  const kinds = ["qpv", "zrr", "other"] as const;
  const bands = ["under_26", "26_49"] as const;
  const out: unknown[] = [];
  cube.forEach((g, x) =>
    g.forEach((t, y) =>
      t.forEach((n, z) => {
        for (let k = 0; k < n; k++)
          out.push({
            id: `p${out.length}`,
            gender: genders[x],
            territoryKind: kinds[y],
            ageBand: bands[z],
            stages: [],
          });
      }),
    ),
  );
  return parseParticipantRecords(out);
}

const reference = { id: "qpv", label: "QPV", source: "test", shares: { gender: { female: 0.516, male: 0.484 } } };

describe("computeDiversityReport", () => {
  it("gives the same figures as the separate functions, from one pass, with protection none (not for publication)", () => {
    const records = syntheticParticipants(500, createSeededRandom(3));
    const report = computeDiversityReport(records, {
      referenceDate: "2021-01-01",
      representation: { dimension: "gender", reference },
      protection: "none",
    });
    expect(report.protection).toBe("none");
    expect(report.participants).toEqual({ status: "published", value: 500 });
    expect(report.shares.ageBand?.map(plain)).toEqual(
      computeShares(records, { by: ["ageBand"], referenceDate: "2021-01-01" }),
    );
    const funnel = computeFunnel(records, { by: ["diplomaLevel"] });
    expect(report.funnels.diplomaLevel?.rows.map(plain)).toEqual(funnel.rows);
    expect(
      report.funnels.diplomaLevel?.groups.map((g) => ({
        ...plain(g),
        lostMost: "from" in g.lostMost ? plain(g.lostMost) : g.lostMost,
      })),
    ).toEqual(funnel.groups);
    expect(report.parity.territoryKind?.map(plain)).toEqual(computeParity(records, { by: "territoryKind" }));
    expect(report.representation?.map(plain)).toEqual(
      computeRepresentation(records, { dimension: "gender", reference }),
    );
    // Six two-way tables, then each dimension by highest stage reached; nothing hidden.
    expect(report.tables).toHaveLength(10);
    expect(report.tables.every((t) => t.suppressed.total === 0 && t.threshold === 1)).toBe(true);
  });

  it("by default, publishes the same figures where no count is small, and says which tables it protects", () => {
    const records = syntheticParticipants(500, createSeededRandom(3));
    const report = computeDiversityReport(records, { referenceDate: "2021-01-01" });
    expect(report.protection).toBe("publishable");
    expect(report.participants).toEqual({ status: "published", value: 500 });
    expect(report.tables).toHaveLength(10);
    expect(report.tables[0]).toMatchObject({ rowDimension: "gender", columnDimension: "ageBand", threshold: 11 });
    expect(report.tables.slice(6).map((t) => [t.rowDimension, t.columnDimension])).toEqual([
      ["gender", "stage"],
      ["ageBand", "stage"],
      ["territoryKind", "stage"],
      ["diplomaLevel", "stage"],
    ]);
    const exact = computeShares(records, { by: ["gender"] });
    report.shares.gender?.forEach((row, k) => {
      const truth = exact[k] as (typeof exact)[number];
      if (row.count.status === "published") expect(row.share).toEqual(truth.share);
      else expect(row.share).toMatchObject({ computable: false, reason: "secret_statistique" });
    });
  });

  it("property: every published table adds up to the participants", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const report = computeDiversityReport(syntheticParticipants(n, createSeededRandom(seed)), {
          dimensions: ["gender", "territoryKind", "cohort"],
          referenceDate: "2021-01-01",
        });
        for (const t of report.tables) {
          if (t.grandTotal.status === "published") expect(t.grandTotal.value).toBe(n);
          for (const cell of t.cells.flat())
            if (cell.status === "published" && cell.value > 0) expect(cell.value).toBeGreaterThanOrEqual(11);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("regression: the report's tables are protected together; one by one, the union of them gave a small count away", () => {
    // 7 people live in a ZRR. Protected separately, the ZRR total is hidden in gender x territory but
    // published in territory x age band, and the hidden cells of the first table follow from it.
    const records = participants([
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
    ]);
    const dimensions: Dimension[] = ["gender", "territoryKind", "ageBand"];
    const separate = [];
    for (let a = 0; a < dimensions.length; a++) {
      for (let b = a + 1; b < dimensions.length; b++)
        separate.push(
          protectTable(
            crossTabulate(records, { rows: dimensions[a] as Dimension, columns: dimensions[b] as Dimension }),
          ),
        );
    }
    expect(intervalAttack(separate).get("territoryKind=zrr")).toBe(7);
    expect(inconsistentStates(separate).length).toBeGreaterThan(0);

    const report = computeDiversityReport(records, { dimensions });
    expect(report.tables.slice(0, 3).map((t) => [t.rowDimension, t.columnDimension])).toEqual(
      separate.map((t) => [t.rowDimension, t.columnDimension]),
    );
    expect(inconsistentStates(report.tables)).toEqual([]);
    expect([...intervalAttack(report.tables)]).toEqual([]);
    expect([...linearProgrammingAttack(report.tables).recovered]).toEqual([]);
  });

  it("property: nothing hidden in the report's tables is recoverable from all of them together, and a shared count has one state", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 2, max: 15 }),
        (seed, n, threshold) => {
          const report = computeDiversityReport(syntheticParticipants(n, createSeededRandom(seed)), {
            dimensions: ["gender", "territoryKind", "ageBand", "diplomaLevel"],
            referenceDate: "2021-01-01",
            threshold,
          });
          expect(inconsistentStates(report.tables)).toEqual([]);
          expect([...intervalAttack(report.tables)]).toEqual([]);
          expect([...linearProgrammingAttack(report.tables).recovered]).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});

/** Walks two reports of the same records side by side: every published count of `safe` is the exact one. */
function expectPublishedExact(safe: unknown, exact: unknown, path = "report"): void {
  if (isCell(safe)) {
    if (safe.status === "published") expect(safe.value, path).toBe(value(exact as ProtectedCell));
    return;
  }
  if (typeof safe === "number") {
    expect(Number.isFinite(safe), path).toBe(true);
    return;
  }
  if (safe === null || typeof safe !== "object") return;
  const m = safe as Record<string, unknown>;
  if (m.computable === true) {
    // A published metric is the exact one (parity against another reference group is compared apart).
    if (!/\.(ratio|difference|fourFifths)$/.test(path)) expect(safe, path).toEqual(exact);
    for (const k of ["value", "lower", "upper"]) expect(Number.isFinite(m[k]), `${path}.${k}`).toBe(true);
    return;
  }
  for (const [k, v] of Object.entries(m))
    expectPublishedExact(v, (exact as Record<string, unknown>)[k], `${path}.${k}`);
}

/** Every protected count of a report (tables included). */
function cellsOf(x: unknown, out: ProtectedCell[] = []): ProtectedCell[] {
  if (isCell(x)) out.push(x);
  else if (x !== null && typeof x === "object") for (const v of Object.values(x)) cellsOf(v, out);
  return out;
}

/** Every number anywhere in a report is finite (never NaN). */
function numbersOf(x: unknown, out: number[] = []): number[] {
  if (typeof x === "number") out.push(x);
  else if (x !== null && typeof x === "object") for (const v of Object.values(x)) numbersOf(v, out);
  return out;
}

describe("computeDiversityReport: the whole report is publishable", () => {
  const dimensions: Dimension[] = ["gender", "territoryKind", "ageBand"];

  it("regression: next to the protected tables, the exact shares of the report gave a hidden ZRR total away, and the hidden cells with it", () => {
    // 7 people in a ZRR: hidden in every table. The report used to publish it in shares (and so on).
    const records = participants([
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
    ]);
    const report = computeDiversityReport(records, { dimensions });
    const before = {
      tables: report.tables.slice(0, 3),
      participants: records.length,
      shares: Object.fromEntries(dimensions.map((d) => [d, computeShares(records, { by: [d] })])),
      funnels: Object.fromEntries(dimensions.map((d) => [d, computeFunnel(records, { by: [d] })])),
      parity: Object.fromEntries(dimensions.map((d) => [d, computeParity(records, { by: d })])),
    };
    const leaked = reportAttack(before);
    expect(leaked.recovered.get("territoryKind=zrr")).toBe(7);
    expect(leaked.how.get("territoryKind=zrr")).toBe("shares.territoryKind.count");
    // and then cells of the tables, by their margins
    expect(leaked.recovered.get("ageBand=26_49&territoryKind=zrr")).toBe(6);

    expect(report.shares.territoryKind?.find((r) => r.territoryKind === "zrr")).toMatchObject({
      count: { status: "suppressed", value: null, reason: "secret_statistique" },
      share: { computable: false, reason: "secret_statistique" },
    });
    expect(reportAttack(report).recovered).toEqual(new Map());
    expect(reportAttack(report, { linearProgramming: true }).recovered).toEqual(new Map());
  });

  it("hides a small number hired, every rate and funnel count that would give it back, and compares parity with a published group", () => {
    // 5 women hired among 200; the men's and the others' funnels are large at every stage.
    const records = [
      ...people(120, { gender: "female", upTo: "assessed" }),
      ...people(75, { gender: "female", upTo: "entered_training" }),
      ...people(5, { gender: "female", upTo: "hired" }),
      ...people(100, { gender: "male", upTo: "assessed" }),
      ...people(60, { gender: "male", upTo: "entered_training" }),
      ...people(40, { gender: "male", upTo: "hired" }),
      // A third group, so that the hired column has a complement other than the men.
      ...people(50, { gender: "other", upTo: "assessed" }),
      ...people(30, { gender: "other", upTo: "entered_training" }),
      ...people(20, { gender: "other", upTo: "hired" }),
    ];
    const report = computeDiversityReport(records, { dimensions: ["gender", "territoryKind"] });
    const women = report.funnels.gender?.rows.filter((r) => r.gender === "female") ?? [];
    const at = (stage: string) => women.find((r) => r.stage === stage);
    expect(at("hired")?.reached.status).toBe("suppressed");
    expect(at("hired")?.fromPrevious).toMatchObject({ computable: false, reason: "secret_statistique" });
    expect(at("hired")?.fromStart).toMatchObject({ computable: false, reason: "secret_statistique" });
    // 80 entered training, of whom 5 hired: published next to a published "lost", it would give 5 back.
    expect(at("hired")?.lost.status === "published" && at("entered_training")?.reached.status === "published").toBe(
      false,
    );
    expect(at("registered")?.reached).toEqual({ status: "published", value: 200 });
    const female = report.parity.gender?.find((r) => r.group === "female");
    expect(female).toMatchObject({
      outcome: { status: "suppressed" },
      rate: { computable: false, reason: "secret_statistique" },
      fourFifths: { computable: false, reason: "secret_statistique" },
      referenceGroup: "male",
    });
    expect(report.parity.gender?.find((r) => r.group === "male")).toMatchObject({
      among: { status: "published", value: 200 },
      outcome: { status: "published", value: 40 },
      fourFifths: { status: "reference_group" },
    });
    expect(report.funnels.gender?.groups.find((g) => g.gender === "female")?.lostMost).toMatchObject({
      computable: false,
      reason: "secret_statistique",
    });
    expect(reportAttack(report, { linearProgramming: true }).recovered).toEqual(new Map());
  });

  it("never publishes a small funnel count, even one the group's total minus its published stages would give", () => {
    // 46 women registered only, 3 entered training, 1 hired: the 4 women past "workshops" would be 50 - 46.
    const records = [
      ...people(46, { gender: "female", upTo: "registered" }),
      ...people(3, { gender: "female", upTo: "entered_training" }),
      ...people(1, { gender: "female", upTo: "hired" }),
      ...people(120, { gender: "male", upTo: "registered" }),
      ...people(60, { gender: "male", upTo: "entered_training" }),
      ...people(40, { gender: "male", upTo: "hired" }),
      ...people(30, { gender: "other", upTo: "registered" }),
      ...people(20, { gender: "other", upTo: "entered_training" }),
      ...people(15, { gender: "other", upTo: "hired" }),
    ];
    const report = computeDiversityReport(records, { dimensions: ["gender", "territoryKind"] });
    for (const row of report.funnels.gender?.rows ?? [])
      if (row.reached.status === "published") expect(row.reached.value === 0 || row.reached.value >= 11).toBe(true);
    expect(
      report.funnels.gender?.rows.find((r) => r.gender === "female" && r.stage === "assessed")?.reached.status,
    ).toBe("suppressed");
    expect(reportAttack(report, { linearProgramming: true }).recovered).toEqual(new Map());
  });

  it("regression: publishes a funnel count that the tables give only all together, instead of marking it hidden", () => {
    // Found by a stress run: 32 women past "workshops" was marked hidden, but the table's columns gave it.
    const records = syntheticParticipants(140, createSeededRandom(219058));
    const report = computeDiversityReport(records, {
      dimensions: ["gender"],
      threshold: 7,
      referenceDate: "2021-01-01",
      protectionInterval: 2,
      priorities: {},
    });
    expect(report.funnels.gender?.rows.find((r) => r.gender === "female" && r.stage === "workshops")?.reached).toEqual({
      status: "published",
      value: 32,
    });
    expect(reportAttack(report, { linearProgramming: true }).recovered).toEqual(new Map());
  });

  it("protects a one-dimension report, a report by stage, and a representation dimension that is not a report dimension", () => {
    const records = syntheticParticipants(60, createSeededRandom(5));
    for (const options of [
      { dimensions: ["gender"] as Dimension[] },
      { dimensions: ["stage"] as Dimension[] },
      { dimensions: ["stage", "gender"] as Dimension[] },
      { dimensions: ["territoryKind"] as Dimension[], representation: { dimension: "gender" as Dimension, reference } },
    ]) {
      const report = computeDiversityReport(records, { ...options, referenceDate: "2021-01-01" });
      expect(report.tables.length).toBeGreaterThan(0);
      expect(inconsistentStates(report.tables)).toEqual([]);
      expect(reportAttack(report, { linearProgramming: true }).recovered).toEqual(new Map());
      expectPublishedExact(
        report,
        computeDiversityReport(records, { ...options, referenceDate: "2021-01-01", protection: "none" }),
      );
    }
  });

  it("hides everything of a programme smaller than the threshold, as secret statistique, never as zero", () => {
    const report = computeDiversityReport(people(7, { gender: "female" }), { dimensions: ["gender", "territoryKind"] });
    expect(report.participants).toEqual({ status: "suppressed", value: null, reason: "secret_statistique" });
    expect(report.shares.gender?.find((r) => r.gender === "female")).toMatchObject({
      count: { status: "suppressed" },
      denominator: { status: "suppressed" },
      share: { reason: "secret_statistique" },
    });
    // Zeros stay published zeros: nobody is exposed by them.
    expect(report.shares.gender?.find((r) => r.gender === "male")?.count).toEqual({ status: "published", value: 0 });
    expect(numbersOf(report).every(Number.isFinite)).toBe(true);
  });

  const recordSets = fc.record({
    seed: fc.integer({ min: 0, max: 10_000 }),
    n: fc.integer({ min: 0, max: 400 }),
    threshold: fc.integer({ min: 2, max: 15 }),
    dimensions: fc.subarray(["gender", "territoryKind", "ageBand", "diplomaLevel", "cohort"] as Dimension[], {
      minLength: 1,
      maxLength: 4,
    }),
    withReference: fc.boolean(),
  });
  const reportOf = (
    p: { seed: number; n: number; threshold: number; dimensions: Dimension[]; withReference: boolean },
    protection?: "none",
  ) =>
    computeDiversityReport(syntheticParticipants(p.n, createSeededRandom(p.seed)), {
      dimensions: p.dimensions,
      referenceDate: "2021-01-01",
      threshold: p.threshold,
      ...(p.withReference
        ? { representation: { dimension: "gender" as Dimension, reference, relativeTo: "male" } }
        : {}),
      ...(protection ? { protection } : {}),
    });

  it("property: a count hidden in the tables is hidden everywhere in the report, every published count is exact, and nothing is NaN", () => {
    fc.assert(
      fc.property(recordSets, (p) => {
        const report = reportOf(p);
        const margins = new Map<string, boolean>();
        for (const t of report.tables) {
          t.rows.forEach((r, i) => margins.set(`${t.rowDimension}=${r}`, t.rowTotals[i]?.status === "published"));
          t.columns.forEach((c, j) =>
            margins.set(`${t.columnDimension}=${c}`, t.columnTotals[j]?.status === "published"),
          );
        }
        for (const [d, rows] of Object.entries(report.shares)) {
          for (const row of rows) {
            const shown = margins.get(`${d}=${row[d as Dimension]}`);
            expect(row.count.status === "published").toBe(shown);
            if (!shown) expect(row.share).toMatchObject({ computable: false, reason: "secret_statistique" });
          }
        }
        for (const row of report.representation ?? [])
          expect(row.count.status === "published").toBe(margins.get(`gender=${row.category}`));
        for (const rows of Object.values(report.parity)) {
          for (const row of rows)
            if (row.referenceGroup !== null)
              expect(rows.find((r) => r.group === row.referenceGroup)?.rate.computable).toBe(true);
        }
        expect(report.participants.status).toBe(report.tables[0]?.grandTotal.status);
        // Primary suppression holds for every count of the report, not only the tables.
        for (const c of cellsOf(report))
          if (c.status === "published") expect(c.value === 0 || c.value >= p.threshold).toBe(true);
        expect(numbersOf(report).every(Number.isFinite)).toBe(true);
        expectPublishedExact(report, reportOf(p, "none"));
      }),
      { numRuns: 60 },
    );
  });

  it("property: an attacker of the whole report (every count, rate x denominator, funnel sums and differences) recovers no hidden count", () => {
    fc.assert(
      fc.property(recordSets, (p) => {
        expect(reportAttack(reportOf(p)).recovered).toEqual(new Map());
      }),
      { numRuns: 60 },
    );
  });

  it("property: not even with a linear programme over the whole report", () => {
    fc.assert(
      fc.property(recordSets, (p) => {
        expect(
          reportAttack(reportOf({ ...p, dimensions: p.dimensions.slice(0, 3) }), { linearProgramming: true }).recovered,
        ).toEqual(new Map());
      }),
      { numRuns: 12 },
    );
  });
  it("states the reference day it used, and the zone a Date was read in", () => {
    const records = people(3, { ageBand: undefined, birthDate: "1995-01-01" });
    const asDay = computeDiversityReport(records, {
      dimensions: ["ageBand"],
      referenceDate: "2021-01-01",
      protection: "none",
    });
    expect(asDay.method.referenceDate).toEqual({ day: "2021-01-01" });
    expect(asDay.shares.ageBand?.find((r) => r.ageBand === "26_49")?.count.value).toBe(3);
    const instant = new Date("2020-12-31T20:00:00Z"); // 1 January in La Réunion, 31 December in Paris
    const reunion = computeDiversityReport(records, {
      dimensions: ["ageBand"],
      referenceDate: instant,
      timeZone: "Indian/Reunion",
      protection: "none",
    });
    expect(reunion.method.referenceDate).toEqual({ day: "2021-01-01", timeZone: "Indian/Reunion" });
    const paris = computeDiversityReport(records, {
      dimensions: ["ageBand"],
      referenceDate: instant,
      protection: "none",
    });
    expect(paris.method.referenceDate).toEqual({ day: "2020-12-31", timeZone: "Europe/Paris" });
    expect(paris.shares.ageBand?.find((r) => r.ageBand === "under_26")?.count.value).toBe(3);
    expect(computeDiversityReport(records, { dimensions: ["gender"] }).method.referenceDate).toBeNull();
    expect(() => computeDiversityReport(records, { referenceDate: "2021-02-30" })).toThrow(/referenceDate/);
  });
});
