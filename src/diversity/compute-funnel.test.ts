import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people, person } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeFunnel } from "./compute-funnel.js";
import { computeProportionInterval } from "./compute-proportion-interval.js";

const records = [
  ...people(10, { gender: "female", upTo: "registered" }),
  ...people(20, { gender: "female", upTo: "met_training_or_employers" }),
  ...people(10, { gender: "female", upTo: "hired" }),
  ...people(5, { gender: "male", upTo: "assessed" }),
  ...people(45, { gender: "male", upTo: "hired" }),
];

describe("computeFunnel", () => {
  it("counts people at each stage and the conversion from the previous one", () => {
    const { rows } = computeFunnel(records, { by: ["gender"] });
    const women = rows.filter((r) => r.gender === "female");
    expect(women.map((r) => r.reached)).toEqual([40, 30, 30, 30, 10, 10]);
    expect(women.map((r) => r.lost)).toEqual([0, 10, 0, 0, 20, 0]);
    expect(women[4]?.fromPrevious).toEqual(computeProportionInterval(10, 30));
    expect(women[5]?.fromStart).toEqual(computeProportionInterval(10, 40));
  });

  it("says where each group is lost most", () => {
    const { groups } = computeFunnel(records, { by: ["gender"] });
    expect(groups.find((g) => g.gender === "female")).toMatchObject({
      registered: 40,
      lostMost: { from: "met_training_or_employers", to: "entered_training", lost: 20 },
    });
    expect(groups.find((g) => g.gender === "male")).toMatchObject({
      registered: 50,
      lostMost: { from: "assessed", to: "workshops", lost: 5 },
    });
    expect(groups.find((g) => g.gender === "other")?.lostMost).toMatchObject({
      computable: false,
      reason: "empty_group",
    });
  });

  it("counts a skipped stage as passed (hired without training) and a record without stage nowhere", () => {
    const skipped = person({ upTo: null });
    const hiredDirect = {
      ...person({ upTo: null }),
      stages: [
        { stage: "registered" as const, on: "2020-09-28" },
        { stage: "hired" as const, on: "2020-11-02" },
      ],
    };
    const { rows } = computeFunnel([skipped, hiredDirect]);
    expect(rows.map((r) => r.reached)).toEqual([1, 1, 1, 1, 1, 1]);
    // Registered converts from the group's records: one of the two has no stage yet.
    expect(rows[0]).toMatchObject({ lost: 1, fromPrevious: { value: 0.5 } });
  });

  it("property: the funnel is monotone and conversions lie in [0, 1]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 300 }), (seed, n) => {
        const { rows } = computeFunnel(syntheticParticipants(n, createSeededRandom(seed)), { by: ["territoryKind"] });
        for (let k = 1; k < rows.length; k++) {
          const a = rows[k - 1];
          const b = rows[k];
          if (a && b && a.territoryKind === b.territoryKind) expect(b.reached).toBeLessThanOrEqual(a.reached);
          if (b?.fromPrevious.computable) {
            expect(b.fromPrevious.value).toBeGreaterThanOrEqual(0);
            expect(b.fromPrevious.value).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
