import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineReferencePopulations } from "./combine-reference-populations.js";
import { parseReferencePopulations, safeParseReferencePopulations } from "./parse-reference-populations.js";

describe("parseReferencePopulations / safeParseReferencePopulations", () => {
  it("validates shares and defaults treatAs to fixed", () => {
    const [r] = parseReferencePopulations([
      { id: "QP031007", label: "Reynerie", source: "insee", population: 8200, shares: { gender: { female: 0.52 } } },
    ]);
    expect(r?.treatAs).toBe("fixed");
    const bad = safeParseReferencePopulations([
      { id: "x", label: "x", source: "s", shares: { gender: { female: 52 } } },
    ]);
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.details.issues[0]?.path).toBe("0.shares.gender.female");
  });
});

describe("combineReferencePopulations", () => {
  it("weights shares by population", () => {
    const pooled = combineReferencePopulations(
      [
        { id: "a", label: "A", source: "s", population: 1000, shares: { gender: { female: 0.5, male: 0.5 } } },
        { id: "b", label: "B", source: "s", population: 3000, shares: { gender: { female: 0.54 } } },
      ],
      { id: "ab", label: "A and B" },
    );
    expect(pooled.population).toBe(4000);
    expect(pooled.shares.gender?.female).toBeCloseTo(0.53, 12);
    // "male" is missing from B: not pooled rather than biased.
    expect(pooled.shares.gender?.male).toBeUndefined();
    expect(pooled.source).toBe("s (pooled from 2 populations)");
  });
  it("needs every population's size", () => {
    expect(() =>
      combineReferencePopulations([{ id: "a", label: "A", source: "s", shares: {} }], { id: "x", label: "x" }),
    ).toThrow(/population/);
  });
  it("property: the pooled share lies between the smallest and largest share", () => {
    const pop = fc.record({
      population: fc.integer({ min: 1, max: 100_000 }),
      female: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(pop, { minLength: 1, maxLength: 20 }), (list) => {
        const pooled = combineReferencePopulations(
          list.map((p, i) => ({
            id: `q${i}`,
            label: "q",
            source: "s",
            population: p.population,
            shares: { gender: { female: p.female } },
          })),
          { id: "all", label: "all" },
        );
        const shares = list.map((p) => p.female);
        expect(pooled.shares.gender?.female).toBeGreaterThanOrEqual(Math.min(...shares) - 1e-12);
        expect(pooled.shares.gender?.female).toBeLessThanOrEqual(Math.max(...shares) + 1e-12);
      }),
    );
  });
});
