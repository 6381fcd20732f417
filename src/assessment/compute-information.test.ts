import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInformation } from "./compute-information.js";
import { computeProbability } from "./compute-probability.js";

describe("computeInformation", () => {
  it("matches hand-computed values", () => {
    expect(computeInformation({ b: 0 }, 0)).toBe(0.25);
    expect(computeInformation({ a: 2, b: 1 }, 1)).toBe(1);
    // Rasch at theta - b = 1: P(1 - P) = 0.7310585786 * 0.2689414214 = 0.1966119332
    expect(computeInformation({ b: 0 }, 1)).toBeCloseTo(0.1966119332, 9);
    // 3PL a = 1, b = 0, c = 0.25 at theta = 0: P = 0.625; a^2 (1 - P)/P ((P - c)/(1 - c))^2
    //   = 0.375 / 0.625 * (0.375 / 0.75)^2 = 0.6 * 0.25 = 0.15
    expect(computeInformation({ a: 1, b: 0, c: 0.25 }, 0)).toBeCloseTo(0.15, 12);
  });

  it("equals a^2 P (1 - P) for 2PL items and is highest at theta = b", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (a, b, theta) => {
          const p = computeProbability({ a, b }, theta);
          expect(computeInformation({ a, b }, theta)).toBeCloseTo(a * a * p * (1 - p), 10);
          expect(computeInformation({ a, b }, b)).toBeGreaterThanOrEqual(computeInformation({ a, b }, theta) - 1e-12);
        },
      ),
    );
  });

  it("never exceeds the 2PL information of the same a and b when c > 0", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        (a, b, c, theta) => {
          expect(computeInformation({ a, b, c }, theta)).toBeLessThanOrEqual(
            computeInformation({ a, b }, theta) + 1e-12,
          );
        },
      ),
    );
  });
});
