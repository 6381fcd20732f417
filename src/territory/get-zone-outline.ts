import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { UNITS_PER_DEGREE, metresPerUnitX, metresPerUnitY, type PolygonLayer } from "./_layer.js";
import { isTerritoryData } from "./_territory-data-check.js";
import { internalsOf } from "./_territory-internals.js";
import { geometryOfRings, type ZoneMultiPolygon, type ZonePolygon } from "./_zone-geometry.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

const LayerName = z.enum(["qpv2024", "qpv2015", "communes"]);

/** The polygon layers an outline can come from. */
export type ZoneLayer = z.infer<typeof LayerName>;

const Query = z.union([
  z.object({ layer: LayerName, code: z.string().min(1) }),
  z.object({
    layer: LayerName,
    near: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
    /** Ignore zones farther than this, metres (default 20 km). */
    maxDistanceM: z.number().positive().optional(),
  }),
]);

/** Which outline to get: a zone by code, or the zone nearest to a point (the one containing it, if any). */
export type ZoneOutlineQuery = z.input<typeof Query>;

const DataInput = z.custom<TerritoryData>(
  isTerritoryData,
  expecting(
    "territory data from loadTerritoryData() or territoryDataFromBuffers()",
    "des données territoriales de loadTerritoryData() ou territoryDataFromBuffers()",
  ),
);

/** What a {@link ZoneOutline} says of its zone, in `properties`. */
export interface ZoneOutlineProperties {
  /** The zone's code: a QPV code (`QN03107M`) or an INSEE commune code. */
  code: string;
  /** The zone's name (empty for communes in the contours layer: the eligibility result carries the name). */
  name: string;
  /** What the zone is. */
  kind: "qpv" | "commune";
  /** The layer it comes from (for a QPV: the 2015 or the 2024 list). */
  layer: ZoneLayer;
  /** Distance in metres from the query point to the zone's edge (0 when inside); null for a query by code. */
  distanceM: number | null;
  /** Whether the query point is inside the zone; null for a query by code. */
  contains: boolean | null;
}

/**
 * A zone's outline as a GeoJSON `Feature` (RFC 7946): a Polygon or MultiPolygon in WGS84 [lon, lat], exterior
 * rings counter-clockwise and holes clockwise, so Turf, MapLibre and Leaflet read it as is. Coordinates are the
 * compiled ones (quantised to 1e-6 degree; QPV 2024 is the simplified layer, about 10 m from the official edge).
 */
export interface ZoneOutline {
  type: "Feature";
  /** The zone's code (as `properties.code`). */
  id: string;
  /** [minLon, minLat, maxLon, maxLat]. */
  bbox: [number, number, number, number];
  geometry: ZonePolygon | ZoneMultiPolygon;
  properties: ZoneOutlineProperties;
}

function outlineOf(
  layer: PolygonLayer,
  name: ZoneLayer,
  poly: number,
  distanceM: number | null,
  contains: boolean | null,
): ZoneOutline | null {
  const { coords, ringStart, polyRingStart, polyBbox } = layer;
  const rings: Int32Array[] = [];
  for (let r = polyRingStart[poly]!; r < polyRingStart[poly + 1]!; r++)
    rings.push(coords.subarray(2 * ringStart[r]!, 2 * ringStart[r + 1]!));
  const geometry = geometryOfRings(rings, UNITS_PER_DEGREE);
  if (geometry === null) return null;
  const code = layer.header.codes[poly] ?? "";
  return {
    type: "Feature",
    id: code,
    bbox: [
      polyBbox[4 * poly]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 1]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 2]! / UNITS_PER_DEGREE,
      polyBbox[4 * poly + 3]! / UNITS_PER_DEGREE,
    ],
    geometry,
    properties: {
      code,
      name: layer.header.names[poly] ?? "",
      kind: name === "communes" ? "commune" : "qpv",
      layer: name,
      distanceM,
      contains,
    },
  };
}

/**
 * Returns the outline of a QPV or a commune as a GeoJSON `Feature` (RFC 7946 winding: exterior rings
 * counter-clockwise, holes clockwise), ready for Turf, MapLibre or Leaflet: by code, or the zone nearest to a
 * point (the zone containing it when there is one, else the one whose edge is closest). Used to draw the
 * evidence of an answer (`renderEvidenceSvg`, the CLI's `check --svg`); the eligibility answer itself never
 * depends on it. `properties` carry the zone's `code`, `name`, `kind` and `layer`, and for a query by point the
 * `distanceM` to its edge and whether it `contains` the point.
 *
 * @param data - the territory data (`loadTerritoryData()` or `territoryDataFromBuffers`)
 * @param query - `{ layer, code }` or `{ layer, near: { lon, lat }, maxDistanceM? }`
 * @returns the outline Feature, or null when no zone has that code, none lies within `maxDistanceM` (default
 *   20 km), or the zone has no perimeter in the compiled data (a few QPV 2024 zones)
 * @throws {DeclicsError} `invalid_input` when the data or the query is malformed
 * @example
 * ```ts
 * import { getZoneOutline } from "declics/territory";
 * import { loadTerritoryData } from "declics/data";
 *
 * const data = await loadTerritoryData();
 * const outline = getZoneOutline(data, { layer: "qpv2024", near: { lon: 1.4025, lat: 43.5712 } });
 * [outline?.properties.code, outline?.properties.contains, outline?.geometry.type];
 * // => ["QN03107M", true, "Polygon"]
 * // MapLibre: map.addSource("qpv", { type: "geojson", data: outline }); Leaflet: L.geoJSON(outline).addTo(map)
 * ```
 * @category Evidence
 */
export function getZoneOutline(data: TerritoryData, query: ZoneOutlineQuery): ZoneOutline | null {
  const parsed = parseWith(Query, query, { module: "territory", what: "zone outline query" });
  const checked = parseWith(DataInput, data, { module: "territory", what: "territory data" });
  const layer = internalsOf(checked)[parsed.layer];
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
