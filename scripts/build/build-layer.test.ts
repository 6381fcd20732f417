import { describe, expect, it } from "vitest";
import { decodeLayer } from "../../src/territory/_layer.js";
import { COMMUNE_FEATURES, QPV2024_FEATURES } from "../../src/territory/__fixtures__/territory.js";
import { buildLayer } from "./build-layer.js";

const OPTIONS = {
  layer: "t",
  dataset: "t",
  millesime: "t",
  accuracyM: 10,
  coarseDeg: 0.08,
  div: 8,
  marginM: 100,
  checkValidity: true,
} as const;

describe("buildLayer", () => {
  it("reports the self-intersecting bow-tie and keeps it", () => {
    const { report } = buildLayer(QPV2024_FEATURES, {
      layer: "t",
      dataset: "t",
      millesime: "t",
      accuracyM: 10,
      coarseDeg: 0.08,
      div: 8,
      marginM: 100,
      checkValidity: true,
    });
    expect(report.selfIntersecting).toBe(1);
    expect(report.polygons).toBe(4);
    expect(report.regions).toBe(2);
  });

  it("compiles the same features to the same bytes (deterministic), which decode to the same codes", () => {
    const a = buildLayer(QPV2024_FEATURES, OPTIONS).bytes;
    expect(buildLayer(QPV2024_FEATURES, OPTIONS).bytes).toEqual(a);
    expect(decodeLayer(a, "t").header.codes).toEqual(QPV2024_FEATURES.map((f) => f.code));
  });

  it("compiles an empty layer that decodes and answers no polygon", () => {
    const layer = decodeLayer(buildLayer([], OPTIONS).bytes, "empty");
    expect(layer.size).toBe(0);
    expect(layer.locate(1.1e6, 45.05e6)).toBe(-1);
  });

  it("drops rings of fewer than three distinct vertices and counts duplicate vertices", () => {
    const { report } = buildLayer(
      [
        ...COMMUNE_FEATURES,
        {
          code: "x",
          name: "degenerate",
          polygons: [
            [
              [
                [2, 46],
                [2, 46],
                [2.1, 46],
                [2, 46],
              ],
            ],
          ],
        },
      ],
      OPTIONS,
    );
    expect(report.droppedRings).toBe(1);
    expect(report.duplicateVertices).toBeGreaterThanOrEqual(1);
  });
});
