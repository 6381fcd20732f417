import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileReferencePopulations } from "./reference-populations.js";

const row2015 = {
  code_qp: "QP031007",
  nom_qp: "Grand Mirail",
  nom_commune: "Toulouse",
  pop_mun: "31691",
  tx_f: "51.6",
  abcde: "4000",
  abcde_f: "1800",
};
const row2024 = { codeQPV: "QN03107M", lib_qp: "Grand Mirail", lib_com: "Toulouse", popMuniQPV: "35685" };

describe("compileReferencePopulations", () => {
  it("residents and job seekers per QPV 2015, residents per QPV 2024 (deduplicated)", () => {
    const { format, populations } = compileReferencePopulations([row2015], [row2024, { ...row2024, lib_com: "Autre" }]);
    expect(format).toBe(1);
    expect(populations.map((p) => p.id)).toEqual(["QP031007", "QP031007:job_seekers", "QN03107M"]);
    expect(populations[0]).toMatchObject({
      population: 31691,
      universe: "residents",
      shares: { gender: { female: 0.516 } },
    });
    expect(populations[1]?.shares.gender?.female).toBeCloseTo(0.45, 12);
    expect(populations[2]).toMatchObject({ population: 35685, shares: {} });
  });
  it("never guesses a missing share, and says so", () => {
    const notes: string[] = [];
    const { populations } = compileReferencePopulations([{ ...row2015, tx_f: "", abcde: "" }], [], (m) =>
      notes.push(m),
    );
    expect(populations).toHaveLength(1);
    expect(populations[0]?.shares).toEqual({});
    expect(notes).toEqual(["reference-populations: QP031007 has no share of women"]);
  });
  it("property: shares of women and men add up to 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 50_000 }), (tenths, pop) => {
        const { populations } = compileReferencePopulations(
          [{ ...row2015, tx_f: String(tenths / 10), pop_mun: String(pop) }],
          [],
        );
        const g = populations[0]?.shares.gender;
        expect((g?.female ?? 0) + (g?.male ?? 0)).toBeCloseTo(1, 12);
      }),
    );
  });
});
