import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareProportions } from "./compare-proportions.js";

describe("compareProportions", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // Statistics in Medicine 17:873-890, Table II, method 10 (score interval, hybrid of Wilson limits).
  const table2 = [
    { a: [56, 70], b: [48, 80], interval: [0.0524, 0.3339] },
    { a: [9, 10], b: [3, 10], interval: [0.1705, 0.809] },
    { a: [5, 56], b: [0, 29], interval: [-0.0381, 0.1926] },
    { a: [0, 10], b: [0, 20], interval: [-0.1611, 0.2775] },
    { a: [0, 10], b: [0, 10], interval: [-0.2775, 0.2775] },
    { a: [10, 10], b: [0, 20], interval: [0.6791, 1] },
    { a: [10, 10], b: [0, 10], interval: [0.6075, 1] },
  ];
  it.each(table2)("difference $a vs $b matches Newcombe (1998) method 10", ({ a, b, interval }) => {
    const { difference } = compareProportions(
      { successes: a[0] as number, trials: a[1] as number },
      { successes: b[0] as number, trials: b[1] as number },
    );
    if (!difference.computable) throw new Error("expected an estimate");
    expect(difference.method).toBe("newcombe_hybrid_score");
    expect(difference.lower).toBeCloseTo(interval[0] as number, 4);
    expect(difference.upper).toBeCloseTo(interval[1] as number, 4);
  });

  it("ratio: Katz log interval by hand (Katz et al. 1978)", () => {
    // 10/100 vs 20/100: RR = 0.5, SE(ln RR) = sqrt(1/10 - 1/100 + 1/20 - 1/100) = sqrt(0.13).
    const { ratio } = compareProportions({ successes: 10, trials: 100 }, { successes: 20, trials: 100 });
    const z = 1.959963984540054;
    expect(ratio).toMatchObject({ computable: true, value: 0.5, method: "katz_log" });
    if (!ratio.computable) throw new Error("expected an estimate");
    expect(ratio.lower).toBeCloseTo(0.5 * Math.exp(-z * Math.sqrt(0.13)), 12);
    expect(ratio.upper).toBeCloseTo(0.5 * Math.exp(z * Math.sqrt(0.13)), 12);
    expect(ratio.lower).toBeCloseTo(0.2466, 4);
    expect(ratio.upper).toBeCloseTo(1.0136, 4);
  });

  it("zero counts and empty groups are not computable, with the reason", () => {
    expect(compareProportions({ successes: 3, trials: 10 }, { successes: 0, trials: 10 }).ratio).toMatchObject({
      computable: false,
      reason: "zero_count",
    });
    expect(compareProportions({ successes: 0, trials: 0 }, { successes: 1, trials: 10 }).difference).toMatchObject({
      computable: false,
      reason: "zero_denominator",
    });
  });

  it("property: intervals contain the estimate; the difference is antisymmetric", () => {
    const group = fc
      .integer({ min: 1, max: 500 })
      .chain((n) => fc.record({ successes: fc.integer({ min: 0, max: n }), trials: fc.constant(n) }));
    fc.assert(
      fc.property(group, group, (a, b) => {
        const ab = compareProportions(a, b);
        const ba = compareProportions(b, a);
        if (!ab.difference.computable || !ba.difference.computable) throw new Error("expected estimates");
        expect(ab.difference.lower).toBeLessThanOrEqual(ab.difference.value + 1e-12);
        expect(ab.difference.upper).toBeGreaterThanOrEqual(ab.difference.value - 1e-12);
        expect(ab.difference.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(ab.difference.upper).toBeLessThanOrEqual(1 + 1e-12);
        expect(ab.difference.lower).toBeCloseTo(-ba.difference.upper, 12);
        if (ab.ratio.computable) {
          expect(ab.ratio.lower).toBeLessThanOrEqual(ab.ratio.value);
          expect(ab.ratio.upper).toBeGreaterThanOrEqual(ab.ratio.value);
        }
      }),
    );
  });
});
