import { Flatbush } from "../../src/territory/_flatbush.js";
import {
  LAYER_FORMAT_VERSION,
  LAYER_MAGIC,
  REF_DX,
  REF_DY,
  UNITS_PER_DEGREE,
  metresPerUnitX,
  metresPerUnitY,
  type RawLayerHeader,
  type RegionHeader,
} from "../../src/territory/_layer.js";

/**
 * Compiles polygons into the binary layer format of src/territory/_layer.ts: build-time code, never shipped in the
 * package (used by scripts/build/polygon-layers.ts and web-data.ts, and by tests on hand-made fixtures). A pipeline
 * of stages: flatten and quantise, check validity, cluster into regions, grid each region, pack the index, write.
 * @module
 */

/** One feature to compile: a code, a name and its polygons in GeoJSON MultiPolygon shape, [lon, lat]. */
export interface LayerFeatureInput {
  readonly code: string;
  readonly name: string;
  readonly communes?: readonly string[];
  readonly polygons: readonly (readonly (readonly (readonly number[])[])[])[];
}

/** How to compile a layer. */
export interface LayerBuildOptions {
  readonly layer: string;
  readonly dataset: string;
  readonly millesime: string;
  readonly accuracyM: number | null;
  /** Edges within this distance of a fine cell are listed in it (distance answers up to this are exact). */
  readonly marginM: number;
  /** Coarse cell size in degrees. */
  readonly coarseDeg: number;
  /** Fine cells per coarse cell side. */
  readonly div: number;
  /** Check every polygon for self-intersections (quadratic per polygon: skip for large layers). */
  readonly checkValidity?: boolean;
  /** Store feature names (false for communes: the commune table has them). Default true. */
  readonly storeNames?: boolean;
}

/** What the compiler found. */
export interface LayerBuildReport {
  readonly polygons: number;
  readonly rings: number;
  readonly vertices: number;
  readonly droppedRings: number;
  readonly duplicateVertices: number;
  /** Polygons with at least one self-intersection (kept: even-odd ray casting answers them). */
  readonly selfIntersecting: number;
  readonly regions: number;
  readonly mixedCells: number;
  readonly edgeRefs: number;
  /** Reference points found inside two or more polygons (overlapping features). */
  readonly overlaps: number;
}

class GrowInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

function segmentsCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

// Liang-Barsky: does segment AB meet the rectangle [x0,x1]x[y0,y1]?
function segmentMeetsRect(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = bx - ax;
  const dy = by - ay;
  const p = [-dx, dx, -dy, dy];
  const q = [ax - x0, x1 - ax, ay - y0, y1 - ay];
  for (let i = 0; i < 4; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) {
      if (qi < 0) return false;
    } else {
      const t = qi / pi;
      if (pi < 0) {
        if (t > t1) return false;
        if (t > t0) t0 = t;
      } else {
        if (t < t0) return false;
        if (t < t1) t1 = t;
      }
    }
  }
  return true;
}

/** The escape value of the 16-bit delta stream: the next absolute value is in the 32-bit escape list. */
const COORD_ESCAPE = -32768;

/**
 * Coordinates as 16-bit deltas from the previous vertex of the same ring (x and y interleaved), with the first
 * vertex of each ring and any larger step taken from a 32-bit list. Halves the largest array of the layers.
 */
function encodeCoords(
  xy: Int32Array,
  rs: Uint32Array,
): { name: string; type: "i32" | "u16"; data: Int32Array | Uint16Array }[] {
  const deltas = new Int16Array(xy.length);
  const escapes = new GrowInt32();
  for (let r = 0; r < rs.length - 1; r++) {
    for (let v = rs[r]!; v < rs[r + 1]!; v++) {
      for (let axis = 0; axis < 2; axis++) {
        const k = 2 * v + axis;
        const d = v === rs[r] ? Number.NaN : xy[k]! - xy[k - 2]!;
        if (Number.isNaN(d) || d <= COORD_ESCAPE || d > 32767) {
          deltas[k] = COORD_ESCAPE;
          escapes.push(xy[k]!);
        } else deltas[k] = d;
      }
    }
  }
  return [
    { name: "coordDeltas", type: "u16", data: new Uint16Array(deltas.buffer) },
    { name: "coordEscapes", type: "i32", data: escapes.view() },
  ];
}

