import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPath, hasRealData } from "../../test/support/real-data.js";
import { isDeclicsError } from "../errors.js";
import { buildLayer, type LayerFeatureInput } from "../../scripts/build/build-layer.js";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { fixtureCommuneTable } from "./__fixtures__/territory.js";
import { UNITS_PER_DEGREE, decodeLayer, metresPerUnitX, metresPerUnitY, type PolygonLayer } from "./_layer.js";
import { internalsOf, makeTerritoryData } from "./_territory-internals.js";
import { signedArea2 } from "./_zone-geometry.js";
import { getZoneOutline, type ZoneOutline } from "./get-zone-outline.js";

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
const data = makeTerritoryData({
  qpv2024: layer,
  qpv2015: layer,
  communes: layer,
  communeTable: fixtureCommuneTable,
  communeCodes: layer.header.codes,
});

/** Twice the signed area of a ring of [lon, lat] (positive: counter-clockwise). */
const area = (ring: readonly (readonly [number, number])[]): number => signedArea2(ring.flat());

/** The polygons of an outline, as lists of rings (exterior first). */
const polygonsOf = (outline: ZoneOutline): [number, number][][][] =>
  outline.geometry.type === "Polygon" ? [outline.geometry.coordinates] : outline.geometry.coordinates;

/** RFC 7946: exterior rings counter-clockwise, holes clockwise, every ring closed with at least 4 positions. */
function expectRfc7946(outline: ZoneOutline): void {
  for (const [exterior, ...holes] of polygonsOf(outline)) {
    expect(area(exterior!)).toBeGreaterThan(0);
    for (const hole of holes) expect(area(hole)).toBeLessThan(0);
    for (const ring of [exterior!, ...holes]) {
      expect(ring.length).toBeGreaterThanOrEqual(4);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
    }
  }
}

describe("getZoneOutline", () => {
  it("returns a zone by code as a GeoJSON Feature: a Polygon with its hole, RFC 7946 winding, in degrees", () => {
    const outline = getZoneOutline(data, { layer: "qpv2024", code: "QNA" })!;
    expect(outline).toMatchObject({
      type: "Feature",
      id: "QNA",
      bbox: [1.4, 43.5, 1.41, 43.51],
      properties: { code: "QNA", name: "Zone A", kind: "qpv", layer: "qpv2024", distanceM: null, contains: null },
    });
    expect(outline.geometry.type).toBe("Polygon");
    expect(outline.geometry.coordinates).toHaveLength(2);
    expectRfc7946(outline);
    expect(JSON.parse(JSON.stringify(outline))).toEqual(outline);
    expect(getZoneOutline(data, { layer: "communes", code: "QNB" })?.properties.kind).toBe("commune");
  });

  it("is read by Turf as the engine reads the zone: inside, in the hole, outside", () => {
    const outline = getZoneOutline(data, { layer: "qpv2024", code: "QNA" })!;
    expect(booleanPointInPolygon([1.401, 43.501], outline)).toBe(true);
    expect(booleanPointInPolygon([1.405, 43.505], outline)).toBe(false);
    expect(booleanPointInPolygon([1.415, 43.505], outline)).toBe(false);
  });

  it("refuses data that is not territory data, naming it", () => {
    expect(() => getZoneOutline({ qpv2024: layer } as never, { layer: "qpv2024", code: "QNA" })).toThrow(
      /territory data/,
    );
  });

  it("returns null for an unknown code", () => {
    expect(getZoneOutline(data, { layer: "qpv2024", code: "NOPE" })).toBeNull();
  });

  it("finds the zone containing a point, and not when the point is in a hole", () => {
    expect(getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.401, lat: 43.501 } })?.properties).toMatchObject({
      code: "QNA",
      contains: true,
      distanceM: 0,
    });
    const inHole = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.405, lat: 43.505 } })?.properties;
    expect(inHole).toMatchObject({ code: "QNA", contains: false });
    expect(inHole?.distanceM).toBeGreaterThan(70);
    expect(inHole?.distanceM).toBeLessThan(90);
  });

  it("finds the nearest zone outside, within the distance limit", () => {
    const between = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.418, lat: 43.505 } })?.properties;
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
          const outline = getZoneOutline(data, {
            layer: "qpv2024",
            near: { lon, lat },
            maxDistanceM: 2000,
          })?.properties;
          if (outline === undefined) return;
          expect(outline.distanceM).toBeLessThanOrEqual(2000);
          if (outline.contains === true) expect(outline.distanceM).toBe(0);
          else expect(outline.distanceM).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** A small deterministic generator (the test must not use Math.random). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Points on the 1e-6 degree grid inside a zone's bounding box, each with the engine's even-odd answer; points
 * within 0.5 m of the edge are left out (there "on the edge" is a matter of convention, not of correctness).
 */
