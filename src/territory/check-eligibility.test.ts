import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DeclicsError, isDeclicsError } from "../errors.js";
import { formatDeclicsError } from "../format-declics-error.js";
import { LAMBERT93 } from "./_lambert93.js";
import { fixtureTerritoryData } from "./__fixtures__/territory.js";
import { checkEligibility } from "./check-eligibility.js";
import { DECLICS_POLICY } from "./declics-policy.js";
import { EligibilityResult, type GeocodeHit, type Geocoder } from "./schema.js";

const data = fixtureTerritoryData();
const on = (day: string) => ({ on: new Date(`${day}T12:00:00Z`), data });
const codes = (r: EligibilityResult) => r.reasons.map((reason) => reason.code);

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isDeclicsError(error) ? error.code : "not a DeclicsError";
  }
  return undefined;
}

describe("checkEligibility on points", () => {
  it("finds a point in a QPV 2024 with its commune, basis and evidence", () => {
    const r = checkEligibility({ lon: 1.025, lat: 45.025 }, on("2024-05-01"));
    expect(EligibilityResult.parse(r)).toEqual(r);
    expect(r.status).toBe("eligible");
    expect(r.territoryKind).toBe("qpv");
    expect(r.on).toBe("2024-05-01");
    expect(r.commune).toEqual({ codeInsee: "31001", name: "Alphaville", foundBy: "point_in_polygon" });
    expect(r.qpv).toMatchObject({
      regime: "qpv2024",
      status: "inside",
      zone: { code: "QN03101M", name: "Quartier troué" },
    });
    expect(r.bases).toEqual([
      {
        kind: "qpv",
        code: "QN03101M",
        name: "Quartier troué",
        regime: "qpv2024",
        dataset: "qpv2024",
        millesime: "qpv2024 fixture",
      },
    ]);
    expect(r.distanceToBoundaryM.qpv).toBeGreaterThan(300);
    expect(codes(r)).toContain("in_qpv");
    expect(r.reasons.find((x) => x.code === "in_qpv")?.message).toMatch(/QN03101M/);
  });

  it("switches QPV generation on 2024-01-01 in mainland France", () => {
    const before = checkEligibility({ lon: 1.025, lat: 45.025 }, on("2023-12-31"));
    const after = checkEligibility({ lon: 1.025, lat: 45.025 }, on("2024-01-01"));
    expect(before.qpv.regime).toBe("qpv2015");
    expect(before.status).toBe("not_eligible");
    expect(after.qpv.regime).toBe("qpv2024");
    expect(after.status).toBe("eligible");
  });

  it("switches overseas on 2025-01-01, and a commune without QPV 2015 is definitively outside", () => {
    const before = checkEligibility({ lon: -61.52, lat: 16.17 }, on("2024-06-01"));
    expect(before.qpv).toMatchObject({ regime: "qpv2015", status: "outside" });
    expect(codes(before)).toContain("commune_has_no_qpv");
    expect(before.rural.status).toBe("partial");
    expect(before.status).toBe("uncertain");
    const after = checkEligibility({ lon: -61.52, lat: 16.17 }, on("2025-03-01"));
    expect(after.qpv).toMatchObject({ regime: "qpv2024", status: "inside", zone: { code: "QN97101M" } });
    expect(after.status).toBe("eligible");
  });

  it("says data_unavailable, never a silent no, where a QPV 2015 polygon is missing", () => {
    const r = checkEligibility(
      { lon: 1.18, lat: 45.03 },
      { ...on("2016-06-01"), policy: { ...DECLICS_POLICY, zrr: [], frr: [] } },
    );
    expect(r.qpv.status).toBe("unavailable");
    expect(codes(r)).toContain("data_unavailable");
    expect(codes(r)).toContain("no_rural_regime");
    expect(r.status).toBe("uncertain");
  });

  it("counts ZRR until 2024-06-30 and FRR from 2024-07-01", () => {
    const zrr = checkEligibility({ lon: 1.18, lat: 45.03 }, on("2024-06-30"));
    const frr = checkEligibility({ lon: 1.18, lat: 45.03 }, on("2024-07-01"));
    expect(zrr).toMatchObject({
      status: "eligible",
      territoryKind: "zrr",
      rural: { regime: "zrr", status: "classified" },
    });
    expect(frr).toMatchObject({
      status: "eligible",
      territoryKind: "frr",
      rural: { regime: "frr", status: "classified", classification: "FRR socle" },
    });
    expect(checkEligibility({ lon: 1.18, lat: 45.03 }, on("2017-06-30")).rural.regime).toBeNull();
  });

  it("is uncertain within the QPV tolerance of an edge, and decides with a zero tolerance", () => {
    const near = checkEligibility({ lon: 1.0601, lat: 45.05 }, on("2024-05-01"));
    expect(near.status).toBe("uncertain");
    expect(codes(near)).toContain("near_qpv_boundary");
    expect(near.distanceToBoundaryM.qpv).toBeGreaterThan(7);
    expect(near.distanceToBoundaryM.qpv).toBeLessThan(9);
    const strict = checkEligibility(
      { lon: 1.0601, lat: 45.05 },
      { ...on("2024-05-01"), policy: { ...DECLICS_POLICY, qpvToleranceM: 0 } },
    );
    expect(strict.status).toBe("not_eligible");
  });

  it("is uncertain near a commune border only when the neighbour's answer differs", () => {
    const r = checkEligibility({ lon: 1.0995, lat: 45.08 }, on("2024-05-01"));
    expect(r.status).toBe("uncertain");
    expect(codes(r)).toContain("near_commune_boundary");
    expect(r.distanceToBoundaryM.commune).toBeGreaterThan(30);
    expect(r.distanceToBoundaryM.commune).toBeLessThan(50);
    // Same point under a policy where neither commune qualifies: the border no longer matters.
    const qpvOnly = checkEligibility(
      { lon: 1.0995, lat: 45.08 },
      { ...on("2024-05-01"), policy: { ...DECLICS_POLICY, zrr: [], frr: [] } },
    );
    expect(qpvOnly.status).toBe("not_eligible");
    expect(qpvOnly.distanceToBoundaryM.commune).toBeNull();
  });

  it("honours QPV tolerances wider than the grid's 100 m margin", () => {
    const point = { lon: 1.062, lat: 45.05 }; // about 157 m east of QN03101M
    expect(checkEligibility(point, on("2024-05-01")).status).toBe("not_eligible");
    const wide = checkEligibility(point, { ...on("2024-05-01"), policy: { ...DECLICS_POLICY, qpvToleranceM: 200 } });
    expect(wide.status).toBe("uncertain");
    expect(wide.distanceToBoundaryM.qpv).toBeGreaterThan(150);
    expect(wide.distanceToBoundaryM.qpv).toBeLessThan(165);
  });

  it("honours commune tolerances wider than the grid's 100 m margin", () => {
    const far = { lon: 1.0965, lat: 45.08 }; // about 275 m from the border with B
    expect(checkEligibility(far, on("2024-05-01")).status).toBe("not_eligible");
    const wide = checkEligibility(far, { ...on("2024-05-01"), policy: { ...DECLICS_POLICY, communeToleranceM: 300 } });
    expect(wide.status).toBe("uncertain");
    expect(wide.distanceToBoundaryM.commune).toBeGreaterThan(250);
    expect(wide.distanceToBoundaryM.commune).toBeLessThan(300);
  });

  it("answers the same for Lambert-93 and WGS84 (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.001, max: 1.199, noNaN: true }),
        fc.double({ min: 45.001, max: 45.099, noNaN: true }),
        (lon, lat) => {
          const a = checkEligibility({ lon, lat }, on("2024-05-01"));
          if ((a.distanceToBoundaryM.qpv ?? Infinity) < 0.01 || Math.abs(lon - 1.1) < 1e-6) return;
          const [x, y] = LAMBERT93.forward(lon, lat);
          const b = checkEligibility({ x, y }, on("2024-05-01"));
          expect(b.status).toBe(a.status);
          expect(b.commune?.codeInsee).toBe(a.commune?.codeInsee);
          expect(b.qpv.zone?.code).toBe(a.qpv.zone?.code);
          expect(b.reasons.map((r) => r.code)).toEqual(a.reasons.map((r) => r.code));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is stable under tiny perturbations far from every edge (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.001, max: 1.199, noNaN: true }),
        fc.double({ min: 45.001, max: 45.099, noNaN: true }),
        fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
        fc.double({ min: -1e-6, max: 1e-6, noNaN: true }),
        (lon, lat, dx, dy) => {
          const a = checkEligibility({ lon, lat }, on("2024-05-01"));
          if ((a.distanceToBoundaryM.qpv ?? Infinity) < 1 || Math.abs(lon - 1.1) * 78_000 < 1) return;
          const b = checkEligibility({ lon: lon + dx, lat: lat + dy }, on("2024-05-01"));
          expect([b.status, b.qpv.zone?.code, b.commune?.codeInsee]).toEqual([
            a.status,
            a.qpv.zone?.code,
            a.commune?.codeInsee,
          ]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("always returns a result that its schema accepts (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.995, max: 1.205, noNaN: true }),
        fc.double({ min: 44.995, max: 45.105, noNaN: true }),
        fc.integer({ min: 2014, max: 2027 }),
        (lon, lat, year) => {
          try {
            const r = checkEligibility({ lon, lat }, on(`${year}-06-15`));
            expect(EligibilityResult.safeParse(r).success).toBe(true);
            expect(year).toBeGreaterThanOrEqual(2015);
          } catch (error) {
            expect(
              isDeclicsError(error, "outside_france") || (year < 2015 && isDeclicsError(error, "date_out_of_range")),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("checkEligibility on bad input", () => {
  it.each([
    ["NaN", { lon: Number.NaN, lat: 45 }, "invalid_coordinates"],
    ["Infinity", { lon: 1, lat: Number.POSITIVE_INFINITY }, "invalid_coordinates"],
    ["latitude out of range", { lon: 1, lat: 95 }, "invalid_coordinates"],
    ["swapped [lat, lon]", { lon: 45.05, lat: 1.05 }, "swapped_coordinates"],
    ["a point in Spain", { lon: -3.7, lat: 40.4 }, "outside_france"],
    ["a point in the mainland box but on no commune", { lon: 3, lat: 47 }, "outside_france"],
    ["Lambert-93 swapped", { x: 6_500_000, y: 600_000 }, "swapped_coordinates"],
    ["Lambert-93 out of range", { x: 10, y: 10 }, "invalid_coordinates"],
    ["a malformed code", { codeInsee: "3100" }, "malformed_code"],
    ["an unknown code", { codeInsee: "31998" }, "unknown_code"],
    ["a malformed postcode", { postcode: "31 00" }, "malformed_code"],
    ["an unknown postcode", { postcode: "99999" }, "unknown_code"],
    ["a subject of no known shape", { city: "Toulouse" }, "invalid_input"],
  ])("rejects %s with a coded error", (_, subject, code) => {
    expect(errorCode(() => checkEligibility(subject as { lon: number; lat: number }, on("2024-05-01")))).toBe(code);
  });

  it("says what was expected and what arrived", () => {
    try {
      checkEligibility({ lon: 45.05, lat: 1.05 }, on("2024-05-01"));
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).toMatch(/expected \{ lon, lat \}.*received lon 45\.05, lat 1\.05/);
      expect(formatDeclicsError(error as DeclicsError, { language: "fr" })).toMatch(
        /attendu \{ lon, lat \}.*reçu lon 45\.05, lat 1\.05.*utilisez lon 1\.05, lat 45\.05/,
      );
    }
  });

  it("rejects invalid options", () => {
    expect(errorCode(() => checkEligibility({ lon: 1.05, lat: 45.05 }, { on: new Date("nope"), data }))).toBe(
      "invalid_input",
    );
    expect(errorCode(() => checkEligibility({ lon: 1.05, lat: 45.05 }, { on: new Date(), data: {} as never }))).toBe(
      "invalid_input",
    );
  });
});

describe("checkEligibility on codes and postcodes", () => {
  it("decides rural status from a code, and QPV only when the commune has none", () => {
    expect(checkEligibility({ codeInsee: "31002" }, on("2024-05-01"))).toMatchObject({
      status: "eligible",
      point: null,
      commune: { codeInsee: "31002", foundBy: "code" },
    });
    const a = checkEligibility({ codeInsee: "31001" }, on("2024-05-01"));
    expect(a.status).toBe("uncertain");
    expect(codes(a)).toContain("commune_has_qpv");
    const c = checkEligibility(
      { codeInsee: "97101" },
      { ...on("2024-05-01"), policy: { ...DECLICS_POLICY, zrr: ["C", "P"] } },
    );
    expect(c.status).toBe("eligible");
  });

  it("maps an old code to today's commune and says so", () => {
    const r = checkEligibility({ codeInsee: "31999" }, on("2024-05-01"));
    expect(r.commune).toEqual({
      codeInsee: "31001",
      name: "Alphaville",
      foundBy: "code",
      mappedFrom: { code: "31999", reason: "ancien_code" },
    });
  });

  it("is uncertain for a postcode whose communes disagree, and decided when they agree", () => {
    const split = checkEligibility({ postcode: "31100" }, on("2024-05-01"));
    expect(split.status).toBe("uncertain");
    expect(split.commune).toBeNull();
    expect(codes(split)[0]).toBe("postcode_several_communes");
    expect(checkEligibility({ postcode: "31200" }, on("2024-05-01")).status).toBe("eligible");
    expect(checkEligibility({ postcode: "31000" }, on("2024-05-01")).commune?.foundBy).toBe("postcode");
  });
});

describe("checkEligibility on addresses", () => {
  const hitAt = (hit: Partial<GeocodeHit>): Geocoder => ({
    geocode: async () => ({
      lon: 1.025,
      lat: 45.025,
      score: 0.95,
      type: "housenumber",
      label: "1 rue du Test",
      codeInsee: "31001",
      ...hit,
    }),
  });

  it("returns a Promise and answers a precise hit like a point", async () => {
    const pending = checkEligibility({ address: "1 rue du Test" }, { ...on("2024-05-01"), geocoder: hitAt({}) });
    expect(pending).toBeInstanceOf(Promise);
    const r = await pending;
    expect(r).toMatchObject({
      status: "eligible",
      commune: { foundBy: "geocoder" },
      qpv: { zone: { code: "QN03101M" } },
    });
  });

  it("answers a street-level hit at commune level", async () => {
    const r = await checkEligibility(
      { address: "rue du Test" },
      { ...on("2024-05-01"), geocoder: hitAt({ type: "street" }) },
    );
    expect(r.status).toBe("uncertain");
    expect(codes(r)).toContain("geocoder_imprecise");
  });

  it("is uncertain for a low score or no hit", async () => {
    const low = await checkEligibility({ address: "x" }, { ...on("2024-05-01"), geocoder: hitAt({ score: 0.5 }) });
    expect(low.status).toBe("uncertain");
    expect(codes(low)).toContain("geocoder_low_score");
    const none = await checkEligibility(
      { address: "x" },
      { ...on("2024-05-01"), geocoder: { geocode: async () => null } },
    );
    expect(none.status).toBe("uncertain");
    expect(codes(none)).toEqual(["geocoder_no_result"]);
  });

  it("rejects without a geocoder, or when it fails", async () => {
    await expect(checkEligibility({ address: "x" }, on("2024-05-01"))).rejects.toMatchObject({
      code: "geocoder_unavailable",
    });
    const failing: Geocoder = { geocode: async () => Promise.reject(new Error("503")) };
    await expect(checkEligibility({ address: "x" }, { ...on("2024-05-01"), geocoder: failing })).rejects.toMatchObject({
      code: "geocoder_unavailable",
    });
  });
});

describe("checkEligibility's day: a calendar day, or a Date read in the subject's territory (issue #11)", () => {
  it("takes a calendar day string and states it, without a time zone", () => {
    const r = checkEligibility({ lon: 1.025, lat: 45.025 }, { on: "2024-01-01", data });
    expect([r.on, r.timeZone, r.qpv.regime]).toEqual(["2024-01-01", undefined, "qpv2024"]);
  });

  it.each([["2025-02-30"], ["1/5/2025"], ["2025-1-5"], ["20250105"], [""]])(
    "refuses the malformed day %j with invalid_input naming `on`",
    (bad) => {
      expect(() => checkEligibility({ lon: 1.025, lat: 45.025 }, { on: bad, data })).toThrow(
        /Invalid on: expected a calendar day "YYYY-MM-DD"/,
      );
    },
  );

  it("reads a Date in the legal time zone of a point's, a code's or a postcode's territory, and says which", () => {
    const newYearInGuadeloupe = new Date("2025-01-01T04:00:00Z"); // 00:00 in Guadeloupe, 05:00 in Paris
    const point = checkEligibility({ lon: -61.52, lat: 16.17 }, { on: newYearInGuadeloupe, data });
    expect([point.on, point.timeZone, point.qpv.regime]).toEqual(["2025-01-01", "America/Guadeloupe", "qpv2024"]);
    const justBefore = checkEligibility({ lon: -61.52, lat: 16.17 }, { on: new Date("2025-01-01T03:59:00Z"), data });
    expect([justBefore.on, justBefore.qpv.regime]).toEqual(["2024-12-31", "qpv2015"]);
    const code = checkEligibility({ codeInsee: "97101" }, { on: new Date("2025-01-01T03:59:00Z"), data });
    expect([code.on, code.timeZone]).toEqual(["2024-12-31", "America/Guadeloupe"]);
    const mainland = checkEligibility({ postcode: "31000" }, { on: new Date("2024-12-31T23:30:00Z"), data });
    expect([mainland.on, mainland.timeZone]).toEqual(["2025-01-01", "Europe/Paris"]);
  });

  it("refuses days outside 2015-01-01..2099-12-31, per territory for a Date", () => {
    expect(errorCode(() => checkEligibility({ lon: 1.025, lat: 45.025 }, { on: "2014-12-31", data }))).toBe(
      "date_out_of_range",
    );
    expect(errorCode(() => checkEligibility({ lon: 1.025, lat: 45.025 }, { on: "2100-01-01", data }))).toBe(
      "date_out_of_range",
    );
    expect(checkEligibility({ lon: 1.025, lat: 45.025 }, { on: "2099-12-31", data }).on).toBe("2099-12-31");
    const edge = new Date("2014-12-31T23:30:00Z"); // 2015-01-01 in Paris, 2014-12-31 in Guadeloupe
    expect(checkEligibility({ lon: 1.025, lat: 45.025 }, { on: edge, data }).on).toBe("2015-01-01");
    expect(errorCode(() => checkEligibility({ codeInsee: "97101" }, { on: edge, data }))).toBe("date_out_of_range");
    expect(() => checkEligibility({ codeInsee: "97101" }, { on: edge, data })).toThrow(
      /from 2015-01-01 to 2099-12-31.*America\/Guadeloupe/,
    );
  });
});
