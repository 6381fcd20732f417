import { loadTerritoryData } from "../data/index.js";
import { DeclicsError } from "../errors.js";
import {
  checkEligibility,
  checkEligibilityBatch,
  checkEligibilityMany,
  getZoneOutline,
  type EligibilityResult,
  type EligibilitySubject,
  type Geocoder,
  type SyncEligibilitySubject,
} from "../territory/index.js";
import type { CliEngine, PointBatch, RowAnswer } from "./engine.js";
import { resultFields } from "./result-columns.js";

/**
 * The real engine behind the CLI: the compiled data of data/build and the territory module's functions.
 * @module
 */

const STATUS_UNCERTAIN = 2;
const STATUS_ERROR = 255;
const CACHE_LIMIT = 200_000;

function engineError(i: number): DeclicsError {
  return new DeclicsError({ code: "invalid_input", module: "cli", message: `row ${i}: no answer`, details: { what: "row", issues: [] } });
}

/**
 * Loads the bundled territory data and wraps the engine for the commands.
 *
 * Points go through `checkEligibilityBatch` (typed arrays, no per-point allocation). The CSV fields of a row
 * depend only on its status, commune, QPV and whether it is near a QPV edge, except for uncertain rows; so
 * one full result is materialised per such combination and shared, and every uncertain row gets its own
 * full result (its reasons are specific).
 *
 * @returns the engine
 * @throws {DeclicsError} `data_missing` or `data_integrity` when data/build is absent or corrupt
 * @example
 * ```ts
 * const engine = await loadTerritoryEngine();
 * engine.checkPoints({ lon: new Float64Array([1.4025]), lat: new Float64Array([43.5712]), count: 1 }, new Date("2024-05-01T12:00:00Z"), false)[0]?.[0];
 * // => "eligible"
 * ```
 */
export async function loadTerritoryEngine(): Promise<CliEngine> {
  const data = await loadTerritoryData();
  // Shared field arrays by (date, status, commune, qpv, near-edge).
  const shared = new Map<string, Map<number, readonly string[]>>();
  const sharedFor = (on: Date): Map<number, readonly string[]> => {
    const day = on.toISOString().slice(0, 10);
    let cache = shared.get(day);
    if (cache === undefined || cache.size > CACHE_LIMIT) {
      cache = new Map();
      shared.set(day, cache);
    }
    return cache;
  };
  return {
    async check(subject: EligibilitySubject, on: Date, geocoder?: Geocoder): Promise<EligibilityResult> {
      return await checkEligibility(subject, { on, data, ...(geocoder === undefined ? {} : { geocoder }) });
    },
    checkPoints(points: PointBatch, on: Date, exact: boolean): RowAnswer[] {
      const n = points.count;
      const columns = "lon" in points ? { lon: points.lon.subarray(0, n), lat: points.lat.subarray(0, n) } : { x: points.x.subarray(0, n), y: points.y.subarray(0, n) };
      const batch = checkEligibilityBatch(columns, { on, data });
      const cache = sharedFor(on);
      const answers: RowAnswer[] = new Array<RowAnswer>(n);
      const { status, commune, qpv, qpvDistanceM } = batch;
      // Only the error's code is written; skip capturing a stack trace for each bad row.
      const stackLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        for (let i = 0; i < n; i++) {
          const s = status[i]!;
          if (s === STATUS_ERROR) {
            answers[i] = batch.error(i) ?? engineError(i);
            continue;
          }
          if (exact || s === STATUS_UNCERTAIN) {
            answers[i] = resultFields(batch.result(i));
            continue;
          }
          const d = qpvDistanceM[i]!;
          const near = Number.isFinite(d);
          const key = (((commune[i]! + 1) * 8192 + (qpv[i]! + 1)) * 4 + s) * 2 + (near ? 1 : 0);
          let fields = cache.get(key);
          if (fields === undefined) {
            const full = resultFields(batch.result(i));
            full[7] = "";
            fields = Object.freeze(full);
            cache.set(key, fields);
          }
          if (near) {
            const own = fields.slice();
            own[7] = String(Math.round(d));
            answers[i] = own;
          } else answers[i] = fields;
        }
      } finally {
        Error.stackTraceLimit = stackLimit;
      }
      return answers;
    },
    checkSubjects(subjects: readonly EligibilitySubject[], on: Date): RowAnswer[] {
      return checkEligibilityMany(subjects as readonly SyncEligibilitySubject[], { on, data }).map((row) => (row.ok ? resultFields(row.result) : row.error));
    },
    outlines(result: EligibilityResult) {
      const point = result.point;
      const layer = result.qpv.regime === "qpv2015" ? "qpv2015" : "qpv2024";
      const qpv =
        result.qpv.zone !== null
          ? getZoneOutline(data, { layer, code: result.qpv.zone.code })
          : point === null
            ? null
            : getZoneOutline(data, { layer, near: point });
      const byCode = result.commune === null ? null : getZoneOutline(data, { layer: "communes", code: result.commune.codeInsee });
      const found = byCode ?? (point === null ? null : getZoneOutline(data, { layer: "communes", near: point, maxDistanceM: 2000 }));
      // The contours layer carries codes only; names come from the commune lists (the result has it).
      const commune = found !== null && found.name === "" && result.commune !== null && found.code === result.commune.codeInsee ? { ...found, name: result.commune.name } : found;
      return { qpv, commune };
    },
  };
}
