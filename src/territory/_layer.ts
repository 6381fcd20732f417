import { Flatbush, type SpatialIndex } from "./_flatbush.js";
import { DeclicsError, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";

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

function corrupt(layer: string, expected: Expectation, received: string): DeclicsError<"data_integrity"> {
  return territoryError({
    code: "data_integrity",
    module: "territory",
    details: { dataset: layer, expected, received },
  });
}

const NO_CODES: readonly string[] = Object.freeze([]);

type LayerArray = Int32Array | Uint32Array | Uint16Array;
/** The typed arrays of an artefact by name; throws `data_integrity` for a missing one. */
type ArrayReader = <T extends LayerArray>(key: string) => T;

/** What a {@link PolygonLayer} is made of, apart from its header. */
interface LayerArrays {
  readonly coords: Int32Array;
  readonly ringStart: Uint32Array;
  readonly polyRingStart: Uint32Array;
  readonly polyBbox: Int32Array;
  readonly regions: readonly RegionGrid[];
  readonly index: SpatialIndex;
}

/** Rebuilds the Int32 coordinates from the 16-bit delta stream (see scripts/build/build-layer.ts). */
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
 * A decoded polygon layer, ready to query: one object that owns the layer's typed arrays (rings, bounding
 * boxes, region grids, packed index) and answers point queries on them without allocating, in the manner of
 * flatbush's index. Build it with {@link decodeLayer}.
 *
 * The hot path is two calls: `locate(x, y)` gives the polygon containing a point and remembers the grid cell;
 * `nearestListedEdge(...)` then measures the distance to the edges that cell lists (those within the margin).
 */
export class PolygonLayer {
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
  /** Packed static index over polygon bounding boxes (stored in the artefact, reopened in O(1)). */
  readonly index: SpatialIndex;
  /** The polygon owning the nearest edge found by the last {@link nearestListedEdge} (-1 when none). */
  nearestPolygon = -1;
  /** Built on first use: the commune layer's 35,000 codes are rarely looked up by code. */
  private codeIndex: Map<string, number> | undefined;
  // The cell of the last locate(): its region grid and mixed cell (-1 for a pure cell), and the answer.
  private cellGrid: RegionGrid | null = null;
  private cellMixed = -1;
  private cellFound = -1;

  constructor(header: LayerHeader, arrays: LayerArrays) {
    this.header = header;
    this.size = header.codes.length;
    this.coords = arrays.coords;
    this.ringStart = arrays.ringStart;
    this.polyRingStart = arrays.polyRingStart;
    this.polyBbox = arrays.polyBbox;
    this.regions = arrays.regions;
    this.index = arrays.index;
    this.polyVertexStart = new Uint32Array(this.size);
    for (let p = 0; p < this.size; p++) this.polyVertexStart[p] = this.ringStart[this.polyRingStart[p]!]!;
  }

  /** A layer with no polygon: the commune contours where no tile exists (sea, abroad), a QPV layer not loaded. */
  static empty(layer: string): PolygonLayer {
    const none = (): number[] => [];
    const header: LayerHeader = {
      layer,
      dataset: "",
      millesime: "",
      accuracyM: null,
      marginM: 100,
      codes: [],
      names: [],
      communes: [],
      regions: [],
      arrays: [],
      report: {},
    };
    return new PolygonLayer(header, {
      coords: new Int32Array(0),
      ringStart: new Uint32Array(1),
      polyRingStart: new Uint32Array(1),
      polyBbox: new Int32Array(0),
      regions: [],
      index: { search: none, neighbors: none },
    });
  }

  /** Polygon index by code. */
  get byCode(): ReadonlyMap<string, number> {
    if (this.codeIndex === undefined) {
      const byCode = new Map<string, number>();
      this.header.codes.forEach((code, i) => byCode.set(code, i));
      this.codeIndex = byCode;
    }
    return this.codeIndex;
  }

