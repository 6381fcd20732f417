/**
 * GeoJSON geometry of a zone from rings read by the even-odd rule. The compiled layers store each zone as a
 * bag of closed rings (outer rings, holes, islands in holes, in any orientation); GeoJSON (RFC 7946) wants
 * polygons whose first ring is the exterior, counter-clockwise, followed by its holes, clockwise. Nesting is
 * found exactly on the integer coordinates of the layer (1e-6 degree units), so a vertex shared by two rings
 * never decides anything.
 * @module
 */

/** A GeoJSON position: [longitude, latitude] in degrees (WGS84). */
export type GeoJsonPosition = [number, number];

/** A GeoJSON Polygon: the exterior ring (counter-clockwise) then its holes (clockwise), each closed. */
export interface ZonePolygon {
  type: "Polygon";
  coordinates: GeoJsonPosition[][];
}

/** A GeoJSON MultiPolygon: several polygons, each as in {@link ZonePolygon}. */
export interface ZoneMultiPolygon {
  type: "MultiPolygon";
  coordinates: GeoJsonPosition[][][];
}

/** One ring as integer coordinates: x0, y0, x1, y1… closed (the first vertex repeated at the end). */
export type IntRing = Int32Array;

/** Twice the signed area (positive: counter-clockwise, x east and y north). */
export function signedArea2(ring: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i + 3 < ring.length; i += 2) sum += ring[i]! * ring[i + 3]! - ring[i + 2]! * ring[i + 1]!;
  return sum;
}

/** 1 inside, 0 on the boundary, -1 outside (crossing number with exact integer arithmetic). */
function locate(ring: IntRing, px: number, py: number): number {
  let inside = false;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    const ax = ring[i]!;
    const ay = ring[i + 1]!;
    const bx = ring[i + 2]!;
    const by = ring[i + 3]!;
    const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    if (
      cross === 0 &&
      px >= Math.min(ax, bx) &&
      px <= Math.max(ax, bx) &&
      py >= Math.min(ay, by) &&
      py <= Math.max(ay, by)
    )
      return 0;
    if (ay > py !== by > py && cross > 0 === by > ay) inside = !inside;
  }
  return inside ? 1 : -1;
}

/** Whether ring `inner` lies inside ring `outer` (rings do not cross; shared vertices are allowed). */
function contains(outer: IntRing, inner: IntRing): boolean {
  for (let i = 0; i + 1 < inner.length; i += 2) {
    const where = locate(outer, inner[i]!, inner[i + 1]!);
    if (where !== 0) return where > 0;
  }
  // Every vertex on the other ring's boundary: the same ring twice, which even-odd cancels; call it outside.
  return false;
}

function bboxOf(ring: IntRing): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    minX = Math.min(minX, ring[i]!);
    maxX = Math.max(maxX, ring[i]!);
    minY = Math.min(minY, ring[i + 1]!);
    maxY = Math.max(maxY, ring[i + 1]!);
  }
  return [minX, minY, maxX, maxY];
}

/** For each ring, the rings that contain it (bounding boxes first, then an exact test). */
function containersOf(rings: readonly IntRing[]): number[][] {
  const boxes = rings.map(bboxOf);
  return rings.map((ring, i) => {
    const [ax, ay, bx, by] = boxes[i]!;
    const found: number[] = [];
    rings.forEach((other, j) => {
      const [cx, cy, dx, dy] = boxes[j]!;
      if (j !== i && cx <= ax && cy <= ay && dx >= bx && dy >= by && contains(other, ring)) found.push(j);
    });
    return found;
  });
}

function toPositions(ring: IntRing, unitsPerDegree: number, counterClockwise: boolean): GeoJsonPosition[] {
  const positions: GeoJsonPosition[] = [];
  for (let i = 0; i + 1 < ring.length; i += 2)
    positions.push([ring[i]! / unitsPerDegree, ring[i + 1]! / unitsPerDegree]);
  if (signedArea2(ring) > 0 !== counterClockwise) positions.reverse();
  return positions;
}

/**
 * Turns even-odd rings into a GeoJSON Polygon (one exterior) or MultiPolygon: a ring inside an even number of
 * others is an exterior, inside an odd number a hole of the innermost exterior containing it. Rings with no
 * area (fewer than 4 positions, or collinear) bound nothing and are left out. Null when no ring is left.
 */
export function geometryOfRings(
  rings: readonly IntRing[],
  unitsPerDegree: number,
): ZonePolygon | ZoneMultiPolygon | null {
  const kept = rings.filter((ring) => ring.length >= 8 && signedArea2(ring) !== 0);
  const containers = containersOf(kept);
  const depth = containers.map((c) => c.length);
  const polygons = new Map<number, GeoJsonPosition[][]>();
  kept.forEach((ring, i) => {
    if (depth[i]! % 2 === 0) polygons.set(i, [toPositions(ring, unitsPerDegree, true)]);
  });
  kept.forEach((ring, i) => {
    if (depth[i]! % 2 === 0) return;
    const parent = containers[i]!.find((j) => depth[j] === depth[i]! - 1);
    if (parent !== undefined) polygons.get(parent)!.push(toPositions(ring, unitsPerDegree, false));
  });
  const all = [...polygons.values()];
  if (all.length === 0) return null;
  return all.length === 1 ? { type: "Polygon", coordinates: all[0]! } : { type: "MultiPolygon", coordinates: all };
}
