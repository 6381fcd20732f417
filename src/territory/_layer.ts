import { Flatbush, type SpatialIndex } from "./_flatbush.js";
import { DeclicsError, type Expectation } from "../errors.js";
import { rule } from "../_lib/messages-vocabulary.js";

/**
 * Compiled polygon layers (QPV 2024, QPV 2015 Occitanie, commune contours): the binary format, its decoder and
 * the point queries. Isomorphic: no Node APIs.
 *
 * Layout of one `.bin` artefact (little endian):
 *   bytes 0-3  magic "DCLP"; 4-7 format version (u32); 8-11 header length (u32); header JSON (UTF-8);
 *   zero padding to a multiple of 8; then the typed arrays listed in `header.arrays`, each 8-byte aligned.
 *
 * Coordinates are quantised to 1e-6 degree ("units") in Int32. Each polygon (feature) is a set of closed rings
 * (outer rings, holes and the parts of a multipolygon alike): even-odd ray casting over all of them decides
 * membership, which is also what makes self-intersecting geometries usable without repair.
 *
 * Each region (metropole, each overseas territory) has a two-level uniform grid. A coarse cell is either pure
 * (value >= 0: polygon index + 1, or 0 for "in no polygon") or points to a block of B x B fine cells (value < 0).
 * A fine cell is pure too, or "mixed" (value < 0): it then lists, grouped by polygon, every edge within
 * `marginM` metres of the cell, and the polygon containing its reference point (fixed, computed at build time).
 * A point in a mixed cell is answered by counting, per polygon, the edges crossed by the segment from the
 * reference point to the point; the same edge lists give the exact distance to every edge within the margin.
 * @module
 */

export const LAYER_MAGIC = 0x504c4344; // "DCLP" read as little-endian u32
export const LAYER_FORMAT_VERSION = 3;
/** Quantisation: units per degree. */
export const UNITS_PER_DEGREE = 1_000_000;
/** Offsets of the reference point of a fine cell from the cell centre, in units (never on an integer vertex line). */
export const REF_DX = 0.29;
export const REF_DY = 0.37;

/** A region grid as described in the header. */
export interface RegionHeader {
  readonly name: string;
  /** Bounding box of the region's polygons, units: minX, minY, maxX, maxY. */
  readonly bbox: readonly [number, number, number, number];
  readonly x0: number;
  readonly y0: number;
  /** Coarse cell size in units. */
  readonly coarse: number;
  /** Fine cells per coarse cell side. */
  readonly div: number;
  readonly ncx: number;
  readonly ncy: number;
}

/** The JSON header of a layer artefact. */
export interface LayerHeader {
  readonly layer: string;
  /** Dataset id in data/sources.json. */
  readonly dataset: string;
  readonly millesime: string;
  /** Stated positional accuracy of the source, metres (null when unknown). */
  readonly accuracyM: number | null;
  /** Every edge within this distance of a fine cell is listed in it. */
  readonly marginM: number;
  readonly codes: readonly string[];
  readonly names: readonly string[];
  /** Per polygon, the commune codes it cites (QPV layers), else empty. */
  readonly communes: readonly (readonly string[])[];
  readonly regions: readonly RegionHeader[];
  readonly arrays: readonly { readonly name: string; readonly type: "i32" | "u32" | "u16"; readonly length: number }[];
  /** Build findings (invalid geometries, repairs), for the record. */
  readonly report: Readonly<Record<string, number>>;
}

/** The header as stored: code, name and commune lists joined with "|" (and "," within a commune list). */
export interface RawLayerHeader extends Omit<LayerHeader, "codes" | "names" | "communes"> {
  readonly codes: string;
  readonly names: string;
  readonly communes: string;
}

/** A decoded grid of one region. */
export interface RegionGrid extends RegionHeader {
  readonly fine: number;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly coarseCells: Int32Array;
  readonly fineCells: Int32Array;
  readonly mixedRef: Int32Array;
  readonly mixedStart: Uint32Array;
  /** Per mixed cell, groups [polygon, n, n edge starts relative to the polygon's first vertex]. */
  readonly groups: Uint16Array | Int32Array;
}

