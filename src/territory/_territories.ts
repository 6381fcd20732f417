import { COM_ISLAND_BOXES, SAINT_MARTIN_FRENCH_PART, SINT_MAARTEN } from "./_com-land.js";

/**
 * French territories by bounding box: the first filter of every point (is it in France at all, and where).
 * Boxes are generous; the commune contours decide afterwards (a point in the mainland box but in Spain lies
 * on no commune and is reported outside France).
 * @module
 */

export interface FrenchTerritory {
  readonly code: string;
  readonly name: string;
  /** Overseas: QPV 2024 applies from 2025-01-01 there. */
  readonly overseas: boolean;
  /** Whether the commune contours cover it (mainland, Corsica and the five DROM). */
  readonly communeContours: boolean;
  /** Whether ZRR / FRR apply (mainland and DROM; not the collectivités d'outre-mer). */
  readonly ruralZoning: boolean;
  /** minLon, minLat, maxLon, maxLat. */
  readonly bbox: readonly [number, number, number, number];
  /** The legal time zone (IANA): a Date is read as a calendar day there. */
  readonly timeZone: string;
}

export const FRENCH_TERRITORIES: readonly FrenchTerritory[] = [
  {
    code: "metropole",
    name: "France métropolitaine",
    overseas: false,
    communeContours: true,
    ruralZoning: true,
    bbox: [-5.6, 41.2, 9.8, 51.2],
    timeZone: "Europe/Paris",
  },
  {
    code: "971",
    name: "Guadeloupe",
    overseas: true,
    communeContours: true,
    ruralZoning: true,
    bbox: [-61.9, 15.8, -60.9, 16.6],
    timeZone: "America/Guadeloupe",
  },
  {
    code: "972",
    name: "Martinique",
    overseas: true,
    communeContours: true,
    ruralZoning: true,
    bbox: [-61.3, 14.35, -60.75, 14.95],
    timeZone: "America/Martinique",
  },
  {
    code: "973",
    name: "Guyane",
    overseas: true,
    communeContours: true,
    ruralZoning: true,
    bbox: [-54.7, 2.0, -51.5, 6.0],
    timeZone: "America/Cayenne",
  },
  {
    code: "974",
    name: "La Réunion",
    overseas: true,
    communeContours: true,
    ruralZoning: true,
    bbox: [55.15, -21.45, 55.9, -20.8],
    timeZone: "Indian/Reunion",
  },
  {
    code: "976",
    name: "Mayotte",
    overseas: true,
    communeContours: true,
    ruralZoning: true,
    bbox: [44.9, -13.1, 45.35, -12.55],
    timeZone: "Indian/Mayotte",
  },
  {
    code: "975",
    name: "Saint-Pierre-et-Miquelon",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [-56.55, 46.7, -56.05, 47.2],
    timeZone: "America/Miquelon",
  },
  {
    code: "977",
    name: "Saint-Barthélemy",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [-62.97, 17.85, -62.75, 17.98],
    timeZone: "America/St_Barthelemy",
  },
  {
    code: "978",
    name: "Saint-Martin",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [-63.2, 18.0, -62.95, 18.15],
    timeZone: "America/Marigot",
  },
  {
    code: "986",
    name: "Wallis-et-Futuna",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [-178.3, -14.45, -176.0, -13.1],
    timeZone: "Pacific/Wallis",
  },
  {
    code: "987",
    name: "Polynésie française",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [-154.8, -28.0, -134.8, -7.8],
    timeZone: "Pacific/Tahiti",
  },
  {
    code: "988",
    name: "Nouvelle-Calédonie",
    overseas: true,
    communeContours: false,
    ruralZoning: false,
    bbox: [163.5, -22.8, 168.2, -19.5],
    timeZone: "Pacific/Noumea",
  },
];

/** Index of the territory whose box contains (lon, lat), or -1. */
export function territoryAt(lon: number, lat: number): number {
  const list = FRENCH_TERRITORIES;
  for (let i = 0; i < list.length; i++) {
    const b = list[i]!.bbox;
    if (lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3]) return i;
  }
  return -1;
}

/** Index of the mainland territory in {@link FRENCH_TERRITORIES}. */
export const MAINLAND = 0;

const byCode = new Map(FRENCH_TERRITORIES.map((t, i) => [t.code, i]));

/** Index of the territory of a commune code of today's geography (97xxx, 98xxx by prefix; the rest mainland). */
export function territoryOfCode(codeInsee: string): number {
  if (!codeInsee.startsWith("97") && !codeInsee.startsWith("98")) return MAINLAND;
  return byCode.get(codeInsee.slice(0, 3)) ?? MAINLAND;
}

/**
 * How far from the land of a collectivité without commune contours a point may lie and still be answered
 * (coast drawn at 1:10m, boats, islets missing at that scale). Beyond it: the open sea, `outside_france`.
 */
export const COM_LAND_MARGIN_M: Readonly<Record<string, number>> = {
  "975": 10_000,
  "977": 5_000,
  "978": 5_000,
  "986": 50_000,
  "987": 100_000,
  "988": 50_000,
};

/** Within this of the French part of Saint-Martin, a point of the Dutch part is still answered (1:10m border). */
export const SAINT_MARTIN_BORDER_MARGIN_M = 300;

const M_PER_DEGREE = 111_320;

function boxDistanceM(boxes: readonly number[], lon: number, lat: number): number {
  const kx = M_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (let i = 0; i < boxes.length; i += 4) {
    const dx = Math.max(boxes[i]! - lon, 0, lon - boxes[i + 2]!) * kx;
    const dy = Math.max(boxes[i + 1]! - lat, 0, lat - boxes[i + 3]!) * M_PER_DEGREE;
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

/** Metres from a point to a ring [lon, lat, ...] (0 inside), equirectangular: fine at island scale. */
function ringDistanceM(ring: readonly number[], lon: number, lat: number): number {
  const kx = M_PER_DEGREE * Math.cos((lat * Math.PI) / 180);
  let inside = false;
  let best = Infinity;
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[2 * i]!;
    const yi = ring[2 * i + 1]!;
    const xj = ring[2 * j]!;
    const yj = ring[2 * j + 1]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    const ax = (xi - lon) * kx;
    const ay = (yi - lat) * M_PER_DEGREE;
    const bx = (xj - lon) * kx;
    const by = (yj - lat) * M_PER_DEGREE;
    const ex = bx - ax;
    const ey = by - ay;
    const len = ex * ex + ey * ey;
    const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * ex + ay * ey) / len));
    best = Math.min(best, Math.hypot(ax + t * ex, ay + t * ey));
  }
  return inside ? 0 : best;
}

/**
 * Whether a point in the box of a collectivité without commune contours is on (or near) its land: false in
 * the open sea beyond the territory's margin, and on the Dutch side of Saint-Martin (Sint Maarten) more than
 * 300 m from the French part. Territories with commune contours are not asked (their contours decide).
 */
export function isOnComLand(territory: number, lon: number, lat: number): boolean {
  const code = FRENCH_TERRITORIES[territory]?.code ?? "";
  const boxes = COM_ISLAND_BOXES[code];
  if (boxes === undefined) return true;
  if (code === "978") {
    const french = ringDistanceM(SAINT_MARTIN_FRENCH_PART, lon, lat);
    if (french <= SAINT_MARTIN_BORDER_MARGIN_M) return true;
    if (ringDistanceM(SINT_MAARTEN, lon, lat) < french) return false;
    return french <= COM_LAND_MARGIN_M[code]!;
  }
  return boxDistanceM(boxes, lon, lat) <= COM_LAND_MARGIN_M[code]!;
}
