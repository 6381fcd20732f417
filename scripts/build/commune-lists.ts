import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import {
  ALIAS_REASONS,
  COMMUNE_TABLE_FORMAT,
  COMMUNE_TABLE_VERSION,
  CommuneTableArtefact,
  departementOf,
  FRR_ORDER,
} from "../../src/territory/_commune-table-format.js";
import { FRR_LABELS, type FrrRow, type PassageRow, type Qpv2015CommuneRow, type ZrrRow } from "./record-schemas.js";
import { defineBuilder } from "./types.js";

/** The fields of @etalab/decoupage-administratif data/communes.json this builder reads. */
export interface EtalabCommune {
  readonly code: string;
  readonly nom: string;
  readonly type: "commune-actuelle" | "commune-deleguee" | "commune-associee" | "arrondissement-municipal";
  readonly departement: string;
  readonly codesPostaux?: readonly string[];
  readonly anciensCodes?: readonly string[];
  readonly chefLieu?: string;
  readonly commune?: string;
}

/** Everything compileCommuneTable needs, already validated. */
export interface CommuneListsInput {
  readonly etalab: readonly EtalabCommune[];
  readonly etalabVersion: string;
  readonly zrr: readonly ZrrRow[];
  readonly frr: readonly FrrRow[];
  readonly qpv2015: readonly Qpv2015CommuneRow[];
  /** code_qp and insee_com (", "-separated) of each QPV 2024 feature. */
  readonly qpv2024: readonly { readonly code_qp: string; readonly insee_com: string }[];
  /** (commune, QPV) pairs of the QPV 2024 indicators file, for a cross-check reported in the build log. */
  readonly qpv2024Pairs?: readonly { readonly COG: string; readonly codeQPV: string }[];
  readonly passage: readonly PassageRow[];
  /** code and codes_2018 of each COG 2026 commune contour (lineage of communes re-established after 2021). */
  readonly contours: readonly { readonly code: string; readonly codes_2018: readonly string[] }[];
  readonly sources: CommuneTableArtefact["sources"];
  readonly report: (message: string) => void;
}

const ZRR_LETTER: Record<ZrrRow["ZRR_SIMP"], "C" | "N" | "P"> = {
  "C - Classée en ZRR": "C",
  "NC - Commune non classée": "N",
  "P - Commune partiellement classée en ZRR": "P",
};

const FRR_DIGIT: Record<FrrRow["Classement FRR et FRR+ au 10 juillet 2025"], number> = {
  "Non classée": 0,
  "FRR socle": 1,
  "FRR+": 2,
  "FRR bénéficiaire": 3,
  "Classée FRR partiellement": 4,
  "FRR bénéficiaire partiellement": 5,
};

/** Territories the national QPV 2015 commune table covers: mainland (incl. Corsica) and 971-974. */
function qpv2015Covers(departement: string): boolean {
  return departement.length === 2 || ["971", "972", "973", "974"].includes(departement);
}

/** Codes of 2007 (Guadeloupe) -> today's collectivités d'outre-mer. */
const COM_2007_CODES: readonly (readonly [string, string])[] = [
  ["97127", "97801"],
  ["97123", "97701"],
];