/** A decoded polygon layer, ready to query. */
export interface PolygonLayer {
  readonly header: LayerHeader;
  readonly size: number;
  /** Interleaved x, y in units; rings are closed (first vertex repeated). */
  readonly coords: Int32Array;
  /** Vertex index where each ring starts; length rings + 1. */
  readonly ringStart: Uint32Array;
  /** Ring index where each polygon starts; length polygons + 1. */
  readonly polyRingStart: Uint32Array;
  /** Index of each polygon's first vertex (edge references in the grid are relative to it). */
  readonly polyVertexStart: Uint32Array;
  /** minX, minY, maxX, maxY per polygon, units. */
  readonly polyBbox: Int32Array;
  readonly regions: readonly RegionGrid[];
  /** Packed static index over polygon bounding boxes (built at load). */
  readonly index: SpatialIndex;
  /** Polygon index by code. */
  readonly byCode: ReadonlyMap<string, number>;
}

function corrupt(layer: string, expected: Expectation, received: string): DeclicsError<"data_integrity"> {
  return new DeclicsError({
    code: "data_integrity",
    module: "territory",
    details: { dataset: layer, expected, received },
  });
}

const NO_CODES: readonly string[] = Object.freeze([]);

/** Rebuilds the Int32 coordinates from the 16-bit delta stream (see _build-layer.ts). */
function decodeCoords(raw: Uint16Array, escapes: Int32Array, ringStart: Uint32Array, name: string): Int32Array {
  const deltas = new Int16Array(raw.buffer, raw.byteOffset, raw.length);
  const n = deltas.length;
  const coords = new Int32Array(n);
  let e = 0;
  let x = 0;
  let y = 0;
  for (let k = 0; k < n; k += 2) {
    const dx = deltas[k]!;
    const dy = deltas[k + 1]!;
    x = dx === -32768 ? escapes[e++]! : x + dx;
    y = dy === -32768 ? escapes[e++]! : y + dy;
    coords[k] = x;
    coords[k + 1] = y;
  }
  if (e !== escapes.length || n !== 2 * ringStart[ringStart.length - 1]!)
    throw corrupt(
      name,
      rule(`${escapes.length} coordinate escapes`, `${escapes.length} échappements de coordonnées`),
      `${e}`,
    );
  return coords;
}

/**
 * Decodes a layer artefact. Typed arrays are views on the bytes when they are aligned (no copy). Any failure
 * to decode (bad JSON header, arrays that do not fit) is a corrupt artefact: `data_integrity`, never a
 * SyntaxError or RangeError.
 */
export function decodeLayer(bytes: Uint8Array, name: string): PolygonLayer {
  try {
    return decodeLayerUnchecked(bytes, name);
  } catch (error) {
    if (error instanceof DeclicsError) throw error;
    throw corrupt(
      name,
      rule("a DCLP layer that decodes", "une couche DCLP décodable"),
      error instanceof Error ? error.name : "undefined",
    );
  }
}