/** The quantised geometry of all features: closed rings of Int32 units, per-polygon ring ranges and boxes. */
interface Geometry {
  /** Interleaved x, y. */
  readonly xy: Int32Array;
  /** Vertex index where each ring starts; length rings + 1. */
  readonly rs: Uint32Array;
  /** Ring index where each polygon starts; length polygons + 1. */
  readonly prs: Uint32Array;
  readonly polyBbox: Int32Array;
  readonly vertexCount: number;
  readonly droppedRings: number;
  readonly duplicateVertices: number;
}

/** One ring quantised, consecutive duplicates dropped, closed; null when fewer than 4 vertices remain. */
function quantiseRing(ring: readonly (readonly number[])[]): { pushed: number[]; duplicates: number } {
  let duplicates = 0;
  let lastX = NaN;
  let lastY = NaN;
  const pushed: number[] = [];
  for (const point of ring) {
    const qx = Math.round(point[0]! * UNITS_PER_DEGREE);
    const qy = Math.round(point[1]! * UNITS_PER_DEGREE);
    if (qx === lastX && qy === lastY) {
      duplicates++;
      continue;
    }
    pushed.push(qx, qy);
    lastX = qx;
    lastY = qy;
  }
  if (pushed.length >= 2 && (pushed[0] !== lastX || pushed[1] !== lastY)) pushed.push(pushed[0]!, pushed[1]!);
  return { pushed, duplicates };
}

/** 1. Flatten and quantise every ring of every feature (rings of fewer than 4 vertices are dropped). */
function flatten(features: readonly LayerFeatureInput[]): Geometry {
  const coords = new GrowInt32();
  const ringStart: number[] = [];
  const polyRingStart: number[] = [];
  const polyBbox = new Int32Array(features.length * 4);
  let droppedRings = 0;
  let duplicateVertices = 0;
  let vertexCount = 0;
  for (let p = 0; p < features.length; p++) {
    polyRingStart.push(ringStart.length);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const polygon of features[p]!.polygons) {
      for (const ring of polygon) {
        const { pushed, duplicates } = quantiseRing(ring);
        duplicateVertices += duplicates;
        if (pushed.length < 8) {
          droppedRings++;
          continue;
        }
        ringStart.push(vertexCount);
        for (let i = 0; i < pushed.length; i += 2) {
          const qx = pushed[i]!;
          const qy = pushed[i + 1]!;
          coords.push(qx);
          coords.push(qy);
          if (qx < minX) minX = qx;
          if (qx > maxX) maxX = qx;
          if (qy < minY) minY = qy;
          if (qy > maxY) maxY = qy;
        }
        vertexCount += pushed.length / 2;
      }
    }
    if (minX === Infinity) minX = minY = maxX = maxY = 0;
    polyBbox.set([minX, minY, maxX, maxY], 4 * p);
  }
  polyRingStart.push(ringStart.length);
  ringStart.push(vertexCount);
  const rs = Uint32Array.from(ringStart);
  const prs = Uint32Array.from(polyRingStart);
  return { xy: coords.view(), rs, prs, polyBbox, vertexCount, droppedRings, duplicateVertices };
}

/** 2. Validity: how many polygons have crossing edges (any two non-adjacent edges of any rings). */
function countSelfIntersecting({ xy, rs, prs }: Geometry, polygons: number): number {
  let selfIntersecting = 0;
  for (let p = 0; p < polygons; p++) {
    const edges: number[] = [];
    for (let r = prs[p]!; r < prs[p + 1]!; r++) for (let v = rs[r]!; v < rs[r + 1]! - 1; v++) edges.push(v);
    let bad = false;
    for (let i = 0; i < edges.length && !bad; i++) {
      const a = edges[i]! * 2;
      for (let j = i + 1; j < edges.length; j++) {
        const c = edges[j]! * 2;
        if (segmentsCross(xy[a]!, xy[a + 1]!, xy[a + 2]!, xy[a + 3]!, xy[c]!, xy[c + 1]!, xy[c + 2]!, xy[c + 3]!)) {
          bad = true;
          break;
        }
      }
    }
    if (bad) selfIntersecting++;
  }
  return selfIntersecting;
}

