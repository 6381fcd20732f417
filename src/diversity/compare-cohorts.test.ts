import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { compareCohorts } from "./compare-cohorts.js";
import { compareProportions } from "./compare-proportions.js";

describe("compareCohorts", () => {
  const records = [
    ...people(30, { cohort: "2020-09", upTo: "hired" }),
    ...people(170, { cohort: "2020-09" }),
    ...people(45, { cohort: "2021-01", upTo: "hired" }),
    ...people(135, { cohort: "2021-01" }),
    ...people(3),
  ];
  it("sizes against the target and outcome changes from the previous cohort", () => {
    const rows = compareCohorts(records, { targetPerCohort: 200 });
    expect(rows.map((r) => [r.cohort, r.size, r.shareOfTarget, r.outcome])).toEqual([
      ["2020-09", 200, 1, 30],
      ["2021-01", 180, 0.9, 45],
      ["not_stated", 3, 0.015, 0],
    ]);
    expect(rows[0]?.differenceFromPrevious).toMatchObject({ computable: false, reason: "empty_group" });
    const expected = compareProportions({ successes: 45, trials: 180 }, { successes: 30, trials: 200 });
    expect(rows[1]?.differenceFromPrevious).toEqual(expected.difference);
    expect(rows[1]?.ratioToPrevious).toEqual(expected.ratio);
  });
  it("without a target, says so", () => {
    expect(compareCohorts(records)[0]?.shareOfTarget).toMatchObject({ computable: false, reason: "no_target" });
  });
  it("property: cohort sizes add up to the records that reached the base stage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 200 }), (seed, n) => {
        const rows = compareCohorts(syntheticParticipants(n, createSeededRandom(seed)), {
          outcome: "entered_training",
        });
        expect(rows.reduce((s, r) => s + r.size, 0)).toBe(n);
      }),
      { numRuns: 30 },
    );
  });
});
