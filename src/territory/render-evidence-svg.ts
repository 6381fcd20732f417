import * as z from "zod/v4";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { escapeXml } from "../_lib/svg.js";
import { getZoneOutline, type ZoneOutline } from "./get-zone-outline.js";
import type { EligibilityResult } from "./schema.js";
import { isTerritoryData } from "./_territory-data-check.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/**
 * Draws the evidence of one answer as a standalone SVG map: the point, the nearest QPV outline, the commune
 * outline, a scale bar and a legend. No external resources (fonts, tiles): it opens anywhere, offline, and
 * shows in a web page as is (`element.innerHTML = svg`, or an `<img>` of a Blob URL).
 * @module
 */

const ZONE_OUTLINE = expecting(
  "a zone outline (a GeoJSON Feature from getZoneOutline)",
  "un contour de zone (une Feature GeoJSON de getZoneOutline)",
);

/** What {@link renderEvidenceSvg} draws: the result, and the outlines (or the data to find them in). */
const EvidenceMapSchema = z
  .object({
    /** The answer to draw (from `checkEligibility`). */
    result: z.custom<EligibilityResult>(
      (v) => typeof v === "object" && v !== null && "status" in v && "reasons" in v && "qpv" in v,
      expecting("an eligibility result", "un résultat d'éligibilité"),
    ),
    /** The territory data the outlines are read from, when `qpv` / `commune` are not given. */
    data: z
      .custom<TerritoryData>(
        isTerritoryData,
        expecting(
          "territory data from loadTerritoryData() or territoryDataFromBuffers()",
          "des données territoriales de loadTerritoryData() ou territoryDataFromBuffers()",
        ),
      )
      .optional(),
    /** The QPV outline to draw (default: the result's QPV, else the nearest one, from `data`). */
    qpv: z.custom<ZoneOutline>(isZoneOutline, ZONE_OUTLINE).nullable().optional(),
    /** The commune outline to draw (default: the result's commune, from `data`). */
    commune: z.custom<ZoneOutline>(isZoneOutline, ZONE_OUTLINE).nullable().optional(),
    /** Language of the legend. Default "fr". */
    lang: z.enum(["fr", "en"]).optional(),
  })
  .strict();
export type EvidenceMap = z.input<typeof EvidenceMapSchema>;

function isZoneOutline(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const o = v as { type?: unknown; bbox?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null };
  const properties = (v as { properties?: { code?: unknown; name?: unknown } | null }).properties;
  return (
    o.type === "Feature" &&
    Array.isArray(o.bbox) &&
    o.bbox.length === 4 &&
    (o.geometry?.type === "Polygon" || o.geometry?.type === "MultiPolygon") &&
    Array.isArray(o.geometry.coordinates) &&
    typeof properties?.code === "string" &&
    typeof properties.name === "string"
  );
}

/** Every ring of an outline (exteriors and holes: the path is filled by the even-odd rule). */
function ringsOf(outline: ZoneOutline): readonly (readonly [number, number])[][] {
  const { geometry } = outline;
  return geometry.type === "Polygon" ? geometry.coordinates : geometry.coordinates.flat();
}

const LABELS = {
  fr: {
    eligible: "ÉLIGIBLE",
    not_eligible: "NON ÉLIGIBLE",
    uncertain: "INCERTAIN",
    point: "Point",
    commune: "Commune",
    distance: "à {m} m du bord le plus proche",
  },
  en: {
    eligible: "ELIGIBLE",
    not_eligible: "NOT ELIGIBLE",
    uncertain: "UNCERTAIN",
    point: "Point",
    commune: "Commune",
    distance: "{m} m from the nearest edge",
  },
} as const;

/**
 * The outlines the evidence map of a result shows: its QPV (or the nearest one to its point) and its commune.
 * @param result - an eligibility result
 * @param data - the territory data the result was computed with
 * @returns the QPV and commune outlines, null where there is none
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility, evidenceOutlines } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const result = checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: "2025-03-01", data });
 * const { qpv, commune } = evidenceOutlines(result, data);
 * qpv?.properties.code; // => "QN03107M"
 * ```
 */
export function evidenceOutlines(
  result: EligibilityResult,
  data: TerritoryData,
): { qpv: ZoneOutline | null; commune: ZoneOutline | null } {
  const point = result.point;
  const layer = result.qpv.regime === "qpv2015" ? "qpv2015" : "qpv2024";
  const qpv =
    result.qpv.zone !== null
      ? getZoneOutline(data, { layer, code: result.qpv.zone.code })
      : point === null
        ? null
        : getZoneOutline(data, { layer, near: point });
  const byCode =
    result.commune === null ? null : getZoneOutline(data, { layer: "communes", code: result.commune.codeInsee });
  const found =
    byCode ?? (point === null ? null : getZoneOutline(data, { layer: "communes", near: point, maxDistanceM: 2000 }));
  // The contours layer carries codes only; names come from the commune lists (the result has it).
  const commune =
    found !== null &&
    found.properties.name === "" &&
    result.commune !== null &&
    found.properties.code === result.commune.codeInsee
      ? { ...found, properties: { ...found.properties, name: result.commune.name } }
      : found;
  return { qpv, commune };
}

