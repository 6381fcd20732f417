import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { isDeclicsError } from "../errors.js";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { decodeCommuneTable } from "./decode-commune-table.js";

// A hand-made artefact of six communes (names and codes real, statuses chosen to exercise every branch).
const tiny = {
  format: "declics/commune-table",
  version: 1,
  sources: {
    communes: "fixture",
    zrr: { id: "zrr-cog2021", millesime: "fixture ZRR" },
    frr: { id: "frr-2025-07", millesime: "fixture FRR" },
    qpv2015: { id: "qpv2015-communes", millesime: "fixture QPV 2015" },
    qpv2024: { id: "qpv2024", millesime: "fixture QPV 2024" },
  },
  codes: "010010101513055" + "2A0043155597611",
  names: "L'Abergement-Clémenciat|Arboys en Bugey|Marseille|Ajaccio|Toulouse|Mamoudzou",
  aliases: ["01126", 1, 1, "01340", 1, 2, "13201", 2, 0, "75999", 4, 3],
  postcodes: { "01400": [0], "01300": [0, 1], "31100": [4] },
  zrr: "NPNNC.",
  zrrLabels: { C: "C - Classée en ZRR", N: "NC - Commune non classée", P: "P - Commune partiellement classée en ZRR" },
  zrrMapped: { "1": ["01015, 01340", "P - statuts différents (01015 C, 01340 NC)"], "4": ["31555, 31999", ""] },
  frr: "01234.",
  frrLabels: [
    "Non classée",
    "FRR socle",
    "FRR+",
    "FRR bénéficiaire",
    "Classée FRR partiellement",
    "FRR bénéficiaire partiellement",
  ],
  qpv2015: { "4": ["QP031007", "QP031008"] },
  qpv2015NotCovered: ["976"],
  qpv2024: { "4": ["QN03107M"], "5": ["QN97623M"] },
};
const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const table = decodeCommuneTable(encode(tiny));
const CURRENT = ["01001", "01015", "13055", "2A004", "31555", "97611"];
const ALIASES = ["01126", "01340", "13201", "75999"];