/** Pure compilation of the commune lists (tested with hand-made fixtures). Throws on inconsistent inputs. */
export function compileCommuneTable(input: CommuneListsInput): CommuneTableArtefact {
  const current = input.etalab
    .filter((c) => c.type === "commune-actuelle")
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const index = new Map<string, number>();
  current.forEach((c, i) => {
    if (index.has(c.code)) throw new Error(`commune ${c.code} appears twice in @etalab/decoupage-administratif`);
    if (departementOf(c.code) !== c.departement)
      throw new Error(`commune ${c.code}: département ${c.departement} is not derivable from its code`);
    if (c.nom.includes("|")) throw new Error(`commune ${c.code}: name contains "|"`);
    index.set(c.code, i);
  });

  // Aliases, strongest first: arrondissements, communes déléguées/associées (their chef-lieu is today's
  // state), anciens codes, then older codes from the passage table. A current code is never an alias.
  const alias = new Map<string, { target: number; reason: (typeof ALIAS_REASONS)[number] }>();
  const addAlias = (code: string, targetCode: string | undefined, reason: (typeof ALIAS_REASONS)[number]): void => {
    if (targetCode === undefined || index.has(code) || alias.has(code)) return;
    const target = index.get(targetCode);
    if (target === undefined) throw new Error(`${code} maps to ${targetCode}, which is not a current commune`);
    alias.set(code, { target, reason });
  };
  for (const c of input.etalab)
    if (c.type === "arrondissement-municipal") addAlias(c.code, c.commune, "arrondissement_municipal");
  for (const c of input.etalab)
    if (c.type === "commune-deleguee" || c.type === "commune-associee")
      addAlias(c.code, c.chefLieu, "commune_deleguee");
  for (const c of current) for (const old of c.anciensCodes ?? []) addAlias(old, c.code, "ancien_code");
  // Saint-Martin and Saint-Barthélemy were communes of Guadeloupe (97127, 97123) until they became
  // collectivités d'outre-mer on 15 July 2007 (loi organique 2007-223); no reference lists these old codes.
  for (const [old, today] of COM_2007_CODES) if (index.has(today)) addAlias(old, today, "cog_version");
  const passageTargets = new Map<string, Set<string>>();
  for (const row of input.passage) {
    for (const code of [
      row.code_2018,
      row.code_2019,
      row.code_2020,
      row.code_2021,
      row.code_2022,
      row.code_2023,
      row.code_2024,
      row.code_2025,
    ]) {
      const set = passageTargets.get(code) ?? new Set<string>();
      set.add(row.code_2026);
      passageTargets.set(code, set);
    }
  }
  let ambiguous = 0;
  for (const [code, targets] of passageTargets) {
    if (index.has(code) || alias.has(code)) continue;
    if (targets.size !== 1) {
      ambiguous++;
      continue;
    }
    addAlias(code, [...targets][0], "ancien_code");
  }
  if (ambiguous > 0)
    input.report(`${ambiguous} old code(s) of the passage table map to several communes and are not resolvable`);
  const resolveIndex = (code: string): number | undefined => index.get(code) ?? alias.get(code)?.target;

  // ZRR: COG 2021 -> COG 2026. Each 2021 code goes to the commune it belongs to today; a 2026 commune made
  // of 2021 communes with different statuses is partial ("P"); a commune re-established after 2021 takes the
  // status of the 2021 commune it was part of (found through the contours' 2018 lineage).
  const zrrLetter = new Map<string, "C" | "N" | "P">();
  const zrrLabels = { C: "", N: "", P: "" };
  const zrrSources = new Map<number, string[]>();
  let zrrUnresolved = 0;
  for (const row of input.zrr) {
    const letter = ZRR_LETTER[row.ZRR_SIMP];
    zrrLetter.set(row.CODGEO, letter);
    zrrLabels[letter] = row.ZRR_SIMP;
    const target = resolveIndex(row.CODGEO);
    if (target === undefined) {
      zrrUnresolved++;
      continue;
    }
    const list = zrrSources.get(target) ?? [];
    list.push(row.CODGEO);
    zrrSources.set(target, list);
  }
  if (zrrUnresolved > 0) throw new Error(`${zrrUnresolved} ZRR code(s) of COG 2021 resolve to no current commune`);
  const code2021Of2018 = new Map(input.passage.map((row) => [row.code_2018, row.code_2021]));
  let reEstablished = 0;
  for (const contour of input.contours) {
    const i = index.get(contour.code);
    if (i === undefined || zrrSources.has(i)) continue;
    const parents = [
      ...new Set(
        contour.codes_2018
          .map((c) => code2021Of2018.get(c))
          .filter((c): c is string => c !== undefined && zrrLetter.has(c)),
      ),
    ];
    if (parents.length > 0) {
      zrrSources.set(i, parents);
      reEstablished++;
    }
  }
  input.report(`ZRR: ${reEstablished} commune(s) re-established after 2021 take the status of their 2021 parent`);
  let zrr = "";
  const zrrMapped: Record<string, [string, string]> = {};
  let partialByMerger = 0;
  for (let i = 0; i < current.length; i++) {
    const sources = zrrSources.get(i);
    if (sources === undefined) {
      zrr += ".";
      continue;
    }
    sources.sort();
    const letters = new Set(sources.map((s) => zrrLetter.get(s) ?? "N"));
    const code = current[i]?.code ?? "";
    if (letters.size === 1) {
      const letter = [...letters][0] ?? "N";
      zrr += letter;
      if (sources.length !== 1 || sources[0] !== code) zrrMapped[i] = [sources.join(", "), ""];
    } else {
      zrr += "P";
      partialByMerger++;
      const detail = sources
        .map((s) => `${s} ${zrrLetter.get(s) === "N" ? "NC" : (zrrLetter.get(s) ?? "")}`)
        .join(", ");
      zrrMapped[i] = [
        sources.join(", "),
        `P - Commune issue de communes de statuts ZRR différents en COG 2021 (${detail})`,
      ];
    }
  }
  input.report(
    `ZRR: ${Object.keys(zrrMapped).length} commune(s) mapped from other COG 2021 codes, ${partialByMerger} of them partial because their 2021 communes differ`,
  );

  // FRR: COG 2025, the same codes as COG 2026.
  const frrDigits = new Array<string>(current.length).fill(".");
  const frrLabels = FRR_ORDER.map((_, d) => FRR_LABELS[d] ?? "");
  for (const row of input.frr) {
    const i = index.get(row.Code_insee);
    if (i === undefined) throw new Error(`FRR code ${row.Code_insee} is not a current commune`);
    frrDigits[i] = String(FRR_DIGIT[row["Classement FRR et FRR+ au 10 juillet 2025"]]);
  }

  // QPV 2015: the national commune table, rows present in the 2022 INSEE file.
  const qpv2015: Record<string, string[]> = {};
  let qpv2015Skipped = 0;
  for (const row of input.qpv2015) {
    if (row.in_insee_2022 !== "1") {
      qpv2015Skipped++;
      continue;
    }
    const i = index.get(row.insee_com);
    if (i === undefined) throw new Error(`QPV 2015 table: ${row.insee_com} (${row.code_qp}) is not a current commune`);
    const list = (qpv2015[i] ??= []);
    if (!list.includes(row.code_qp)) list.push(row.code_qp);
  }
  input.report(
    `QPV 2015: ${Object.keys(qpv2015).length} communes; ${qpv2015Skipped} row(s) only in the 2017 INSEE file not used (in_insee_2022 = 0)`,
  );
  const qpv2015NotCovered = [...new Set(current.map((c) => c.departement))].filter((d) => !qpv2015Covers(d)).sort();

  // QPV 2024: the layer's own commune lists, mapped to COG 2026.
  const qpv2024: Record<string, string[]> = {};
  const mappedQpv2024: string[] = [];
  for (const feature of input.qpv2024) {
    for (const code of feature.insee_com.split(", ")) {
      const i = resolveIndex(code);
      if (i === undefined) throw new Error(`QPV 2024 ${feature.code_qp}: commune ${code} is unknown`);
      if (!index.has(code)) mappedQpv2024.push(`${code}→${current[i]?.code ?? "?"}`);
      const list = (qpv2024[i] ??= []);
      if (!list.includes(feature.code_qp)) list.push(feature.code_qp);
    }
  }
  for (const list of Object.values(qpv2024)) list.sort();
  for (const list of Object.values(qpv2015)) list.sort();
  if (mappedQpv2024.length > 0)
    input.report(`QPV 2024: commune codes mapped to COG 2026: ${[...new Set(mappedQpv2024)].join(", ")}`);
  if (input.qpv2024Pairs !== undefined) {
    // Cross-check only: the indicators file is a third-party compilation, so it never changes the answer.
    const extra = new Set<string>();
    for (const pair of input.qpv2024Pairs) {
      const code = pair.COG.padStart(5, "0");
      const i = resolveIndex(code);
      if (i === undefined || !(qpv2024[i] ?? []).includes(pair.codeQPV)) extra.add(`${pair.codeQPV}@${code}`);
    }
    input.report(
      `QPV 2024: ${extra.size} (QPV, commune) pair(s) of the indicators file are not in the` +
        ` layer's commune lists${extra.size > 0 ? `: ${[...extra].sort().join(", ")}` : ""}`,
    );
  }

  const postcodes: Record<string, number[]> = {};
  current.forEach((c, i) => {
    for (const p of c.codesPostaux ?? []) (postcodes[p] ??= []).push(i);
  });

  const aliases: (string | number)[] = [];
  for (const [code, { target, reason }] of [...alias].sort(([a], [b]) => (a < b ? -1 : 1)))
    aliases.push(code, target, ALIAS_REASONS.indexOf(reason));

  return CommuneTableArtefact.parse({
    format: COMMUNE_TABLE_FORMAT,
    version: COMMUNE_TABLE_VERSION,
    sources: input.sources,
    codes: current.map((c) => c.code).join(""),
    names: current.map((c) => c.nom).join("|"),
    aliases,
    postcodes,
    zrr,
    zrrLabels,
    zrrMapped,
    frr: frrDigits.join(""),
    frrLabels,
    qpv2015,
    qpv2015NotCovered,
    qpv2024,
  });
}

