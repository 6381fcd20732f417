import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SAMPLE_RESULT } from "../../test/support/cli-sample-result.js";
import { formatResultText } from "./format-result-text.js";

describe("formatResultText", () => {
  it("explains an answer in a few French lines", () => {
    expect(formatResultText(SAMPLE_RESULT, "fr")).toBe(
      [
        "ÉLIGIBLE — 2024-05-01",
        "Point : 1.402500, 43.571200",
        "Commune : Toulouse (31555)",
        "QPV : dans le QPV QN03107M « Grand Mirail » (liste 2024), à 343 m du bord le plus proche",
        "Rural : commune non classée (ZRR)",
        "Pourquoi :",
        "  - L'adresse est dans le QPV QN03107M « Grand Mirail » (géographie prioritaire 2024). [in_qpv]",
        "  - La commune Toulouse n'est pas classée ZRR. [zrr_not_classified]",
      ].join("\n"),
    );
  });

  it("speaks English, and says when a code was mapped", () => {
    const text = formatResultText(
      {
        ...SAMPLE_RESULT,
        status: "uncertain",
        point: null,
        commune: {
          codeInsee: "75056",
          name: "Paris",
          foundBy: "code",
          mappedFrom: { code: "75118", reason: "arrondissement_municipal" },
        },
      },
      "en",
    );
    expect(text.split("\n")[0]).toBe("UNCERTAIN — 2024-05-01");
    expect(text).toContain("code 75118 mapped to Paris (municipal arrondissement)");
    expect(text).toContain("Why:");
  });

  it("property: every status and reason shows up, and nothing is left undefined", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("eligible" as const, "not_eligible" as const, "uncertain" as const),
        fc.constantFrom("fr" as const, "en" as const),
        (status, lang) => {
          const text = formatResultText({ ...SAMPLE_RESULT, status }, lang);
          expect(text).not.toMatch(/undefined|NaN|\{\w+\}/);
          expect(text).toContain("[in_qpv]");
        },
      ),
    );
  });
});