type Box = [number, number, number, number];
interface Cluster {
  bbox: Box;
  polys: number[];
}

// Regions: clusters of polygons whose bounding boxes lie within 2 degrees of each other.
const REGION_GAP = 2 * UNITS_PER_DEGREE;

function near(a: Box, b: Box): boolean {
  return (
    a[0] <= b[2] + REGION_GAP && a[2] >= b[0] - REGION_GAP && a[1] <= b[3] + REGION_GAP && a[3] >= b[1] - REGION_GAP
  );
}

function union(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** 3. Regions: polygons clustered by bounding box, then clusters merged until none is near another. */
function clusterRegions({ prs, polyBbox }: Geometry, polygons: number): Cluster[] {
  let clusters: Cluster[] = [];
  for (let p = 0; p < polygons; p++) {
    if (prs[p] === prs[p + 1]) continue;
    const b: Box = [polyBbox[4 * p]!, polyBbox[4 * p + 1]!, polyBbox[4 * p + 2]!, polyBbox[4 * p + 3]!];
    const hit = clusters.find((c) => near(b, c.bbox));
    if (hit) {
      hit.polys.push(p);
      hit.bbox = union(hit.bbox, b);
    } else clusters.push({ bbox: b, polys: [p] });
  }
  for (let merged = true; merged;) {
    merged = false;
    outer: for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i]!;
        const c = clusters[j]!;
        if (near(a.bbox, c.bbox)) {
          a.polys.push(...c.polys);
          a.bbox = union(a.bbox, c.bbox);
          clusters = clusters.filter((_, k) => k !== j);
          merged = true;
          break outer;
        }
      }
    }
  }
  return clusters;
}

/** The grid of one region: origin, cell sizes and counts, and the margin in units. */
interface Frame {
  readonly x0: number;
  readonly y0: number;
  readonly fine: number;
  readonly coarse: number;
  readonly div: number;
  readonly ncx: number;
  readonly ncy: number;
  readonly nfx: number;
  readonly nfy: number;
  readonly half: number;
  readonly mx: number;
  readonly my: number;
}

function regionFrame([bx0, by0, bx1, by1]: Box, options: LayerBuildOptions): Frame {
  const maxAbsLat = Math.max(Math.abs(by0), Math.abs(by1)) / UNITS_PER_DEGREE;
  const minAbsLat = by0 <= 0 && by1 >= 0 ? 0 : Math.min(Math.abs(by0), Math.abs(by1)) / UNITS_PER_DEGREE;
  // Margin in units, conservative over the region's latitudes.
  const mx = Math.ceil(options.marginM / metresPerUnitX(Math.min(maxAbsLat, 89)));
  const my = Math.ceil(options.marginM / Math.min(metresPerUnitY(minAbsLat), metresPerUnitY(maxAbsLat)));
  const div = options.div;
  // Fine cell size: an even number of units, so the cell centre is an integer.
  const fine = Math.max(2, Math.round((options.coarseDeg * UNITS_PER_DEGREE) / div / 2) * 2);
  const coarse = fine * div;
  const x0 = Math.floor((bx0 - mx) / coarse) * coarse;
  const y0 = Math.floor((by0 - my) / coarse) * coarse;
  const ncx = Math.floor((bx1 + mx - x0) / coarse) + 1;
  const ncy = Math.floor((by1 + my - y0) / coarse) + 1;
  return { x0, y0, fine, coarse, div, ncx, ncy, nfx: ncx * div, nfy: ncy * div, half: fine >> 1, mx, my };
}

/** (fine cell, polygon, edge) for every edge within the margin of a fine cell, in polygon order. */
interface EdgePairs {
  readonly cell: Int32Array;
  readonly poly: Int32Array;
  readonly edge: Int32Array;
  readonly coarseTouched: Uint8Array;
}

/**
 * Calls `fn` with every edge (ax, ay) -> (bx, by) of the rings of `polys`, in polygon, ring and vertex order,
 * with its polygon `p` and its first vertex `v` (the edge's index in the layer).
 */
