import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { binomialPmf } from "./_stats.js";
import { computeProportionInterval } from "./compute-proportion-interval.js";

const Z = 1.959963984540054;

/** Wilson (1927) by hand: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n). */
function wilsonByHand(x: number, n: number): [number, number] {
  const p = x / n;
  const c = p + (Z * Z) / (2 * n);
  const h = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  const d = 1 + (Z * Z) / n;
  return [(c - h) / d, (c + h) / d];
}

describe("computeProportionInterval", () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Statistics in
  // Medicine 17:857-872, Table II, methods 3 (Wilson score) and 5 (Clopper-Pearson), 4 decimals.
  const newcombe = [
    { x: 81, n: 263, wilson: [0.2553, 0.3662], exact: [0.2527, 0.3676] },
    { x: 15, n: 148, wilson: [0.0624, 0.1605], exact: [0.0578, 0.1617] },
    { x: 0, n: 20, wilson: [0, 0.1611], exact: [0, 0.1684] },
    { x: 1, n: 29, wilson: [0.0061, 0.1718], exact: [0.0009, 0.1776] },
  ];
  it.each(newcombe)("Wilson and Clopper-Pearson for $x/$n match Newcombe (1998)", ({ x, n, wilson, exact }) => {
    const w = computeProportionInterval(x, n);
    const cp = computeProportionInterval(x, n, { method: "clopper_pearson" });
    if (!w.computable || !cp.computable) throw new Error("expected estimates");
    expect(w.value).toBeCloseTo(x / n, 12);
    expect(w.lower).toBeCloseTo(wilson[0] as number, 4);
    expect(w.upper).toBeCloseTo(wilson[1] as number, 4);
    expect(cp.lower).toBeCloseTo(exact[0] as number, 4);
    expect(cp.upper).toBeCloseTo(exact[1] as number, 4);
    const [l, u] = wilsonByHand(x, n);
    expect(w.lower).toBeCloseTo(Math.max(0, l), 12);
    expect(w.upper).toBeCloseTo(u, 12);
  });

  it("Clopper-Pearson bounds solve their defining equations (Clopper & Pearson 1934)", () => {
    // P(X >= x | p_L) = alpha/2 and P(X <= x | p_U) = alpha/2.
    for (const [x, n] of [
      [5, 10],
      [3, 40],
      [17, 19],
    ] as const) {
      const cp = computeProportionInterval(x, n, { method: "clopper_pearson", confidence: 0.9 });
      if (!cp.computable) throw new Error("expected an estimate");
      let upperTail = 0;
      for (let k = x; k <= n; k++) upperTail += binomialPmf(k, n, cp.lower);
      let lowerTail = 0;
      for (let k = 0; k <= x; k++) lowerTail += binomialPmf(k, n, cp.upper);
      expect(upperTail).toBeCloseTo(0.05, 10);
      expect(lowerTail).toBeCloseTo(0.05, 10);
    }
    const r = computeProportionInterval(5, 10, { method: "clopper_pearson" });
    expect(r.computable && [r.lower, r.upper].map((v) => v.toFixed(4))).toEqual(["0.1871", "0.8129"]);
  });

  it("Agresti-Coull by hand (Agresti & Coull 1998)", () => {
    // x = 3, n = 20: ñ = 20 + z², p̃ = (3 + z²/2)/ñ, p̃ ± z sqrt(p̃(1-p̃)/ñ).
    const nt = 20 + Z * Z;
    const pt = (3 + (Z * Z) / 2) / nt;
    const h = Z * Math.sqrt((pt * (1 - pt)) / nt);
    const r = computeProportionInterval(3, 20, { method: "agresti_coull" });
    expect(r.computable && r.lower).toBeCloseTo(Math.max(0, pt - h), 12);
    expect(r.computable && r.upper).toBeCloseTo(pt + h, 12);
  });

  it("an empty group is not computable, never NaN", () => {
    expect(computeProportionInterval(0, 0)).toEqual({
      computable: false,
      reason: "zero_denominator",
      message: "the denominator is zero",
    });
  });

  it("rejects impossible counts with invalid_input naming the field", () => {
    try {
      computeProportionInterval(5, 3);
      expect.unreachable();
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input") && error.details.issues[0]?.path).toBe("successes");
    }
    expect(() => computeProportionInterval(1.5, 3)).toThrow(/successes/);
    expect(() => computeProportionInterval(1, 3, { confidence: 1 })).toThrow(/confidence/);
  });

  it("property: bounds lie in [0, 1] around the estimate, and widen with confidence", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        fc.constantFrom("wilson" as const, "clopper_pearson" as const, "agresti_coull" as const),
        ([x, n], method) => {
          const a = computeProportionInterval(x, n, { method, confidence: 0.9 });
          const b = computeProportionInterval(x, n, { method, confidence: 0.99 });
          if (!a.computable || !b.computable) throw new Error("expected estimates");
          for (const m of [a, b]) {
            expect(m.lower).toBeGreaterThanOrEqual(0);
            expect(m.upper).toBeLessThanOrEqual(1);
            expect(m.lower).toBeLessThanOrEqual(m.value + 1e-12);
            expect(m.upper).toBeGreaterThanOrEqual(m.value - 1e-12);
          }
          expect(b.lower).toBeLessThanOrEqual(a.lower + 1e-12);
          expect(b.upper).toBeGreaterThanOrEqual(a.upper - 1e-12);
        },
      ),
    );
  });
});
