import fc from "fast-check";
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { decodeCommuneTable } from "../../src/territory/decode-commune-table.js";
import { buildPath, hasRealData, sourcePath } from "../../test/support/real-data.js";
import { compileCommuneTable, type CommuneListsInput, type EtalabCommune } from "./commune-lists.js";
import type { FrrRow, PassageRow, ZrrRow } from "./record-schemas.js";

const C = "C - Classée en ZRR" as const;
const NC = "NC - Commune non classée" as const;
const P = "P - Commune partiellement classée en ZRR" as const;
const zrrRow = (code: string, status: ZrrRow["ZRR_SIMP"]): ZrrRow => ({
  CODGEO: code,
  LIBGEO: code,
  ZRR_SIMP: status,
  ZONAGE_ZRR: `${status.split(" ")[0]} - x`,
});
const frrRow = (code: string, label: FrrRow["Classement FRR et FRR+ au 10 juillet 2025"]): FrrRow => ({
  Code_insee: code,
  Departement: code.slice(0, 2),
  Commune: code,
  "Classement FRR et FRR+ au 10 juillet 2025": label,
});
const passage = (c2018: string, c2021: string, c2026: string): PassageRow => ({
  code_2018: c2018,
  nom_2018: c2018,
  code_2019: c2021,
  code_2020: c2021,
  code_2021: c2021,
  code_2022: c2026,
  code_2023: c2026,
  code_2024: c2026,
  code_2025: c2026,
  code_2026: c2026,
});

// A toy geography: 10001 absorbed 10002 (C) in 2022 while being NC itself; 10003 absorbed 10004, both C;
// 10005 was split in 2024 and 10006 re-established from it; 75056 has an arrondissement; 10007 has a déléguée.
const etalab: EtalabCommune[] = [
  {
    code: "10001",
    nom: "Alpha",
    type: "commune-actuelle",
    departement: "10",
    codesPostaux: ["10100"],
    anciensCodes: ["10002"],
  },
  {
    code: "10003",
    nom: "Gamma",
    type: "commune-actuelle",
    departement: "10",
    codesPostaux: ["10100", "10300"],
    anciensCodes: ["10004"],
  },
  { code: "10005", nom: "Epsilon", type: "commune-actuelle", departement: "10", codesPostaux: ["10500"] },
  { code: "10006", nom: "Zeta", type: "commune-actuelle", departement: "10", codesPostaux: ["10500"] },
  { code: "10007", nom: "Eta", type: "commune-actuelle", departement: "10", codesPostaux: ["10700"] },
  { code: "10008", nom: "Theta", type: "commune-deleguee", departement: "10", chefLieu: "10007" },
  { code: "75056", nom: "Paris", type: "commune-actuelle", departement: "75", codesPostaux: ["75018"] },
  {
    code: "75118",
    nom: "Paris 18e Arrondissement",
    type: "arrondissement-municipal",
    departement: "75",
    commune: "75056",
  },
  { code: "97611", nom: "Mamoudzou", type: "commune-actuelle", departement: "976", codesPostaux: ["97600"] },
];
const reports: string[] = [];
const input: CommuneListsInput = {
  etalab,
  etalabVersion: "test",
  zrr: [
    zrrRow("10001", NC),
    zrrRow("10002", C),
    zrrRow("10003", C),
    zrrRow("10004", C),
    zrrRow("10005", P),
    zrrRow("10007", NC),
    zrrRow("75056", NC),
    zrrRow("97611", NC),
  ],
  frr: [
    frrRow("10001", "FRR socle"),
    frrRow("10003", "FRR+"),
    frrRow("75056", "Non classée"),
    frrRow("10006", "Classée FRR partiellement"),
  ],
  qpv2015: [
    {
      code_qp: "QP075012",
      nom_qp: "Goutte D'Or",
      insee_com: "75056",
      nom_com: "Paris",
      lib_com_source: "",
      in_insee_2022: "1",
      in_insee_2017: "1",
      note: "",
    },
    {
      code_qp: "QP010001",
      nom_qp: "x",
      insee_com: "10001",
      nom_com: "Alpha",
      lib_com_source: "",
      in_insee_2022: "0",
      in_insee_2017: "1",
      note: "",
    },
  ],
  qpv2024: [
    { code_qp: "QN07511M", insee_com: "75056" },
    { code_qp: "QN01001M", insee_com: "10008, 10003" },
  ],
  passage: [
    passage("10001", "10001", "10001"),
    passage("10002", "10002", "10001"),
    passage("10003", "10003", "10003"),
    passage("10004", "10004", "10003"),
    passage("10005", "10005", "10005"),
    passage("10009", "10009", "10005"),
    passage("10007", "10007", "10007"),
    passage("75056", "75056", "75056"),
  ],
  contours: [
    { code: "10005", codes_2018: ["10005", "10009"] },
    { code: "10006", codes_2018: ["10005"] },
  ],
  sources: {
    communes: "test",
    zrr: { id: "zrr-cog2021", millesime: "z" },
    frr: { id: "frr-2025-07", millesime: "f" },
    qpv2015: { id: "qpv2015-communes", millesime: "q15" },
    qpv2024: { id: "qpv2024", millesime: "q24" },
  },
  report: (m) => reports.push(m),
};
const table = decodeCommuneTable(new TextEncoder().encode(JSON.stringify(compileCommuneTable(input))));

