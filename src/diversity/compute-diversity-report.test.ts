import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "./_synthetic.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeParity } from "./compute-parity.js";
import { computeRepresentation } from "./compute-representation.js";
import { computeShares } from "./compute-shares.js";
import { crossTabulate } from "./cross-tabulate.js";
import { parseParticipantRecords } from "./parse-participant-records.js";
import { protectTable } from "./protect-table.js";
import type { Dimension, ParticipantRecord } from "./schema.js";
import { inconsistentStates, intervalAttack, linearProgrammingAttack } from "../../test/support/disclosure-attack.js";

/** Participants from a cube of counts cube[gender][territory][age band]. */
function participants(cube: number[][][]): ParticipantRecord[] {
  const genders = ["female", "male"] as const;
  const kinds = ["qpv", "zrr", "other"] as const;
  const bands = ["under_26", "26_49"] as const;
  const out: unknown[] = [];
  cube.forEach((g, x) =>
    g.forEach((t, y) =>
      t.forEach((n, z) => {
        for (let k = 0; k < n; k++) out.push({ id: `p${out.length}`, gender: genders[x], territoryKind: kinds[y], ageBand: bands[z], stages: [] });
      }),
    ),
  );
  return parseParticipantRecords(out);
}

const reference = { id: "qpv", label: "QPV", source: "test", shares: { gender: { female: 0.516, male: 0.484 } } };

describe("computeDiversityReport", () => {
  it("gives the same figures as the separate functions, from one pass", () => {
    const records = syntheticParticipants(500, createSeededRandom(3));
    const report = computeDiversityReport(records, { referenceDate: "2021-01-01", representation: { dimension: "gender", reference } });
    expect(report.participants).toBe(500);
    expect(report.shares.ageBand).toEqual(computeShares(records, { by: ["ageBand"], referenceDate: "2021-01-01" }));
    expect(report.funnels.diplomaLevel).toEqual(computeFunnel(records, { by: ["diplomaLevel"] }));
    expect(report.parity.territoryKind).toEqual(computeParity(records, { by: "territoryKind" }));
    expect(report.representation).toEqual(computeRepresentation(records, { dimension: "gender", reference }));
    expect(report.tables).toHaveLength(6);
    expect(report.tables[0]).toMatchObject({ rowDimension: "gender", columnDimension: "ageBand", threshold: 11 });
  });

  it("property: every published table adds up to the participants", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const report = computeDiversityReport(syntheticParticipants(n, createSeededRandom(seed)), { dimensions: ["gender", "territoryKind", "cohort"], referenceDate: "2021-01-01" });
        for (const t of report.tables) {
          if (t.grandTotal.status === "published") expect(t.grandTotal.value).toBe(n);
          for (const cell of t.cells.flat()) if (cell.status === "published" && cell.value > 0) expect(cell.value).toBeGreaterThanOrEqual(11);
        }
      }),
      { numRuns: 25 },
    );
  });

  it("regression: the report's tables are protected together; one by one, the union of them gave a small count away", () => {
    // 7 people live in a ZRR. Protected separately, the ZRR total is hidden in gender x territory but
    // published in territory x age band, and the hidden cells of the first table follow from it.
    const records = participants([[[0, 0], [0, 6], [0, 3]], [[0, 30], [1, 0], [0, 31]]]);
    const dimensions: Dimension[] = ["gender", "territoryKind", "ageBand"];
    const separate = [];
    for (let a = 0; a < dimensions.length; a++) {
      for (let b = a + 1; b < dimensions.length; b++) separate.push(protectTable(crossTabulate(records, { rows: dimensions[a] as Dimension, columns: dimensions[b] as Dimension })));
    }
    expect(intervalAttack(separate).get("territoryKind=zrr")).toBe(7);
    expect(inconsistentStates(separate).length).toBeGreaterThan(0);

    const report = computeDiversityReport(records, { dimensions });
    expect(report.tables.map((t) => [t.rowDimension, t.columnDimension])).toEqual(separate.map((t) => [t.rowDimension, t.columnDimension]));
    expect(inconsistentStates(report.tables)).toEqual([]);
    expect([...intervalAttack(report.tables)]).toEqual([]);
    expect([...linearProgrammingAttack(report.tables).recovered]).toEqual([]);
  });

  it("property: nothing hidden in the report's tables is recoverable from all of them together, and a shared count has one state", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 2, max: 15 }), (seed, n, threshold) => {
        const report = computeDiversityReport(syntheticParticipants(n, createSeededRandom(seed)), { dimensions: ["gender", "territoryKind", "ageBand", "diplomaLevel"], referenceDate: "2021-01-01", threshold });
        expect(inconsistentStates(report.tables)).toEqual([]);
        expect([...intervalAttack(report.tables)]).toEqual([]);
        expect([...linearProgrammingAttack(report.tables).recovered]).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