describe("decodeCommuneTable (hand-made fixture)", () => {
  it("decodes the communes with their départements", () => {
    expect(table.size).toBe(6);
    expect(table.listCodes()).toEqual(CURRENT);
    expect(table.resolve("2A004")).toEqual({ commune: { codeInsee: "2A004", name: "Ajaccio", departement: "2A" } });
    expect(table.resolve("97611")?.commune.departement).toBe("976");
    expect(table.sources.zrr).toEqual({ id: "zrr-cog2021", millesime: "fixture ZRR" });
  });

  it("maps arrondissements, communes déléguées, old codes and older COG codes, saying how", () => {
    expect(table.resolve("13201")).toEqual({
      commune: { codeInsee: "13055", name: "Marseille", departement: "13" },
      mappedFrom: { code: "13201", reason: "arrondissement_municipal" },
    });
    expect(table.resolve("01340")?.mappedFrom).toEqual({ code: "01340", reason: "commune_deleguee" });
    expect(table.resolve("01126")?.mappedFrom).toEqual({ code: "01126", reason: "ancien_code" });
    expect(table.resolve("75999")?.mappedFrom?.reason).toBe("cog_version");
  });

  it("accepts lower-case Corsican codes and answers undefined for unknown codes", () => {
    expect(table.resolve("2a004")?.commune.codeInsee).toBe("2A004");
    expect(table.resolve("99999")).toBeUndefined();
    expect(table.resolve("")).toBeUndefined();
  });

  it("returns the same object on every lookup (no allocation once warm)", () => {
    expect(table.resolve("31555")).toBe(table.resolve("31555"));
    expect(table.resolve("13201")).toBe(table.resolve("13201"));
    expect(table.byPostcode("01300")).toBe(table.byPostcode("01300"));
  });

  it("lists the communes of a postcode", () => {
    expect(table.byPostcode("01300").map((c) => c.codeInsee)).toEqual(["01001", "01015"]);
    expect(table.byPostcode("31100").map((c) => c.name)).toEqual(["Toulouse"]);
    expect(table.byPostcode("00000")).toEqual([]);
    expect(table.byPostcode("toString")).toEqual([]);
  });

  it("reads ZRR statuses, with the COG mapping and the merged-commune label", () => {
    expect(table.zrr("01001")).toEqual({ classification: "NC", label: "NC - Commune non classée" });
    expect(table.zrr("01015")).toEqual({
      classification: "P",
      label: "P - statuts différents (01015 C, 01340 NC)",
      mappedFrom: { code: "01015, 01340", reason: "cog_version" },
    });
    expect(table.zrr("31555")).toEqual({
      classification: "C",
      label: "C - Classée en ZRR",
      mappedFrom: { code: "31555, 31999", reason: "cog_version" },
    });
    expect(table.zrr("97611")).toBeUndefined();
    expect(table.zrr("13201")).toBeUndefined();
  });

  it("reads FRR statuses", () => {
    expect(table.frr("01001")).toEqual({ classification: "non_classee", label: "Non classée" });
    expect(table.frr("13055")?.classification).toBe("frr_plus");
    expect(table.frr("31555")?.classification).toBe("frr_partiel");
    expect(table.frr("97611")).toBeUndefined();
  });

  it("reads QPV 2015 coverage and codes, and QPV 2024 codes", () => {
    expect(table.qpv2015("31555")).toEqual({ coverage: "covered", qpvCodes: ["QP031007", "QP031008"] });
    expect(table.qpv2015("01001")).toEqual({ coverage: "covered", qpvCodes: [] });
    expect(table.qpv2015("97611")).toEqual({ coverage: "not_covered", qpvCodes: [] });
    expect(table.qpv2015("97601")).toEqual({ coverage: "not_covered", qpvCodes: [] });
    expect(table.qpv2024("31555")).toEqual(["QN03107M"]);
    expect(table.qpv2024("01001")).toEqual([]);
  });

  it("offers index-based accessors that agree with the code-based ones", () => {
    for (const code of CURRENT) {
      const i = table.indexOf(code);
      expect(table.communeAt(i)?.codeInsee).toBe(code);
      expect(table.zrrAt(i)).toBe(table.zrr(code));
      expect(table.frrAt(i)).toBe(table.frr(code));
      expect(table.qpv2015At(i)).toEqual(table.qpv2015(code));
      expect(table.qpv2024At(i)).toBe(table.qpv2024(code));
    }
    expect(table.indexOf("13201")).toBe(-1);
    expect(table.communeAt(-1)).toBeUndefined();
    expect(table.zrrAt(6)).toBeUndefined();
    expect(table.frrAt(-1)).toBeUndefined();
    expect(table.qpv2015At(99)).toBeUndefined();
    expect(table.qpv2024At(-1)).toEqual([]);
  });

  it("accepts an ArrayBuffer and a view with an offset", () => {
    const bytes = encode(tiny);
    const padded = new Uint8Array(bytes.byteLength + 3);
    padded.set(bytes, 3);
    expect(decodeCommuneTable(bytes.slice().buffer).size).toBe(6);
    expect(decodeCommuneTable(padded.subarray(3)).size).toBe(6);
  });

  it("refuses bytes that are not a commune table of this version, naming expected and received", () => {
    const expectIntegrity = (value: Uint8Array, fragment: string) => {
      try {
        decodeCommuneTable(value);
        expect.unreachable();
      } catch (error) {
        expect(isDeclicsError(error, "data_integrity")).toBe(true);
        expect((error as Error).message).toContain(fragment);
        expect((error as Error).message).toContain("npm run build:data");
      }
    };
    expectIntegrity(new TextEncoder().encode("not json"), "valid JSON");
    expectIntegrity(encode({ ...tiny, version: 2 }), "version 2");
    expectIntegrity(encode({ ...tiny, zrr: "NPN" }), "ZRR");
    expectIntegrity(encode({ ...tiny, aliases: ["01126", 99, 1] }), "alias");
    expectIntegrity(encode({ ...tiny, frrLabels: [] }), "frrLabels");
    expect(() => decodeCommuneTable("abc" as unknown as Uint8Array)).toThrow(/Uint8Array or an ArrayBuffer/);
  });

  it("property: resolving a resolved code gives the same commune with no mapping", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENT, ...ALIASES), (code) => {
        const first = table.resolve(code);
        const again = table.resolve(first?.commune.codeInsee ?? "");
        return again !== undefined && again.mappedFrom === undefined && again.commune === first?.commune;
      }),
    );
  });

  it("property: any string resolves to nothing or to a current commune", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (code) => {
        const found = table.resolve(code);
        return found === undefined || CURRENT.includes(found.commune.codeInsee);
      }),
    );
  });
});

const artefact = buildPath("commune-table.json");

