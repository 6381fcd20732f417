import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { betaQuantile, binomialPmf, logGamma, normalQuantile, regularizedBeta, zFor } from "./_stats.js";

describe("normalQuantile (AS 241)", () => {
  it("matches the tabulated critical values", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(zFor(0.9)).toBeCloseTo(1.6448536269514722, 14);
  });
  it("is antisymmetric and monotone", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-12, max: 0.5, noNaN: true }),
        (p, q) => {
          // 1 - p is rounded in floating point, so compare with the quantile of exactly that value.
          const complement = 1 - p;
          expect(normalQuantile(1 - complement) + normalQuantile(complement)).toBeCloseTo(0, 6);
          if (p < q) expect(normalQuantile(p)).toBeLessThanOrEqual(normalQuantile(q));
        },
      ),
    );
  });
});

describe("regularizedBeta and betaQuantile", () => {
  it("matches closed forms", () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    // I_x(2, 3) = 6x²/2 - 8x³/3 ... closed form: I_0.5(2,3) = 11/16.
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 13);
    // I_x(1, b) = 1 - (1 - x)^b.
    expect(regularizedBeta(0.3, 1, 7)).toBeCloseTo(1 - 0.7 ** 7, 13);
    expect(betaQuantile(0.025, 1, 10)).toBeCloseTo(1 - 0.975 ** (1 / 10), 12);
  });
  it("I_p(k, n-k+1) is the binomial upper tail P(X >= k)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (k, extra, p) => {
          const n = k + extra;
          let tail = 0;
          for (let j = k; j <= n; j++) tail += binomialPmf(j, n, p);
          expect(regularizedBeta(p, k, n - k + 1)).toBeCloseTo(tail, 9);
        },
      ),
    );
  });
  it("betaQuantile inverts regularizedBeta", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, a, b) => {
          const x = betaQuantile(p, a, b);
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
          // x itself is a double: near 1 its spacing (~1e-16) can move I_x by more than 1e-9 relative, so
          // check that p is bracketed by I at x -/+ 4 ulps, up to a relative 1e-9.
          const eps = 9e-16 * x + 1e-300;
          const tol = 1e-9 * Math.min(p, 1 - p);
          expect(regularizedBeta(x - eps, a, b)).toBeLessThanOrEqual(p + tol);
          expect(regularizedBeta(Math.min(1, x + eps), a, b)).toBeGreaterThanOrEqual(p - tol);
        },
      ),
    );
  });
});
