import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "./_synthetic.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeParity } from "./compute-parity.js";
import { computeRepresentation } from "./compute-representation.js";
import { computeShares } from "./compute-shares.js";

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
});