const require = createRequire(import.meta.url);

/** Commune lists: today's communes, code mappings, postcodes, ZRR, FRR, QPV 2015 and QPV 2024 per commune. */
export const communeLists = defineBuilder({
  id: "commune-lists",
  datasets: [
    "zrr-cog2021",
    "frr-2025-07",
    "qpv2015-communes",
    "qpv2024",
    "qpv2024-indicateurs",
    "passage-cog2018-2026",
    "communes-cog2026",
  ],
  build(ctx) {
    const etalabPath = require.resolve("@etalab/decoupage-administratif/data/communes.json");
    const etalabVersion = (
      JSON.parse(readFileSync(require.resolve("@etalab/decoupage-administratif/package.json"), "utf8")) as {
        version: string;
      }
    ).version;
    const etalab = JSON.parse(readFileSync(etalabPath, "utf8")) as EtalabCommune[];
    const sourceOf = (id: string) => ({ id, millesime: ctx.dataset(id).millesime });
    const table = compileCommuneTable({
      etalab,
      etalabVersion,
      zrr: ctx.rows<ZrrRow>("zrr-cog2021"),
      frr: ctx.rows<FrrRow>("frr-2025-07"),
      qpv2015: ctx.rows<Qpv2015CommuneRow>("qpv2015-communes"),
      qpv2024: ctx.features<{ code_qp: string; insee_com: string }>("qpv2024").map((f) => f.properties),
      qpv2024Pairs: ctx.rows<{ COG: string; codeQPV: string }>("qpv2024-indicateurs"),
      passage: ctx.rows<PassageRow>("passage-cog2018-2026"),
      contours: ctx.features<{ code: string; codes_2018: string[] }>("communes-cog2026").map((f) => f.properties),
      sources: {
        communes: `@etalab/decoupage-administratif ${etalabVersion} (COG 2026)`,
        zrr: sourceOf("zrr-cog2021"),
        frr: sourceOf("frr-2025-07"),
        qpv2015: sourceOf("qpv2015-communes"),
        qpv2024: sourceOf("qpv2024"),
      },
      report: (m) => ctx.report(m),
    });
    return [
      {
        name: "commune-table",
        file: "commune-table.json",
        bytes: new TextEncoder().encode(JSON.stringify(table)),
        formatVersion: COMMUNE_TABLE_VERSION,
        description:
          `Current communes (@etalab/decoupage-administratif ${etalabVersion}), code aliases,` +
          ` postcodes, ZRR (mapped from COG 2021), FRR and QPV 2015/2024 per commune`,
      },
    ];
  },
});
