import { describe, expect, it } from "vitest";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";

describe("DEFAULT_FRAMEWORK", () => {
  it("has the 16 Pix competences in 5 areas, each mapped to DigComp 2.2, plus 2 aptitudes", () => {
    const digital = DEFAULT_FRAMEWORK.areas.filter((a) => a.digcomp !== undefined);
    expect(digital.length).toBe(5);
    const competences = digital.flatMap((a) => a.competences);
    expect(competences.length).toBe(16);
    expect(competences.every((c) => c.digcomp.length > 0 && c.pix === c.id)).toBe(true);
    const aptitudes = DEFAULT_FRAMEWORK.areas.flatMap((a) => a.competences).filter((c) => c.kind === "aptitude");
    expect(aptitudes.map((c) => c.name)).toEqual(["Raisonnement logique", "Résolution de problèmes"]);
    expect(DEFAULT_FRAMEWORK.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