const WIDTH = 800;
const MAP_HEIGHT = 560;
const LEGEND_HEIGHT = 120;
const COLOURS = {
  qpv: "#c0392b",
  commune: "#2c3e50",
  point: "#1565c0",
  eligible: "#1b7f3b",
  not_eligible: "#7f1b1b",
  uncertain: "#a66300",
} as const;

function niceLength(maxMetres: number): number {
  const power = 10 ** Math.floor(Math.log10(maxMetres));
  for (const step of [5, 2, 1]) if (step * power <= maxMetres) return step * power;
  return power;
}

/**
 * Renders the evidence map of an answer, in Node and in browsers. The view fits the point and the nearest QPV
 * (or the commune when there is no QPV nearby), at least 600 m across; the commune outline is drawn within
 * that view. Give the territory data (the outlines are looked up in it) or the outlines themselves.
 *
 * @param map - `result`; `data` or `qpv` / `commune` outlines; `lang` ("fr" by default, or "en")
 * @returns the SVG document (UTF-8 text starting with `<?xml`)
 * @throws {DeclicsError} `invalid_input` when the map is not a result with data or outlines
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility, renderEvidenceSvg } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const result = checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: "2025-03-01", data });
 * const svg = renderEvidenceSvg({ result, data }); // in a page: document.querySelector("#map")!.innerHTML = svg
 * svg.startsWith("<?xml"); // => true
 * ```
 * @category Evidence
 */
export function renderEvidenceSvg(map: EvidenceMap): string {
  const parsed = parseWith(EvidenceMapSchema, map, { module: "territory", what: "evidence map" });
  const result = parsed.result;
  const found =
    parsed.data !== undefined && (parsed.qpv === undefined || parsed.commune === undefined)
      ? evidenceOutlines(result, parsed.data)
      : { qpv: null, commune: null };
  const qpv = parsed.qpv === undefined ? found.qpv : parsed.qpv;
  const commune = parsed.commune === undefined ? found.commune : parsed.commune;
  const labels = LABELS[parsed.lang ?? "fr"];
  const frame = mapFrame(result.point, qpv, commune);
  const title = `${labels[result.status]} — ${result.on}`;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${MAP_HEIGHT + LEGEND_HEIGHT}" ` +
      `viewBox="0 0 ${WIDTH} ${MAP_HEIGHT + LEGEND_HEIGHT}" font-family="Arial, Helvetica, sans-serif" font-size="13">`,
    `<title>${escapeXml(title)}</title>`,
    ...mapLayers(frame, result.point, qpv, commune),
    ...scaleBarAndNorth(frame),
    ...legend(result, title, labels, qpv, commune),
    `</svg>`,
  ];
  return `${parts.join("\n")}\n`;
}

/** The map's projection to the screen: local metres around the point (or the QPV), scaled to fit the outlines. */
interface MapFrame {
  readonly span: number;
  readonly scale: number;
  toScreen(lon: number, lat: number): string;
}

function mapFrame(point: EligibilityResult["point"], qpv: ZoneOutline | null, commune: ZoneOutline | null): MapFrame {
  const centre =
    point ??
    (qpv ? { lon: (qpv.bbox[0] + qpv.bbox[2]) / 2, lat: (qpv.bbox[1] + qpv.bbox[3]) / 2 } : { lon: 2.35, lat: 46.5 });
  const kx = 111_320 * Math.cos((centre.lat * Math.PI) / 180);
  const ky = 110_574;
  const project = (lon: number, lat: number): [number, number] => [(lon - centre.lon) * kx, (lat - centre.lat) * ky];
  // Extent in local metres.
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  const outline = qpv ?? commune;
  if (outline !== null) {
    const [ax, ay] = project(outline.bbox[0], outline.bbox[1]);
    const [bx, by] = project(outline.bbox[2], outline.bbox[3]);
    minX = Math.min(minX, ax);
    minY = Math.min(minY, ay);
    maxX = Math.max(maxX, bx);
    maxY = Math.max(maxY, by);
  }
  const span = Math.max(maxX - minX, maxY - minY, 600) * 1.25;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const scale = Math.min(WIDTH / span, MAP_HEIGHT / span);
  const toScreen = (lon: number, lat: number): string => {
    const [x, y] = project(lon, lat);
    return `${(WIDTH / 2 + (x - cx) * scale).toFixed(1)},${(MAP_HEIGHT / 2 - (y - cy) * scale).toFixed(1)}`;
  };
  return { span, scale, toScreen };
}

