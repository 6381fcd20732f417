import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeSympsonHetterParameters } from "./compute-sympson-hetter-parameters.js";
import { createSimulatedBank } from "./create-simulated-bank.js";
import { simulateAssessment } from "./simulate-assessment.js";

const bank = createSimulatedBank({ seed: "sh", items: 200 });

describe("computeSympsonHetterParameters", () => {
  it("brings the highest exposure rate down toward the target", () => {
    const options = {
      seed: 1,
      targetExposure: 0.25,
      iterations: 8,
      examinees: 800,
      length: 15,
      session: { contentBalancing: false as const },
    };
    const sh = computeSympsonHetterParameters(bank, options);
    expect(sh.maxExposureByIteration[0]!).toBeGreaterThan(0.9); // max information without control
    const check = simulateAssessment(bank, {
      seed: "check",
      design: { kind: "adaptive" },
      examinees: 800,
      length: 15,
      session: { contentBalancing: false, exposure: { method: "sympson_hetter", k: 1, parameters: sh.parameters } },
    });
    expect(Math.max(...Object.values(check.exposure))).toBeLessThan(0.35);
    expect(check.rmse).toBeLessThan(0.45);
  });

  it("returns parameters in (0, 1] for every item", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 1, noNaN: true }), fc.nat(100), (target, seed) => {
        const sh = computeSympsonHetterParameters(bank, {
          seed,
          targetExposure: target,
          iterations: 2,
          examinees: 50,
          length: 8,
        });
        expect(Object.keys(sh.parameters).length).toBe(200);
        for (const k of Object.values(sh.parameters)) {
          expect(k).toBeGreaterThan(0);
          expect(k).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 10 },
    );
  });
});
