import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../_lib/random.js";
import { isDeclicsError } from "../errors.js";
import { answerItem } from "./answer-item.js";
import { computeProbability } from "./compute-probability.js";
import { computeSessionResult } from "./compute-session-result.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
import { recommendOrientation } from "./recommend-orientation.js";
import { selectNextItem } from "./select-next-item.js";
import { simulateAssessment } from "./simulate-assessment.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { STARTER_BANK } from "./starter-bank.js";

const cuts = DEFAULT_FRAMEWORK.levelCuts;
/** Lowest ability at which a family's requirements are all met on a unidimensional scale. */
const cutOf = (familyId: string): number =>
  cuts[
    Math.max(
      ...DEFAULT_ORIENTATION_RULES.jobFamilies.find((f) => f.id === familyId)!.requirements.map((r) => r.level),
    ) - 2
  ]!;
const statusOf = (o: ReturnType<typeof recommendOrientation>, id: string) =>
  o.jobFamilies.find((f) => f.id === id)!.status;

/** A full adaptive session on the starter bank for a simulated candidate of true ability `theta`. */
function session(theta: number, seed: number) {
  const random = createSeededRandom(`answers/${seed}`);
  const items = new Map(STARTER_BANK.items.map((it) => [it.id as string, it]));
  let s = startAdaptiveSession(STARTER_BANK, { seed: `candidate/${seed}` });
  while (s.status === "in_progress") {
    s = selectNextItem(STARTER_BANK, s);
    if (s.pending === null) break;
    const item = items.get(s.pending.itemId)!;
    s = answerItem(STARTER_BANK, s, { itemId: item.id, correct: random() < computeProbability(item.irt, theta) });
  }
  return computeSessionResult(STARTER_BANK, s);
}

