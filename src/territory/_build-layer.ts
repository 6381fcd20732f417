import { Flatbush } from "./_flatbush.js";
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
} from "./_layer.js";

/**
 * Compiles polygons into the binary layer format of ./_layer.ts. Pure and isomorphic (used by
 * scripts/build/polygon-layers.ts at build time, and by tests on hand-made fixtures).
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
export const COORD_ESCAPE = -32768;

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
  // 1. Flatten and quantise.
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
        const start = vertexCount;
        let lastX = NaN;
        let lastY = NaN;
        const pushed: number[] = [];
        for (const point of ring) {
          const qx = Math.round(point[0]! * UNITS_PER_DEGREE);
          const qy = Math.round(point[1]! * UNITS_PER_DEGREE);
          if (qx === lastX && qy === lastY) {
            duplicateVertices++;
            continue;
          }
          pushed.push(qx, qy);
          lastX = qx;
          lastY = qy;
        }
        if (pushed.length >= 2 && (pushed[0] !== lastX || pushed[1] !== lastY)) pushed.push(pushed[0]!, pushed[1]!);
        if (pushed.length < 8) {
          droppedRings++;
          continue;
        }
        ringStart.push(start);
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
  const xy = coords.view();
  const rs = Uint32Array.from(ringStart);
  const prs = Uint32Array.from(polyRingStart);

  // 2. Validity: polygons with crossing edges (any two non-adjacent edges of any rings).
  let selfIntersecting = 0;
  if (options.checkValidity === true) {
    for (let p = 0; p < features.length; p++) {
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
  }

  // 3. Regions: clusters of polygons whose bounding boxes lie within 2 degrees of each other.
  const gap = 2 * UNITS_PER_DEGREE;
  let clusters: { bbox: [number, number, number, number]; polys: number[] }[] = [];
  for (let p = 0; p < features.length; p++) {
    if (prs[p] === prs[p + 1]) continue;
    const b: [number, number, number, number] = [
      polyBbox[4 * p]!,
      polyBbox[4 * p + 1]!,
      polyBbox[4 * p + 2]!,
      polyBbox[4 * p + 3]!,
    ];
    const hit = clusters.find(
      (c) => b[0] <= c.bbox[2] + gap && b[2] >= c.bbox[0] - gap && b[1] <= c.bbox[3] + gap && b[3] >= c.bbox[1] - gap,
    );
    if (hit) {
      hit.polys.push(p);
      hit.bbox = [
        Math.min(hit.bbox[0], b[0]),
        Math.min(hit.bbox[1], b[1]),
        Math.max(hit.bbox[2], b[2]),
        Math.max(hit.bbox[3], b[3]),
      ];
    } else clusters.push({ bbox: b, polys: [p] });
  }
  for (let merged = true; merged;) {
    merged = false;
    outer: for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i]!;
        const c = clusters[j]!;
        if (
          a.bbox[0] <= c.bbox[2] + gap &&
          a.bbox[2] >= c.bbox[0] - gap &&
          a.bbox[1] <= c.bbox[3] + gap &&
          a.bbox[3] >= c.bbox[1] - gap
        ) {
          a.polys.push(...c.polys);
          a.bbox = [
            Math.min(a.bbox[0], c.bbox[0]),
            Math.min(a.bbox[1], c.bbox[1]),
            Math.max(a.bbox[2], c.bbox[2]),
            Math.max(a.bbox[3], c.bbox[3]),
          ];
          clusters = clusters.filter((_, k) => k !== j);
          merged = true;
          break outer;
        }
      }
    }
  }

  // Edge references are stored relative to their polygon's first vertex: 16 bits suffice for every real layer.
  const polyVertexStart = new Uint32Array(features.length);
  let maxPolyVertices = 0;
  for (let p = 0; p < features.length; p++) {
    polyVertexStart[p] = rs[prs[p]!]!;
    maxPolyVertices = Math.max(maxPolyVertices, rs[prs[p + 1]!]! - rs[prs[p]!]!);
  }
  const compact = features.length < 65536 && maxPolyVertices < 65536;
  const arrays: { name: string; type: "i32" | "u32" | "u16"; data: Int32Array | Uint32Array | Uint16Array }[] = [
    ...encodeCoords(xy, rs),
    { name: "ringStart", type: "u32", data: rs },
    { name: "polyRingStart", type: "u32", data: prs },
    { name: "polyBbox", type: "i32", data: polyBbox },
  ];
  const regions: RegionHeader[] = [];
  let mixedTotal = 0;
  let edgeRefs = 0;
  let overlaps = 0;

  clusters.forEach((cluster, r) => {
    const [bx0, by0, bx1, by1] = cluster.bbox;
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
    const nfx = ncx * div;
    const nfy = ncy * div;
    const half = fine >> 1;

    // a. Edge -> fine cells (edge within the margin of the cell).
    const pairCell = new GrowInt32();
    const pairPoly = new GrowInt32();
    const pairEdge = new GrowInt32();
    const coarseTouched = new Uint8Array(ncx * ncy);
    const polys = cluster.polys.sort((a, b) => a - b);
    for (const p of polys) {
      for (let ring = prs[p]!; ring < prs[p + 1]!; ring++) {
        for (let v = rs[ring]!; v < rs[ring + 1]! - 1; v++) {
          const ax = xy[2 * v]!;
          const ay = xy[2 * v + 1]!;
          const bx = xy[2 * v + 2]!;
          const by = xy[2 * v + 3]!;
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
        }
      }
    }
    // b. Blocks of fine cells for touched coarse cells.
    const coarseCells = new Int32Array(ncx * ncy);
    const blockOf = new Int32Array(ncx * ncy).fill(-1);
    let blocks = 0;
    for (let c = 0; c < ncx * ncy; c++) if (coarseTouched[c] === 1) blockOf[c] = blocks++;
    const fineCells = new Int32Array(blocks * div * div);
    const fineIndex = (gx: number, gy: number): number => {
      const c = Math.floor(gy / div) * ncx + Math.floor(gx / div);
      return blockOf[c]! * div * div + (gy % div) * div + (gx % div);
    };
    // c. Counting sort of pairs by fine cell (stable: polygon order kept).
    const nPairs = pairCell.length;
    const pc = pairCell.view();
    const cellCount = new Uint32Array(fineCells.length + 1);
    const pairFine = new Int32Array(nPairs);
    for (let i = 0; i < nPairs; i++) {
      const cell = pc[i]!;
      const f = fineIndex(cell % nfx, Math.floor(cell / nfx));
      pairFine[i] = f;
      cellCount[f + 1]!++;
    }
    for (let i = 0; i < fineCells.length; i++) cellCount[i + 1]! += cellCount[i]!;
    const cursor = cellCount.slice(0, fineCells.length);
    const sorted = new Int32Array(nPairs);
    for (let i = 0; i < nPairs; i++) sorted[cursor[pairFine[i]!]!++] = i;
    const pp = pairPoly.view();
    const pe = pairEdge.view();

    // d. Horizontal crossings at each fine row's reference line.
    const rowCount = new Uint32Array(nfy + 1);
    const forEachCrossing = (fn: (row: number, x: number, p: number) => void): void => {
      for (const p of polys) {
        for (let ring = prs[p]!; ring < prs[p + 1]!; ring++) {
          for (let v = rs[ring]!; v < rs[ring + 1]! - 1; v++) {
            const ax = xy[2 * v]!;
            const ay = xy[2 * v + 1]!;
            const bx = xy[2 * v + 2]!;
            const by = xy[2 * v + 3]!;
            if (ay === by) continue;
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
          }
        }
      }
    };
    forEachCrossing((j) => rowCount[j + 1]!++);
    for (let j = 0; j < nfy; j++) rowCount[j + 1]! += rowCount[j]!;
    const rowCursor = rowCount.slice(0, nfy);
    const crossX = new Float64Array(rowCount[nfy]!);
    const crossP = new Int32Array(rowCount[nfy]!);
    forEachCrossing((j, x, p) => {
      const at = rowCursor[j]!++;
      crossX[at] = x;
      crossP[at] = p;
    });

    // e. Sweep every fine row, classifying cells at their reference points.
    const parity = new Uint8Array(features.length);
    const active: number[] = [];
    const mixedRef = new GrowInt32();
    const mixedStart = new GrowInt32();
    const groups = new GrowInt32();
    const coarseSet = new Uint8Array(ncx * ncy);
    const fineMixedIndex = new Int32Array(fineCells.length).fill(-1);
    // Mixed cells are numbered in fine-index order so their group lists can be written in one pass afterwards.
    let mixedCount = 0;
    for (let f = 0; f < fineCells.length; f++) if (cellCount[f + 1]! > cellCount[f]!) fineMixedIndex[f] = mixedCount++;
    const refOfMixed = new Int32Array(mixedCount);
    for (let j = 0; j < nfy; j++) {
      const start = rowCount[j]!;
      const end = rowCount[j + 1]!;
      const order = Array.from({ length: end - start }, (_, i) => start + i).sort((a, b) => crossX[a]! - crossX[b]!);
      let k = 0;
      active.length = 0;
      for (const i of order) parity[crossP[i]!] = 0;
      for (let gx = 0; gx < nfx; gx++) {
        const rx = x0 + gx * fine + half + REF_DX;
        while (k < order.length && crossX[order[k]!]! < rx) {
          const p = crossP[order[k]!]!;
          parity[p] = parity[p]! ^ 1;
          if (parity[p] === 1) active.push(p);
          else active.splice(active.indexOf(p), 1);
          k++;
        }
        if (active.length > 1) overlaps++;
        const value = active.length > 0 ? Math.min(...active) + 1 : 0;
        const c = Math.floor(j / div) * ncx + Math.floor(gx / div);
        if (blockOf[c]! < 0) {
          if (coarseSet[c] === 0) {
            coarseCells[c] = value;
            coarseSet[c] = 1;
          }
          continue;
        }
        const f = fineIndex(gx, j);
        const m = fineMixedIndex[f]!;
        if (m < 0) fineCells[f] = value;
        else {
          fineCells[f] = -(m + 1);
          refOfMixed[m] = value;
        }
      }
    }
    for (let c = 0; c < ncx * ncy; c++) if (blockOf[c]! >= 0) coarseCells[c] = -(blockOf[c]! + 1);
    for (let f = 0; f < fineCells.length; f++) {
      const m = fineMixedIndex[f]!;
      if (m < 0) continue;
      mixedRef.push(refOfMixed[m]!);
      mixedStart.push(groups.length);
      let i = cellCount[f]!;
      const end = cellCount[f + 1]!;
      while (i < end) {
        const p = pp[sorted[i]!]!;
        let n = 0;
        while (i + n < end && pp[sorted[i + n]!] === p) n++;
        groups.push(p);
        groups.push(n);
        for (let e = 0; e < n; e++) groups.push(pe[sorted[i + e]!]! - polyVertexStart[p]!);
        i += n;
      }
    }
    mixedStart.push(groups.length);
    mixedTotal += mixedCount;
    edgeRefs += nPairs;
    regions.push({ name: `region-${r}`, bbox: [bx0, by0, bx1, by1], x0, y0, coarse, div, ncx, ncy });
    arrays.push(
      { name: `r${r}.coarse`, type: "i32", data: coarseCells },
      { name: `r${r}.fine`, type: "i32", data: fineCells },
      { name: `r${r}.mixedRef`, type: "i32", data: mixedRef.view() },
      { name: `r${r}.mixedStart`, type: "u32", data: Uint32Array.from(mixedStart.view()) },
      compact
        ? { name: `r${r}.groups`, type: "u16", data: Uint16Array.from(groups.view()) }
        : { name: `r${r}.groups`, type: "i32", data: groups.view() },
    );
  });

  const report: LayerBuildReport = {
    polygons: features.length,
    rings: rs.length - 1,
    vertices: vertexCount,
    droppedRings,
    duplicateVertices,
    selfIntersecting,
    regions: regions.length,
    mixedCells: mixedTotal,
    edgeRefs,
    overlaps,
  };
  const index = new Flatbush(Math.max(features.length, 1), 16, Int32Array);
  for (let p = 0; p < features.length; p++)
    index.add(polyBbox[4 * p]!, polyBbox[4 * p + 1]!, polyBbox[4 * p + 2]!, polyBbox[4 * p + 3]!);
  if (features.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const indexWords = new Uint32Array(Math.ceil(index.data.byteLength / 4));
  new Uint8Array(indexWords.buffer).set(new Uint8Array(index.data as ArrayBuffer));
  arrays.push({ name: "index", type: "u32", data: indexWords });
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
    regions,
    arrays: arrays.map((a) => ({ name: a.name, type: a.type, length: a.data.length })),
    report: { ...report },
  };
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
  return { bytes: out, report };
}
