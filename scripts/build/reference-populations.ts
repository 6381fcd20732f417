import { parseReferencePopulations, type ReferencePopulation } from "../../src/diversity/index.js";
import { defineBuilder } from "./types.js";

/**
 * Reference populations for declics/diversity: the composition of the populations participants are
 * compared with, per QPV.
 *
 * - QPV 2015, Occitanie (INSEE démographie 2015): residents (municipal population `pop_mun`, share of
 *   women `tx_f`, in %) and registered job seekers (`abcde`, of whom women `abcde_f`).
 * - QPV 2024, all France (third-party compilation, year not stated): residents (`popMuniQPV`) only; the
 *   file has no share of women, so no shares are given (never guessed).
 *
 * Census sex is binary, so the share of men is 1 - share of women; "other" and "undisclosed" have no
 * reference share (their representation is reported as not computable).
 */
export const REFERENCE_POPULATIONS_FORMAT = 1;

interface Row2015 {
  readonly code_qp: string;
  readonly nom_qp: string;
  readonly nom_commune: string;
  readonly pop_mun: string;
  readonly tx_f: string;
  readonly abcde?: string;
  readonly abcde_f?: string;
}
interface Row2024 {
  readonly codeQPV: string;
  readonly lib_qp: string;
  readonly lib_com: string;
  readonly popMuniQPV: string;
}

/** The artefact: a format version, then the populations (validated by declics/diversity's schema). */
export interface ReferencePopulationsArtefact {
  readonly format: number;
  readonly populations: ReferencePopulation[];
}

const number = (text: string | undefined): number | null => (text === undefined || text === "" ? null : Number(text));

/** Compiles the rows of both indicator files into reference populations (pure; tested on the real files). */
export function compileReferencePopulations(
  rows2015: readonly Row2015[],
  rows2024: readonly Row2024[],
  report: (message: string) => void = () => {},
): ReferencePopulationsArtefact {
  const populations: unknown[] = [];
  for (const row of rows2015) {
    const population = number(row.pop_mun);
    const women = number(row.tx_f);
    if (population === null) {
      report(`reference-populations: ${row.code_qp} has no population; residents omitted`);
    } else {
      populations.push({
        id: row.code_qp,
        label: `${row.nom_qp} (${row.nom_commune})`,
        source: "qpv2015-occitanie-indicateurs, INSEE démographie 2015",
        universe: "residents",
        population: Math.round(population),
        shares: women === null ? {} : { gender: { female: women / 100, male: 1 - women / 100 } },
        treatAs: "fixed",
      });
      if (women === null) report(`reference-populations: ${row.code_qp} has no share of women`);
    }
    const seekers = number(row.abcde);
    const seekersWomen = number(row.abcde_f);
    if (seekers !== null && seekers > 0 && seekersWomen !== null) {
      populations.push({
        id: `${row.code_qp}:job_seekers`,
        label: `${row.nom_qp} (${row.nom_commune}), job seekers`,
        source: "qpv2015-occitanie-indicateurs, job seekers categories A-E",
        universe: "job_seekers",
        population: Math.round(seekers),
        shares: { gender: { female: seekersWomen / seekers, male: 1 - seekersWomen / seekers } },
        treatAs: "fixed",
      });
    }
  }
  // One row per QPV x commune in the 2024 file: QPV-level values repeat, keep the first row of each QPV.
  const seen = new Set<string>();
  for (const row of rows2024) {
    if (seen.has(row.codeQPV)) continue;
    seen.add(row.codeQPV);
    const population = number(row.popMuniQPV);
    if (population === null) {
      report(`reference-populations: ${row.codeQPV} has no population`);
      continue;
    }
    populations.push({
      id: row.codeQPV,
      label: row.lib_qp,
      source: "qpv2024-indicateurs (third-party compilation, year not stated)",
      universe: "residents",
      population: Math.round(population),
      shares: {},
      treatAs: "fixed",
    });
  }
  return { format: REFERENCE_POPULATIONS_FORMAT, populations: parseReferencePopulations(populations) };
}

export const referencePopulations = defineBuilder({
  id: "reference-populations",
  datasets: ["qpv2015-occitanie-indicateurs", "qpv2024-indicateurs"],
  build(ctx) {
    const artefact = compileReferencePopulations(
      ctx.rows<Row2015>("qpv2015-occitanie-indicateurs"),
      ctx.rows<Row2024>("qpv2024-indicateurs"),
      (m) => ctx.report(m),
    );
    return [
      {
        name: "reference-populations",
        file: "reference-populations.json",
        bytes: new TextEncoder().encode(JSON.stringify(artefact)),
        formatVersion: REFERENCE_POPULATIONS_FORMAT,
        description:
          `Reference populations per QPV for declics/diversity (${artefact.populations.length}):` +
          ` residents and job seekers with the share of women (QPV 2015, Occitanie), residents (QPV 2024)`,
      },
    ];
  },
});
