import * as z from "zod/v4";
import type { DeclicsError } from "../errors.js";
import {
  Flag,
  RowError,
  STATUS_NAMES,
  StatusCode,
  classifyPoint,
  materialisePoint,
  newOutcome,
  rowError,
  type DayPlan,
  type PointOutcome,
} from "./_engine.js";
import { LAMBERT93, LAMBERT93_BOUNDS } from "./_lambert93.js";
import { checkedColumns, type PointColumns } from "./_point-columns.js";
import { ELIGIBILITY_OPTION_FIELDS, contextOf } from "./_options.js";
import { lambertError, lambertRowError } from "./_subject.js";
import { territoryAt } from "./_territories.js";
import type { EligibilityResult, EligibilityStatus } from "./schema.js";

export type { PointColumns } from "./_point-columns.js";

/** Status codes in {@link EligibilityColumns.status}. */
export const COLUMN_STATUS = { eligible: 0, not_eligible: 1, uncertain: 2, error: 255 } as const;

const Options = z.object(ELIGIBILITY_OPTION_FIELDS);

/** Options of {@link checkEligibilityColumns}: those of checkEligibility without the geocoder (`on`, `data`, `policy`). */
export type CheckEligibilityColumnsOptions = z.input<typeof Options>;

/** The code of a point that could not be checked. */
export type ColumnErrorCode = "invalid_coordinates" | "swapped_coordinates" | "outside_france" | "date_out_of_range";

const ERROR_CODES = [
  null,
  "invalid_coordinates",
  "swapped_coordinates",
  "outside_france",
  "date_out_of_range",
] as const;

/**
 * The columnar answer of {@link checkEligibilityColumns}: one entry per point in typed arrays, answer keys for
 * writers that share one result per distinct answer, and full results materialised on demand.
 */
export interface EligibilityColumns {
  readonly size: number;
  /** 0 eligible, 1 not eligible, 2 uncertain, 255 error (see {@link COLUMN_STATUS}). */
  readonly status: Uint8Array;
  /**
   * Points of one call with the same key get the same answer — status, commune, QPV zone, rural part, bases,
   * reason codes and calendar day — apart from distances (and the messages quoting them). -1 for an error.
   */
  readonly answerKey: Float64Array;
  /** Index of the commune polygon (see `codeInsee(i)`), -1 when none. */
  readonly commune: Int32Array;
  /** Index of the QPV polygon of the regime in force (see `qpvCode(i)`), -1 when none. */
  readonly qpv: Int32Array;
  /** Metres to the nearest QPV edge when within the policy's QPV tolerance (10 m by default); Infinity beyond. */
  readonly qpvDistanceM: Float64Array;
  /** Status name of point i, or "error". */
  statusOf(i: number): EligibilityStatus | "error";
  /** INSEE code of point i's commune, or null. */
  codeInsee(i: number): string | null;
  /** QPV code of point i, or null. */
  qpvCode(i: number): string | null;
  /** The DeclicsError code of an error point, or null. */
  errorCode(i: number): ColumnErrorCode | null;
  /** The point's error (as checkEligibility would throw it), or null. */
  error(i: number): DeclicsError | null;
  /** The full, evidenced result of point i (as checkEligibility gives it); throws the point's error for an error point. */
  result(i: number): EligibilityResult;
}

/** Working arrays of one call. */
interface Outputs {
  readonly status: Uint8Array;
  readonly answerKey: Float64Array;
  readonly commune: Int32Array;
  readonly qpv: Int32Array;
  readonly qpvDistanceM: Float64Array;
  readonly errors: Uint8Array;
  readonly flags: Uint16Array;
}