describe.skipIf(!hasRealData(artefact))("decodeCommuneTable on the compiled official lists", () => {
  const real = decodeCommuneTable(readFileSync(artefact));

  it("knows every current commune (COG 2026, including the collectivités d'outre-mer)", () => {
    expect(real.size).toBe(34969);
    expect(real.sources.communes).toMatch(/decoupage-administratif .*COG 2026/);
  });

  it("spot checks ZRR and FRR from DOMAIN.md and SOURCES.md", () => {
    expect(real.zrr("31555")?.classification).toBe("NC");
    expect(real.frr("31555")).toEqual({ classification: "non_classee", label: "Non classée" });
    expect(real.zrr("48095")).toEqual({ classification: "C", label: "C - Classée en ZRR" });
    expect(real.frr("48095")).toEqual({ classification: "frr_socle", label: "FRR socle" });
    expect(real.frr("97302")?.classification).toBe("frr_socle");
    expect(real.zrr("05061")?.classification).toBe("NC");
    expect(real.frr("05061")?.classification).toBe("non_classee");
    expect(real.resolve("05061")?.commune.name).toBe("Gap");
  });

  it("maps arrondissements municipaux to Paris, Lyon and Marseille", () => {
    expect(real.resolve("75118")).toEqual({
      commune: { codeInsee: "75056", name: "Paris", departement: "75" },
      mappedFrom: { code: "75118", reason: "arrondissement_municipal" },
    });
    expect(real.resolve("69381")?.commune.codeInsee).toBe("69123");
    expect(real.resolve("69381")?.mappedFrom?.reason).toBe("arrondissement_municipal");
    expect(real.resolve("13201")?.commune.codeInsee).toBe("13055");
  });

  it("maps the old code of a merged commune and a commune déléguée to today's commune", () => {
    // 01126 Chézery-Forens merged into Valserhône (01033) in 2019; it is not a commune déléguée.
    expect(real.resolve("01126")).toEqual({
      commune: { codeInsee: "01033", name: "Valserhône", departement: "01" },
      mappedFrom: { code: "01126", reason: "ancien_code" },
    });
    // 93059 Pierrefitte-sur-Seine is a commune déléguée of Saint-Denis since 2025.
    expect(real.resolve("93059")?.commune.codeInsee).toBe("93066");
    expect(real.resolve("93059")?.mappedFrom?.reason).toBe("commune_deleguee");
  });

  it("lists the communes of a postcode", () => {
    expect(real.byPostcode("31100").map((c) => c.codeInsee)).toContain("31555");
    expect(real.byPostcode("01400").length).toBeGreaterThan(5);
  });

  it("gives the QPV 2015 commune status with its coverage", () => {
    expect(real.qpv2015("31555").coverage).toBe("covered");
    expect(real.qpv2015("31555").qpvCodes).toContain("QP031007");
    expect(real.qpv2015("31555").qpvCodes).toHaveLength(12);
    expect(real.qpv2015("48095")).toEqual({ coverage: "covered", qpvCodes: [] });
    expect(real.qpv2015("97611")).toEqual({ coverage: "not_covered", qpvCodes: [] });
    expect(real.qpv2015("97411").coverage).toBe("covered");
    expect(real.qpv2015("98735").coverage).toBe("not_covered");
  });

  it("gives the QPV 2024 codes of a commune, mapping communes déléguées", () => {
    expect(real.qpv2024("31555")).toContain("QN03107M");
    expect(real.qpv2024("31555")).toHaveLength(12);
    // The layer still cites 93059 (now déléguée of Saint-Denis): its QPV are counted for 93066.
    expect(real.qpv2024("93066").length).toBeGreaterThan(0);
  });

  it("resolves every current commune to itself, with no mapping", () => {
    const codes = real.listCodes();
    expect(codes).toHaveLength(34969);
    const wrong = codes.filter((code) => {
      const found = real.resolve(code);
      return found?.commune.codeInsee !== code || found.mappedFrom !== undefined;
    });
    expect(wrong).toEqual([]);
  });

  it("property: resolution is idempotent", () => {
    const codes = real.listCodes();
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...codes), fc.constantFrom("75118", "69381", "13201", "01126", "93059", "01340")),
        (code) => {
          const first = real.resolve(code);
          if (first === undefined) return false;
          const again = real.resolve(first.commune.codeInsee);
          return again?.commune === first.commune && again.mappedFrom === undefined;
        },
      ),
    );
  });
});
