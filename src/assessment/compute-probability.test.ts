import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { computeProbability } from "./compute-probability.js";

describe("computeProbability", () => {
  it("matches hand-computed values", () => {
    expect(computeProbability({ b: 0 }, 0)).toBe(0.5);
    // Rasch, theta - b = 1: 1 / (1 + e^-1) = 0.7310585786
    expect(computeProbability({ b: -1 }, 0)).toBeCloseTo(0.7310585786, 9);
    // 2PL a = 2, theta - b = -0.5: 1 / (1 + e^1) = 0.2689414214
    expect(computeProbability({ a: 2, b: 0.5 }, 0)).toBeCloseTo(0.2689414214, 9);
    // 3PL at theta = b: c + (1 - c) / 2
    expect(computeProbability({ a: 1.5, b: 0.5, c: 0.2 }, 0.5)).toBeCloseTo(0.6, 12);
    // 3PL a = 1, b = 0, c = 0.25, theta = 1: 0.25 + 0.75 * 0.7310585786 = 0.7982939340
    expect(computeProbability({ a: 1, b: 0, c: 0.25 }, 1)).toBeCloseTo(0.798293934, 9);
  });

  it("rejects impossible parameters with invalid_input", () => {
    for (const irt of [{ a: 0, b: 0 }, { a: -1, b: 0 }, { b: Infinity }, { b: 0, c: 1 }, { b: 0, c: -0.1 }]) {
      let caught: unknown;
      try {
        computeProbability(irt, 0);
      } catch (e) {
        caught = e;
      }
      expect(isDeclicsError(caught, "invalid_input")).toBe(true);
    }
  });

  it("is increasing in theta and stays in (c, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        (a, b, c, theta, d) => {
          const p1 = computeProbability({ a, b, c }, theta);
          const p2 = computeProbability({ a, b, c }, theta + d);
          expect(p1).toBeGreaterThanOrEqual(c);
          expect(p1).toBeLessThanOrEqual(1);
          expect(p2).toBeGreaterThanOrEqual(p1);
        },
      ),
    );
  });
});
