import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { createSeededRandom } from "../_lib/random.js";
import { people, person } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { computeProportionInterval } from "./compute-proportion-interval.js";
import { ageBandOn } from "./age-band-on.js";
import { computeShares } from "./compute-shares.js";

function shuffle<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const records = [
  ...people(30, { gender: "female", territoryKind: "qpv" }),
  ...people(70, { gender: "male", territoryKind: "qpv" }),
  ...people(5, { gender: "female", territoryKind: "zrr" }),
  ...people(15, { gender: "male", territoryKind: "zrr" }),
];

describe("computeShares", () => {
  it("counts and shares of everyone, with the Wilson interval", () => {
    const rows = computeShares(records, { by: ["gender"] });
    expect(rows.map((r) => [r.gender, r.count, r.denominator])).toEqual([
      ["female", 35, 120],
      ["male", 85, 120],
      ["other", 0, 120],
      ["undisclosed", 0, 120],
    ]);
    expect(rows[0]?.share).toEqual(computeProportionInterval(35, 120));
  });

  it("shares within groups (women among QPV participants)", () => {
    const rows = computeShares(records, {
      by: ["territoryKind", "gender"],
      within: ["territoryKind"],
      method: "clopper_pearson",
    });
    const qpvWomen = rows.find((r) => r.territoryKind === "qpv" && r.gender === "female");
    expect(qpvWomen).toMatchObject({ count: 30, denominator: 100 });
    expect(qpvWomen?.share).toEqual(computeProportionInterval(30, 100, { method: "clopper_pearson" }));
    // An empty group says so instead of NaN.
    expect(rows.find((r) => r.territoryKind === "frr" && r.gender === "female")?.share).toMatchObject({
      computable: false,
      reason: "empty_group",
    });
  });

  it("counts missing optional fields as not_stated, never drops them", () => {
    const rows = computeShares([person({ diplomaLevel: "niveau_4" }), person()], { by: ["diplomaLevel"] });
    expect(rows.find((r) => r.diplomaLevel === "not_stated")?.count).toBe(1);
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(2);
  });

  it("derives age bands from birth dates on the reference date, and asks for it", () => {
    const r = [person({ ageBand: undefined, birthDate: "1994-09-28" })];
    expect(computeShares(r, { by: ["ageBand"], referenceDate: "2020-09-28" }).find((x) => x.count === 1)?.ageBand).toBe(
      "26_49",
    );
    try {
      computeShares(r, { by: ["ageBand"] });
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_option") && error.details.option).toBe("referenceDate");
    }
  });

  it("property: age bands derived from birth dates in the counting loop agree with ageBandOn", () => {
    const date = fc
      .date({ min: new Date("1930-01-01T00:00:00Z"), max: new Date("2020-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.constantFrom("2021-01-01", "2021-02-28", "2024-02-29", "2020-12-31"), (birthDate, on) => {
        const rows = computeShares([person({ ageBand: undefined, birthDate })], { by: ["ageBand"], referenceDate: on });
        expect(rows.find((r) => r.count === 1)?.ageBand).toBe(ageBandOn(birthDate, on));
      }),
    );
  });

  it("names a record with an unknown category instead of dropping it", () => {
    const bad = [person(), { ...person(), gender: "woman" as never }];
    expect(() => computeShares(bad, { by: ["gender"] })).toThrow(/participant record.*1\.gender/);
  });

  it("groups by the highest stage reached", () => {
    const rows = computeShares([person({ upTo: "hired" }), person({ upTo: "assessed" }), person({ upTo: null })], {
      by: ["stage"],
    });
    expect(rows.map((r) => [r.stage, r.count])).toEqual([
      ["none", 1],
      ["registered", 0],
      ["assessed", 1],
      ["workshops", 0],
      ["met_training_or_employers", 0],
      ["entered_training", 0],
      ["hired", 1],
    ]);
  });

  it("reads any iterable once", () => {
    function* gen() {
      yield* records;
    }
    expect(computeShares(gen(), { by: ["gender", "departement"] })).toEqual(
      computeShares(records, { by: ["gender", "departement"] }),
    );
  });

  it("rejects bad options", () => {
    expect(() => computeShares(records, { by: [] })).toThrow(/by/);
    expect(() => computeShares(records, { by: ["gender"], within: ["cohort"] })).toThrow(/within/);
  });

  it("property: shares in [0, 1], summing to 1 within each group, invariant under permutation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 200 }), (seed, n) => {
        const data = syntheticParticipants(n, createSeededRandom(seed));
        const options = { by: ["cohort", "gender"] as const, within: ["cohort"] as const, referenceDate: "2021-01-01" };
        const rows = computeShares(data, { ...options, by: [...options.by], within: [...options.within] });
        const byCohort = new Map<string, number>();
        for (const r of rows) {
          if (!r.share.computable) continue;
          expect(r.share.value).toBeGreaterThanOrEqual(0);
          expect(r.share.value).toBeLessThanOrEqual(1);
          expect(r.share.lower).toBeGreaterThanOrEqual(0);
          expect(r.share.upper).toBeLessThanOrEqual(1);
          byCohort.set(r.cohort as string, (byCohort.get(r.cohort as string) ?? 0) + r.share.value);
        }
        for (const total of byCohort.values()) expect(total).toBeCloseTo(1, 12);
        const shuffled = shuffle(data, createSeededRandom(seed + 1));
        expect(computeShares(shuffled, { ...options, by: [...options.by], within: [...options.within] })).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });
});
