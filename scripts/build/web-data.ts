import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { buildLayer, type LayerBuildOptions, type LayerFeatureInput } from "./build-layer.js";
import {
  WEB_DATA_FORMAT,
  WebDataManifest,
  WebDataTileIndex,
  tileKeyOf,
  type WebDataFile,
  type WebDataTile,
} from "../../src/territory/web-data-manifest.js";

/**
 * The web data (data/build/web/): the territory artefacts split for lazy loading by browsers and edge runtimes
 * (src/territory/create-territory-data-source.ts reads it).
 *
 * - The commune contours (30 MB, 35,000 polygons) are cut into square tiles of `tileDeg` degrees. A tile is a
 *   complete layer of every commune whose bounding box comes within `bufferDeg` of the tile, so a point of the
 *   tile is answered exactly as with the whole layer (membership, and every edge within the 100 m margin).
 * - The commune table and the two QPV layers are kept whole (0.4, 0.5 and 0.04 MB compressed).
 * - Every file is stored gzip-compressed (level 9): any static host sends the compressed bytes, whatever its
 *   configuration; the client decodes them with DecompressionStream and checks the sha256 of the decoded bytes.
 */

/** Tiling parameters. */
export interface WebDataOptions {
  readonly tileDeg: number;
  readonly bufferDeg: number;
}

/** Default tiling: half-degree tiles (about 55 x 40 km in the mainland), 0.02 degree buffer (at least 1.2 km). */
export const WEB_DATA_DEFAULTS: WebDataOptions = { tileDeg: 0.5, bufferDeg: 0.02 };

/** What {@link buildWebData} needs: the whole artefacts, and the commune features to tile. */
export interface WebDataInput {
  /** data/build/manifest.json as written (its sha256 identifies the data generation). */
  readonly buildManifest: Uint8Array;
  readonly communeTable: Uint8Array;
  readonly qpv2024: Uint8Array;
  readonly qpv2015: Uint8Array;
  readonly communes: readonly LayerFeatureInput[];
  /** The options the whole commune layer was compiled with (identity and grid). */
  readonly communeLayer: LayerBuildOptions;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function stored(file: string, bytes: Uint8Array, covers: string): { entry: WebDataFile; encoded: Uint8Array } {
  const encoded = new Uint8Array(gzipSync(bytes, { level: 9 }));
  return {
    entry: {
      file,
      sha256: sha256(bytes),
      bytes: bytes.byteLength,
      encoding: "gzip",
      encodedBytes: encoded.byteLength,
      covers,
    },
    encoded,
  };
}

/** Feature bounding box in degrees: minLon, minLat, maxLon, maxLat. */
function bboxOf(feature: LayerFeatureInput): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of feature.polygons) {
    for (const ring of polygon) {
      for (const point of ring) {
        const x = point[0]!;
        const y = point[1]!;
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
  }
  return b;
}

/** The département of a commune code (3 characters overseas). */
function departementOf(code: string): string {
  return code.startsWith("97") || code.startsWith("98") ? code.slice(0, 3) : code.slice(0, 2);
}

/** Groups feature indices by tile key. */
function assignTiles(features: readonly LayerFeatureInput[], options: WebDataOptions): Map<string, number[]> {
  const tiles = new Map<string, number[]>();
  features.forEach((feature, index) => {
    const b = bboxOf(feature);
    if (!Number.isFinite(b[0])) return;
    const [x0, y0] = tileKeyOf(b[0] - options.bufferDeg, b[1] - options.bufferDeg, options.tileDeg)
      .split("_")
      .map(Number) as [number, number];
    const [x1, y1] = tileKeyOf(b[2] + options.bufferDeg, b[3] + options.bufferDeg, options.tileDeg)
      .split("_")
      .map(Number) as [number, number];
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const key = `${x}_${y}`;
        let list = tiles.get(key);
        if (list === undefined) tiles.set(key, (list = []));
        list.push(index);
      }
    }
  });
  return tiles;
}

/**
 * Splits the territory artefacts for the web.
 * @returns the files to write under data/build/web (path -> bytes, manifest.json included) and the manifest
 */
export function buildWebData(
  input: WebDataInput,
  options: WebDataOptions = WEB_DATA_DEFAULTS,
): { files: Map<string, Uint8Array>; manifest: WebDataManifest; tiles: WebDataTileIndex["tiles"] } {
  const files = new Map<string, Uint8Array>();
  const put = (file: string, bytes: Uint8Array, covers: string): WebDataFile => {
    const { entry, encoded } = stored(file, bytes, covers);
    files.set(file, encoded);
    return entry;
  };
  const core = {
    communeTable: put(
      "commune-table.json.gz",
      input.communeTable,
      "every commune: codes, names, postcodes, ZRR, FRR, QPV per commune",
    ),
    qpv2024: put("qpv2024.layer.bin.gz", input.qpv2024, "QPV 2024 perimeters, all of France"),
    qpv2015: put("qpv2015-occitanie.layer.bin.gz", input.qpv2015, "QPV 2015 perimeters, Occitanie"),
  };
  const tiles: Record<string, WebDataTile> = {};
  const side = options.tileDeg;
  for (const [key, indices] of [...assignTiles(input.communes, options)].sort(([a], [b]) => a.localeCompare(b))) {
    const subset = indices.map((i) => input.communes[i]!);
    const { bytes } = buildLayer(subset, input.communeLayer);
    const [ix, iy] = key.split("_").map(Number) as [number, number];
    const departements = [...new Set(subset.map((f) => departementOf(f.code)))].sort();
    const { covers: _covers, ...entry } = put(`communes/${key}.bin.gz`, bytes, "");
    tiles[key] = {
      ...entry,
      bbox: [ix * side, iy * side, (ix + 1) * side, (iy + 1) * side],
      communes: subset.length,
      departements,
    };
  }
  const tileIndex = WebDataTileIndex.parse({ format: WEB_DATA_FORMAT, tiles });
  const index = put(
    "communes/index.json.gz",
    new TextEncoder().encode(JSON.stringify(tileIndex)),
    `index of the ${Object.keys(tiles).length} commune tiles`,
  );
  const manifest = WebDataManifest.parse({
    format: WEB_DATA_FORMAT,
    build: sha256(input.buildManifest),
    core,
    communes: {
      tileDeg: options.tileDeg,
      bufferDeg: options.bufferDeg,
      marginM: input.communeLayer.marginM,
      index,
      tileCount: Object.keys(tiles).length,
    },
  });
  files.set("manifest.json", new TextEncoder().encode(`${JSON.stringify(manifest)}\n`));
  return { files, manifest, tiles };
}
