import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTerritoryData } from "../src/data/index.js";
import { LAMBERT93 } from "../src/territory/_lambert93.js";
import { internalsOf } from "../src/territory/_territory-internals.js";
import { readFileSync } from "node:fs";
import {
  DECLICS_POLICY,
  TERRITORY_ARTEFACTS,
  checkEligibility,
  checkEligibilityColumns,
  checkEligibilityMany,
  getZoneOutline,
  territoryDataFromBuffers,
  type TerritoryData,
} from "../src/territory/index.js";
import { buildPath, hasRealData } from "./support/real-data.js";

const artefacts = Object.values(TERRITORY_ARTEFACTS).map((file) => buildPath(file));
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe.skipIf(!hasRealData(...artefacts))("territory eligibility on the compiled official data", () => {
  let data: TerritoryData;
  beforeAll(async () => {
    data = await loadTerritoryData();
  });
  const check = (subject: Parameters<typeof checkEligibility>[0] & object, iso: string) =>
    checkEligibility(subject as { lon: number; lat: number }, { on: day(iso), data });

  describe("DOMAIN.md spot checks", () => {
    it("Reynerie (1.4025, 43.5712) is in QN03107M Grand Mirail in 2024 and in QP031007 in 2015", () => {
      const in2024 = check({ lon: 1.4025, lat: 43.5712 }, "2024-05-01");
      expect(in2024).toMatchObject({
        status: "eligible",
        territoryKind: "qpv",
        commune: { codeInsee: "31555", name: "Toulouse" },
      });
      expect(in2024.qpv).toMatchObject({
        regime: "qpv2024",
        status: "inside",
        zone: { code: "QN03107M", name: "Grand Mirail" },
      });
      const in2015 = check({ lon: 1.4025, lat: 43.5712 }, "2020-05-01");
      expect(in2015.qpv).toMatchObject({ regime: "qpv2015", status: "inside", zone: { code: "QP031007" } });
    });

    it("Capitole (1.4442, 43.6045) is in no QPV", () => {
      const r = check({ lon: 1.4442, lat: 43.6045 }, "2024-05-01");
      expect(r).toMatchObject({
        status: "not_eligible",
        qpv: { status: "outside", zone: null },
        commune: { codeInsee: "31555" },
      });
      expect(r.rural).toMatchObject({ regime: "zrr", status: "not_classified" });
    });

    it("(2.3535, 48.8850) is in QN07511M Goutte D'Or, Paris; in 2023 the 2015 polygon is missing, so uncertain", () => {
      expect(check({ lon: 2.3535, lat: 48.885 }, "2024-05-01").qpv.zone).toEqual({
        code: "QN07511M",
        name: "Goutte D'Or",
      });
      const in2023 = check({ lon: 2.3535, lat: 48.885 }, "2023-05-01");
      expect(in2023.status).toBe("uncertain");
      expect(in2023.reasons.map((r) => r.code)).toContain("data_unavailable");
    });
  });

  it.each([
    ["971", -61.526895, 16.242428, "QN97101M", "97101"],
    ["972", -61.071556, 14.610641, "QN97201M", "97209"],
    ["973", -52.317803, 4.936674, "QN97301M", "97302"],
    ["974", 55.405511, -21.271768, "QN97401I", "97414"],
    ["976", 45.0677, -12.724243, "QN97601M", "97601"],
  ])("finds a QPV 2024 point in %s once the overseas list applies", (_, lon, lat, qpv, commune) => {
    const r = check({ lon, lat }, "2025-03-01");
    expect(r).toMatchObject({
      status: "eligible",
      qpv: { regime: "qpv2024", zone: { code: qpv } },
      commune: { codeInsee: commune },
    });
  });

  it("switches a Toulouse point on 2024-01-01: outside the 2015 Grand Mirail, inside the 2024 one", () => {
    const before = check({ lon: 1.403265, lat: 43.56663 }, "2023-12-31");
    const after = check({ lon: 1.403265, lat: 43.56663 }, "2024-01-01");
    expect(before).toMatchObject({ status: "not_eligible", qpv: { regime: "qpv2015", status: "outside" } });
    expect(after).toMatchObject({ status: "eligible", qpv: { regime: "qpv2024", zone: { code: "QN03107M" } } });
  });

  it("switches a Réunion QPV on 2025-01-01: 2015 list (polygons missing) on 2024-06-01, QN97401I on 2025-03-01", () => {
    const before = check({ lon: 55.405511, lat: -21.271768 }, "2024-06-01");
    expect(before.qpv).toMatchObject({ regime: "qpv2015", status: "unavailable" });
    expect(before.status).toBe("uncertain");
    expect(check({ lon: 55.405511, lat: -21.271768 }, "2025-03-01")).toMatchObject({
      status: "eligible",
      qpv: { zone: { code: "QN97401I" } },
    });
  });

  it("follows a commune from ZRR to FRR: Mende (ZRR C, then FRR socle)", () => {
    expect(check({ codeInsee: "48095" }, "2024-06-30")).toMatchObject({
      status: "eligible",
      territoryKind: "zrr",
      rural: { regime: "zrr", classification: "C - Classée en ZRR" },
    });
    expect(check({ codeInsee: "48095" }, "2024-07-01")).toMatchObject({
      status: "eligible",
      territoryKind: "frr",
      rural: { regime: "frr", classification: "FRR socle" },
    });
  });

  it("a commune that left ZRR in 2024 is only eligible again as 'FRR bénéficiaire'; one that gained FRR was not before", () => {
    // Brénod (01060): ZRR C, not FRR socle; re-admitted as FRR bénéficiaire by the arrêté of 14 April 2025.
    expect(check({ codeInsee: "01060" }, "2024-07-01").rural.classification).toBe("FRR bénéficiaire");
    // Beaupont (01029): ZRR NC, then FRR socle.
    expect(check({ codeInsee: "01029" }, "2024-06-30").status).toBe("not_eligible");
    expect(check({ codeInsee: "01029" }, "2024-07-01").status).toBe("eligible");
    // In the July 2025 list no commune classified ZRR C is "Non classée": the 2,134 that left ZRR are "bénéficiaire".
    const { communeCodes, communeTable } = internalsOf(data);
    const lost = communeCodes.filter(
      (code) =>
        communeTable.zrr(code)?.classification === "C" && communeTable.frr(code)?.classification === "non_classee",
    );
    expect(lost).toEqual([]);
  });

  it.each([
    ["31555", 1.444, 43.604],
    ["75056", 2.3522, 48.8566],
    ["69123", 4.8357, 45.764],
    ["13055", 5.3698, 43.2965],
    ["67482", 7.7521, 48.5734],
    ["29019", -4.4861, 48.3904],
    ["2A004", 8.7369, 41.9192],
    ["97120", -61.5331, 16.2411],
    ["97209", -61.0588, 14.6161],
    ["97302", -52.3135, 4.9224],
    ["97411", 55.4504, -20.8823],
    ["97611", 45.2279, -12.7806],
  ])("finds commune %s as in communes/SOURCES.md", (code, lon, lat) => {
    expect(check({ lon, lat }, "2025-03-01").commune?.codeInsee).toBe(code);
  });

  it("applies no rural zoning in the collectivités d'outre-mer", () => {
    expect(check({ codeInsee: "97502" }, "2025-03-01")).toMatchObject({
      status: "not_eligible",
      rural: { status: "not_classified" },
    });
    expect(check({ codeInsee: "97502" }, "2025-03-01").reasons.map((r) => r.code)).toEqual([
      "commune_has_no_qpv",
      "no_rural_regime",
    ]);
    expect(check({ codeInsee: "97801" }, "2025-03-01").status).toBe("uncertain");
  });

  it("resolves arrondissements and postcodes", () => {
    expect(check({ codeInsee: "75118" }, "2024-05-01").commune).toMatchObject({
      codeInsee: "75056",
      mappedFrom: { code: "75118", reason: "arrondissement_municipal" },
    });
    expect(check({ postcode: "48000" }, "2024-05-01").status).toBe("eligible");
  });

  it.each([
    [{ lon: 43.5712, lat: 1.4025 }, "swapped_coordinates"],
    [{ lon: Number.NaN, lat: 43.5 }, "invalid_coordinates"],
    [{ lon: -3.7038, lat: 40.4168 }, "outside_france"],
    [{ lon: 2.1734, lat: 41.3851 }, "outside_france"],
    [{ lon: 7.4474, lat: 46.948 }, "outside_france"],
    [{ codeInsee: "1234" }, "malformed_code"],
    [{ codeInsee: "98765" }, "unknown_code"],
  ])("rejects %o with %s", (subject, code) => {
    expect(() => check(subject, "2024-05-01")).toThrow(expect.objectContaining({ code }));
  });

  it("answers the same for Lambert-93 and WGS84 around Toulouse (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.3, max: 1.55, noNaN: true }),
        fc.double({ min: 43.52, max: 43.68, noNaN: true }),
        (lon, lat) => {
          const a = check({ lon, lat }, "2024-05-01");
          const [x, y] = LAMBERT93.forward(lon, lat);
          const b = check({ x, y }, "2024-05-01");
          expect([b.status, b.commune?.codeInsee, b.qpv.zone?.code]).toEqual([
            a.status,
            a.commune?.codeInsee,
            a.qpv.zone?.code,
          ]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives batch, many and single answers that agree, one per input (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 1.2, max: 1.7, noNaN: true }), fc.double({ min: 43.4, max: 43.8, noNaN: true })),
          { minLength: 1, maxLength: 50 },
        ),
        (points) => {
          const batch = checkEligibilityColumns(
            { lon: points.map((p) => p[0]), lat: points.map((p) => p[1]) },
            { on: day("2024-08-01"), data },
          );
          const rows = checkEligibilityMany(
            points.map(([lon, lat]) => ({ lon, lat })),
            { on: day("2024-08-01"), data },
          );
          expect(rows).toHaveLength(points.length);
          rows.forEach((row, i) => {
            expect(batch.statusOf(i)).toBe(row.ok ? row.result.status : "error");
            if (row.ok) expect(batch.codeInsee(i)).toBe(row.result.commune?.codeInsee ?? null);
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  describe("issue #10 and #11 on the real data", () => {
    it.each([
      ["Philipsburg, Sint Maarten", -63.0436, 18.0237],
      ["Princess Juliana airport, Sint Maarten", -63.1089, 18.0419],
      ["Simpson Bay, Sint Maarten", -63.0861, 18.0386],
      ["the open Pacific, south of the Australs", -150, -26],
      ["the open Pacific, between the Marquesas and the Tuamotu", -137, -12],
      ["the open sea in Nouvelle-Calédonie's box", 168.1, -19.6],
    ])("puts %s outside France (not not_eligible)", (_, lon, lat) => {
      expect(() => check({ lon, lat }, "2025-03-01")).toThrow(expect.objectContaining({ code: "outside_france" }));
      const columns = checkEligibilityColumns({ lon: [lon], lat: [lat] }, { on: "2025-03-01", data });
      expect(columns.errorCode(0)).toBe("outside_france");
    });

    it("still answers the French side of Saint-Martin and the islands of Polynésie", () => {
      expect(check({ lon: -63.0825, lat: 18.0675 }, "2025-03-01").qpv.regime).toBe("qpv2024"); // Marigot: answered
      expect(check({ lon: -63.0470535, lat: 18.062372 }, "2025-03-01").qpv.zone?.code).toBe("QN97801M");
      expect(check({ lon: -149.5400955, lat: -17.527094 }, "2025-03-01").qpv.zone?.code).toBe("QN98701M");
      expect(check({ lon: -151.7415, lat: -16.5004 }, "2025-03-01").qpv.regime).toBe("qpv2024"); // Bora Bora: answered
    });

    it("maps the pre-2007 codes of Saint-Martin (97127) and Saint-Barthélemy (97123) and says so", () => {
      expect(check({ codeInsee: "97127" }, "2025-03-01").commune).toEqual({
        codeInsee: "97801",
        name: "Saint-Martin",
        foundBy: "code",
        mappedFrom: { code: "97127", reason: "cog_version" },
      });
      expect(check({ codeInsee: "97123" }, "2025-03-01").commune).toMatchObject({
        codeInsee: "97701",
        mappedFrom: { code: "97123", reason: "cog_version" },
      });
    });

    it('refuses dates the data cannot speak for, and JavaScript\'s last hours (which gave on: "0NaN-NaN-NaN")', () => {
      for (const on of [
        new Date(8.64e15),
        new Date(8.64e15 - 3_600_000),
        new Date("2014-06-01"),
        "2014-12-31",
        "2100-01-01",
      ]) {
        expect(() => checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on, data })).toThrow(
          expect.objectContaining({ code: "date_out_of_range" }),
        );
      }
      expect(check({ lon: 1.4025, lat: 43.5712 }, "2015-01-01").qpv.regime).toBe("qpv2015");
    });

    it("says swapped_coordinates for swapped Lambert-93 or GPS values in x/y, alone and in columns", () => {
      const [x, y] = LAMBERT93.forward(1.4025, 43.5712);
      for (const [a, b] of [
        [y, x],
        [1.4025, 43.5712],
        [43.5712, 1.4025],
      ] as const) {
        expect(() => checkEligibility({ x: a, y: b }, { on: "2024-05-01", data })).toThrow(
          expect.objectContaining({ code: "swapped_coordinates" }),
        );
        expect(checkEligibilityColumns({ x: [a], y: [b] }, { on: "2024-05-01", data }).errorCode(0)).toBe(
          "swapped_coordinates",
        );
      }
    });

    it("reads new Date(2025, 0, 1) at Réunion's midnight for 97411 as 2025-01-01 under QPV 2024, in Indian/Reunion", () => {
      const midnightInReunion = new Date("2024-12-31T20:00:00Z");
      const r = checkEligibility({ codeInsee: "97411" }, { on: midnightInReunion, data });
      expect([r.on, r.timeZone, r.qpv.regime]).toEqual(["2025-01-01", "Indian/Reunion", "qpv2024"]);
      // The same instant is still 2024-12-31 in Paris: a mainland subject is answered for that day.
      expect(checkEligibility({ codeInsee: "31555" }, { on: midnightInReunion, data }).on).toBe("2024-12-31");
    });
  });

  describe("the examples of docs/territory.md", () => {
    it("quick start", () => {
      const result = check({ lon: 1.4025, lat: 43.5712 }, "2024-05-01");
      expect(result.reasons.map((r) => r.message)).toEqual([
        "L'adresse est dans le QPV QN03107M « Grand Mirail » (géographie prioritaire 2024).",
        "La commune Toulouse n'est pas classée ZRR (NC - Commune non classée).",
      ]);
    });

    it("outlines for maps, opaque data, data from a dir (issue #11)", async () => {
      const outline = getZoneOutline(data, { layer: "qpv2024", code: "QN03107M" });
      expect([outline?.type, outline?.geometry.type, outline?.properties.name]).toEqual([
        "Feature",
        "Polygon",
        "Grand Mirail",
      ]);
      const near = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.4025, lat: 43.5712 } });
      expect([near?.properties.code, near?.properties.contains, near?.geometry.type]).toEqual([
        "QN03107M",
        true,
        "Polygon",
      ]);
      expect(data.datasets.frr.dataset).toBe("frr-2025-07");
      const fromDir = await loadTerritoryData({ dir: process.env.DECLICS_DATA_DIR ?? "data/build" });
      expect(fromDir.zoneCounts.qpv2024 > 1500).toBe(true);
    });

    it("policy, bulk and batch", () => {
      const policy = { ...DECLICS_POLICY, name: "QPV seulement", zrr: [], frr: [], qpvToleranceM: 0 };
      expect(checkEligibility({ lon: 1.4442, lat: 43.6045 }, { on: "2024-05-01", data, policy }).status).toBe(
        "not_eligible",
      );
      const rows = checkEligibilityMany(
        [{ lon: 1.4025, lat: 43.5712 }, { codeInsee: "31555" }, { lon: 43.57, lat: 1.4 }],
        { on: new Date("2024-05-01"), data },
      );
      expect(rows.map((row) => (row.ok ? row.result.status : row.error.code))).toEqual([
        "eligible",
        "uncertain",
        "swapped_coordinates",
      ]);
      const batch = checkEligibilityColumns(
        { lon: new Float64Array([1.4025, 1.4442]), lat: new Float64Array([43.5712, 43.6045]) },
        { on: "2024-05-01", data },
      );
      expect([Array.from(batch.status), batch.qpvCode(0), batch.codeInsee(1), batch.error(1)]).toEqual([
        [0, 1],
        "QN03107M",
        "31555",
        null,
      ]);
      expect(checkEligibility({ codeInsee: "48095" }, { on: new Date("2025-03-01"), data }).rural.classification).toBe(
        "FRR socle",
      );
    });

    it("which day: a calendar day, or a Date read in the territory's legal time", () => {
      expect(checkEligibility({ codeInsee: "97411" }, { on: "2025-01-01", data }).qpv.regime).toBe("qpv2024");
      const r = checkEligibility({ codeInsee: "97411" }, { on: new Date("2024-12-31T20:00:00Z"), data });
      expect([r.on, r.timeZone]).toEqual(["2025-01-01", "Indian/Reunion"]);
      const columns = checkEligibilityColumns(
        { lon: new Float64Array([1.4025, 1.4442]), lat: new Float64Array([43.5712, 43.6045]) },
        { on: "2024-05-01", data },
      );
      expect([
        Array.from(columns.status),
        columns.qpvCode(0),
        columns.codeInsee(1),
        columns.error(1),
        columns.errorCode(1),
      ]).toEqual([[0, 1], "QN03107M", "31555", null, null]);
      expect(columns.result(0).reasons.map((x) => x.code)).toEqual(["in_qpv", "zrr_not_classified"]);
    });

    it("browser path: territoryDataFromBuffers on the artefacts' bytes", () => {
      const files: Record<string, Uint8Array> = {};
      for (const file of Object.values(TERRITORY_ARTEFACTS))
        files[file] = new Uint8Array(readFileSync(buildPath(file)));
      const fromBytes = territoryDataFromBuffers(files);
      expect(
        checkEligibility({ lon: 2.3535, lat: 48.885 }, { on: new Date("2025-01-15"), data: fromBytes }).qpv.zone?.code,
      ).toBe("QN07511M");
    });
  });
});
