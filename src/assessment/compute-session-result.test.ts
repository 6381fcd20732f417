import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { estimateAbilityEap } from "./estimate-ability-eap.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./_test-bank.js";

describe("computeSessionResult", () => {
  it("agrees with the public EAP on the administered items and sums level probabilities to 1", () => {
    let s = startAdaptiveSession(TEST_BANK, { seed: 1, maxItems: 8, seThreshold: null });
    for (let i = 0; i < 8; i++) {
      s = selectNextItem(s);
      s = answerItem(s, { itemId: s.pending!.item.id, correct: i % 2 === 0 });
    }
    const r = computeSessionResult(s);
    const byId = new Map(TEST_BANK.items.map((it) => [it.id as string, it]));
    const eap = estimateAbilityEap(s.responses.map((x) => ({ irt: byId.get(x.itemId)!.irt, correct: x.correct })));
    expect(r.eap.theta!).toBeCloseTo(eap.theta!, 10);
    expect(r.finished).toBe(true);
    expect(r.itemsAdministered).toBe(8);
    expect(r.correctCount).toBe(4);
    expect(r.levelPosterior.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(r.perCompetence.reduce((a, c) => a + c.administered, 0)).toBe(8);
    expect(r.log.length).toBe(8);
    expect(r.mle.rule).toBe("interior");
  });

  it("gives a level in 1..8 whose probability matches levelPosterior", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }), (answers) => {
        let s = startAdaptiveSession(TEST_BANK, { seed: 2, maxItems: answers.length, seThreshold: null });
        for (const correct of answers) {
          s = selectNextItem(s);
          s = answerItem(s, { itemId: s.pending!.item.id, correct });
        }
        const r = computeSessionResult(s);
        expect(r.level).toBeGreaterThanOrEqual(1);
        expect(r.level).toBeLessThanOrEqual(8);
        expect(r.levelProbability).toBeCloseTo(r.levelPosterior[r.level - 1]!, 12);
      }),
      { numRuns: 30 },
    );
  });
});
