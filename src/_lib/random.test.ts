import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./random.js";

describe("createSeededRandom", () => {
  it("replays the same sequence for the same seed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.string()), (seed) => {
        const a = createSeededRandom(seed);
        const b = createSeededRandom(seed);
        for (let i = 0; i < 20; i++) expect(a()).toBe(b());
      }),
    );
  });

  it("stays in [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const random = createSeededRandom(seed);
        for (let i = 0; i < 100; i++) {
          const x = random();
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(1);
        }
      }),
    );
  });

  it("is roughly uniform", () => {
    const random = createSeededRandom(42);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(random() * 10)]! += 1;
    // Chi-square with 9 degrees of freedom: 27.88 is the 0.999 quantile.
    const chi2 = bins.reduce((sum, observed) => sum + (observed - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.88);
  });

  it("differs between seeds", () => {
    expect(createSeededRandom(1)()).not.toBe(createSeededRandom(2)());
    expect(createSeededRandom("a")()).not.toBe(createSeededRandom("b")());
  });
});