  /**
   * The polygon containing (x, y) (units), or -1. Remembers the grid cell for {@link nearestListedEdge}.
   * No allocation.
   */
  locate(x: number, y: number): number {
    this.cellGrid = null;
    this.cellMixed = -1;
    this.cellFound = -1;
    const regions = this.regions;
    for (let r = 0; r < regions.length; r++) {
      const g = regions[r]!;
      if (x < g.minX || x >= g.maxX || y < g.minY || y >= g.maxY) continue;
      const cx = Math.floor((x - g.x0) / g.coarse);
      const cy = Math.floor((y - g.y0) / g.coarse);
      const cv = g.coarseCells[cy * g.ncx + cx]!;
      if (cv >= 0) return (this.cellFound = cv - 1);
      const div = g.div;
      const gx = Math.floor((x - g.x0) / g.fine);
      const gy = Math.floor((y - g.y0) / g.fine);
      const fv = g.fineCells[(-cv - 1) * div * div + (gy - cy * div) * div + (gx - cx * div)]!;
      if (fv >= 0) return (this.cellFound = fv - 1);
      this.cellGrid = g;
      this.cellMixed = -fv - 1;
      return (this.cellFound = this.locateInMixedCell(g, -fv - 1, gx, gy, x, y));
    }
    return -1;
  }

  /**
   * In a mixed cell: counts, per listed polygon, the edges crossed by the segment from the cell's reference
   * point R (whose polygon is known) to P; an odd count means P is on the other side of that polygon's boundary.
   */
  private locateInMixedCell(g: RegionGrid, m: number, gx: number, gy: number, x: number, y: number): number {
    const fine = g.fine;
    const ref = g.mixedRef[m]! - 1;
    const rx = g.x0 + gx * fine + (fine >> 1) + REF_DX;
    const ry = g.y0 + gy * fine + (fine >> 1) + REF_DY;
    const { groups } = g;
    const { coords, polyVertexStart } = this;
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
      const base = polyVertexStart[poly]!;
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
    return found < 0 && !refSeen && ref >= 0 ? ref : found;
  }