function forEachEdge(
  { xy, rs, prs }: Geometry,
  polys: readonly number[],
  fn: (ax: number, ay: number, bx: number, by: number, p: number, v: number) => void,
): void {
  for (const p of polys) {
    for (let ring = prs[p]!; ring < prs[p + 1]!; ring++) {
      for (let v = rs[ring]!; v < rs[ring + 1]! - 1; v++) {
        fn(xy[2 * v]!, xy[2 * v + 1]!, xy[2 * v + 2]!, xy[2 * v + 3]!, p, v);
      }
    }
  }
}

/** a. Edge -> fine cells (edge within the margin of the cell). */
function edgeCellPairs(g: Geometry, polys: readonly number[], f: Frame): EdgePairs {
  const { x0, y0, fine, div, ncx, nfx, nfy, mx, my } = f;
  const pairCell = new GrowInt32();
  const pairPoly = new GrowInt32();
  const pairEdge = new GrowInt32();
  const coarseTouched = new Uint8Array(ncx * f.ncy);
  forEachEdge(g, polys, (ax, ay, bx, by, p, v) => {
    const gx0 = Math.max(0, Math.floor((Math.min(ax, bx) - mx - x0) / fine));
    const gx1 = Math.min(nfx - 1, Math.floor((Math.max(ax, bx) + mx - x0) / fine));
    const gy0 = Math.max(0, Math.floor((Math.min(ay, by) - my - y0) / fine));
    const gy1 = Math.min(nfy - 1, Math.floor((Math.max(ay, by) + my - y0) / fine));
    for (let gy = gy0; gy <= gy1; gy++) {
      for (let gx = gx0; gx <= gx1; gx++) {
        const cx0 = x0 + gx * fine - mx;
        const cy0 = y0 + gy * fine - my;
        if (gx1 > gx0 + 1 || gy1 > gy0 + 1) {
          if (!segmentMeetsRect(ax, ay, bx, by, cx0, cy0, cx0 + fine + 2 * mx, cy0 + fine + 2 * my)) continue;
        }
        pairCell.push(gy * nfx + gx);
        pairPoly.push(p);
        pairEdge.push(v);
        coarseTouched[Math.floor(gy / div) * ncx + Math.floor(gx / div)] = 1;
      }
    }
  });
  return { cell: pairCell.view(), poly: pairPoly.view(), edge: pairEdge.view(), coarseTouched };
}

/** b. Blocks of fine cells for the touched coarse cells, and the index of a fine cell in them. */
interface Blocks {
  readonly blockOf: Int32Array;
  readonly fineCount: number;
  fineIndex(gx: number, gy: number): number;
}

function fineBlocks({ div, ncx, ncy }: Frame, coarseTouched: Uint8Array): Blocks {
  const blockOf = new Int32Array(ncx * ncy).fill(-1);
  let blocks = 0;
  for (let c = 0; c < ncx * ncy; c++) if (coarseTouched[c] === 1) blockOf[c] = blocks++;
  return {
    blockOf,
    fineCount: blocks * div * div,
    fineIndex: (gx, gy) =>
      blockOf[Math.floor(gy / div) * ncx + Math.floor(gx / div)]! * div * div + (gy % div) * div + (gx % div),
  };
}

/** c. Counting sort of pairs by fine cell (stable: polygon order kept): cellCount[f]..cellCount[f+1] index `sorted`. */
function sortPairsByCell(
  pairs: EdgePairs,
  blocks: Blocks,
  nfx: number,
): { cellCount: Uint32Array; sorted: Int32Array } {
  const nPairs = pairs.cell.length;
  const cellCount = new Uint32Array(blocks.fineCount + 1);
  const pairFine = new Int32Array(nPairs);
  for (let i = 0; i < nPairs; i++) {
    const cell = pairs.cell[i]!;
    const f = blocks.fineIndex(cell % nfx, Math.floor(cell / nfx));
    pairFine[i] = f;
    cellCount[f + 1]!++;
  }
  for (let i = 0; i < blocks.fineCount; i++) cellCount[i + 1]! += cellCount[i]!;
  const cursor = cellCount.slice(0, blocks.fineCount);
  const sorted = new Int32Array(nPairs);
  for (let i = 0; i < nPairs; i++) sorted[cursor[pairFine[i]!]!++] = i;
  return { cellCount, sorted };
}

