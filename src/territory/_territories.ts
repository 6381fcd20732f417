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
}

export const FRENCH_TERRITORIES: readonly FrenchTerritory[] = [
  { code: "metropole", name: "France métropolitaine", overseas: false, communeContours: true, ruralZoning: true, bbox: [-5.6, 41.2, 9.8, 51.2] },
  { code: "971", name: "Guadeloupe", overseas: true, communeContours: true, ruralZoning: true, bbox: [-61.9, 15.8, -60.9, 16.6] },
  { code: "972", name: "Martinique", overseas: true, communeContours: true, ruralZoning: true, bbox: [-61.3, 14.35, -60.75, 14.95] },
  { code: "973", name: "Guyane", overseas: true, communeContours: true, ruralZoning: true, bbox: [-54.7, 2.0, -51.5, 6.0] },
  { code: "974", name: "La Réunion", overseas: true, communeContours: true, ruralZoning: true, bbox: [55.15, -21.45, 55.9, -20.8] },
  { code: "976", name: "Mayotte", overseas: true, communeContours: true, ruralZoning: true, bbox: [44.9, -13.1, 45.35, -12.55] },
  { code: "975", name: "Saint-Pierre-et-Miquelon", overseas: true, communeContours: false, ruralZoning: false, bbox: [-56.55, 46.7, -56.05, 47.2] },
  { code: "977", name: "Saint-Barthélemy", overseas: true, communeContours: false, ruralZoning: false, bbox: [-62.97, 17.85, -62.75, 17.98] },
  { code: "978", name: "Saint-Martin", overseas: true, communeContours: false, ruralZoning: false, bbox: [-63.2, 18.0, -62.95, 18.15] },
  { code: "986", name: "Wallis-et-Futuna", overseas: true, communeContours: false, ruralZoning: false, bbox: [-178.3, -14.45, -176.0, -13.1] },
  { code: "987", name: "Polynésie française", overseas: true, communeContours: false, ruralZoning: false, bbox: [-154.8, -28.0, -134.8, -7.8] },
  { code: "988", name: "Nouvelle-Calédonie", overseas: true, communeContours: false, ruralZoning: false, bbox: [163.5, -22.8, 168.2, -19.5] },
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
