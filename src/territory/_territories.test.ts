import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRENCH_TERRITORIES, isOnComLand, territoryAt, territoryOfCode } from "./_territories.js";

describe("territoryAt", () => {
  it("finds each territory at the centre of its box", () => {
    FRENCH_TERRITORIES.forEach((t, i) =>
      expect(territoryAt((t.bbox[0] + t.bbox[2]) / 2, (t.bbox[1] + t.bbox[3]) / 2)).toBe(i),
    );
  });

  it("never finds a French territory for a swapped mainland point (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5.5, max: 9.7, noNaN: true }),
        fc.double({ min: 41.3, max: 51.1, noNaN: true }),
        (lon, lat) => {
          expect(territoryAt(lon, lat)).toBe(0);
          expect(territoryAt(lat, lon)).toBe(-1);
        },
      ),
    );
  });

  it("has boxes that do not overlap (property, sampling inside and on the edges of each box)", () => {
    // Sampling the whole globe would almost never land in the small overseas boxes; sample each box instead,
    // its interior and its edges and corners (where two neighbouring boxes would first touch).
    const fraction = fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(fc.nat({ max: FRENCH_TERRITORIES.length - 1 }), fraction, fraction, (i, u, v) => {
        const [minLon, minLat, maxLon, maxLat] = FRENCH_TERRITORIES[i]!.bbox;
        const lon = minLon + u * (maxLon - minLon);
        const lat = minLat + v * (maxLat - minLat);
        const hits = FRENCH_TERRITORIES.filter(
          (t) => lon >= t.bbox[0] && lon <= t.bbox[2] && lat >= t.bbox[1] && lat <= t.bbox[3],
        ).map((t) => t.code);
        expect(hits).toEqual([FRENCH_TERRITORIES[i]!.code]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("isOnComLand", () => {
  const at = (code: string) => FRENCH_TERRITORIES.findIndex((t) => t.code === code);

  it("keeps the French side of Saint-Martin and refuses the Dutch side (Sint Maarten)", () => {
    expect(isOnComLand(at("978"), -63.0825, 18.0675)).toBe(true); // Marigot
    expect(isOnComLand(at("978"), -63.055, 18.1)).toBe(true); // Grand-Case
    expect(isOnComLand(at("978"), -63.0436, 18.0237)).toBe(false); // Philipsburg
    expect(isOnComLand(at("978"), -63.1089, 18.0419)).toBe(false); // Princess Juliana airport
    expect(isOnComLand(at("978"), -63.0861, 18.0386)).toBe(false); // Simpson Bay
  });

  it("refuses the open Pacific of Polynésie's box and keeps its islands and atolls", () => {
    expect(isOnComLand(at("987"), -149.5686, -17.5334)).toBe(true); // Papeete
    expect(isOnComLand(at("987"), -151.7415, -16.5004)).toBe(true); // Bora Bora
    expect(isOnComLand(at("987"), -140.1, -8.91)).toBe(true); // Nuku Hiva
    expect(isOnComLand(at("987"), -147.7, -15.1)).toBe(true); // Rangiroa
    expect(isOnComLand(at("987"), -152.81, -22.64)).toBe(true); // Rimatara (missing at 1:10m, added)
    expect(isOnComLand(at("987"), -150, -26)).toBe(false);
    expect(isOnComLand(at("987"), -137, -12)).toBe(false);
    expect(isOnComLand(at("987"), -147, -27)).toBe(false);
  });

  it("refuses the open sea of Wallis-et-Futuna's and Nouvelle-Calédonie's boxes", () => {
    expect(isOnComLand(at("986"), -176.2, -13.28)).toBe(true); // Mata-Utu
    expect(isOnComLand(at("986"), -177.0, -13.8)).toBe(false);
    expect(isOnComLand(at("988"), 166.45, -22.27)).toBe(true); // Nouméa
    expect(isOnComLand(at("988"), 168.1, -19.6)).toBe(false);
  });

  it("never refuses a territory with commune contours (they decide there)", () => {
    expect(isOnComLand(0, -5, 51)).toBe(true);
    expect(isOnComLand(at("974"), 55.9, -21.4)).toBe(true);
  });
});

describe("territoryOfCode", () => {
  it.each([
    ["31555", "metropole"],
    ["2A004", "metropole"],
    ["97411", "974"],
    ["97611", "976"],
    ["97801", "978"],
    ["98735", "987"],
    ["97502", "975"],
  ])("puts %s in %s", (code, territory) => {
    expect(FRENCH_TERRITORIES[territoryOfCode(code)]?.code).toBe(territory);
  });

  it("gives every territory a legal time zone the runtime knows", () => {
    for (const t of FRENCH_TERRITORIES)
      expect(() => new Intl.DateTimeFormat("fr", { timeZone: t.timeZone })).not.toThrow();
  });
});