function enginePoints(
  layer: PolygonLayer,
  poly: number,
  count: number,
  next: () => number,
): [number, number, boolean][] {
  const b = layer.polyBbox;
  const points: [number, number, boolean][] = [];
  for (let k = 0; k < count; k++) {
    const x = Math.round(b[4 * poly]! + next() * (b[4 * poly + 2]! - b[4 * poly]!));
    const y = Math.round(b[4 * poly + 1]! + next() * (b[4 * poly + 3]! - b[4 * poly + 1]!));
    const lat = y / UNITS_PER_DEGREE;
    if (layer.distanceToPolygon(poly, x, y, metresPerUnitX(lat), metresPerUnitY(lat)) < 0.5) continue;
    points.push([x / UNITS_PER_DEGREE, lat, layer.contains(poly, x, y)]);
  }
  return points;
}

describe.skipIf(!hasRealData(buildPath("qpv2024.layer.bin")))("getZoneOutline on the compiled data", async () => {
  const { loadTerritoryData } = await import("../data/index.js");
  const real = await loadTerritoryData();
  const internals = internalsOf(real);

  it("finds Grand Mirail around the Reynerie spot check and Toulouse's commune outline", () => {
    const mirail = getZoneOutline(real, { layer: "qpv2024", near: { lon: 1.4025, lat: 43.5712 } })!;
    expect(mirail.properties).toMatchObject({ code: "QN03107M", contains: true, kind: "qpv" });
    expect(booleanPointInPolygon([1.4025, 43.5712], mirail)).toBe(true);
    const toulouse = getZoneOutline(real, { layer: "communes", near: { lon: 1.4442, lat: 43.6045 } })!;
    expect(toulouse.properties.code).toBe("31555");
    expect(booleanPointInPolygon([1.4442, 43.6045], toulouse)).toBe(true);
  });

  it("every QPV (2024 and 2015) and every 25th commune: RFC 7946 winding, and Turf agrees with the engine", () => {
    const next = lcg(11);
    const checks: [ZoneOutline["properties"]["layer"], PolygonLayer, number][] = [
      ["qpv2024", internals.qpv2024, 1],
      ["qpv2015", internals.qpv2015, 1],
      ["communes", internals.communes, 25],
    ];
    let inside = 0;
    let compared = 0;
    for (const [name, layer, step] of checks) {
      for (let poly = 0; poly < layer.size; poly += step) {
        const outline = getZoneOutline(real, { layer: name, code: layer.header.codes[poly]! });
        // A few QPV 2024 zones have no perimeter in the compiled layer (no rings): no outline to give.
        if (layer.polyRingStart[poly] === layer.polyRingStart[poly + 1]) {
          expect(outline).toBeNull();
          continue;
        }
        expectRfc7946(outline!);
        for (const [lon, lat, engine] of enginePoints(layer, poly, 12, next)) {
          if (booleanPointInPolygon([lon, lat], outline!) !== engine)
            expect.fail(`${name} ${outline!.properties.code}: Turf and the engine differ at ${lon}, ${lat}`);
          if (engine) inside++;
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30_000);
    expect(inside).toBeGreaterThan(10_000);
  });
});
