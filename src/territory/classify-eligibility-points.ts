import { RowError, StatusCode, classifyPoint, newOutcome } from "./_engine.js";
import { LAMBERT93, LAMBERT93_BOUNDS } from "./_lambert93.js";
import { checkedColumns } from "./_point-columns.js";
import { contextOf, type CheckEligibilityOptions } from "./_options.js";
import type { PointColumns } from "./check-eligibility-batch.js";

/**
 * The columnar classification of {@link classifyEligibilityPoints}: per point, the status, an answer key and
 * the error code of a point that could not be checked.
 */
export interface EligibilityPointClasses {
  readonly size: number;
  /** 0 eligible, 1 not eligible, 2 uncertain, 255 error (as `BATCH_STATUS`). */
  readonly status: Uint8Array;
  /**
   * Points of one call with the same key get the same answer — status, commune, QPV zone, rural part, bases
   * and reason codes — apart from distances (and the messages quoting them). -1 for an error.
   */
  readonly answerKey: Float64Array;
  /** Metres to the nearest QPV edge when within the policy's QPV tolerance; Infinity beyond. */
  readonly qpvDistanceM: Float64Array;
  /** The DeclicsError code of an error point (`invalid_coordinates`, `swapped_coordinates`, `outside_france`), or null. */
  errorCode(i: number): "invalid_coordinates" | "swapped_coordinates" | "outside_france" | null;
}

const ERROR_CODES = [null, "invalid_coordinates", "swapped_coordinates", "outside_france"] as const;

/**
 * Classifies many points for one date and policy into typed arrays and gives each an answer key: points with
 * the same key get the same answer apart from distances. A bulk writer (the CLI) materialises one full
 * result per key instead of one per point, which keeps every reason exact (per-point facts such as "near a
 * commune border" or "outside the commune contours" are part of the key) at the cost of one result per
 * distinct answer.
 *
 * @param points - columns `{ lon, lat }` (WGS84) or `{ x, y }` (Lambert-93)
 * @param options - `on`, `data`, optional `policy`
 * @returns status, answer key, QPV distance near an edge, and error codes, per point
 * @throws {DeclicsError} `invalid_input` when the options are invalid or the columns differ in length
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { classifyEligibilityPoints } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const classes = classifyEligibilityPoints({ lon: [1.4025, 1.4026, 1.4442], lat: [43.5712, 43.5712, 43.6045] }, { on: new Date("2024-05-01"), data });
 * classes.answerKey[0] === classes.answerKey[1]; // => true
 * classes.answerKey[0] === classes.answerKey[2]; // => false
 * ```
 * @category Eligibility
 */
export function classifyEligibilityPoints(points: PointColumns, options: Omit<CheckEligibilityOptions, "geocoder">): EligibilityPointClasses {
  const { ctx } = contextOf(options);
  const { lambert, a, b } = checkedColumns(points);
  const n = a.length;
  const status = new Uint8Array(n);
  const answerKey = new Float64Array(n);
  const qpvDistanceM = new Float64Array(n);
  const errors = new Uint8Array(n);
  const out = newOutcome();
  const bounds = LAMBERT93_BOUNDS;
  for (let i = 0; i < n; i++) {
    let lon = a[i]!;
    let lat = b[i]!;
    if (lambert) {
      if (!(lon >= bounds.minX && lon <= bounds.maxX && lat >= bounds.minY && lat <= bounds.maxY)) {
        status[i] = StatusCode.Error;
        errors[i] = RowError.InvalidCoordinates;
        answerKey[i] = -1;
        qpvDistanceM[i] = Infinity;
        continue;
      }
      const p = LAMBERT93.inverse(lon, lat);
      lon = p[0];
      lat = p[1];
    }
    classifyPoint(ctx, lon, lat, out);
    if (out.error !== RowError.None) {
      status[i] = StatusCode.Error;
      errors[i] = out.error;
      answerKey[i] = -1;
      qpvDistanceM[i] = Infinity;
      continue;
    }
    status[i] = out.status;
    qpvDistanceM[i] = out.qpvDistance;
    // Everything materialisation reads except distances: commune, zone, regime, territory, rural, status, flags.
    // Commune < 2^17, QPV < 2^12, territory < 2^5, regime < 2^2, rural < 2^3, status < 2^2, flags < 2^10: 53 bits.
    answerKey[i] =
      ((((((out.commune + 1) * 4096 + (out.qpv + 1)) * 32 + (out.territory + 1)) * 4 + out.qpvRegime) * 8 + out.rural) * 4 + out.status) * 1024 + out.flags;
  }
  return {
    size: n,
    status,
    answerKey,
    qpvDistanceM,
    errorCode: (i) => ERROR_CODES[errors[i] as 0 | 1 | 2 | 3] ?? null,
  };
}
