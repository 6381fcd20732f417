import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerItem } from "./answer-item.js";
import { computeSessionResult } from "./compute-session-result.js";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { parseItemBank } from "./parse-item-bank.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { STARTER_BANK } from "./starter-bank.js";

describe("STARTER_BANK", () => {
  it("is a valid bank of at least 120 provisional items covering every competence of the default framework", () => {
    const bank = parseItemBank(JSON.parse(JSON.stringify(STARTER_BANK)), { framework: DEFAULT_FRAMEWORK });
    expect(bank.items.length).toBeGreaterThanOrEqual(120);
    expect(bank.items.every((i) => i.parametersStatus === "provisional")).toBe(true);
    const competences = DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences.map((c) => c.id as string));
    for (const c of competences) {
      const items = bank.items.filter((i) => i.competence === c);
      expect(items.length).toBeGreaterThanOrEqual(6);
      expect(new Set(items.map((i) => i.level)).size).toBeGreaterThanOrEqual(5);
    }
    expect(new Set(bank.items.map((i) => i.stem)).size).toBe(bank.items.length);
  });

  it("spreads the correct option over display positions", () => {
    const keys = STARTER_BANK.items.flatMap((i) => (i.kind === "single_choice" ? [i.answer] : []));
    for (const letter of ["a", "b", "c", "d"]) expect(keys.filter((k) => k === letter).length).toBeGreaterThan(keys.length / 6);
    for (const i of STARTER_BANK.items) if (i.kind === "ordering") expect(i.answer).not.toEqual(i.options.map((o) => o.id));
  });

  it("runs adaptive sessions to the end whatever the answers", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), (seed, answers) => {
        let s = startAdaptiveSession(STARTER_BANK, { seed, levelConfidence: 0.9 });
        let k = 0;
        while (s.status === "in_progress") {
          s = selectNextItem(STARTER_BANK, s);
          if (s.pending === null) break;
          s = answerItem(STARTER_BANK, s, { itemId: s.pending.itemId, correct: answers[k++ % 30]! });
        }
        const r = computeSessionResult(STARTER_BANK, s);
        expect(r.finished).toBe(true);
        expect(r.itemsAdministered).toBeLessThanOrEqual(30);
      }),
      { numRuns: 20 },
    );
  });
});
