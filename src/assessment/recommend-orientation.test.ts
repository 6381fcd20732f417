import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ORIENTATION_RULES } from "./default-orientation-rules.js";
import { recommendOrientation } from "./recommend-orientation.js";

const allCompetences = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2", "A.1", "A.2"];

describe("recommendOrientation", () => {
  it("finds a near-ready developer profile and the workshop that closes its gap", () => {
    const o = recommendOrientation({ "3.4": 2, "A.1": 4, "A.2": 3, "5.2": 3, "1.1": 3 });
    const dev = o.jobFamilies[0]!;
    expect(dev.id).toBe("developpement");
    expect(dev.status).toBe("within_reach");
    expect(dev.gaps).toEqual([{ competence: "3.4", assessed: true, level: 2, required: 3, gap: 1 }]);
    expect(dev.workshops).toEqual(["atelier-code"]);
    expect(dev.rome[0]!.code).toBe("M1805");
    expect(o.workshops[0]).toMatchObject({ id: "atelier-code", closes: ["3.4"], forJobFamilies: ["developpement"] });
  });

  it("marks every family ready for a level-8 profile, and flags unassessed competences", () => {
    const top = recommendOrientation(Object.fromEntries(allCompetences.map((c) => [c, 8])));
    expect(top.jobFamilies.every((f) => f.status === "ready" && f.match === 1)).toBe(true);
    expect(top.workshops).toEqual([]);
    const empty = recommendOrientation({});
    expect(empty.jobFamilies.every((f) => f.status === "far" && f.gaps.every((g) => !g.assessed))).toBe(true);
  });

  it("takes replacement rules as data and validates them", () => {
    const rules = { ...DEFAULT_ORIENTATION_RULES, jobFamilies: [DEFAULT_ORIENTATION_RULES.jobFamilies[0]!] };
    expect(recommendOrientation({}, { rules }).jobFamilies.length).toBe(1);
    expect(() => recommendOrientation({}, { rules: { version: "x", jobFamilies: [] } })).toThrow(/jobFamilies/);
  });

  it("never lowers a family's match when a level rises, and keeps matches in [0, 1]", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...allCompetences), fc.integer({ min: 0, max: 8 })), fc.constantFrom(...allCompetences), (profile, raise) => {
        const before = recommendOrientation(profile);
        const after = recommendOrientation({ ...profile, [raise]: Math.min(8, (profile[raise] ?? 0) + 1) });
        for (const f of before.jobFamilies) {
          expect(f.match).toBeGreaterThanOrEqual(0);
          expect(f.match).toBeLessThanOrEqual(1);
          expect(after.jobFamilies.find((g) => g.id === f.id)!.match).toBeGreaterThanOrEqual(f.match - 1e-12);
        }
      }),
    );
  });
});