/** d. Horizontal crossings of the edges with each fine row's reference line, grouped by row. */
interface Crossings {
  readonly rowCount: Uint32Array;
  readonly x: Float64Array;
  readonly poly: Int32Array;
}

function rowCrossings(g: Geometry, polys: readonly number[], f: Frame): Crossings {
  const { y0, fine, half, nfy } = f;
  const forEachCrossing = (fn: (row: number, x: number, p: number) => void): void =>
    forEachEdge(g, polys, (ax, ay, bx, by, p) => {
      if (ay === by) return;
      const lo = Math.min(ay, by);
      const hi = Math.max(ay, by);
      // rows j with lo < ry <= hi ... the ray rule is (ay > ry) !== (by > ry): ry in [lo, hi).
      const j0 = Math.max(0, Math.ceil((lo - y0 - half - REF_DY) / fine));
      const j1 = Math.min(nfy - 1, Math.floor((hi - y0 - half - REF_DY) / fine));
      for (let j = j0; j <= j1; j++) {
        const ry = y0 + j * fine + half + REF_DY;
        if (ay > ry === by > ry) continue;
        fn(j, ax + ((ry - ay) * (bx - ax)) / (by - ay), p);
      }
    });
  const rowCount = new Uint32Array(nfy + 1);
  forEachCrossing((j) => rowCount[j + 1]!++);
  for (let j = 0; j < nfy; j++) rowCount[j + 1]! += rowCount[j]!;
  const rowCursor = rowCount.slice(0, nfy);
  const x = new Float64Array(rowCount[nfy]!);
  const poly = new Int32Array(rowCount[nfy]!);
  forEachCrossing((j, cx, p) => {
    const at = rowCursor[j]!++;
    x[at] = cx;
    poly[at] = p;
  });
  return { rowCount, x, poly };
}

/** e. The cells of a region classified at their reference points by a sweep of every fine row. */
interface Classified {
  readonly coarseCells: Int32Array;
  readonly fineCells: Int32Array;
  /** Per fine cell, its mixed cell number or -1 (mixed cells are numbered in fine-index order). */
  readonly fineMixedIndex: Int32Array;
  /** Per mixed cell, the polygon + 1 containing its reference point (0: none). */
  readonly refOfMixed: Int32Array;
  readonly overlaps: number;
}

function sweepRows(f: Frame, polygons: number, blocks: Blocks, cellCount: Uint32Array, cross: Crossings): Classified {
  const { x0, fine, half, div, ncx, ncy, nfx, nfy } = f;
  const coarseCells = new Int32Array(ncx * ncy);
  const fineCells = new Int32Array(blocks.fineCount);
  const parity = new Uint8Array(polygons);
  const active: number[] = [];
  const coarseSet = new Uint8Array(ncx * ncy);
  const fineMixedIndex = new Int32Array(fineCells.length).fill(-1);
  let mixedCount = 0;
  for (let c = 0; c < fineCells.length; c++) if (cellCount[c + 1]! > cellCount[c]!) fineMixedIndex[c] = mixedCount++;
  const refOfMixed = new Int32Array(mixedCount);
  let overlaps = 0;
  for (let j = 0; j < nfy; j++) {
    const start = cross.rowCount[j]!;
    const end = cross.rowCount[j + 1]!;
    const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => cross.x[a]! - cross.x[b]!);
    let k = 0;
    active.length = 0;
    for (const i of order) parity[cross.poly[i]!] = 0;
    for (let gx = 0; gx < nfx; gx++) {
      const rx = x0 + gx * fine + half + REF_DX;
      while (k < order.length && cross.x[order[k]!]! < rx) {
        const p = cross.poly[order[k]!]!;
        parity[p] = parity[p]! ^ 1;
        if (parity[p] === 1) active.push(p);
        else active.splice(active.indexOf(p), 1);
        k++;
      }
      if (active.length > 1) overlaps++;
      const value = active.length > 0 ? Math.min(...active) + 1 : 0;
      const c = Math.floor(j / div) * ncx + Math.floor(gx / div);
      if (blocks.blockOf[c]! < 0) {
        if (coarseSet[c] === 0) {
          coarseCells[c] = value;
          coarseSet[c] = 1;
        }
        continue;
      }
      const fi = blocks.fineIndex(gx, j);
      const m = fineMixedIndex[fi]!;
      if (m < 0) fineCells[fi] = value;
      else {
        fineCells[fi] = -(m + 1);
        refOfMixed[m] = value;
      }
    }
  }
  for (let c = 0; c < ncx * ncy; c++) if (blocks.blockOf[c]! >= 0) coarseCells[c] = -(blocks.blockOf[c]! + 1);
  return { coarseCells, fineCells, fineMixedIndex, refOfMixed, overlaps };
}

