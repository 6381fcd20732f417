import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { isDeclicsError } from "../errors.js";
import { buildLayer, type LayerFeatureInput } from "../../scripts/build/build-layer.js";
import { decodeLayer } from "./_layer.js";
import { getZoneOutline } from "./get-zone-outline.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

// Two squares near Toulouse: A (with a hole) and B, 0.01 degree (about 800 m) apart.
const square = (x0: number, y0: number, size: number): number[][] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];
const features: LayerFeatureInput[] = [
  { code: "QNA", name: "Zone A", polygons: [[square(1.4, 43.5, 0.01), square(1.404, 43.504, 0.002)]] },
  { code: "QNB", name: "Zone B", polygons: [[square(1.42, 43.5, 0.01)]] },
];
const layer = decodeLayer(
  buildLayer(features, {
    layer: "test",
    dataset: "test",
    millesime: "2024",
    accuracyM: 10,
    marginM: 50,
    coarseDeg: 0.05,
    div: 8,
  }).bytes,
  "test",
);
const data = { qpv2024: layer, qpv2015: layer, communes: layer } as unknown as TerritoryData;

describe("getZoneOutline", () => {
  it("returns a zone's rings by code, in degrees, closed", () => {
    const outline = getZoneOutline(data, { layer: "qpv2024", code: "QNA" });
    expect(outline?.name).toBe("Zone A");
    expect(outline?.rings).toHaveLength(2);
    const outer = outline?.rings[0] ?? [];
    expect(outer[0]).toEqual(outer[outer.length - 1]);
    expect(outline?.bbox).toEqual([1.4, 43.5, 1.41, 43.51]);
    expect(outline?.distanceM).toBeNull();
  });

  it("returns null for an unknown code", () => {
    expect(getZoneOutline(data, { layer: "qpv2024", code: "NOPE" })).toBeNull();
  });

  it("finds the zone containing a point, and not when the point is in a hole", () => {
    expect(getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.401, lat: 43.501 } })).toMatchObject({
      code: "QNA",
      contains: true,
      distanceM: 0,
    });
    const inHole = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.405, lat: 43.505 } });
    expect(inHole).toMatchObject({ code: "QNA", contains: false });
    expect(inHole?.distanceM).toBeGreaterThan(70);
    expect(inHole?.distanceM).toBeLessThan(90);
  });

  it("finds the nearest zone outside, within the distance limit", () => {
    const between = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.418, lat: 43.505 } });
    expect(between?.code).toBe("QNB");
    expect(between?.distanceM).toBeGreaterThan(150);
    expect(between?.distanceM).toBeLessThan(170);
    expect(getZoneOutline(data, { layer: "qpv2024", near: { lon: 2.5, lat: 44 } })).toBeNull();
    expect(getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.418, lat: 43.505 }, maxDistanceM: 100 })).toBeNull();
  });

  it("refuses a malformed query with invalid_input", () => {
    expect(() => getZoneOutline(data, { layer: "nope" } as never)).toThrow(
      expect.objectContaining({ code: "invalid_input" }),
    );
    try {
      getZoneOutline(data, { layer: "qpv2024", near: { lon: Number.NaN, lat: 43 } });
    } catch (error) {
      expect(isDeclicsError(error, "invalid_input")).toBe(true);
    }
  });

  it("property: a point inside a zone gets that zone with distance 0, and any answer is within the limit", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.38, max: 1.45, noNaN: true }),
        fc.double({ min: 43.49, max: 43.52, noNaN: true }),
        (lon, lat) => {
          const outline = getZoneOutline(data, { layer: "qpv2024", near: { lon, lat }, maxDistanceM: 2000 });
          if (outline === null) return;
          expect(outline.distanceM).toBeLessThanOrEqual(2000);
          if (outline.contains === true) expect(outline.distanceM).toBe(0);
          else expect(outline.distanceM).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe.skipIf(!hasRealData(buildPath("qpv2024.layer.bin")))("getZoneOutline on the compiled data", async () => {
  const { loadTerritoryData } = await import("../data/index.js");
  const real = await loadTerritoryData();
  it("finds Grand Mirail around the Reynerie spot check and Toulouse's commune outline", () => {
    expect(getZoneOutline(real, { layer: "qpv2024", near: { lon: 1.4025, lat: 43.5712 } })).toMatchObject({
      code: "QN03107M",
      contains: true,
    });
    const toulouse = getZoneOutline(real, { layer: "communes", near: { lon: 1.4442, lat: 43.6045 } });
    expect(toulouse?.code).toBe("31555");
    expect(toulouse?.rings.length).toBeGreaterThan(0);
  });
});
