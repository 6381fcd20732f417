// A refinement refused in French says what it expected, in French (issue #11, "Errors that help"): before
// `expecting(en, fr)`, the French message of every custom check was "attendu une valeur qui passe le
// contrôle de ce champ", and it showed the whole checked object as what was received.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeclicsError } from "../../errors.js";
import { formatDeclicsError } from "../../format-declics-error.js";
import { DEFAULT_FRAMEWORK } from "../../assessment/default-framework.js";
import { parseFramework } from "../../assessment/parse-framework.js";
import { PARCOURS_EXPRESS } from "../../curriculum/parcours-express.js";
import { parseParcoursTemplate } from "../../curriculum/parse-parcours-template.js";
import { computeProportionInterval } from "../../diversity/compute-proportion-interval.js";
import { createTerritoryDataSource } from "../../territory/create-territory-data-source.js";

const VAGUE = "une valeur qui passe le contrôle";

/** The invalid_input a call throws, with its French and English messages. */
function refused(call: () => unknown): { fr: string; en: string; path: string; received: string } {
  try {
    call();
  } catch (error) {
    if (!isDeclicsError(error, "invalid_input")) throw error;
    const issue = error.details.issues[0]!;
    return {
      fr: formatDeclicsError(error, { language: "fr" }),
      en: formatDeclicsError(error, { language: "en" }),
      path: issue.path,
      received: issue.received,
    };
  }
  throw new Error("accepted");
}

describe("the French message of a refused refinement", () => {
  it("computeProportionInterval(12, 10): at most as many successes as trials, received 12", () => {
    const r = refused(() => computeProportionInterval(12, 10));
    expect(r.fr).toBe("Entrée invalide : successes : attendu au plus autant de succès que d'essais, reçu 12");
    expect(r.en).toBe(
      "Invalid proportion counts: successes: expected at most as many successes as trials, received 12",
    );
  });

  it("computeProportionInterval: refuses exactly the counts it refused before, always in French words", () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (successes, trials) => {
        if (successes <= trials) {
          expect(computeProportionInterval(successes, trials).computable).toBe(trials > 0);
          return;
        }
        const r = refused(() => computeProportionInterval(successes, trials));
        expect(r.fr).toContain(`attendu au plus autant de succès que d'essais, reçu ${successes}`);
        expect(r.fr).not.toContain(VAGUE);
      }),
    );
  });

  it("a curriculum activity whose minGroupSize exceeds its maxGroupSize", () => {
    const template = structuredClone(PARCOURS_EXPRESS) as unknown as {
      activities: { minGroupSize: number; maxGroupSize: number }[];
    };
    template.activities[2]!.minGroupSize = 30;
    template.activities[2]!.maxGroupSize = 12;
    const r = refused(() => parseParcoursTemplate(template));
    expect(r.path).toBe("activities.2.minGroupSize");
    expect(r.fr).toBe(
      "Entrée invalide : activities.2.minGroupSize : attendu une taille minimale de groupe (minGroupSize) au plus " +
        "égale à la taille maximale (maxGroupSize), reçu 30",
    );
    expect(r.fr).not.toContain(VAGUE);
  });

  it("an assessment framework: a repeated competence id, cuts that do not increase", () => {
    const framework = structuredClone(DEFAULT_FRAMEWORK) as unknown as { areas: { competences: { id: string }[] }[] };
    framework.areas[1]!.competences[0]!.id = "1.1";
    const repeated = refused(() => parseFramework(framework));
    expect(repeated.fr).toBe(
      "Entrée invalide : areas.1.competences.0.id : attendu un identifiant de compétence unique (1.1 apparaît deux " +
        'fois), reçu "1.1"',
    );
    const cuts = refused(() => parseFramework({ ...DEFAULT_FRAMEWORK, levelCuts: [0, -1, 1, 2, 3, 4, 5] }));
    expect(cuts.fr).toBe(
      "Entrée invalide : levelCuts.1 : attendu un seuil au-dessus du seuil 0 (0) : seuils de niveau strictement " +
        "croissants, reçu -1",
    );
    expect(cuts.en).toMatch(/strictly increasing/);
  });

  it("createTerritoryDataSource without a baseUrl or a fetch", () => {
    const r = refused(() => createTerritoryDataSource({}));
    expect(r.fr).toContain("attendu une baseUrl, une fonction fetch, ou les deux");
    expect(r.fr).not.toContain(VAGUE);
  });
});
