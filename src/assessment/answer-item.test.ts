import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./_test-bank.js";

describe("answerItem", () => {
  it("scores raw answers with the item's key", () => {
    const s = selectNextItem(startAdaptiveSession(TEST_BANK, { seed: 1 }));
    // Simulated items are numeric with answer 0.
    const right = answerItem(s, { itemId: s.pending!.item.id, answer: { value: 0 } });
    const wrong = answerItem(s, { itemId: s.pending!.item.id, answer: { value: 3 } });
    expect(right.responses[0]!.correct).toBe(true);
    expect(wrong.responses[0]!.correct).toBe(false);
    expect(right.estimate.theta).toBeGreaterThan(wrong.estimate.theta);
    expect(right.log[0]!.thetaAfter).toBe(right.estimate.theta);
  });

  it("a correct answer never lowers the estimate and an incorrect one never raises it", () => {
    fc.assert(
      fc.property(fc.nat(500), (seed) => {
        const s = selectNextItem(startAdaptiveSession(TEST_BANK, { seed }));
        const up = answerItem(s, { itemId: s.pending!.item.id, correct: true });
        const down = answerItem(s, { itemId: s.pending!.item.id, correct: false });
        expect(up.estimate.theta).toBeGreaterThanOrEqual(s.estimate.theta);
        expect(down.estimate.theta).toBeLessThanOrEqual(s.estimate.theta);
      }),
      { numRuns: 30 },
    );
  });
});
