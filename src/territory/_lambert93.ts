/**
 * Lambert conformal conic (2 standard parallels) on an ellipsoid, and its Lambert-93 instance (EPSG:2154,
 * RGF93 on GRS80). RGF93 and WGS84 are treated as identical (they differ by a few centimetres).
 * Formulas from the EPSG Guidance Note 7-2 (method 9802), tested against its worked example.
 * @module
 */

const DEG = Math.PI / 180;

/** Parameters of a Lambert conformal conic 2SP projection. Angles in degrees, lengths in the projected unit. */
export interface LccParameters {
  readonly a: number;
  readonly invFlattening: number;
  readonly lat0: number;
  readonly lon0: number;
  readonly lat1: number;
  readonly lat2: number;
  readonly x0: number;
  readonly y0: number;
  /** Projected units per metre (1 for metres). */
  readonly unit?: number;
}

/** A prepared projection. */
export interface Lcc {
  forward(lon: number, lat: number): [number, number];
  inverse(x: number, y: number): [number, number];
}

/** Prepares a Lambert conformal conic 2SP projection. */
export function createLcc(p: LccParameters): Lcc {
  const f = 1 / p.invFlattening;
  const e2 = 2 * f - f * f;
  const e = Math.sqrt(e2);
  const unit = p.unit ?? 1;
  const a = p.a * unit;
  const m = (phi: number): number => Math.cos(phi) / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const t = (phi: number): number =>
    Math.tan(Math.PI / 4 - phi / 2) / ((1 - e * Math.sin(phi)) / (1 + e * Math.sin(phi))) ** (e / 2);
  const phi1 = p.lat1 * DEG;
  const phi2 = p.lat2 * DEG;
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (Math.log(t(phi1)) - Math.log(t(phi2)));
  const F = m(phi1) / (n * t(phi1) ** n);
  const rho0 = a * F * t(p.lat0 * DEG) ** n;
  const lambda0 = p.lon0 * DEG;
  return {
    forward(lon, lat) {
      const rho = a * F * t(lat * DEG) ** n;
      const theta = n * (lon * DEG - lambda0);
      return [p.x0 + rho * Math.sin(theta), p.y0 + rho0 - rho * Math.cos(theta)];
    },
    inverse(x, y) {
      const dx = x - p.x0;
      const dy = rho0 - (y - p.y0);
      const rho = Math.sign(n) * Math.sqrt(dx * dx + dy * dy);
      const tt = (rho / (a * F)) ** (1 / n);
      const theta = n > 0 ? Math.atan2(dx, dy) : Math.atan2(-dx, -dy);
      let phi = Math.PI / 2 - 2 * Math.atan(tt);
      for (let i = 0; i < 15; i++) {
        const s = e * Math.sin(phi);
        const next = Math.PI / 2 - 2 * Math.atan(tt * ((1 - s) / (1 + s)) ** (e / 2));
        if (Math.abs(next - phi) < 1e-14) {
          phi = next;
          break;
        }
        phi = next;
      }
      return [(theta / n + lambda0) / DEG, phi / DEG];
    },
  };
}

/** Lambert-93 (EPSG:2154). */
export const LAMBERT93 = createLcc({
  a: 6378137,
  invFlattening: 298.257222101,
  lat0: 46.5,
  lon0: 3,
  lat1: 49,
  lat2: 44,
  x0: 700000,
  y0: 6600000,
});

/** Valid area of Lambert-93 in projected metres (mainland France and Corsica, with a margin). */
export const LAMBERT93_BOUNDS = { minX: -400_000, minY: 5_900_000, maxX: 1_400_000, maxY: 7_300_000 } as const;