describe("compileCommuneTable (hand-made fixture)", () => {
  it("makes a merger of communes with different ZRR statuses partial, naming the 2021 communes", () => {
    expect(table.zrr("10001")).toEqual({
      classification: "P",
      label: "P - Commune issue de communes de statuts ZRR différents en COG 2021 (10001 NC, 10002 C)",
      mappedFrom: { code: "10001, 10002", reason: "cog_version" },
    });
  });

  it("keeps the shared status of a merger of communes with the same status", () => {
    expect(table.zrr("10003")).toEqual({
      classification: "C",
      label: C,
      mappedFrom: { code: "10003, 10004", reason: "cog_version" },
    });
    expect(table.zrr("75056")).toEqual({ classification: "NC", label: NC });
  });

  it("gives a commune re-established after 2021 the status of its 2021 parent", () => {
    expect(table.zrr("10006")).toEqual({
      classification: "P",
      label: P,
      mappedFrom: { code: "10005", reason: "cog_version" },
    });
  });

  it("leaves territories absent from a list without an entry", () => {
    expect(table.frr("10007")).toBeUndefined();
    expect(table.frr("10006")?.classification).toBe("frr_partiel");
  });

  it("uses only QPV 2015 rows of the 2022 INSEE file and reports the others", () => {
    expect(table.qpv2015("75056").qpvCodes).toEqual(["QP075012"]);
    expect(table.qpv2015("10001")).toEqual({ coverage: "covered", qpvCodes: [] });
    expect(table.qpv2015("97611").coverage).toBe("not_covered");
    expect(reports.some((r) => r.includes("1 row(s) only in the 2017 INSEE file"))).toBe(true);
  });

  it("maps QPV 2024 commune lists, including communes déléguées", () => {
    expect(table.qpv2024("10007")).toEqual(["QN01001M"]);
    expect(table.qpv2024("10003")).toEqual(["QN01001M"]);
    expect(table.qpv2024("75056")).toEqual(["QN07511M"]);
  });

  it("resolves aliases and postcodes", () => {
    expect(table.resolve("75118")?.mappedFrom?.reason).toBe("arrondissement_municipal");
    expect(table.resolve("10008")?.commune.codeInsee).toBe("10007");
    expect(table.resolve("10002")?.mappedFrom).toEqual({ code: "10002", reason: "ancien_code" });
    expect(table.resolve("10009")?.commune.codeInsee).toBe("10005");
    expect(table.byPostcode("10100").map((c) => c.codeInsee)).toEqual(["10001", "10003"]);
  });

  it("refuses a list that cites an unknown commune", () => {
    expect(() => compileCommuneTable({ ...input, frr: [frrRow("10099", "FRR+")] })).toThrow(/FRR code 10099/);
    expect(() => compileCommuneTable({ ...input, qpv2024: [{ code_qp: "QN01001M", insee_com: "10099" }] })).toThrow(
      /10099 is unknown/,
    );
  });

  it("property: the compiled table does not depend on the order of its inputs", () => {
    const reference = JSON.stringify(compileCommuneTable(input));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(etalab, { minLength: etalab.length }),
        fc.shuffledSubarray([...input.zrr], { minLength: input.zrr.length }),
        (e, z) => {
          return JSON.stringify(compileCommuneTable({ ...input, etalab: e, zrr: z, report: () => {} })) === reference;
        },
      ),
      { numRuns: 30 },
    );
  });
});

const artefact = buildPath("commune-table.json");
const frrFile = sourcePath("frr-communes-2025-07.csv");
const zrrFile = sourcePath("zrr-communes-cog2021.csv");

describe.skipIf(!hasRealData(artefact, frrFile, zrrFile))(
  "the compiled commune table against the official lists",
  () => {
    const real = decodeCommuneTable(readFileSync(artefact));
    const frr = parse(readFileSync(frrFile), {
      delimiter: ";",
      columns: (h: string[]) => h.map((x) => (x === "" ? false : x)),
      bom: true,
    }) as FrrRow[];
    const zrr = (parse(readFileSync(zrrFile), { from_line: 6, columns: true, bom: true }) as ZrrRow[]).filter(
      (r) => r.CODGEO !== "",
    );

    it("has every FRR commune, with the class counts of SOURCES.md", () => {
      const counts: Record<string, number> = {};
      const wrong: string[] = [];
      for (const row of frr) {
        const status = real.frr(row.Code_insee);
        if (
          status?.label !== row["Classement FRR et FRR+ au 10 juillet 2025"] ||
          real.resolve(row.Code_insee)?.mappedFrom !== undefined
        )
          wrong.push(row.Code_insee);
        counts[status?.classification ?? "none"] = (counts[status?.classification ?? "none"] ?? 0) + 1;
      }
      expect(wrong).toEqual([]);
      expect(counts).toEqual({
        non_classee: 14941,
        frr_socle: 13313,
        frr_plus: 4456,
        frr_beneficiaire: 2134,
        frr_partiel: 20,
        frr_beneficiaire_partiel: 11,
      });
    });

    it("maps every ZRR commune of COG 2021, keeping its status unless merged with a different one", () => {
      const counts: Record<string, number> = {};
      const wrong: string[] = [];
      for (const row of zrr) {
        const letter = row.ZRR_SIMP.split(" ")[0] ?? "";
        counts[letter] = (counts[letter] ?? 0) + 1;
        const today = real.resolve(row.CODGEO);
        const status = today === undefined ? undefined : real.zrr(today.commune.codeInsee);
        if (status === undefined || (status.classification !== letter && status.classification !== "P"))
          wrong.push(row.CODGEO);
      }
      expect(wrong).toEqual([]);
      expect(counts).toEqual({ C: 17694, NC: 17235, P: 36 });
    });

    it("has a ZRR status for every commune of mainland France and the DOM of 2026", () => {
      const missing = real.listCodes().filter((code) => !/^9[78]/.test(code) && real.zrr(code) === undefined);
      expect(missing).toEqual([]);
    });
  },
);
