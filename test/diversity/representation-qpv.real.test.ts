/**
 * Representation against real reference populations: the QPV indicator files in ../shared/data, through
 * the compiled artefact (scripts/build/reference-populations.ts -> data/build/reference-populations.json,
 * loaded by loadReferencePopulations) and cross-checked against the source CSV read directly.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { loadReferencePopulations } from "../../src/data/index.js";
import {
  combineReferencePopulations,
  computeProportionInterval,
  computeRepresentation,
  type ParticipantRecord,
} from "../../src/diversity/index.js";
import { buildPath, hasRealData, sourcePath } from "../support/real-data.js";

const csv2015 = sourcePath("qpv-2015-occitanie-indicateurs.csv");
const csv2024 = sourcePath("qpv-2024-indicateurs.csv");
const artefact = buildPath("reference-populations.json");

function participants(women: number, men: number): ParticipantRecord[] {
  const one = (gender: "female" | "male", i: number): ParticipantRecord =>
    ({
      id: `${gender}${i}`,
      gender,
      ageBand: "26_49",
      territoryKind: "qpv",
      stages: [{ stage: "registered", on: "2020-09-28" }],
    }) as ParticipantRecord;
  return [
    ...Array.from({ length: women }, (_, i) => one("female", i)),
    ...Array.from({ length: men }, (_, i) => one("male", i)),
  ];
}

describe.skipIf(!hasRealData(csv2015, csv2024, artefact))("representation against the QPV indicator files", () => {
  const rows2015 = parse(readFileSync(csv2015), { columns: true, bom: true }) as Record<string, string>[];
  const rows2024 = parse(readFileSync(csv2024), { columns: true, bom: true }) as Record<string, string>[];
  const populations = loadReferencePopulations();

  it("the compiled artefact carries every QPV 2015 of Occitanie with the source's population and share of women", () => {
    expect(rows2015).toHaveLength(105);
    for (const row of rows2015) {
      const ref = populations.find((p) => p.id === row.code_qp);
      expect(ref?.population).toBe(Number(row.pop_mun));
      if (row.tx_f === "") expect(ref?.shares.gender).toBeUndefined();
      else expect(ref?.shares.gender?.female).toBeCloseTo(Number(row.tx_f) / 100, 12);
    }
    // Grand Mirail (QP031007): 31,691 residents, 51.6 % women (DOMAIN.md quotes 51.6 %).
    expect(populations.find((p) => p.id === "QP031007")).toMatchObject({
      population: 31_691,
      universe: "residents",
      shares: { gender: { female: 0.516 } },
    });
  });

  it("the QPV 2024 residents: one population per QPV, summing to the file's total over unique QPV", () => {
    const qn = populations.filter((p) => p.id.startsWith("QN"));
    expect(qn).toHaveLength(new Set(rows2024.map((r) => r.codeQPV)).size);
    // SOURCES.md: sum of popMuniQPV over unique QPV is 5,931,940.
    expect(qn.reduce((s, p) => s + (p.population ?? 0), 0)).toBe(5_931_940);
    expect(populations.find((p) => p.id === "QN03107M")?.population).toBe(35_685);
  });

  it("a parcours express of 200 people from Grand Mirail, 62 women: ratio and gap by hand", () => {
    const grandMirail = populations.find((p) => p.id === "QP031007");
    if (!grandMirail) throw new Error("QP031007 missing");
    const [women, men] = computeRepresentation(participants(62, 138), {
      dimension: "gender",
      reference: grandMirail,
      relativeTo: "male",
    });
    const share = computeProportionInterval(62, 200);
    if (
      !share.computable ||
      !women?.ratio.computable ||
      !women.gap.computable ||
      !women.relativeRepresentation?.computable
    )
      throw new Error("expected estimates");
    expect(women.ratio.value).toBeCloseTo(0.31 / 0.516, 12);
    expect(women.ratio.lower).toBeCloseTo(share.lower / 0.516, 12);
    expect(women.gap.value).toBeCloseTo(0.31 - 0.516, 12);
    // Women vs men: (62/138) / (0.516/0.484) = 0.421: women about 2.4 times less represented than men.
    expect(women.relativeRepresentation.value).toBeCloseTo((62 / 138) * (0.484 / 0.516), 12);
    expect(women.relativeRepresentation.upper).toBeLessThan(1);
    expect(men?.ratio.computable && men.ratio.value).toBeCloseTo(0.69 / 0.484, 12);
  });

  it("pooled Toulouse QPV residents, weighted by population, match the CSV computed directly", () => {
    const toulouse = rows2015.filter((r) => r.nom_commune === "Toulouse" && r.tx_f !== "");
    const expected =
      toulouse.reduce((s, r) => s + Number(r.pop_mun) * Number(r.tx_f), 0) /
      toulouse.reduce((s, r) => s + Number(r.pop_mun), 0) /
      100;
    const pooled = combineReferencePopulations(
      populations.filter((p) => toulouse.some((r) => r.code_qp === p.id)),
      { id: "toulouse-qpv-2015", label: "QPV 2015 de Toulouse" },
    );
    expect(pooled.shares.gender?.female).toBeCloseTo(expected, 12);
    const [women] = computeRepresentation(participants(62, 138), { dimension: "gender", reference: pooled });
    expect(women?.ratio.computable && women.ratio.value).toBeCloseTo(0.31 / expected, 12);
  });

  it("job seekers as the reference: the share of women among job seekers of Grand Mirail", () => {
    const row = rows2015.find((r) => r.code_qp === "QP031007");
    const seekers = populations.find((p) => p.id === "QP031007:job_seekers");
    expect(seekers?.universe).toBe("job_seekers");
    expect(seekers?.shares.gender?.female).toBeCloseTo(Number(row?.abcde_f) / Number(row?.abcde), 12);
  });
});