/**
 * Checks columns of points — millions of them — for one day and policy into typed arrays, with no object per
 * point: the bulk path of the CLI and the benchmark (`checkEligibilityMany` is the one for subject objects).
 * Each point gets a status, its commune and QPV, the distance to a QPV edge when it matters, and an answer key:
 * points with the same key get the same answer apart from distances, so a writer can build one full result
 * per key. A point that cannot be checked gets status 255 and a coded `error(i)`; nothing throws for a point.
 * A Date `on` is read, per point, in the legal time zone of the point's territory.
 *
 * @param points - columns `{ lon, lat }` (WGS84) or `{ x, y }` (Lambert-93): arrays or typed arrays of the same length
 * @param options - `on` (a "YYYY-MM-DD" day or a Date), `data`, optional `policy`
 * @returns the columnar answer
 * @throws {DeclicsError} `invalid_input` when the options or the columns are invalid (not columns, lengths
 *   that differ, are negative or exceed 2^25); `date_out_of_range` for a day outside ELIGIBILITY_DATE_RANGE
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibilityColumns } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const columns = checkEligibilityColumns({ lon: [1.4025, 1.4442], lat: [43.5712, 43.6045] }, { on: "2024-05-01", data });
 * [columns.statusOf(0), columns.statusOf(1), columns.qpvCode(0), columns.codeInsee(1)];
 * // => ["eligible", "not_eligible", "QN03107M", "31555"]
 * ```
 * @category Eligibility
 */
export function checkEligibilityColumns(
  points: PointColumns,
  options: CheckEligibilityColumnsOptions,
): EligibilityColumns {
  const { plan } = contextOf(options, Options);
  const { lambert, a, b, length: n } = checkedColumns(points);
  const o: Outputs = {
    status: new Uint8Array(n),
    answerKey: new Float64Array(n),
    commune: new Int32Array(n),
    qpv: new Int32Array(n),
    qpvDistanceM: new Float64Array(n),
    errors: new Uint8Array(n),
    flags: new Uint16Array(n),
  };
  const lons = lambert ? new Float64Array(n) : null;
  const lats = lambert ? new Float64Array(n) : null;
  const out = newOutcome();
  const bounds = LAMBERT93_BOUNDS;
  // Visiting points in spatial order keeps the grid cells and edges of neighbouring points in cache:
  // about 3x faster on shuffled input. The order never changes an answer (each point is independent).
  const sorted = n >= SPATIAL_ORDER_MIN ? spatialOrder(a, b, n, lambert) : null;
  const order = sorted?.order;
  for (let j = 0; j < n; j++) {
    const i = order === undefined ? j : order[j]!;
    let lon = sorted === null ? numberAt(a, j) : sorted.xs[j]!;
    let lat = sorted === null ? numberAt(b, j) : sorted.ys[j]!;
    if (lambert) {
      if (!(lon >= bounds.minX && lon <= bounds.maxX && lat >= bounds.minY && lat <= bounds.maxY)) {
        fail(o, i, lambertRowError(lon, lat));
        continue;
      }
      const p = LAMBERT93.inverse(lon, lat);
      lon = p[0];
      lat = p[1];
      lons![i] = lon;
      lats![i] = lat;
    }
    classifyPoint(plan, lon, lat, out);
    if (out.error !== RowError.None) fail(o, i, out.error);
    else record(o, i, out);
  }
  return makeColumns(plan, a, b, lambert, lons, lats, o);
}

/** A coordinate as a number: anything else (a string, a bigint, a hole) is NaN, an invalid point. */
function numberAt(column: ArrayLike<unknown>, i: number): number {
  const v = column[i];
  return typeof v === "number" ? v : Number.NaN;
}

function fail(o: Outputs, i: number, error: RowError): void {
  o.status[i] = StatusCode.Error;
  o.errors[i] = error;
  o.answerKey[i] = -1;
  o.commune[i] = -1;
  o.qpv[i] = -1;
  o.qpvDistanceM[i] = Infinity;
}

function record(o: Outputs, i: number, out: PointOutcome): void {
  o.status[i] = out.status;
  o.commune[i] = out.commune;
  o.qpv[i] = out.qpv;
  o.qpvDistanceM[i] = out.qpvDistance;
  o.flags[i] = out.flags;
  // Everything materialisation reads except distances: commune, zone, regime, territory (and so the day read
  // in its time zone), rural, status, flags. Commune < 2^17, QPV < 2^12, territory < 2^5, regime < 2^2,
  // rural < 2^3, status < 2^2, flags < 2^10: 53 bits.
  o.answerKey[i] =
    ((((((out.commune + 1) * 4096 + (out.qpv + 1)) * 32 + (out.territory + 1)) * 4 + out.qpvRegime) * 8 + out.rural) *
      4 +
      out.status) *
      1024 +
    out.flags;
}

/** Below this many points, sorting costs more than it saves. */
const SPATIAL_ORDER_MIN = 4096;