/** The map: background, commune and QPV outlines, the point, and the frame. */
function mapLayers(
  frame: MapFrame,
  point: EligibilityResult["point"],
  qpv: ZoneOutline | null,
  commune: ZoneOutline | null,
): string[] {
  const path = (outline: ZoneOutline): string =>
    ringsOf(outline)
      .map((ring) => `M${ring.map(([lon, lat]) => frame.toScreen(lon, lat)).join("L")}Z`)
      .join("");
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${MAP_HEIGHT + LEGEND_HEIGHT}" fill="#ffffff"/>`,
    `<clipPath id="map"><rect width="${WIDTH}" height="${MAP_HEIGHT}"/></clipPath>`,
    `<g clip-path="url(#map)"><rect width="${WIDTH}" height="${MAP_HEIGHT}" fill="#f6f6f2"/>`,
  ];
  if (commune !== null) {
    parts.push(
      `<path d="${path(commune)}" fill="#e9ecef" fill-rule="evenodd" stroke="${COLOURS.commune}" ` +
        `stroke-width="2" stroke-dasharray="8 4"/>`,
    );
  }
  if (qpv !== null) {
    parts.push(
      `<path d="${path(qpv)}" fill="${COLOURS.qpv}" fill-opacity="0.18" fill-rule="evenodd" stroke="${COLOURS.qpv}" ` +
        `stroke-width="2.5"/>`,
    );
  }
  if (point !== null) {
    const [x, y] = frame.toScreen(point.lon, point.lat).split(",");
    parts.push(`<circle cx="${x}" cy="${y}" r="7" fill="${COLOURS.point}" stroke="#ffffff" stroke-width="2.5"/>`);
  }
  parts.push(`</g>`);
  parts.push(`<rect x="0.5" y="0.5" width="${WIDTH - 1}" height="${MAP_HEIGHT - 1}" fill="none" stroke="#999"/>`);
  return parts;
}

/** The scale bar (bottom left of the map) and the north arrow. */
function scaleBarAndNorth({ span, scale }: MapFrame): string[] {
  const barMetres = niceLength(span / 5);
  const barPixels = barMetres * scale;
  const barLabel = barMetres >= 1000 ? `${barMetres / 1000} km` : `${barMetres} m`;
  const by = MAP_HEIGHT - 24;
  return [
    `<g><rect x="14" y="${by - 18}" width="${(barPixels + 70).toFixed(1)}" height="30" fill="#ffffff" fill-opacity="0.85"/>` +
      `<path d="M20,${by}h${barPixels.toFixed(1)}M20,${by - 6}v6M${(20 + barPixels).toFixed(1)},${by - 6}v6" ` +
      `stroke="#000" stroke-width="2" fill="none"/>` +
      `<text x="${(26 + barPixels).toFixed(1)}" y="${by + 4}">${escapeXml(barLabel)}</text></g>`,
    `<g transform="translate(${WIDTH - 30},34)"><path d="M0,-18L7,6L0,1L-7,6Z" fill="#000"/>` +
      `<text y="22" text-anchor="middle">N</text></g>`,
  ];
}

/** The legend: the status and day, one row per thing drawn, and the sources. */
function legend(
  result: EligibilityResult,
  title: string,
  labels: (typeof LABELS)[keyof typeof LABELS],
  qpv: ZoneOutline | null,
  commune: ZoneOutline | null,
): string[] {
  const point = result.point;
  const ly = MAP_HEIGHT + 24;
  const parts = [
    `<text x="16" y="${ly}" font-size="17" font-weight="bold" fill="${COLOURS[result.status]}">${escapeXml(title)}</text>`,
  ];
  const rows: string[] = [];
  if (point !== null) {
    const text = `${labels.point} ${point.lon.toFixed(5)}, ${point.lat.toFixed(5)}`;
    rows.push(`<circle cx="24" cy="-4" r="6" fill="${COLOURS.point}"/><text x="40" y="0">${escapeXml(text)}</text>`);
  }
  if (qpv !== null) {
    const distance =
      qpv.properties.distanceM === null || qpv.properties.contains === true
        ? ""
        : ` — ${labels.distance.replace("{m}", String(Math.round(qpv.properties.distanceM)))}`;
    const text = `QPV ${qpv.properties.code} « ${qpv.properties.name} » (${qpv.properties.layer === "qpv2015" ? "2015" : "2024"})${distance}`;
    rows.push(
      `<rect x="16" y="-12" width="16" height="12" fill="${COLOURS.qpv}" fill-opacity="0.18" stroke="${COLOURS.qpv}" ` +
        `stroke-width="2"/><text x="40" y="0">${escapeXml(text)}</text>`,
    );
  }
  if (commune !== null) {
    const text = `${labels.commune} ${commune.properties.name} (${commune.properties.code})`;
    rows.push(
      `<rect x="16" y="-12" width="16" height="12" fill="#e9ecef" stroke="${COLOURS.commune}" stroke-width="2" ` +
        `stroke-dasharray="4 2"/><text x="40" y="0">${escapeXml(text)}</text>`,
    );
  }
  rows.forEach((row, i) => parts.push(`<g transform="translate(0,${ly + 26 + i * 22})">${row}</g>`));
  const sources = result.bases.map((b) => `${b.dataset} ${b.millesime}`).join(", ") || "QPV / communes (data/build)";
  parts.push(
    `<text x="${WIDTH - 16}" y="${MAP_HEIGHT + LEGEND_HEIGHT - 10}" text-anchor="end" font-size="10" fill="#666">` +
      `declics — ${escapeXml(sources)}</text>`,
  );
  return parts;
}
