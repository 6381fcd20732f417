import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeLayer } from "../../src/territory/_layer.js";
import { WebDataTileIndex, tileKeyOf } from "../../src/territory/web-data-manifest.js";
import type { LayerFeatureInput } from "./build-layer.js";
import { buildWebData } from "./web-data.js";

const square = (code: string, lon: number, lat: number, size: number): LayerFeatureInput => ({
  code,
  name: "",
  polygons: [
    [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  ],
});
const layer = {
  layer: "communes",
  dataset: "communes-cog2026",
  millesime: "test",
  accuracyM: 100,
  coarseDeg: 0.08,
  div: 8,
  marginM: 100,
  storeNames: false,
};
const bytes = (text: string) => new TextEncoder().encode(text);

function build(communes: LayerFeatureInput[]) {
  return buildWebData(
    {
      buildManifest: bytes("{}"),
      communeTable: bytes('{"x":1}'),
      qpv2024: bytes("qpv2024"),
      qpv2015: bytes("qpv2015"),
      communes,
      communeLayer: layer,
    },
    { tileDeg: 0.5, bufferDeg: 0.02 },
  );
}

describe("buildWebData", () => {
  it("puts each commune in every tile its buffered box touches, with checksums of the decoded bytes", () => {
    // 31001 lies inside one tile; 31002 straddles the lon 1.5 edge; 31003 is 0.01 degree from the lat 43.5 edge.
    const { files, manifest, tiles } = build([
      square("31001", 1.1, 43.6, 0.1),
      square("31002", 1.45, 43.6, 0.1),
      square("31003", 1.1, 43.51, 0.05),
    ]);
    expect(Object.keys(tiles).sort()).toEqual(["2_86", "2_87", "3_87"]);
    expect(tiles["2_87"]).toMatchObject({ communes: 3, departements: ["31"], bbox: [1, 43.5, 1.5, 44] });
    expect(tiles["3_87"]!.communes).toBe(1);
    expect(tiles["2_86"]!.communes).toBe(1); // 31003, through the buffer
    for (const entry of [...Object.values(manifest.core), manifest.communes.index, ...Object.values(tiles)]) {
      const stored = files.get(entry.file)!;
      expect(stored.byteLength).toBe(entry.encodedBytes);
      const decoded = gunzipSync(stored);
      expect(decoded.byteLength).toBe(entry.bytes);
      expect(createHash("sha256").update(decoded).digest("hex")).toBe(entry.sha256);
    }
    const index = WebDataTileIndex.parse(JSON.parse(gunzipSync(files.get("communes/index.json.gz")!).toString("utf8")));
    expect(index.tiles).toEqual(tiles);
    expect(decodeLayer(gunzipSync(files.get("communes/3_87.bin.gz")!), "t").header.codes).toEqual(["31002"]);
    expect(manifest.build).toBe(createHash("sha256").update("{}").digest("hex"));
    expect(JSON.parse(new TextDecoder().decode(files.get("manifest.json")))).toEqual(manifest);
  });

  it("property: the tile of any point of a commune holds that commune", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 9, noNaN: true }),
        fc.double({ min: 41, max: 51, noNaN: true }),
        fc.double({ min: 0.001, max: 0.8, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lon, lat, size, u, v) => {
          const { tiles } = build([square("01001", lon, lat, size)]);
          const key = tileKeyOf(lon + u * size, lat + v * size, 0.5);
          expect(tiles[key]?.communes).toBe(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
