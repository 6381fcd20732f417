import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { people } from "../../test/support/make-participants.js";
import { syntheticParticipants } from "../../test/support/synthetic-participants.js";
import { compareProportions } from "./compare-proportions.js";
import { computeProportionInterval } from "./compute-proportion-interval.js";
import { computeRepresentation } from "./compute-representation.js";
import type { ReferencePopulationInput } from "./schema.js";

// Grand Mirail-like reference: women are 51.6 % of residents (DOMAIN.md).
const reference: ReferencePopulationInput = {
  id: "QN03107M",
  label: "Grand Mirail",
  source: "test",
  population: 35_685,
  shares: { gender: { female: 0.516, male: 0.484 } },
};
const participants = [...people(30, { gender: "female" }), ...people(70, { gender: "male" })];

describe("computeRepresentation", () => {
  it("ratio and gap against a census reference carry the Wilson interval of the participants' share", () => {
    const [women, men] = computeRepresentation(participants, { dimension: "gender", reference });
    const share = computeProportionInterval(30, 100);
    if (!share.computable || !women?.ratio.computable || !women.gap.computable) throw new Error("expected estimates");
    expect(women.referenceShare).toBe(0.516);
    expect(women.ratio.value).toBeCloseTo(0.3 / 0.516, 12);
    expect(women.ratio.lower).toBeCloseTo(share.lower / 0.516, 12);
    expect(women.ratio.upper).toBeCloseTo(share.upper / 0.516, 12);
    expect(women.gap.value).toBeCloseTo(0.3 - 0.516, 12);
    expect(women.gap.lower).toBeCloseTo(share.lower - 0.516, 12);
    expect(men?.ratio.computable && men.ratio.value).toBeCloseTo(0.7 / 0.484, 12);
  });

  it("with a sampled reference, uses the Katz ratio and the Newcombe difference", () => {
    const sampled = { ...reference, population: 1000, treatAs: "sample" as const };
    const [women] = computeRepresentation(participants, { dimension: "gender", reference: sampled });
    const expected = compareProportions({ successes: 30, trials: 100 }, { successes: 516, trials: 1000 });
    expect(women?.ratio).toEqual(expected.ratio);
    expect(women?.gap).toEqual(expected.difference);
  });

  it("relative representation: women vs men, by hand", () => {
    const [women, men] = computeRepresentation(participants, { dimension: "gender", reference, relativeTo: "male" });
    expect(men?.relativeRepresentation).toMatchObject({ value: 1, lower: 1, upper: 1, method: "reference_category" });
    const rel = women?.relativeRepresentation;
    if (!rel?.computable) throw new Error("expected an estimate");
    // (30/70) / (0.516/0.484) and var(ln) = 1/30 + 1/70.
    const value = (30 / 70) * (0.484 / 0.516);
    expect(rel.value).toBeCloseTo(value, 12);
    expect(rel.upper).toBeCloseTo(value * Math.exp(1.959963984540054 * Math.sqrt(1 / 30 + 1 / 70)), 12);
  });

  it("a category without reference share, or no participants, is not computable", () => {
    const rows = computeRepresentation(participants, { dimension: "gender", reference });
    expect(rows.find((r) => r.category === "other")?.ratio).toMatchObject({
      computable: false,
      reason: "no_reference",
    });
    expect(computeRepresentation([], { dimension: "gender", reference })[0]?.ratio).toMatchObject({
      computable: false,
      reason: "empty_group",
    });
    expect(() =>
      computeRepresentation(participants, {
        dimension: "gender",
        reference: { ...reference, population: undefined, treatAs: "sample" },
      }),
    ).toThrow(/population/);
    expect(() => computeRepresentation(participants, { dimension: "gender", reference, relativeTo: "men" })).toThrow(
      /relativeTo/,
    );
  });

  it("property: shares in [0, 1] and ratio = share / reference share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 300 }), (seed, n) => {
        const rows = computeRepresentation(syntheticParticipants(n, createSeededRandom(seed)), {
          dimension: "gender",
          reference,
        });
        for (const r of rows) {
          if (!r.share.computable) throw new Error("expected a share");
          expect(r.share.value).toBeGreaterThanOrEqual(0);
          expect(r.share.value).toBeLessThanOrEqual(1);
          if (r.ratio.computable && r.referenceShare)
            expect(r.ratio.value).toBeCloseTo(r.share.value / r.referenceShare, 12);
        }
      }),
      { numRuns: 40 },
    );
  });
});
