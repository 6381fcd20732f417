import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_FRAMEWORK } from "./default-framework.js";
import { parseFramework, safeParseFramework } from "./parse-framework.js";

describe("parseFramework", () => {
  it("accepts the default framework as JSON", () => {
    expect(parseFramework(JSON.parse(JSON.stringify(DEFAULT_FRAMEWORK))).areas.length).toBe(6);
  });

  it("names the faulty field: duplicate competence ids, unordered cuts", () => {
    const dup = structuredClone(DEFAULT_FRAMEWORK) as { areas: { competences: { id: string }[] }[] };
    dup.areas[1]!.competences[0]!.id = "1.1";
    const r = safeParseFramework(dup);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.details.issues[0]!.path).toBe("areas.1.competences.0.id");
    expect(() => parseFramework({ ...DEFAULT_FRAMEWORK, levelCuts: [0, -1, 1, 2, 3, 4, 5] })).toThrow(/levelCuts/);
  });

  it("accepts any strictly increasing cuts and rejects any other", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 7, maxLength: 7 }), (cuts) => {
        const increasing = cuts.every((c, i) => i === 0 || c > cuts[i - 1]!);
        expect(safeParseFramework({ ...DEFAULT_FRAMEWORK, levelCuts: cuts }).success).toBe(increasing);
      }),
    );
  });
});
