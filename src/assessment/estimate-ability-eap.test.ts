import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeProbability } from "./compute-probability.js";
import { estimateAbilityEap } from "./estimate-ability-eap.js";

/** Posterior mean and SD by composite Simpson integration over [-8, 8] with 20,000 intervals. */
function integrate(
  responses: { irt: { a: number; b: number; c: number }; correct: boolean }[],
  mean = 0,
  sd = 1,
): { theta: number; se: number } {
  const n = 20_000;
  const lo = -8;
  const h = 16 / n;
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i <= n; i++) {
    const t = lo + i * h;
    const weight = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    let f = Math.exp(-0.5 * ((t - mean) / sd) ** 2);
    for (const r of responses) {
      const p = computeProbability(r.irt, t);
      f *= r.correct ? p : 1 - p;
    }
    m0 += weight * f;
    m1 += weight * f * t;
    m2 += weight * f * t * t;
  }
  const theta = m1 / m0;
  return { theta, se: Math.sqrt(m2 / m0 - theta * theta) };
}

const pattern = [
  { irt: { a: 1.2, b: -1, c: 0 }, correct: true },
  { irt: { a: 0.8, b: 0, c: 0.2 }, correct: true },
  { irt: { a: 1.5, b: 0.5, c: 0 }, correct: false },
  { irt: { a: 1, b: 1.2, c: 0 }, correct: true },
  { irt: { a: 2, b: 2, c: 0.1 }, correct: false },
];

describe("estimateAbilityEap", () => {
  it("agrees with numerical integration of the posterior (default 81-point grid, within 2e-3)", () => {
    const exact = integrate(pattern);
    const eap = estimateAbilityEap(pattern);
    expect(Math.abs(eap.theta! - exact.theta)).toBeLessThan(2e-3);
    expect(Math.abs(eap.se! - exact.se)).toBeLessThan(2e-3);
  });

  it("agrees with integration under another prior and a finer grid (within 1e-4)", () => {
    const exact = integrate(pattern, 0.5, 1.5);
    const eap = estimateAbilityEap(pattern, {
      grid: { min: -8, max: 8, points: 401 },
      prior: { kind: "normal", mean: 0.5, sd: 1.5 },
    });
    expect(Math.abs(eap.theta! - exact.theta)).toBeLessThan(1e-4);
    expect(Math.abs(eap.se! - exact.se)).toBeLessThan(1e-4);
  });

  it("returns the prior without responses, and exists for all-correct patterns", () => {
    const none = estimateAbilityEap([]);
    expect(none.rule).toBe("no_responses");
    expect(Math.abs(none.theta!)).toBeLessThan(1e-12);
    expect(none.se!).toBeCloseTo(1, 2);
    const all = estimateAbilityEap([
      { irt: { b: 0 }, correct: true },
      { irt: { b: 1 }, correct: true },
    ]);
    expect(all.theta!).toBeGreaterThan(0);
    expect(all.theta!).toBeLessThan(4);
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
          { minLength: 1, maxLength: 25 },
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
          expect(estimateAbilityEap(after).theta!).toBeGreaterThanOrEqual(estimateAbilityEap(before).theta! - 1e-12);
        },
      ),
    );
  });
});
