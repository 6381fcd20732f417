import { loadTerritoryData } from "../data/index.js";
import {
  checkEligibility,
  checkEligibilityColumns,
  checkEligibilityMany,
  type EligibilityResult,
  type EligibilitySubject,
  type Geocoder,
  type SyncEligibilitySubject,
} from "../territory/index.js";
import { evidenceOutlines } from "../territory/render-evidence-svg.js";
import type { CliEngine, PointBatch, RowAnswer } from "./engine.js";
import { errorFields, resultFields } from "./result-columns.js";

/**
 * The real engine behind the CLI: the compiled data of data/build and the territory module's functions.
 * @module
 */

const STATUS_ERROR = 255;
const CACHE_LIMIT = 200_000;

const errorRows = new Map<string, readonly string[]>();
function errorRow(code: string): readonly string[] {
  let fields = errorRows.get(code);
  if (fields === undefined) {
    fields = Object.freeze(errorFields(code));
    errorRows.set(code, fields);
  }
  return fields;
}

/**
 * Loads the bundled territory data and wraps the engine for the commands.
 *
 * Points go through `checkEligibilityColumns` (typed arrays, no per-point allocation), which gives each point
 * an answer key: points with the same key get the same answer apart from distances. One full result is
 * materialised per key and its fields are shared by every point with that key; the distance to the QPV edge
 * is the point's own (given when the point is within the QPV tolerance of an edge). With `exact`, every row
 * gets its own full result, with exact distances.
 *
 * @returns the engine
 * @throws {DeclicsError} `data_missing` or `data_integrity` when data/build is absent or corrupt
 * @example
 * ```ts
 * const engine = await loadTerritoryEngine();
 * engine.checkPoints({ lon: new Float64Array([1.4025]), lat: new Float64Array([43.5712]), count: 1 }, "2024-05-01", false)[0]?.[0];
 * // => "eligible"
 * ```
 */
export async function loadTerritoryEngine(): Promise<CliEngine> {
  const data = await loadTerritoryData();
  // Shared field arrays by (date, status, commune, qpv, near-edge).
  const shared = new Map<string, Map<number, readonly string[]>>();
  const sharedFor = (day: string): Map<number, readonly string[]> => {
    let cache = shared.get(day);
    if (cache === undefined || cache.size > CACHE_LIMIT) {
      cache = new Map();
      shared.set(day, cache);
    }
    return cache;
  };
  return {
    async check(subject: EligibilitySubject, on: string, geocoder?: Geocoder): Promise<EligibilityResult> {
      return await checkEligibility(subject, { on, data, ...(geocoder === undefined ? {} : { geocoder }) });
    },
    checkPoints(points: PointBatch, on: string, exact: boolean): RowAnswer[] {
      const n = points.count;
      const lonlat = "lon" in points;
      const first = lonlat ? points.lon : points.x;
      const second = lonlat ? points.lat : points.y;
      const answers: RowAnswer[] = new Array<RowAnswer>(n);
      const subject = (i: number): SyncEligibilitySubject =>
        lonlat ? { lon: first[i]!, lat: second[i]! } : { x: first[i]!, y: second[i]! };
      if (exact) {
        const subjects = Array.from({ length: n }, (_, i) => subject(i));
        for (const row of checkEligibilityMany(subjects, { on, data }))
          answers[row.index] = row.ok ? resultFields(row.result) : errorRow(String(row.error.code));
        return answers;
      }
      const columns = lonlat
        ? { lon: first.subarray(0, n), lat: second.subarray(0, n) }
        : { x: first.subarray(0, n), y: second.subarray(0, n) };
      // The CLI's dates are calendar days ("YYYY-MM-DD"), the same day in every territory's time zone.
      const classes = checkEligibilityColumns(columns, { on, data });
      const cache = sharedFor(on);
      const { status, answerKey, qpvDistanceM } = classes;
      for (let i = 0; i < n; i++) {
        if (status[i] === STATUS_ERROR) {
          answers[i] = errorRow(classes.errorCode(i) ?? "engine_error");
          continue;
        }
        const key = answerKey[i]!;
        let fields = cache.get(key);
        if (fields === undefined) {
          // One full answer per distinct answer key: its fields hold for every point with that key.
          const full = resultFields(checkEligibility(subject(i), { on, data }));
          full[7] = "";
          fields = Object.freeze(full);
          cache.set(key, fields);
        }
        const d = qpvDistanceM[i]!;
        if (Number.isFinite(d)) {
          const own = fields.slice();
          own[7] = String(Math.round(d));
          answers[i] = own;
        } else answers[i] = fields;
      }
      return answers;
    },
    checkSubjects(subjects: readonly EligibilitySubject[], on: string): RowAnswer[] {
      return checkEligibilityMany(subjects as readonly SyncEligibilitySubject[], { on, data }).map((row) =>
        row.ok ? resultFields(row.result) : row.error,
      );
    },
    outlines(result: EligibilityResult) {
      return evidenceOutlines(result, data);
    },
  };
}