function decodeLayerUnchecked(bytes: Uint8Array, name: string): PolygonLayer {
  if (bytes.byteLength < 12) throw corrupt(name, { kind: "range", origin: "file", min: 12 }, String(bytes.byteLength));
  // Views need 4-byte alignment of the underlying buffer; copy once if the caller's bytes are not aligned.
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  const magic = view.getUint32(0, true);
  if (magic !== LAYER_MAGIC)
    throw corrupt(name, rule("the magic number DCLP", "le nombre magique DCLP"), `0x${magic.toString(16)}`);
  const version = view.getUint32(4, true);
  if (version !== LAYER_FORMAT_VERSION)
    throw corrupt(name, { kind: "one_of", values: [LAYER_FORMAT_VERSION] }, String(version));
  const headerLength = view.getUint32(8, true);
  const raw = JSON.parse(new TextDecoder().decode(aligned.subarray(12, 12 + headerLength))) as RawLayerHeader;
  const codes = raw.codes === "" ? [] : raw.codes.split("|");
  const header: LayerHeader = {
    ...raw,
    codes,
    names: raw.names === "" ? new Array<string>(codes.length).fill("") : raw.names.split("|"),
    communes:
      raw.communes === ""
        ? new Array<readonly string[]>(codes.length).fill(NO_CODES)
        : raw.communes.split("|").map((list) => (list === "" ? NO_CODES : list.split(","))),
  };
  let offset = Math.ceil((12 + headerLength) / 8) * 8;
  const arrays = new Map<string, Int32Array | Uint32Array | Uint16Array>();
  for (const spec of header.arrays) {
    const byteLength = spec.length * (spec.type === "u16" ? 2 : 4);
    if (offset + byteLength > aligned.byteLength)
      throw corrupt(
        name,
        rule(`array ${spec.name} of ${spec.length} items`, `le tableau ${spec.name} de ${spec.length} éléments`),
        String(bytes.byteLength),
      );
    const start = aligned.byteOffset + offset;
    const buffer = aligned.buffer as ArrayBuffer;
    arrays.set(
      spec.name,
      spec.type === "i32"
        ? new Int32Array(buffer, start, spec.length)
        : spec.type === "u16"
          ? new Uint16Array(buffer, start, spec.length)
          : new Uint32Array(buffer, start, spec.length),
    );
    offset += Math.ceil(byteLength / 8) * 8;
  }
  const get = <T extends Int32Array | Uint32Array | Uint16Array>(key: string): T => {
    const array = arrays.get(key);
    if (array === undefined) throw corrupt(name, rule(`array ${key}`, `le tableau ${key}`), "undefined");
    return array as T;
  };
  const polyBbox = get<Int32Array>("polyBbox");
  const size = header.codes.length;
  // The packed index was built at compile time: reopening it is O(1).
  const indexData = get<Uint32Array>("index");
  const index = Flatbush.from(indexData.buffer as ArrayBuffer, indexData.byteOffset);
  // Built on first use: the commune layer's 35,000 codes are rarely looked up by code.
  let byCode: Map<string, number> | undefined;
  const codeIndex = (): Map<string, number> => {
    if (byCode === undefined) {
      byCode = new Map();
      header.codes.forEach((code, i) => byCode!.set(code, i));
    }
    return byCode;
  };
  const regions = header.regions.map((region, r): RegionGrid => {
    const fine = region.coarse / region.div;
    return {
      ...region,
      fine,
      minX: region.x0,
      minY: region.y0,
      maxX: region.x0 + region.ncx * region.coarse,
      maxY: region.y0 + region.ncy * region.coarse,
      coarseCells: get<Int32Array>(`r${r}.coarse`),
      fineCells: get<Int32Array>(`r${r}.fine`),
      mixedRef: get<Int32Array>(`r${r}.mixedRef`),
      mixedStart: get<Uint32Array>(`r${r}.mixedStart`),
      groups: get<Uint16Array | Int32Array>(`r${r}.groups`),
    };
  });
  const ringStart = get<Uint32Array>("ringStart");
  const polyRingStart = get<Uint32Array>("polyRingStart");
  const polyVertexStart = new Uint32Array(size);
  for (let p = 0; p < size; p++) polyVertexStart[p] = ringStart[polyRingStart[p]!]!;
  return {
    header,
    size,
    coords: decodeCoords(get<Uint16Array>("coordDeltas"), get<Int32Array>("coordEscapes"), ringStart, name),
    ringStart,
    polyRingStart,
    polyVertexStart,
    polyBbox,
    regions,
    index,
    get byCode() {
      return codeIndex();
    },
  };
}

const DEG = Math.PI / 180;
const GRS80_A = 6378137;
const GRS80_E2 = 0.0066943800229;

// Scale factors tabulated every 0.01 degree of latitude (relative change per step < 3e-4): one load per point.
const SCALE_STEPS = 18001;
const SCALE_X = new Float64Array(SCALE_STEPS);
const SCALE_Y = new Float64Array(SCALE_STEPS);

/** Metres per unit along x and y at a latitude, from the table (for the hot path). */
export function scaleX(latDeg: number): number {
  return SCALE_X[Math.round((latDeg + 90) * 100)]!;
}
export function scaleY(latDeg: number): number {
  return SCALE_Y[Math.round((latDeg + 90) * 100)]!;
}

/** Metres per unit along x (longitude) at a latitude, on GRS80. */
export function metresPerUnitX(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (((GRS80_A * Math.cos(latDeg * DEG)) / Math.sqrt(1 - GRS80_E2 * s * s)) * DEG) / UNITS_PER_DEGREE;
}

/** Metres per unit along y (latitude) at a latitude, on GRS80. */
export function metresPerUnitY(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  const w = 1 - GRS80_E2 * s * s;
  return (((GRS80_A * (1 - GRS80_E2)) / (w * Math.sqrt(w))) * DEG) / UNITS_PER_DEGREE;
}

