import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLayer, type LayerFeatureInput } from "../../scripts/build/build-layer.js";
import { decodeLayer, metresPerUnitX, metresPerUnitY } from "./_layer.js";
import { COMMUNE_FEATURES, QPV2024_FEATURES } from "./__fixtures__/territory.js";

const compile = (features: LayerFeatureInput[], div = 8) =>
  decodeLayer(
    buildLayer(features, {
      layer: "t",
      dataset: "t",
      millesime: "t",
      accuracyM: 10,
      coarseDeg: 0.08,
      div,
      marginM: 100,
      checkValidity: true,
    }).bytes,
    "t",
  );

const qpv = compile(QPV2024_FEATURES);

function bruteForce(layer: ReturnType<typeof compile>, lon: number, lat: number): number {
  for (let p = 0; p < layer.size; p++) if (layer.contains(p, lon * 1e6, lat * 1e6)) return p;
  return -1;
}

describe("compiled polygon layers", () => {
  it.each([
    ["inside the square with a hole", 1.025, 45.025, "QN03101M"],
    ["in the hole", 1.04, 45.04, null],
    ["in the first part of the multipolygon", 1.125, 45.015, "QN03102M"],
    ["in the second part", 1.145, 45.015, "QN03102M"],
    ["between the parts", 1.135, 45.015, null],
    ["in the left triangle of the bow-tie", 1.155, 45.075, "QN03103M"],
    ["in the right triangle", 1.185, 45.075, "QN03103M"],
    ["above the knot, between the triangles", 1.17, 45.085, null],
    ["overseas", -61.52, 16.17, "QN97101M"],
    ["far away", 3.0, 47.0, null],
  ])("answers a point %s", (_, lon, lat, code) => {
    const found = qpv.locate(lon * 1e6, lat * 1e6);
    expect(found < 0 ? null : qpv.header.codes[found]).toBe(code);
  });

  it("agrees with brute-force even-odd ray casting everywhere (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.99, max: 1.21, noNaN: true }),
        fc.double({ min: 44.99, max: 45.11, noNaN: true }),
        (lon, lat) => {
          expect(qpv.locate(lon * 1e6, lat * 1e6)).toBe(bruteForce(qpv, lon, lat));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("gives the exact distance to the nearest edge within the margin (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1.0, max: 1.2, noNaN: true }),
        fc.double({ min: 45.0, max: 45.1, noNaN: true }),
        (lon, lat) => {
          const kx = metresPerUnitX(lat);
          const ky = metresPerUnitY(lat);
          qpv.locate(lon * 1e6, lat * 1e6);
          const listed = qpv.nearestListedEdge(lon * 1e6, lat * 1e6, kx, ky, 100);
          let brute = Infinity;
          for (let p = 0; p < qpv.size; p++)
            brute = Math.min(brute, qpv.distanceToPolygon(p, lon * 1e6, lat * 1e6, kx, ky));
          if (brute <= 100) expect(listed).toBeCloseTo(brute, 6);
          else expect(listed).toBe(Infinity);
          expect(qpv.nearestEdgeDistance(lon * 1e6, lat * 1e6, kx, ky)).toBeCloseTo(brute, 6);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it("finds the commune of a shared border consistently: every point in exactly one of two adjacent squares", () => {
    const communes = compile(COMMUNE_FEATURES, 5);
    fc.assert(
      fc.property(
        fc.double({ min: 1.0001, max: 1.1999, noNaN: true }),
        fc.double({ min: 45.0001, max: 45.0999, noNaN: true }),
        (lon, lat) => {
          const found = communes.locate(lon * 1e6, lat * 1e6);
          expect(found).toBe(lon < 1.1 ? 0 : lon > 1.1 ? 1 : found);
        },
      ),
    );
  });

  it("refuses bytes that are not a layer", () => {
    expect(() => decodeLayer(new Uint8Array(16), "x")).toThrow(expect.objectContaining({ code: "data_integrity" }));
  });
});