describe("recommendOrientation", () => {
  it("says ready only when the probability of the required level is high, and to confirm when unsure", () => {
    const sure = recommendOrientation({ overall: { theta: 1.5, se: 0.25 } });
    expect(statusOf(sure, "developpement")).toBe("ready");
    expect(sure.jobFamilies.find((f) => f.id === "developpement")!.probability).toBeGreaterThan(0.99);
    // Same point estimate (level 7) but an SE of 1.2: the test cannot tell.
    const unsure = recommendOrientation({ overall: { theta: 1.5, se: 1.2 } });
    expect(statusOf(unsure, "cybersecurite")).toBe("to_confirm");
    const dev = unsure.jobFamilies.find((f) => f.id === "developpement")!;
    expect(dev.requirements.every((r) => r.source === "overall" && r.level === 7)).toBe(true);
    expect(dev.probability).toBeCloseTo(1 - 0.5 * (1 + erf((cutOf("developpement") - 1.5) / 1.2 / Math.SQRT2)), 5);
    expect(unsure.readiness).toBe(0.9);
  });

  it("reads a competence's own estimate only when it is precise enough", () => {
    const profile = {
      overall: { theta: 0.2, se: 0.35 },
      competences: { "3.4": { theta: -2, se: 0.3 }, "A.1": { theta: 2, se: 0.87 } },
    };
    const dev = recommendOrientation(profile).jobFamilies.find((f) => f.id === "developpement")!;
    expect(dev.requirements.find((r) => r.competence === "3.4")!.source).toBe("competence");
    expect(dev.requirements.find((r) => r.competence === "A.1")!.source).toBe("overall");
    expect(dev.gaps.map((g) => g.competence)).toEqual(["3.4"]);
    expect(dev.status).not.toBe("ready");
    expect(dev.workshops).toContain("atelier-code");
    const strict = recommendOrientation(profile, { maxSe: 0.2 }).jobFamilies.find((f) => f.id === "developpement")!;
    expect(strict.requirements.every((r) => r.source === "overall")).toBe(true);
  });

  it("uses an area's estimate when the competence's is missing or imprecise", () => {
    const o = recommendOrientation({ overall: { theta: 2, se: 0.3 }, areas: { "5": { theta: -2.5, se: 0.4 } } });
    const support = o.jobFamilies.find((f) => f.id === "support")!;
    expect(support.requirements.find((r) => r.competence === "5.1")!.source).toBe("area");
    expect(support.status).not.toBe("ready");
  });

  it("refuses a level-per-competence record, the old recipe's {undefined: 5} and impossible SEs", () => {
    for (const bad of [
      { "3.4": 2, "A.1": 4 },
      { undefined: 5 },
      {},
      { overall: { theta: 0, se: 0 } },
      { overall: { theta: Number.NaN, se: 1 } },
      { overall: { theta: 0, se: 1 }, competences: { undefined: { theta: 0, se: 1 } } },
    ]) {
      try {
        recommendOrientation(bad as never);
        expect.unreachable();
      } catch (e) {
        expect(isDeclicsError(e, "invalid_input")).toBe(true);
      }
    }
    expect(() => recommendOrientation({ overall: { theta: 0, se: 1 } }, { readiness: 0.4 })).toThrow(/readiness/);
  });

  it("takes replacement rules as data and validates them", () => {
    const rules = { ...DEFAULT_ORIENTATION_RULES, jobFamilies: [DEFAULT_ORIENTATION_RULES.jobFamilies[0]!] };
    expect(recommendOrientation({ overall: { theta: 0, se: 1 } }, { rules }).jobFamilies.length).toBe(1);
    expect(() =>
      recommendOrientation({ overall: { theta: 0, se: 1 } }, { rules: { version: "x", jobFamilies: [] } }),
    ).toThrow(/jobFamilies/);
  });

  it("never lowers a family's probability when the ability rises, nor raises it when the SE grows above a met level", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (theta, se, up) => {
          const before = recommendOrientation({ overall: { theta, se } });
          const after = recommendOrientation({ overall: { theta: theta + up, se } });
          for (const f of before.jobFamilies) {
            expect(f.probability).toBeGreaterThanOrEqual(0);
            expect(f.probability).toBeLessThanOrEqual(1);
            expect(after.jobFamilies.find((g) => g.id === f.id)!.probability).toBeGreaterThanOrEqual(
              f.probability - 1e-6,
            );
            if (f.status === "ready") expect(f.probability).toBeGreaterThanOrEqual(0.9);
          }
        },
      ),
    );
  });

  it("simulation: false 'ready' <= 5 % below the required level, truly ready candidates recognised", () => {
    // 3,000 candidates from N(0, 1), each through a full adaptive test on the starter bank with the
    // session defaults (shared by simulateAssessment), then oriented from the overall ability and SE.
    const sim = simulateAssessment(STARTER_BANK, {
      seed: "orientation",
      design: { kind: "adaptive" },
      examinees: 3000,
    });
    for (const family of DEFAULT_ORIENTATION_RULES.jobFamilies) {
      const cut = cutOf(family.id);
      let below = 0;
      let falseReady = 0;
      let clearlyReady = 0;
      let recognised = 0;
      for (let e = 0; e < sim.examinees; e++) {
        const status = statusOf(recommendOrientation({ overall: { theta: sim.theta[e]!, se: sim.se[e]! } }), family.id);
        const truth = sim.trueTheta[e]!;
        if (truth < cut) {
          below++;
          if (status === "ready") falseReady++;
        } else if (truth >= cut + 0.75) {
          clearlyReady++;
          if (status === "ready") recognised++;
        }
      }
      expect(falseReady / below, family.id).toBeLessThanOrEqual(0.05);
      // At least one level above the requirement: recognised (about 95 % and more with 30 items).
      expect(recognised / clearlyReady, family.id).toBeGreaterThanOrEqual(0.85);
    }
  });

  it("simulation through sessions: a candidate at true level 2 is almost never shown ready (was 75 %)", () => {
    let anyReady = 0;
    let devReady = 0;
    const n = 60;
    for (let k = 0; k < n; k++) {
      const theta = -2.25 + 0.75 * ((k + 0.5) / n); // spread over level 2
      const o = recommendOrientation(session(theta, k).profile);
      if (o.jobFamilies.some((f) => f.status === "ready")) anyReady++;
      if (statusOf(o, "developpement") === "ready") devReady++;
    }
    expect(devReady / n).toBeLessThanOrEqual(0.05);
    expect(anyReady / n).toBeLessThanOrEqual(0.05);
    let recognised = 0;
    for (let k = 0; k < 20; k++)
      if (statusOf(recommendOrientation(session(1.2, 100 + k).profile), "developpement") === "ready") recognised++;
    expect(recognised / 20).toBeGreaterThanOrEqual(0.85);
  });
});

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26, |error| < 1.5e-7: an independent check of the library's normal tail.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
