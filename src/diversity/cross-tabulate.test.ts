import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { crossTabulate } from "./cross-tabulate.js";
import { protectTable } from "./protect-table.js";

describe("crossTabulate", () => {
  const records = [
    ...people(12, { gender: "female", territoryKind: "qpv", upTo: "hired" }),
    ...people(3, { gender: "male", territoryKind: "zrr" }),
  ];
  it("counts every category pair, optionally among those who reached a stage", () => {
    const t = crossTabulate(records, { rows: "gender", columns: "territoryKind" });
    expect(t.rows).toEqual(["female", "male", "other", "undisclosed"]);
    expect(t.columns).toEqual(["qpv", "zrr", "frr", "other"]);
    expect(t.counts[0]).toEqual([12, 0, 0, 0]);
    expect(t.counts[1]).toEqual([0, 3, 0, 0]);
    expect(crossTabulate(records, { rows: "gender", columns: "territoryKind", reached: "hired" }).counts[1]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(protectTable(t).cells[1]?.[1]).toMatchObject({ status: "suppressed", reason: "secret_statistique" });
  });
  it("rejects the same dimension twice", () => {
    expect(() => crossTabulate(records, { rows: "gender", columns: "gender" })).toThrow(/columns/);
  });
  it("property: the table adds up to the records", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const t = crossTabulate(syntheticParticipants(n, createSeededRandom(seed)), {
          rows: "departement",
          columns: "cohort",
        });
        expect(t.counts.flat().reduce((a, b) => a + b, 0)).toBe(n);
      }),
      { numRuns: 30 },
    );
  });
});
