import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LAMBERT93, createLcc } from "./_lambert93.js";

describe("Lambert conformal conic", () => {
  it("reproduces the EPSG Guidance Note 7-2 worked example (NAD27 / Texas South Central, US survey feet)", () => {
    const texas = createLcc({
      a: 6378206.4,
      invFlattening: 294.9786982,
      lat0: 27 + 50 / 60,
      lon0: -99,
      lat1: 28 + 23 / 60,
      lat2: 30 + 17 / 60,
      x0: 2_000_000,
      y0: 0,
      unit: 1 / 0.30480060960121924,
    });
    const [x, y] = texas.forward(-96, 28.5);
    expect(x).toBeCloseTo(2963503.91, 1);
    expect(y).toBeCloseTo(254759.8, 1);
    const [lon, lat] = texas.inverse(2963503.91, 254759.8);
    expect(lon).toBeCloseTo(-96, 7);
    expect(lat).toBeCloseTo(28.5, 7);
  });

  it("puts the Lambert-93 origin (3°E, 46.5°N) at 700000, 6600000", () => {
    const [x, y] = LAMBERT93.forward(3, 46.5);
    expect(x).toBeCloseTo(700000, 6);
    expect(y).toBeCloseTo(6600000, 6);
  });

  it("places Paris Notre-Dame where IGN's Lambert-93 grid does (about 652 km E, 6862 km N)", () => {
    const [x, y] = LAMBERT93.forward(2.3499, 48.853);
    expect(x).toBeGreaterThan(651_000);
    expect(x).toBeLessThan(653_000);
    expect(y).toBeGreaterThan(6_861_000);
    expect(y).toBeLessThan(6_863_000);
  });

  it("round-trips any mainland point to better than 1 mm", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5.5, max: 10, noNaN: true }),
        fc.double({ min: 41, max: 51.5, noNaN: true }),
        (lon, lat) => {
          const [x, y] = LAMBERT93.forward(lon, lat);
          const [lon2, lat2] = LAMBERT93.inverse(x, y);
          const [x2, y2] = LAMBERT93.forward(lon2, lat2);
          expect(Math.hypot(x2 - x, y2 - y)).toBeLessThan(0.001);
          expect(Math.abs(lon2 - lon)).toBeLessThan(1e-8);
          expect(Math.abs(lat2 - lat)).toBeLessThan(1e-8);
        },
      ),
    );
  });
});
