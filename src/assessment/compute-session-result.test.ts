import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { estimateAbilityEap } from "./estimate-ability-eap.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { recommendOrientation } from "./recommend-orientation.js";
import { scoreFixedForm } from "./score-fixed-form.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";

describe("computeSessionResult", () => {
  it("agrees with the public EAP on the administered items and sums level probabilities to 1", () => {
    let s = startAdaptiveSession(TEST_BANK, { seed: 1, maxItems: 8, seThreshold: null });
    for (let i = 0; i < 8; i++) {
      s = selectNextItem(TEST_BANK, s);
      s = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct: i % 2 === 0 });
    }
    const r = computeSessionResult(TEST_BANK, s);
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
    expect(r.perArea.reduce((a, c) => a + c.administered, 0)).toBe(8);
    expect(r.bank).toEqual({
      id: TEST_BANK.id,
      version: TEST_BANK.version ?? null,
      fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(r.libraryVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("gives per-competence scores in the same shape as scoreFixedForm, and a profile orientation accepts", () => {
    let s = startAdaptiveSession(TEST_BANK, { seed: 4, maxItems: 6, seThreshold: null });
    for (let i = 0; i < 6; i++) {
      s = selectNextItem(TEST_BANK, s);
      s = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct: true });
    }
    const r = computeSessionResult(TEST_BANK, s);
    const form = scoreFixedForm(
      TEST_BANK,
      s.responses.map((x) => ({ itemId: x.itemId, correct: x.correct })),
    );
    expect(Object.keys(r.perCompetence[0]!).sort()).toEqual(Object.keys(form.perCompetence[0]!).sort());
    expect(r.perCompetence).toEqual(form.perCompetence);
    expect(r.profile.competences).toEqual(form.profile.competences);
    expect(r.profile.overall.theta).toBeCloseTo(form.profile.overall.theta, 12);
    // The documented recipe no longer turns a result into {undefined: level}: orientation takes the profile.
    expect(recommendOrientation(r.profile).jobFamilies.length).toBeGreaterThan(0);
    expect(() =>
      recommendOrientation(
        Object.fromEntries(r.perCompetence.map((c) => [(c as unknown as { competence: string }).competence, c.level])),
      ),
    ).toThrow(/overall/);
  });

  it("gives a level in 1..8 whose probability matches levelPosterior", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 10 }), (answers) => {
        let s = startAdaptiveSession(TEST_BANK, { seed: 2, maxItems: answers.length, seThreshold: null });
        for (const correct of answers) {
          s = selectNextItem(TEST_BANK, s);
          s = answerItem(TEST_BANK, s, { itemId: s.pending!.itemId, correct });
        }
        const r = computeSessionResult(TEST_BANK, s);
        expect(r.level).toBeGreaterThanOrEqual(1);
        expect(r.level).toBeLessThanOrEqual(8);
        expect(r.levelProbability).toBeCloseTo(r.levelPosterior[r.level - 1]!, 12);
      }),
      { numRuns: 30 },
    );
  });
});
