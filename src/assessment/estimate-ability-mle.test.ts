import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateAbilityMle } from "./estimate-ability-mle.js";
import { computeInformation } from "./compute-information.js";

describe("estimateAbilityMle", () => {
  it("finds the hand-derived maximum of symmetric Rasch patterns", () => {
    const e = estimateAbilityMle([
      { irt: { b: -1 }, correct: true },
      { irt: { b: 1 }, correct: false },
    ]);
    expect(e.theta!).toBeCloseTo(0, 8);
    expect(e.rule).toBe("interior");
    // SE = 1 / sqrt(2 * P(1 - P)) at theta = 0 with P = 1 / (1 + e^-1)
    const info = 2 * computeInformation({ b: 1 }, 0);
    expect(e.se!).toBeCloseTo(1 / Math.sqrt(info), 8);
  });

  it("solves the Rasch likelihood equation: sum of P equals the raw score", () => {
    const items = [-1.5, -0.5, 0, 0.7, 1.4].map((b) => ({ b }));
    const x = [true, true, false, true, false];
    const e = estimateAbilityMle(items.map((irt, i) => ({ irt, correct: x[i]! })));
    const expected = items.reduce((s, it) => s + 1 / (1 + Math.exp(-(e.theta! - it.b))), 0);
    expect(expected).toBeCloseTo(3, 7);
  });

  it("applies the bounded rule to all-correct and all-wrong patterns", () => {
    const up = estimateAbilityMle([
      { irt: { b: 0 }, correct: true },
      { irt: { b: 1 }, correct: true },
    ]);
    expect(up).toMatchObject({ theta: 4, rule: "all_correct_bound" });
    const down = estimateAbilityMle([{ irt: { b: 0 }, correct: false }], { bounds: [-3, 3] });
    expect(down).toMatchObject({ theta: -3, rule: "all_incorrect_bound" });
    expect(estimateAbilityMle([])).toMatchObject({ theta: null, se: null, rule: "no_responses" });
  });

  it("never decreases when one more answer on the same items is correct", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            a: fc.double({ min: 0.3, max: 2.5, noNaN: true }),
            b: fc.double({ min: -3, max: 3, noNaN: true }),
            c: fc.double({ min: 0, max: 0.3, noNaN: true }),
            x: fc.boolean(),
          }),
          { minLength: 1, maxLength: 20 },
        ),
        fc.nat(),
        (items, pick) => {
          const wrong = items.map((it, i) => ({ i, x: it.x })).filter((r) => !r.x);
          fc.pre(wrong.length > 0);
          const flip = wrong[pick % wrong.length]!.i;
          const before = items.map((it) => ({ irt: { a: it.a, b: it.b, c: it.c }, correct: it.x }));
          const after = items.map((it, i) => ({
            irt: { a: it.a, b: it.b, c: it.c },
            correct: i === flip ? true : it.x,
          }));
          expect(estimateAbilityMle(after).theta!).toBeGreaterThanOrEqual(estimateAbilityMle(before).theta! - 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });
});
