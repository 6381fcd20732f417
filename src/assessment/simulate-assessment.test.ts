import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { isDeclicsError } from "../errors.js";
import { answerItem } from "./answer-item.js";
import { computeProbability } from "./compute-probability.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { createSimulatedBank } from "./create-simulated-bank.js";
import { simulateAssessment } from "./simulate-assessment.js";

const bank = createSimulatedBank({ seed: "sim", items: 300 });

describe("simulateAssessment", () => {
  it("adaptive RMSE falls with test length", () => {
    const rmse = [5, 10, 20, 30].map(
      (length) =>
        simulateAssessment(bank, {
          seed: 1,
          design: { kind: "adaptive" },
          examinees: 1500,
          length,
          session: { seThreshold: null },
        }).rmse,
    );
    for (let i = 1; i < rmse.length; i++) expect(rmse[i]!).toBeLessThan(rmse[i - 1]!);
  });

  it("adaptive choice beats random choice at equal length", () => {
    for (const length of [10, 20]) {
      const adaptive = simulateAssessment(bank, {
        seed: 2,
        design: { kind: "adaptive" },
        examinees: 1500,
        length,
        session: { seThreshold: null },
      });
      const random = simulateAssessment(bank, { seed: 2, design: { kind: "random" }, examinees: 1500, length });
      expect(adaptive.rmse).toBeLessThan(random.rmse);
      expect(adaptive.meanSe).toBeLessThan(random.meanSe);
    }
  });

  it("reports SEs that match the observed error (calibrated EAP)", () => {
    const r = simulateAssessment(bank, {
      seed: 3,
      design: { kind: "adaptive" },
      examinees: 3000,
      length: 20,
      session: { seThreshold: null },
    });
    expect(Math.abs(r.rmse - r.meanSe)).toBeLessThan(0.05);
    expect(Math.abs(r.bias)).toBeLessThan(0.05);
  });

  it("runs the same engine as adaptive sessions: examinee e is the session seeded `${seed}/${e}`", () => {
    const sim = simulateAssessment(bank, {
      seed: "same",
      design: { kind: "adaptive" },
      examinees: 4,
      length: 12,
      session: { seThreshold: null, exposure: { method: "randomesque", k: 4 } },
    });
    // The simulation draws every answer from one stream, examinee after examinee.
    const answers = createSeededRandom("same:responses");
    for (let e = 0; e < 4; e++) {
      let s = startAdaptiveSession(bank, {
        seed: `same/${e}`,
        maxItems: 12,
        seThreshold: null,
        exposure: { method: "randomesque", k: 4 },
      });
      while (s.status === "in_progress") {
        s = selectNextItem(bank, s);
        const item = bank.items.find((it) => it.id === s.pending!.itemId)!;
        s = answerItem(bank, s, {
          itemId: item.id,
          correct: answers() < computeProbability(item.irt, sim.trueTheta[e]!),
        });
      }
      expect(s.responses.length).toBe(12);
      expect(s.estimate.theta).toBeCloseTo(sim.theta[e]!, 9);
      expect(s.estimate.se).toBeCloseTo(sim.se[e]!, 9);
    }
  });

  it("replays exactly from the seed", () => {
    const a = simulateAssessment(bank, { seed: "x", design: { kind: "adaptive" }, examinees: 50, length: 10 });
    const b = simulateAssessment(bank, { seed: "x", design: { kind: "adaptive" }, examinees: 50, length: 10 });
    expect(Array.from(b.theta)).toEqual(Array.from(a.theta));
  });

  it("honours stopping rules and fixed forms", () => {
    // The session's defaults: SE <= 0.3 after 5 items, exactly as startAdaptiveSession.
    const r = simulateAssessment(bank, { seed: 4, design: { kind: "adaptive" }, examinees: 200, length: 60 });
    expect(r.meanLength).toBeLessThan(60);
    for (let e = 0; e < 200; e++) if (r.length[e]! < 60) expect(r.se[e]!).toBeLessThanOrEqual(0.3);
    const ids = bank.items.slice(0, 12).map((i) => i.id);
    const f = simulateAssessment(bank, {
      seed: 4,
      design: { kind: "fixed", itemIds: ids },
      examinees: 100,
      length: 12,
    });
    expect(f.exposure[ids[0]!]).toBe(1);
    expect(f.meanLength).toBe(12);
    try {
      simulateAssessment(bank, { seed: 4, design: { kind: "fixed", itemIds: ["nope"] }, examinees: 1 });
      expect.unreachable();
    } catch (e) {
      expect(isDeclicsError(e, "invalid_option")).toBe(true);
    }
  });

  it("takes given abilities and records the bank and library version", () => {
    const abilities = [-2, -1, 0, 1, 2];
    const r = simulateAssessment(bank, { seed: 5, design: { kind: "adaptive" }, abilities });
    expect(Array.from(r.trueTheta)).toEqual(abilities);
    expect(r.examinees).toBe(5);
    expect(r.bank.id).toBe(bank.id);
    expect(r.libraryVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(() => simulateAssessment(bank, { seed: 5, design: { kind: "adaptive" }, abilities, examinees: 6 })).toThrow(
      /abilities/,
    );
    expect(() => simulateAssessment(bank, { seed: 5, design: { kind: "adaptive" } })).toThrow(/examinees/);
    expect(() => simulateAssessment(bank, { seed: 5, design: { kind: "adaptive" }, abilities: [Number.NaN] })).toThrow(
      /abilities/,
    );
  });

  it("keeps lengths within the maximum and exposure rates within [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.nat(100),
        fc.constantFrom("adaptive", "random") as fc.Arbitrary<"adaptive" | "random">,
        (length, seed, kind) => {
          const r = simulateAssessment(bank, {
            seed,
            design: { kind },
            examinees: 20,
            length,
            session: { seThreshold: 0.4 },
          });
          for (const l of r.length) expect(l).toBeLessThanOrEqual(length);
          for (const v of Object.values(r.exposure)) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