/** f. Per mixed cell: its reference polygon and its groups [polygon, n, n edge starts relative to the polygon]. */
function mixedGroups(
  classified: Classified,
  sortedPairs: { cellCount: Uint32Array; sorted: Int32Array },
  pairs: EdgePairs,
  polyVertexStart: Uint32Array,
): { mixedRef: Int32Array; mixedStart: Int32Array; groups: Int32Array } {
  const { cellCount, sorted } = sortedPairs;
  const mixedRef = new GrowInt32();
  const mixedStart = new GrowInt32();
  const groups = new GrowInt32();
  for (let f = 0; f < classified.fineCells.length; f++) {
    const m = classified.fineMixedIndex[f]!;
    if (m < 0) continue;
    mixedRef.push(classified.refOfMixed[m]!);
    mixedStart.push(groups.length);
    let i = cellCount[f]!;
    const end = cellCount[f + 1]!;
    while (i < end) {
      const p = pairs.poly[sorted[i]!]!;
      let n = 0;
      while (i + n < end && pairs.poly[sorted[i + n]!] === p) n++;
      groups.push(p);
      groups.push(n);
      for (let e = 0; e < n; e++) groups.push(pairs.edge[sorted[i + e]!]! - polyVertexStart[p]!);
      i += n;
    }
  }
  mixedStart.push(groups.length);
  return { mixedRef: mixedRef.view(), mixedStart: mixedStart.view(), groups: groups.view() };
}

type NamedArray = { name: string; type: "i32" | "u32" | "u16"; data: Int32Array | Uint32Array | Uint16Array };

/** 4. The two-level grid of one region: its header, its arrays and its counts for the report. */
function buildRegion(
  geometry: Geometry,
  cluster: Cluster,
  r: number,
  options: LayerBuildOptions,
  polygons: number,
  polyVertexStart: Uint32Array,
  compact: boolean,
): { region: RegionHeader; arrays: NamedArray[]; mixedCells: number; edgeRefs: number; overlaps: number } {
  const frame = regionFrame(cluster.bbox, options);
  const polys = cluster.polys.sort((a, b) => a - b);
  const pairs = edgeCellPairs(geometry, polys, frame);
  const blocks = fineBlocks(frame, pairs.coarseTouched);
  const sortedPairs = sortPairsByCell(pairs, blocks, frame.nfx);
  const classified = sweepRows(frame, polygons, blocks, sortedPairs.cellCount, rowCrossings(geometry, polys, frame));
  const { mixedRef, mixedStart, groups } = mixedGroups(classified, sortedPairs, pairs, polyVertexStart);
  const { x0, y0, coarse, div, ncx, ncy } = frame;
  return {
    region: { name: `region-${r}`, bbox: cluster.bbox, x0, y0, coarse, div, ncx, ncy },
    arrays: [
      { name: `r${r}.coarse`, type: "i32", data: classified.coarseCells },
      { name: `r${r}.fine`, type: "i32", data: classified.fineCells },
      { name: `r${r}.mixedRef`, type: "i32", data: mixedRef },
      { name: `r${r}.mixedStart`, type: "u32", data: Uint32Array.from(mixedStart) },
      compact
        ? { name: `r${r}.groups`, type: "u16", data: Uint16Array.from(groups) }
        : { name: `r${r}.groups`, type: "i32", data: groups },
    ],
    mixedCells: classified.refOfMixed.length,
    edgeRefs: pairs.cell.length,
    overlaps: classified.overlaps,
  };
}

