import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FRENCH_TERRITORIES, territoryAt } from "./_territories.js";

describe("territoryAt", () => {
  it("finds each territory at the centre of its box", () => {
    FRENCH_TERRITORIES.forEach((t, i) => expect(territoryAt((t.bbox[0] + t.bbox[2]) / 2, (t.bbox[1] + t.bbox[3]) / 2)).toBe(i));
  });

  it("never finds a French territory for a swapped mainland point (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -5.5, max: 9.7, noNaN: true }), fc.double({ min: 41.3, max: 51.1, noNaN: true }), (lon, lat) => {
        expect(territoryAt(lon, lat)).toBe(0);
        expect(territoryAt(lat, lon)).toBe(-1);
      }),
    );
  });

  it("has boxes that do not overlap (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (lon, lat) => {
        const hits = FRENCH_TERRITORIES.filter((t) => lon >= t.bbox[0] && lon <= t.bbox[2] && lat >= t.bbox[1] && lat <= t.bbox[3]);
        expect(hits.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