for (let i = 0; i < SCALE_STEPS; i++) {
  SCALE_X[i] = metresPerUnitX(i / 100 - 90);
  SCALE_Y[i] = metresPerUnitY(i / 100 - 90);
}

/** Query modes for {@link queryLayer}. */
export const enum DistanceMode {
  /** Membership only. */
  None = 0,
  /** Also the distance to the nearest listed edge of any polygon. */
  Any = 1,
  /** Also the distance to the nearest listed edge of a polygon whose status differs from the found one's. */
  DifferentStatus = 2,
}

/**
 * Which polygon contains (x, y) (units), and optionally the distance in metres to the nearest edge if it is
 * within `maxM` (which must not exceed the layer's margin). Writes out[0] = polygon index or -1, out[1] = distance (Infinity when no edge is within the
 * margin, or not asked), out[2] = 1 when the point is inside a grid region, else 0, out[3] = the polygon owning
 * that nearest edge (-1 if none). No allocation.
 */
export function queryLayer(
  layer: PolygonLayer,
  x: number,
  y: number,
  mode: DistanceMode,
  status: Uint8Array | null,
  kx: number,
  ky: number,
  maxM: number,
  out: Float64Array,
): void {
  out[0] = -1;
  out[1] = Infinity;
  out[2] = 0;
  out[3] = -1;
  const regions = layer.regions;
  for (let r = 0; r < regions.length; r++) {
    const g = regions[r]!;
    if (x < g.minX || x >= g.maxX || y < g.minY || y >= g.maxY) continue;
    out[2] = 1;
    const cx = Math.floor((x - g.x0) / g.coarse);
    const cy = Math.floor((y - g.y0) / g.coarse);
    const cv = g.coarseCells[cy * g.ncx + cx]!;
    if (cv >= 0) {
      out[0] = cv - 1;
      return;
    }
    const fine = g.fine;
    const div = g.div;
    const gx = Math.floor((x - g.x0) / fine);
    const gy = Math.floor((y - g.y0) / fine);
    const fv = g.fineCells[(-cv - 1) * div * div + (gy - cy * div) * div + (gx - cx * div)]!;
    if (fv >= 0) {
      out[0] = fv - 1;
      return;
    }
    const m = -fv - 1;
    const ref = g.mixedRef[m]! - 1;
    const rx = g.x0 + gx * fine + (fine >> 1) + REF_DX;
    const ry = g.y0 + gy * fine + (fine >> 1) + REF_DY;
    const groups = g.groups;
    const coords = layer.coords;
    const vertexStart = layer.polyVertexStart;
    let found = -1;
    let refSeen = false;
    const end = g.mixedStart[m + 1]!;
    // Segment R->P: direction, for the "which side of RP" test with a half-open rule at vertices.
    const dx = x - rx;
    const dy = y - ry;
    for (let k = g.mixedStart[m]!; k < end;) {
      const poly = groups[k]!;
      const n = groups[k + 1]!;
      k += 2;
      let parity = 0;
      const base = vertexStart[poly]!;
      for (let e = 0; e < n; e++) {
        const v = (base + groups[k + e]!) << 1;
        const ax = coords[v]!;
        const ay = coords[v + 1]!;
        const bx = coords[v + 2]!;
        const by = coords[v + 3]!;
        const sa = dx * (ay - ry) - dy * (ax - rx) > 0;
        const sb = dx * (by - ry) - dy * (bx - rx) > 0;
        if (sa === sb) continue;
        const ex = bx - ax;
        const ey = by - ay;
        const o1 = ex * (ry - ay) - ey * (rx - ax);
        const o2 = ex * (y - ay) - ey * (x - ax);
        if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) parity ^= 1;
      }
      const isRef = poly === ref;
      if (isRef) refSeen = true;
      if (found < 0 && (parity === 1) !== isRef) found = poly;
      k += n;
    }
    if (found < 0 && !refSeen && ref >= 0) found = ref;
    out[0] = found;
    if (mode === DistanceMode.None) return;
    const own = found >= 0 && status !== null ? status[found]! : 255;
    // Only edges whose bounding box comes within maxM can matter: a cheap integer reject first.
    const tx = maxM / kx;
    const ty = maxM / ky;
    const x0 = x - tx;
    const x1 = x + tx;
    const y0 = y - ty;
    const y1 = y + ty;
    let best = maxM * maxM;
    let bestPoly = -1;
    for (let k = g.mixedStart[m]!; k < end;) {
      const poly = groups[k]!;
      const n = groups[k + 1]!;
      k += 2;
      if (mode === DistanceMode.DifferentStatus && (poly === found || (status !== null && status[poly] === own))) {
        k += n;
        continue;
      }
      const base = vertexStart[poly]!;
      for (let e = 0; e < n; e++) {
        const v = (base + groups[k + e]!) << 1;
        const ax = coords[v]!;
        const bx = coords[v + 2]!;
        if ((ax < x0 && bx < x0) || (ax > x1 && bx > x1)) continue;
        const ay = coords[v + 1]!;
        const by = coords[v + 3]!;
        if ((ay < y0 && by < y0) || (ay > y1 && by > y1)) continue;
        const d = segmentDistance2(x, y, ax, ay, bx, by, kx, ky);
        if (d <= best) {
          best = d;
          bestPoly = poly;
        }
      }
      k += n;
    }
    if (bestPoly >= 0) {
      out[1] = Math.sqrt(best);
      out[3] = bestPoly;
    }
    return;
  }
}

