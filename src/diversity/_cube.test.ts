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
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.string({ maxLength: 7 }), (labels, probe) => {
        const find = vocabularyIndex(labels);
        for (const l of labels) expect(find(l)).toBe(labels.indexOf(l));
        expect(find(probe)).toBe(labels.indexOf(probe));
      }),
    );
  });
});
