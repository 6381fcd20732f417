import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { UNITS_PER_DEGREE, metresPerUnitX, metresPerUnitY, type PolygonLayer } from "./_layer.js";
import { isLayer } from "./_territory-data-check.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

const LayerInput = z.custom<PolygonLayer>(
  isLayer,
  "a layer of territory data from loadTerritoryData() or territoryDataFromBuffers()",
);

function layerOf(data: unknown, name: ZoneLayer): unknown {
  try {
    return typeof data === "object" && data !== null ? (data as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

/** The polygon layers an outline can come from. */
export const ZoneLayer = z.enum(["qpv2024", "qpv2015", "communes"]);
export type ZoneLayer = z.infer<typeof ZoneLayer>;

/** Which outline to get: a zone by code, or the zone nearest to a point (the one containing it, if any). */
export const ZoneOutlineQuery = z.union([
  z.object({ layer: ZoneLayer, code: z.string().min(1) }),
  z.object({
    layer: ZoneLayer,
    near: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
    /** Ignore zones farther than this, metres (default 20 km). */
    maxDistanceM: z.number().positive().optional(),
  }),
]);
export type ZoneOutlineQuery = z.infer<typeof ZoneOutlineQuery>;

/** A zone's outline, in WGS84, as compiled (quantised to 1e-6 degree; QPV 2024 is the simplified layer). */
export interface ZoneOutline {
  readonly layer: ZoneLayer;
  readonly code: string;
  readonly name: string;
  /** Closed rings of [lon, lat] (outer rings, holes and the parts of a multipolygon alike; even-odd). */
  readonly rings: readonly (readonly [number, number])[][];
  /** [minLon, minLat, maxLon, maxLat]. */
  readonly bbox: readonly [number, number, number, number];
  /** Distance in metres from the query point to the zone's edge (0 when inside); null for a query by code. */
  readonly distanceM: number | null;
  /** Whether the query point is inside the zone; null for a query by code. */
  readonly contains: boolean | null;
}

function outlineOf(
  layer: PolygonLayer,
  name: ZoneLayer,
  poly: number,
  distanceM: number | null,
  contains: boolean | null,
): ZoneOutline {
  const { coords, ringStart, polyRingStart, polyBbox } = layer;
  const rings: [number, number][][] = [];
  for (let r = polyRingStart[poly]!; r < polyRingStart[poly + 1]!; r++) {
    const ring: [number, number][] = [];
    for (let v = ringStart[r]!; v < ringStart[r + 1]!; v++)
      ring.push([coords[2 * v]! / UNITS_PER_DEGREE, coords[2 * v + 1]! / UNITS_PER_DEGREE]);
    rings.push(ring);
  }
  return {
    layer: name,
    code: layer.header.codes[poly] ?? "",
    name: layer.header.names[poly] ?? "",
    rings,
    bbox: [
      polyBbox[4 * poly]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 1]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 2]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 3]! / UNITS_PER_DEGREE,
    ],
    distanceM,
    contains,
  };
}

/**
 * Returns the outline of a QPV or a commune from the compiled territory data: by code, or the zone nearest to
 * a point (the zone containing it when there is one, else the one whose edge is closest). Used to draw the
 * evidence of an answer (the CLI's `check --svg`); the eligibility answer itself never depends on it.
 *
 * @param data - the territory data (`loadTerritoryData()` or `territoryDataFromBuffers`)
 * @param query - `{ layer, code }` or `{ layer, near: { lon, lat }, maxDistanceM? }`
 * @returns the outline, or null when no zone has that code or none lies within `maxDistanceM` (default 20 km)
 * @throws {DeclicsError} `invalid_input` when the data or the query is malformed
 * @example
 * ```ts
 * import { getZoneOutline } from "declics/territory";
 * import { loadTerritoryData } from "declics/data";
 *
 * const data = await loadTerritoryData();
 * getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.4025, lat: 43.5712 } })?.code;
 * // => "QN03107M"
 * ```
 * @category Evidence
 */
export function getZoneOutline(data: TerritoryData, query: ZoneOutlineQuery): ZoneOutline | null {
  const parsed = parseWith(ZoneOutlineQuery, query, { module: "territory", what: "zone outline query" });
  // Only the layer asked for is read: check that one (a fake data object gets invalid_input, not a TypeError).
  const layer = parseWith(LayerInput, layerOf(data, parsed.layer), {
    module: "territory",
    what: `territory data (${parsed.layer} layer)`,
  });
  if ("code" in parsed) {
    const poly = layer.byCode.get(parsed.code);
    return poly === undefined ? null : outlineOf(layer, parsed.layer, poly, null, null);
  }
  if (layer.size === 0) return null;
  const { lon, lat } = parsed.near;
  const maxM = parsed.maxDistanceM ?? 20_000;
  const x = Math.round(lon * UNITS_PER_DEGREE);
  const y = Math.round(lat * UNITS_PER_DEGREE);
  const kx = metresPerUnitX(lat);
  const ky = metresPerUnitY(lat);
  // Bounding-box order is only approximately metric (kx != ky), so look at a handful of candidates.
  const candidates = layer.index.neighbors(x, y, 24, maxM / Math.min(kx, ky));
  let best = -1;
  let bestDistance = Infinity;
  let bestInside = false;
  for (const poly of candidates) {
    if (layer.contains(poly, x, y)) {
      return outlineOf(layer, parsed.layer, poly, 0, true);
    }
    const d = layer.distanceToPolygon(poly, x, y, kx, ky);
    if (d < bestDistance) {
      best = poly;
      bestDistance = d;
      bestInside = false;
    }
  }
  if (best < 0 || bestDistance > maxM) return null;
  return outlineOf(layer, parsed.layer, best, bestDistance, bestInside);
}