/** Squared distance in metres from P to segment AB (units), with local scale factors kx, ky (metres per unit). */
export function segmentDistance2(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
  kx: number,
  ky: number,
): number {
  const abx = (bx - ax) * kx;
  const aby = (by - ay) * ky;
  const apx = (px - ax) * kx;
  const apy = (py - ay) * ky;
  const len2 = abx * abx + aby * aby;
  let t = len2 > 0 ? (apx * abx + apy * aby) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const qx = apx - t * abx;
  const qy = apy - t * aby;
  return qx * qx + qy * qy;
}

/** Exact even-odd membership of (x, y) in one polygon, over all its rings. */
export function pointInPolygon(layer: PolygonLayer, poly: number, x: number, y: number): boolean {
  const { coords, ringStart, polyRingStart } = layer;
  let inside = false;
  for (let r = polyRingStart[poly]!; r < polyRingStart[poly + 1]!; r++) {
    const end = ringStart[r + 1]! - 1;
    for (let v = ringStart[r]!; v < end; v++) {
      const ay = coords[2 * v + 1]!;
      const by = coords[2 * v + 3]!;
      if (ay > y !== by > y) {
        const ax = coords[2 * v]!;
        const bx = coords[2 * v + 2]!;
        if (x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
      }
    }
  }
  return inside;
}

/** Exact distance in metres from (x, y) to the nearest edge of one polygon. */
export function distanceToPolygon(
  layer: PolygonLayer,
  poly: number,
  x: number,
  y: number,
  kx: number,
  ky: number,
): number {
  const { coords, ringStart, polyRingStart } = layer;
  let best = Infinity;
  for (let r = polyRingStart[poly]!; r < polyRingStart[poly + 1]!; r++) {
    const end = ringStart[r + 1]! - 1;
    for (let v = ringStart[r]!; v < end; v++) {
      const d = segmentDistance2(
        x,
        y,
        coords[2 * v]!,
        coords[2 * v + 1]!,
        coords[2 * v + 2]!,
        coords[2 * v + 3]!,
        kx,
        ky,
      );
      if (d < best) best = d;
    }
  }
  return Math.sqrt(best);
}

/**
 * Exact distance in metres from (x, y) to the nearest edge of any polygon accepted by `accept` (all by default),
 * searching polygons in order of bounding-box distance. Slow path, for single answers; Infinity if none.
 */
export function nearestEdgeDistance(
  layer: PolygonLayer,
  x: number,
  y: number,
  kx: number,
  ky: number,
  accept: (poly: number) => boolean = () => true,
  maxM = Infinity,
): number {
  if (layer.size === 0) return Infinity;
  const minK = Math.min(kx, ky);
  let best = maxM;
  if (!Number.isFinite(best)) {
    // Seed with the polygon whose bounding box is nearest, then look only as far as its edge.
    const first = layer.index.neighbors(x, y, 1, Infinity, (i) => accept(i))[0];
    if (first === undefined) return Infinity;
    best = distanceToPolygon(layer, first, x, y, kx, ky);
  }
  for (const poly of layer.index.neighbors(x, y, Infinity, best / minK, (i) => accept(i))) {
    const d = distanceToPolygon(layer, poly, x, y, kx, ky);
    if (d < best) best = d;
  }
  return best;
}
