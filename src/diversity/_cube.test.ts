import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vocabularyIndex } from "./_cube.js";

describe("vocabularyIndex", () => {
  it("finds every label and rejects anything else", () => {
    const find = vocabularyIndex(["qpv", "zrr", "frr", "other"]);
    expect(["qpv", "zrr", "frr", "other"].map(find)).toEqual([0, 1, 2, 3]);
    expect(["QPV", "", "others", "zr"].map(find)).toEqual([-1, -1, -1, -1]);
  });
  it("property: agrees with indexOf for any vocabulary and any probe", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.string({ maxLength: 7 }),
        (labels, probe) => {
          const find = vocabularyIndex(labels);
          for (const l of labels) expect(find(l)).toBe(labels.indexOf(l));
          expect(find(probe)).toBe(labels.indexOf(probe));
        },
      ),
    );
  });
});

describe("buildCube", () => {
  it("refuses a crossing with more groups than fit in memory, saying why", async () => {
    const { buildCube } = await import("./_cube.js");
    const many = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      gender: "female",
      ageBand: "under_26",
      territoryKind: "qpv",
      departement: String(i % 100).padStart(2, "0"),
      cohort: `c${i}`,
      stages: [],
    })) as never[];
    expect(() => buildCube(many, ["departement", "cohort", "diplomaLevel", "gender"])).toThrow(
      /group by fewer dimensions/,
    );
  });
});
