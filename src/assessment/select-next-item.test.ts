import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../errors.js";
import { computeInformation } from "./compute-information.js";
import { selectNextItem } from "./select-next-item.js";
import { startAdaptiveSession } from "./start-adaptive-session.js";
import { TEST_BANK } from "./__fixtures__/test-bank.js";

const byId = new Map(TEST_BANK.items.map((it) => [it.id as string, it]));

describe("selectNextItem", () => {
  it("with k = 1 and no balancing, picks the most informative item at the estimate", () => {
    const s = selectNextItem(
      TEST_BANK,
      startAdaptiveSession(TEST_BANK, { seed: 1, contentBalancing: false, exposure: { method: "randomesque", k: 1 } }),
    );
    const best = Math.max(...TEST_BANK.items.map((it) => computeInformation(it.irt, 0)));
    expect(computeInformation(byId.get(s.pending!.itemId)!.irt, 0)).toBeCloseTo(best, 10);
    expect(s.pending!.selection.information).toBeCloseTo(best, 10);
  });

  it("is deterministic for a seed and always offers an item of a tested competence", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.constantFrom<string[] | undefined>(["1.1"], ["3.4", "A.2"], undefined),
        (seed, competences) => {
          const a = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed, competences }));
          const b = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed, competences }));
          expect(b.pending).toEqual(a.pending);
          if (competences !== undefined) expect(competences).toContain(byId.get(a.pending!.itemId)!.competence);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("says when the area was drawn at random among ties, and when it was not", () => {
    const first = selectNextItem(TEST_BANK, startAdaptiveSession(TEST_BANK, { seed: 3 }));
    // At the start every area is equally far below its share: the pick is a draw among the 6 areas.
    expect(first.pending!.selection.competenceRule).toBe("content_deficit_tie");
    expect(first.pending!.selection.why).toMatch(/^Domaine [1-5A] : tiré au sort parmi les 6 domaines à égalité/);
    expect(first.pending!.selection.why).not.toMatch(/le plus en retard sur sa part cible/);
    const area = selectNextItem(
      TEST_BANK,
      startAdaptiveSession(TEST_BANK, { seed: 3, contentBalancing: { targets: { "3": 2, A: 1 } } }),
    );
    expect(area.pending!.selection.competenceRule).toBe("content_deficit");
    expect(area.pending!.selection.why).toMatch(/^Domaine 3 : le plus en retard sur sa part cible/);
    const byCompetence = selectNextItem(
      TEST_BANK,
      startAdaptiveSession(TEST_BANK, { seed: 3, contentBalancing: { by: "competence" } }),
    );
    expect(byCompetence.pending!.selection.why).toMatch(
      /^Compétence [1-5A]\.\d : tirée au sort parmi les 18 compétences à égalité/,
    );
    const targets = selectNextItem(
      TEST_BANK,
      startAdaptiveSession(TEST_BANK, {
        seed: 3,
        contentBalancing: { by: "competence", targets: { "3.4": 2, "A.1": 1 } },
      }),
    );
    expect(targets.pending!.selection.competenceRule).toBe("content_deficit");
    expect(targets.pending!.selection.why).toMatch(/^Compétence 3\.4 : la plus en retard sur sa part cible/);
  });

  it("refuses to continue on another bank, even one with the same id", () => {
    const s = startAdaptiveSession(TEST_BANK, { seed: 1 });
    const edited = {
      ...TEST_BANK,
      items: TEST_BANK.items.map((it, i) => (i === 0 ? { ...it, irt: { ...it.irt, b: it.irt.b + 0.5 } } : it)),
    };
    try {
      selectNextItem(edited, s);
      expect.unreachable();
    } catch (e) {
      expect(isDeclicsError(e, "invalid_session_state")).toBe(true);
      expect((e as Error).message).toMatch(/fingerprint/);
    }
  });
});
