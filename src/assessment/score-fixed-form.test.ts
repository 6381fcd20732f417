import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { estimateAbilityEap } from "./estimate-ability-eap.js";
import { scoreFixedForm } from "./score-fixed-form.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";

const form = TEST_BANK.items.slice(0, 10);

describe("scoreFixedForm", () => {
  it("gives raw, percent, EAP and per-competence scores", () => {
    const responses = form.map((it, i) => ({ itemId: it.id, correct: i < 6 }));
    const s = scoreFixedForm(TEST_BANK, responses);
    expect([s.raw, s.max, s.percent]).toEqual([6, 10, 0.6]);
    const eap = estimateAbilityEap(form.map((it, i) => ({ irt: it.irt, correct: i < 6 })));
    expect(s.eap.theta!).toBeCloseTo(eap.theta!, 10);
    expect(s.perCompetence.reduce((a, c) => a + c.administered, 0)).toBe(10);
    expect(s.level).toBeGreaterThanOrEqual(1);
  });

  it("lists unanswered items and counts them as incorrect or leaves them out", () => {
    const itemIds = form.map((it) => it.id as string);
    const responses = [
      { itemId: itemIds[0]!, answer: { value: 0 } },
      { itemId: itemIds[1]!, answer: null },
    ];
    const asWrong = scoreFixedForm(TEST_BANK, responses, { itemIds });
    expect(asWrong.unanswered.length).toBe(9);
    expect([asWrong.raw, asWrong.max]).toEqual([1, 10]);
    const omitted = scoreFixedForm(TEST_BANK, responses, { itemIds, unanswered: "omit" });
    expect([omitted.raw, omitted.max]).toEqual([1, 1]);
  });

  it("refuses responses outside the form or the bank, and duplicates", () => {
    for (const bad of [
      [{ itemId: "nope", correct: true }],
      [
        { itemId: form[0]!.id, correct: true },
        { itemId: form[0]!.id, correct: false },
      ],
    ]) {
      try {
        scoreFixedForm(TEST_BANK, bad);
        expect.unreachable();
      } catch (e) {
        expect(isDeclicsError(e, "invalid_option")).toBe(true);
      }
    }
  });

  it("one more correct answer never lowers the ability or the level", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), fc.nat(9), (answers, flip) => {
        fc.pre(!answers[flip]);
        const before = scoreFixedForm(
          TEST_BANK,
          form.map((it, i) => ({ itemId: it.id, correct: answers[i]! })),
        );
        const after = scoreFixedForm(
          TEST_BANK,
          form.map((it, i) => ({ itemId: it.id, correct: i === flip ? true : answers[i]! })),
        );
        expect(after.eap.theta!).toBeGreaterThanOrEqual(before.eap.theta!);
        expect(after.level).toBeGreaterThanOrEqual(before.level);
        expect(after.raw).toBe(before.raw + 1);
      }),
    );
  });
});
