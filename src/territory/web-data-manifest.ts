import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";

/**
 * The manifest of the web data (`data/build/web/manifest.json`): the compiled territory data split for lazy
 * loading in browsers and edge runtimes. Isomorphic: read by {@link createTerritoryDataSource}, written by the
 * data build (scripts/build/web-data.ts).
 * @module
 */

/** Format version of the web data; bumped when the layout or the tiling changes. */
export const WEB_DATA_FORMAT = 1;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "64 lowercase hex digits");

/** One file of the web data. */
export const WebDataFile = z.object({
  /** Path relative to the manifest, e.g. `"communes/4_97.bin.gz"`. */
  file: z
    .string()
    .regex(/^[a-z0-9_./-]+$/i, "a relative path of letters, digits, _ . / -")
    .refine((f) => !f.split("/").includes(".."), expecting("a path without a .. segment", "un chemin sans segment ..")),
  /** sha256 of the decoded bytes (what the engine reads). */
  sha256: Sha256,
  /** Size of the decoded bytes. */
  bytes: z.number().int().nonnegative(),
  /** How the file is stored: gzip (decoded in the client with DecompressionStream), or as is. */
  encoding: z.enum(["gzip", "identity"]),
  /** Size of the file as stored (what a static host sends). */
  encodedBytes: z.number().int().nonnegative(),
  /** What it covers, in words. */
  covers: z.string(),
});
export type WebDataFile = z.infer<typeof WebDataFile>;

/** One tile of the commune contours: a complete layer of every commune within `bufferDeg` of the tile. */
export const WebDataTile = WebDataFile.omit({ covers: true }).extend({
  /** minLon, minLat, maxLon, maxLat of the tile (half-open: a point on the max edge belongs to the next tile). */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Number of commune polygons in the tile. */
  communes: z.number().int().nonnegative(),
  /** Départements (or collectivités) whose communes it holds. */
  departements: z.array(z.string()),
});
export type WebDataTile = z.infer<typeof WebDataTile>;

/** The tile index (`communes/index.json.gz`): every commune tile by key. */
export const WebDataTileIndex = z.object({
  format: z.literal(WEB_DATA_FORMAT),
  /** Tiles by key; a key with no tile has no commune within the buffer (sea, abroad). */
  tiles: z.record(z.string().regex(/^-?\d+_-?\d+$/), WebDataTile),
});
export type WebDataTileIndex = z.infer<typeof WebDataTileIndex>;

/** data/build/web/manifest.json: small, so a commune-code-only app downloads little more than the commune table. */
export const WebDataManifest = z.object({
  format: z.literal(WEB_DATA_FORMAT),
  /** sha256 of data/build/manifest.json the web data was split from (changes whenever the data changes). */
  build: Sha256,
  /** The files every check needs (commune table), or every point check needs (QPV layers). */
  core: z.object({ communeTable: WebDataFile, qpv2024: WebDataFile, qpv2015: WebDataFile }),
  communes: z.object({
    /** Tile side, degrees: the tile of a point is `${floor(lon / tileDeg)}_${floor(lat / tileDeg)}` (in 1e-6 degree units). */
    tileDeg: z.number().positive(),
    /** Every commune within this many degrees of a tile is in it: answers near a tile edge are exact. */
    bufferDeg: z.number().nonnegative(),
    /** Contours grid parameters shared by all tiles. */
    marginM: z.number().nonnegative(),
    /** The tile index file ({@link WebDataTileIndex}), fetched for the first point. */
    index: WebDataFile,
    /** Number of tiles. */
    tileCount: z.number().int().nonnegative(),
  }),
});
export type WebDataManifest = z.infer<typeof WebDataManifest>;

/** Units (1e-6 degree) per degree, as in the layer format. */
const UNITS = 1_000_000;

/**
 * The key of the commune tile holding a WGS84 point, for a tile side in degrees. Integer arithmetic on
 * 1e-6 degree units, so the build and every client agree on points exactly on a tile edge.
 * @param lon - longitude, degrees
 * @param lat - latitude, degrees
 * @param tileDeg - tile side, degrees
 * @returns the key, e.g. `"4_97"`
 */
export function tileKeyOf(lon: number, lat: number, tileDeg: number): string {
  const side = Math.round(tileDeg * UNITS);
  return `${Math.floor(Math.round(lon * UNITS) / side)}_${Math.floor(Math.round(lat * UNITS) / side)}`;
}