  /**
   * Metres from (x, y) to the nearest edge listed in the cell of the last {@link locate} of that same point, if
   * within `maxM` (which must not exceed the layer's margin); Infinity otherwise (a pure cell lists no edge).
   * With `status`, only edges of polygons whose status differs from the located polygon's count. Sets
   * {@link nearestPolygon}. `kx`, `ky`: metres per unit at the point. No allocation.
   */
  nearestListedEdge(x: number, y: number, kx: number, ky: number, maxM: number, status?: Uint8Array): number {
    this.nearestPolygon = -1;
    const g = this.cellGrid;
    if (g === null) return Infinity;
    const m = this.cellMixed;
    const found = this.cellFound;
    const own = found >= 0 && status !== undefined ? status[found]! : 255;
    const { groups } = g;
    const { coords, polyVertexStart } = this;
    // Only edges whose bounding box comes within maxM can matter: a cheap integer reject first.
    const tx = maxM / kx;
    const ty = maxM / ky;
    const x0 = x - tx;
    const x1 = x + tx;
    const y0 = y - ty;
    const y1 = y + ty;
    let best = maxM * maxM;
    let bestPoly = -1;
    const end = g.mixedStart[m + 1]!;
    for (let k = g.mixedStart[m]!; k < end;) {
      const poly = groups[k]!;
      const n = groups[k + 1]!;
      k += 2;
      if (status !== undefined && (poly === found || status[poly] === own)) {
        k += n;
        continue;
      }
      const base = polyVertexStart[poly]!;
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
    if (bestPoly < 0) return Infinity;
    this.nearestPolygon = bestPoly;
    return Math.sqrt(best);
  }

  /** Exact even-odd membership of (x, y) in one polygon, over all its rings. */
  contains(poly: number, x: number, y: number): boolean {
    const { coords, ringStart, polyRingStart } = this;
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
  distanceToPolygon(poly: number, x: number, y: number, kx: number, ky: number): number {
    const { coords, ringStart, polyRingStart } = this;
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
   * Exact distance in metres from (x, y) to the nearest edge of any polygon accepted by `accept` (all by
   * default), searching polygons in order of bounding-box distance. Slow path, for single answers; Infinity if none.
   */
  nearestEdgeDistance(
    x: number,
    y: number,
    kx: number,
    ky: number,
    accept: (poly: number) => boolean = () => true,
    maxM = Infinity,
  ): number {
    if (this.size === 0) return Infinity;
    const minK = Math.min(kx, ky);
    let best = maxM;
    if (!Number.isFinite(best)) {
      // Seed with the polygon whose bounding box is nearest, then look only as far as its edge.
      const first = this.index.neighbors(x, y, 1, Infinity, (i) => accept(i))[0];
      if (first === undefined) return Infinity;
      best = this.distanceToPolygon(first, x, y, kx, ky);
    }
    for (const poly of this.index.neighbors(x, y, Infinity, best / minK, (i) => accept(i))) {
      const d = this.distanceToPolygon(poly, x, y, kx, ky);
      if (d < best) best = d;
    }
    return best;
  }
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
  const header = expandHeader(raw);
  const arrays = readArrays(aligned, header, Math.ceil((12 + headerLength) / 8) * 8, name);
  const get = <T extends LayerArray>(key: string): T => {
    const array = arrays.get(key);
    if (array === undefined) throw corrupt(name, rule(`array ${key}`, `le tableau ${key}`), "undefined");
    return array as T;
  };
  return new PolygonLayer(header, layerArrays(header, get, name));
}

/** The layer's arrays: views on the artefact, the coordinates decoded, the packed index reopened. */
function layerArrays(header: LayerHeader, get: ArrayReader, name: string): LayerArrays {
  const ringStart = get<Uint32Array>("ringStart");
  // The packed index was built at compile time: reopening it is O(1).
  const indexData = get<Uint32Array>("index");
  return {
    coords: decodeCoords(get<Uint16Array>("coordDeltas"), get<Int32Array>("coordEscapes"), ringStart, name),
    ringStart,
    polyRingStart: get<Uint32Array>("polyRingStart"),
    polyBbox: get<Int32Array>("polyBbox"),
    index: Flatbush.from(indexData.buffer as ArrayBuffer, indexData.byteOffset),
    regions: header.regions.map((region, r): RegionGrid => ({
      ...region,
      fine: region.coarse / region.div,
      minX: region.x0,
      minY: region.y0,
      maxX: region.x0 + region.ncx * region.coarse,
      maxY: region.y0 + region.ncy * region.coarse,
      coarseCells: get<Int32Array>(`r${r}.coarse`),
      fineCells: get<Int32Array>(`r${r}.fine`),
      mixedRef: get<Int32Array>(`r${r}.mixedRef`),
      mixedStart: get<Uint32Array>(`r${r}.mixedStart`),
      groups: get<Uint16Array | Int32Array>(`r${r}.groups`),
    })),
  };
}

/** The header with its "|"-joined code, name and commune lists split. */
function expandHeader(raw: RawLayerHeader): LayerHeader {
  const codes = raw.codes === "" ? [] : raw.codes.split("|");
  return {
    ...raw,
    codes,
    names: raw.names === "" ? new Array<string>(codes.length).fill("") : raw.names.split("|"),
    communes:
      raw.communes === ""
        ? new Array<readonly string[]>(codes.length).fill(NO_CODES)
        : raw.communes.split("|").map((list) => (list === "" ? NO_CODES : list.split(","))),
  };
}

/** Views on the typed arrays listed in the header, each 8-byte aligned from `offset`. */
function readArrays(aligned: Uint8Array, header: LayerHeader, offset: number, name: string): Map<string, LayerArray> {
  const arrays = new Map<string, LayerArray>();
  const buffer = aligned.buffer as ArrayBuffer;
  for (const spec of header.arrays) {
    const byteLength = spec.length * (spec.type === "u16" ? 2 : 4);
    if (offset + byteLength > aligned.byteLength)
      throw corrupt(
        name,
        rule(`array ${spec.name} of ${spec.length} items`, `le tableau ${spec.name} de ${spec.length} éléments`),
        String(aligned.byteLength),
      );
    const start = aligned.byteOffset + offset;
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
  return arrays;
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
