import type { DeclicsError } from "../errors.js";
import type { EligibilityResult, EligibilitySubject, Geocoder, ZoneOutline } from "../territory/index.js";

/**
 * What the commands need from the territory engine, behind one small interface so that the bulk command can
 * use the engine's fastest path and the pipeline can be tested on its own.
 * @module
 */

/**
 * One row's answer for the CSV: the nine result fields (see RESULT_COLUMNS), or the error the engine raised
 * for that row. Rows with the same answer may share one (frozen) array: the writer caches by identity.
 */
export type RowAnswer = readonly string[] | DeclicsError;

/** Columns of points for one date: WGS84 or Lambert-93, `count` first entries used. */
export type PointBatch =
  | { readonly lon: Float64Array; readonly lat: Float64Array; readonly count: number }
  | { readonly x: Float64Array; readonly y: Float64Array; readonly count: number };

/** The territory engine as the CLI uses it. */
export interface CliEngine {
  /** One subject, one date (an address needs the geocoder). */
  check(subject: EligibilitySubject, on: string, geocoder?: Geocoder): Promise<EligibilityResult>;
  /**
   * Many points for one date, on the engine's columnar path. `exact` asks for the full result of every row
   * (exact distances, slower); otherwise the distance is given when the point is near an edge.
   */
  checkPoints(points: PointBatch, on: string, exact: boolean): RowAnswer[];
  /** Commune codes and postcodes for one date; one answer per subject, in order. */
  checkSubjects(subjects: readonly EligibilitySubject[], on: string): RowAnswer[];
  /** Outlines for the SVG evidence map: the nearest QPV of the regime in force, and the commune. */
  outlines(result: EligibilityResult): { readonly qpv: ZoneOutline | null; readonly commune: ZoneOutline | null };
}