/** 5. The packed flatbush index over the polygons' boxes, as 32-bit words. */
function packIndex(polyBbox: Int32Array, polygons: number): Uint32Array {
  const index = new Flatbush(Math.max(polygons, 1), 16, Int32Array);
  for (let p = 0; p < polygons; p++)
    index.add(polyBbox[4 * p]!, polyBbox[4 * p + 1]!, polyBbox[4 * p + 2]!, polyBbox[4 * p + 3]!);
  if (polygons === 0) index.add(0, 0, 0, 0);
  index.finish();
  const indexWords = new Uint32Array(Math.ceil(index.data.byteLength / 4));
  new Uint8Array(indexWords.buffer).set(new Uint8Array(index.data as ArrayBuffer));
  return indexWords;
}

/** 6. The artefact bytes: magic, version, header length, JSON header, then each array 8-byte aligned. */
function writeArtefact(header: RawLayerHeader, arrays: readonly NamedArray[]): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  let total = Math.ceil((12 + headerBytes.length) / 8) * 8;
  for (const a of arrays) total += Math.ceil(a.data.byteLength / 8) * 8;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, LAYER_MAGIC, true);
  view.setUint32(4, LAYER_FORMAT_VERSION, true);
  view.setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  let offset = Math.ceil((12 + headerBytes.length) / 8) * 8;
  for (const a of arrays) {
    out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), offset);
    offset += Math.ceil(a.data.byteLength / 8) * 8;
  }
  return out;
}

/**
 * Compiles features into a layer artefact.
 * @param features - the polygons, [lon, lat]
 * @param options - layer identity and grid parameters
 * @returns the artefact bytes and the build report
 */
export function buildLayer(
  features: readonly LayerFeatureInput[],
  options: LayerBuildOptions,
): { bytes: Uint8Array; report: LayerBuildReport } {
  const n = features.length;
  const geometry = flatten(features);
  const { rs, prs, polyBbox } = geometry;
  const selfIntersecting = options.checkValidity === true ? countSelfIntersecting(geometry, n) : 0;
  // Edge references are stored relative to their polygon's first vertex: 16 bits suffice for every real layer.
  const polyVertexStart = new Uint32Array(n);
  let maxPolyVertices = 0;
  for (let p = 0; p < n; p++) {
    polyVertexStart[p] = rs[prs[p]!]!;
    maxPolyVertices = Math.max(maxPolyVertices, rs[prs[p + 1]!]! - rs[prs[p]!]!);
  }
  const compact = n < 65536 && maxPolyVertices < 65536;
  const arrays: NamedArray[] = [
    ...encodeCoords(geometry.xy, rs),
    { name: "ringStart", type: "u32", data: rs },
    { name: "polyRingStart", type: "u32", data: prs },
    { name: "polyBbox", type: "i32", data: polyBbox },
  ];
  const built = clusterRegions(geometry, n).map((cluster, r) =>
    buildRegion(geometry, cluster, r, options, n, polyVertexStart, compact),
  );
  for (const b of built) arrays.push(...b.arrays);
  const report: LayerBuildReport = {
    polygons: n,
    rings: rs.length - 1,
    vertices: geometry.vertexCount,
    droppedRings: geometry.droppedRings,
    duplicateVertices: geometry.duplicateVertices,
    selfIntersecting,
    regions: built.length,
    mixedCells: built.reduce((sum, b) => sum + b.mixedCells, 0),
    edgeRefs: built.reduce((sum, b) => sum + b.edgeRefs, 0),
    overlaps: built.reduce((sum, b) => sum + b.overlaps, 0),
  };
  arrays.push({ name: "index", type: "u32", data: packIndex(polyBbox, n) });
  const header: RawLayerHeader = {
    layer: options.layer,
    dataset: options.dataset,
    millesime: options.millesime,
    accuracyM: options.accuracyM,
    marginM: options.marginM,
    codes: features.map((f) => f.code).join("|"),
    names: options.storeNames === false ? "" : features.map((f) => f.name.replaceAll("|", "/")).join("|"),
    communes: features.some((f) => (f.communes ?? []).length > 0)
      ? features.map((f) => (f.communes ?? []).join(",")).join("|")
      : "",
    regions: built.map((b) => b.region),
    arrays: arrays.map((a) => ({ name: a.name, type: a.type, length: a.data.length })),
    report: { ...report },
  };
  return { bytes: writeArtefact(header, arrays), report };
}
