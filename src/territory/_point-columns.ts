import { DeclicsError } from "../errors.js";
import type { PointColumns } from "./check-eligibility-batch.js";

/** The two coordinate columns of a columnar call, checked to be of the same length. */
export interface CheckedColumns {
  /** True for Lambert-93 `{ x, y }`, false for WGS84 `{ lon, lat }`. */
  readonly lambert: boolean;
  /** x or lon. */
  readonly a: ArrayLike<number>;
  /** y or lat. */
  readonly b: ArrayLike<number>;
}

/** Reads the columns of {@link PointColumns}; throws `invalid_input` when they differ in length. */
export function checkedColumns(points: PointColumns): CheckedColumns {
  const lambert = "x" in points;
  const a = lambert ? points.x : points.lon;
  const b = lambert ? points.y : points.lat;
  if (a.length !== b.length) {
    const names = lambert ? "x, y" : "lon, lat";
    throw new DeclicsError({
      code: "invalid_input",
      module: "territory",
      message: `Invalid point columns: expected ${names} of the same length, received ${a.length} and ${b.length}`,
      details: { what: "point columns", issues: [{ path: "", expected: "columns of equal length", received: `${a.length} and ${b.length}`, message: "length mismatch" }] },
    });
  }
  return { lambert, a, b };
}
