import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { compareProportions } from "./compare-proportions.js";
import { computeParity } from "./compute-parity.js";

describe("computeParity", () => {
  // The four-fifths rule of 29 CFR 1607.4(D), worked by hand on our own numbers: 80 of 120 men hired
  // (66.7 %), 12 of 40 women (30 %); impact ratio 0.30 / 0.667 = 0.45 < 0.8, so adverse impact.
  const records = [
    ...people(80, { gender: "male", upTo: "hired" }),
    ...people(40, { gender: "male" }),
    ...people(12, { gender: "female", upTo: "hired" }),
    ...people(28, { gender: "female" }),
  ];

  it("flags adverse impact with the four-fifths rule, against the group with the highest rate", () => {
    const rows = computeParity(records, { by: "gender" });
    const women = rows.find((r) => r.group === "female");
    const men = rows.find((r) => r.group === "male");
    expect(men?.fourFifths).toMatchObject({ status: "reference_group" });
    expect(women).toMatchObject({ among: 40, outcome: 12, referenceGroup: "male" });
    expect(women?.ratio.computable && women.ratio.value).toBeCloseTo(0.45, 12);
    expect(women?.fourFifths).toEqual({ status: "flagged", threshold: 0.8, belowThresholdWithConfidence: true });
    const expected = compareProportions({ successes: 12, trials: 40 }, { successes: 80, trials: 120 });
    expect(women?.ratio).toEqual(expected.ratio);
    expect(women?.difference).toEqual(expected.difference);
  });

  it("an empty group is not computable; a group with no outcome has impact ratio 0", () => {
    const rows = computeParity([...records, ...people(5, { gender: "other" })], {
      by: "gender",
      referenceGroup: "male",
    });
    expect(rows.find((r) => r.group === "undisclosed")?.rate).toMatchObject({
      computable: false,
      reason: "empty_group",
    });
    const other = rows.find((r) => r.group === "other");
    expect(other?.ratio).toMatchObject({ computable: true, value: 0, lower: 0 });
    expect(other?.fourFifths).toMatchObject({ status: "flagged", belowThresholdWithConfidence: false });
  });

  it("rejects an unknown reference group and inverted stages", () => {
    expect(() => computeParity(records, { by: "gender", referenceGroup: "men" })).toThrow(/referenceGroup/);
    expect(() => computeParity(records, { by: "gender", among: "hired", outcome: "assessed" })).toThrow(/among/);
  });

  it("property: rates in [0, 1]; the reference group's ratio is 1; nobody outranks it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 300 }), (seed, n) => {
        const rows = computeParity(syntheticParticipants(n, createSeededRandom(seed)), {
          by: "territoryKind",
          outcome: "entered_training",
        });
        for (const r of rows) {
          if (r.rate.computable) {
            expect(r.rate.value).toBeGreaterThanOrEqual(0);
            expect(r.rate.value).toBeLessThanOrEqual(1);
          }
          if (r.ratio.computable) expect(r.ratio.value).toBeLessThanOrEqual(1 + 1e-12);
          if (r.group === r.referenceGroup && r.ratio.computable) expect(r.ratio.value).toBeCloseTo(1, 12);
        }
      }),
      { numRuns: 40 },
    );
  });
});
