/**
 * Golden outputs of the suppression engine and the functions built on it, on deterministic synthetic
 * cohorts and seeded random tables: any change of a published value, a suppression status or a reason
 * shows up as a snapshot diff. Refactors of src/diversity must leave these snapshots unchanged.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeDiversityReport } from "./compute-diversity-report.js";
import { computeParity } from "./compute-parity.js";
import { computeRepresentation } from "./compute-representation.js";
import { crossTabulate } from "./cross-tabulate.js";
import { protectLinkedTables } from "./protect-linked-tables.js";
import { protectTable } from "./protect-table.js";
import type { CountTable } from "./schema.js";

const SIZES = [40, 180, 900] as const;
const reference = {
  id: "qpv",
  label: "QPV",
  source: "test",
  population: 20_000,
  shares: { gender: { female: 0.516, male: 0.484 }, territoryKind: { qpv: 0.7, zrr: 0.1, frr: 0.1, other: 0.1 } },
};

/** A table of small random counts (many below the threshold), zeros included. */
function randomTable(seed: number, R: number, C: number, max: number): CountTable {
  const random = createSeededRandom(seed);
  return {
    rowDimension: "a",
    columnDimension: "b",
    rows: Array.from({ length: R }, (_, i) => `r${i}`),
    columns: Array.from({ length: C }, (_, j) => `c${j}`),
    counts: Array.from({ length: R }, () => Array.from({ length: C }, () => Math.floor(random() * max))),
  };
}

/** A full report is large: pin its exact JSON by digest, with its size so a change of shape shows. */
function digest(report: unknown): { sha256: string; jsonLength: number } {
  const json = JSON.stringify(report);
  return { sha256: createHash("sha256").update(json).digest("hex"), jsonLength: json.length };
}

describe("golden outputs", () => {
  it("protectTable on seeded random tables", () => {
    const out = [1, 2, 3, 4, 5, 6].map((seed) => {
      const t = randomTable(seed, 2 + (seed % 4), 3 + (seed % 3), seed % 2 === 0 ? 25 : 60);
      return [
        protectTable(t),
        protectTable(t, { reasons: "detailed" }),
        protectTable(t, { reasons: "detailed", protectionInterval: 5, threshold: 6 }),
        protectTable(t, { threshold: 2, protectionInterval: 2 }),
      ];
    });
    expect(out).toMatchSnapshot();
  });

  it("protectLinkedTables on synthetic cohorts", () => {
    const out = SIZES.map((n) => {
      const records = syntheticParticipants(n, createSeededRandom(n));
      const tables = [
        crossTabulate(records, { rows: "gender", columns: "territoryKind" }),
        crossTabulate(records, { rows: "gender", columns: "ageBand", referenceDate: "2021-01-01" }),
        crossTabulate(records, { rows: "territoryKind", columns: "diplomaLevel" }),
        crossTabulate(records, { rows: "ageBand", columns: "cohort", referenceDate: "2021-01-01" }),
      ];
      return [
        protectLinkedTables(tables, { reasons: "detailed" }),
        protectLinkedTables(tables.slice(0, 2), { threshold: 5, protectionInterval: 4, reasons: "detailed" }),
        protectLinkedTables(tables),
      ];
    });
    expect(out).toMatchSnapshot();
  });

  it("computeDiversityReport on synthetic cohorts", () => {
    const out = SIZES.map((n) => {
      const records = syntheticParticipants(n, createSeededRandom(1000 + n));
      return [
        computeDiversityReport(records, {
          referenceDate: "2021-01-01",
          representation: { dimension: "gender", reference },
        }),
        computeDiversityReport(records, {
          referenceDate: "2021-01-01",
          dimensions: ["gender", "territoryKind", "cohort"],
          threshold: 5,
          protectionInterval: 4,
        }),
        computeDiversityReport(records, { referenceDate: "2021-01-01", protection: "none" }),
      ].map(digest);
    });
    expect(out).toMatchSnapshot();
  });

  it("computeParity and computeRepresentation on synthetic cohorts", () => {
    const out = SIZES.map((n) => {
      const records = syntheticParticipants(n, createSeededRandom(2000 + n));
      return [
        computeParity(records, { by: "gender" }),
        computeParity(records, { by: "territoryKind", outcome: "entered_training", among: "assessed" }),
        computeParity(records, { by: "ageBand", referenceDate: "2021-01-01", referenceGroup: "26_49" }),
        computeRepresentation(records, { dimension: "gender", reference }),
        computeRepresentation(records, { dimension: "territoryKind", reference, relativeTo: "qpv" }),
        computeRepresentation(records, {
          dimension: "gender",
          reference: { ...reference, treatAs: "sample" as const },
          relativeTo: "male",
        }),
      ];
    });
    expect(out).toMatchSnapshot();
  });
});
