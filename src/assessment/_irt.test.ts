import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logistic, logLogistic, summarisePosterior } from "./_irt.js";

describe("logLogistic", () => {
  it("is finite, negative, and complements logLogistic(-eta) to probability 1, even for steep items", () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (eta) => {
        const lp = logLogistic(eta);
        const lq = logLogistic(-eta);
        expect(Number.isFinite(lp) && Number.isFinite(lq)).toBe(true);
        expect(lp).toBeLessThanOrEqual(0);
        expect(Math.exp(lp) + Math.exp(lq)).toBeCloseTo(1, 12);
      }),
    );
  });

  it("agrees with log(logistic(eta)) where the naive form is accurate", () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (eta) => {
        expect(logLogistic(eta)).toBeCloseTo(Math.log(logistic(eta)), 10);
      }),
    );
  });

  it("stays finite where the naive form gives log(0)", () => {
    expect(Math.log1p(-logistic(40))).toBe(-Infinity);
    expect(logLogistic(-40)).toBeCloseTo(-40, 12);
  });
});

describe("summarisePosterior", () => {
  it("returns the log of the normalising constant, whatever the scale of the log weights", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 5, maxLength: 40 }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (logs, shift) => {
          const nodes = Float64Array.from(logs, (_, i) => i);
          const logPost = Float64Array.from(logs, (v) => v + shift);
          const post = new Float64Array(logs.length);
          const { logMarginal } = summarisePosterior(logPost, nodes, post);
          const direct = Math.log(logs.reduce((s, v) => s + Math.exp(v), 0));
          expect(logMarginal - shift).toBeCloseTo(direct, 8);
          expect(post.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
