import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInformation } from "./compute-information.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./_test-bank.js";

describe("selectNextItem", () => {
  it("with k = 1 and no balancing, picks the most informative item at the estimate", () => {
    const s = selectNextItem(startAdaptiveSession(TEST_BANK, { seed: 1, contentBalancing: false, exposure: { method: "randomesque", k: 1 } }));
    const best = Math.max(...TEST_BANK.items.map((it) => computeInformation(it.irt, 0)));
    expect(computeInformation(s.pending!.item.irt, 0)).toBeCloseTo(best, 10);
    expect(s.pending!.selection.information).toBeCloseTo(best, 10);
  });

  it("is deterministic for a seed and always offers an item of a tested competence", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom<string[] | undefined>(["1.1"], ["3.4", "A.2"], undefined), (seed, competences) => {
        const a = selectNextItem(startAdaptiveSession(TEST_BANK, { seed, competences }));
        const b = selectNextItem(startAdaptiveSession(TEST_BANK, { seed, competences }));
        expect(b.pending).toEqual(a.pending);
        if (competences !== undefined) expect(competences).toContain(a.pending!.item.competence);
      }),
      { numRuns: 30 },
    );
  });
});
