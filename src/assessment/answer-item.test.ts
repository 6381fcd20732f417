import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";

describe("answerItem", () => {
  it("scores raw answers with the item's key", () => {
    const s = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed: 1 }));
    // Simulated items are numeric with answer 0.
    const right = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, answer: { value: 0 } });
    const wrong = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, answer: { value: 3 } });
    expect(right.responses[0]!.correct).toBe(true);
    expect(wrong.responses[0]!.correct).toBe(false);
    expect(right.estimate.theta).toBeGreaterThan(wrong.estimate.theta);
    expect(computeSessionResult(TEST_BANK, right).log[0]!.thetaAfter).toBe(right.estimate.theta);
  });

  it("a correct answer never lowers the estimate and an incorrect one never raises it", () => {
    fc.assert(
      fc.property(fc.nat(500), (seed) => {
        const s = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed }));
        const up = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct: true });
        const down = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct: false });
        expect(up.estimate.theta).toBeGreaterThanOrEqual(s.estimate.theta);
        expect(down.estimate.theta).toBeLessThanOrEqual(s.estimate.theta);
      }),
      { numRuns: 30 },
    );
  });
});