/**
 * The points sorted by a grid cell of about 2 km: their original indices and their coordinates in that order.
 * LSD radix sort on 28-bit keys, 4 passes of 7 bits, carrying the coordinates along so that every pass reads
 * sequentially and writes to only 128 streams.
 */
function spatialOrder(
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  n: number,
  lambert: boolean,
): { order: Uint32Array; xs: Float64Array; ys: Float64Array } {
  let keys = new Uint32Array(n);
  let order = new Uint32Array(n);
  let xs = new Float64Array(n);
  let ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = numberAt(a, i);
    const y = numberAt(b, i);
    // Lambert-93 metres or degrees: either way, nearby points get nearby keys.
    const u = lambert ? (x + 500_000) / 2_000 : (x + 180) * 50;
    const v = lambert ? (y - 5_000_000) / 2_000 : (y + 90) * 50;
    const col = u >= 0 && u < 16384 ? Math.floor(u) : 0;
    const row = v >= 0 && v < 16384 ? Math.floor(v) : 0;
    keys[i] = row * 16384 + col;
    order[i] = i;
    xs[i] = x;
    ys[i] = y;
  }
  let keys2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  let xs2 = new Float64Array(n);
  let ys2 = new Float64Array(n);
  const counts = new Uint32Array(129);
  for (let shift = 0; shift < 28; shift += 7) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i]! >>> shift) & 127) + 1]!++;
    for (let k = 0; k < 128; k++) counts[k + 1]! += counts[k]!;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const at = counts[(key >>> shift) & 127]!++;
      keys2[at] = key;
      order2[at] = order[i]!;
      xs2[at] = xs[i]!;
      ys2[at] = ys[i]!;
    }
    [keys, keys2] = [keys2, keys];
    [order, order2] = [order2, order];
    [xs, xs2] = [xs2, xs];
    [ys, ys2] = [ys2, ys];
  }
  return { order, xs, ys };
}

function makeColumns(
  plan: DayPlan,
  a: ArrayLike<unknown>,
  b: ArrayLike<unknown>,
  lambert: boolean,
  lons: Float64Array | null,
  lats: Float64Array | null,
  o: Outputs,
): EligibilityColumns {
  const { status, commune, qpv, errors, flags } = o;
  const lonOf = (i: number): number => (lambert ? lons![i]! : numberAt(a, i));
  const latOf = (i: number): number => (lambert ? lats![i]! : numberAt(b, i));
  const error = (i: number): DeclicsError | null => {
    const code = errors[i];
    if (code === RowError.None || code === undefined) return null;
    if (lambert) {
      const x = numberAt(a, i);
      const y = numberAt(b, i);
      const bounds = LAMBERT93_BOUNDS;
      if (!(x >= bounds.minX && x <= bounds.maxX && y >= bounds.minY && y <= bounds.maxY)) return lambertError(x, y);
    }
    return rowError(code as RowError, lonOf(i), latOf(i), plan, territoryAt(lonOf(i), latOf(i)));
  };
  const data = plan.data;
  return {
    size: status.length,
    status,
    answerKey: o.answerKey,
    commune,
    qpv,
    qpvDistanceM: o.qpvDistanceM,
    statusOf: (i) => (status[i] === StatusCode.Error ? "error" : STATUS_NAMES[status[i] as 0 | 1 | 2]),
    codeInsee: (i) => (commune[i]! >= 0 ? data.communeCodes[commune[i]!]! : null),
    qpvCode: (i) => {
      if (!(qpv[i]! >= 0)) return null;
      const ctx = plan.contexts[territoryAt(lonOf(i), latOf(i))];
      const regime = (flags[i]! & Flag.Overseas) !== 0 ? ctx?.qpvOverseas : ctx?.qpvMainland;
      return (regime === "qpv2015" ? data.qpv2015 : data.qpv2024).header.codes[qpv[i]!] ?? null;
    },
    errorCode: (i) => ERROR_CODES[errors[i] as 0 | 1 | 2 | 3 | 4] ?? null,
    error,
    result: (i) => {
      const e = error(i);
      if (e !== null) throw e;
      const out = newOutcome();
      classifyPoint(plan, lonOf(i), latOf(i), out, Infinity);
      return materialisePoint(plan.forTerritory(out.territory), lonOf(i), latOf(i), out, "point_in_polygon", true);
    },
  };
}
