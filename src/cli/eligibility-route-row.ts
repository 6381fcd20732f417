import type { ColumnMap } from "./detect-columns.js";
import { parseCalendarDate, parseDecimal } from "./parse-cell.js";

/**
 * Stage 2 of `declics eligibility`, *route a row*: a pure function from a row's cells to what the engine must
 * answer (a point, a commune code or postcode, an address) or to the coded reason it cannot be answered.
 * @module
 */

/** Where a row goes. `on` is the row's date, YYYY-MM-DD. */
export type Route =
  | { readonly kind: "lonlat" | "xy"; readonly a: number; readonly b: number; readonly on: string }
  | {
      readonly kind: "code";
      readonly subject: { readonly codeInsee: string } | { readonly postcode: string };
      readonly on: string;
    }
  | { readonly kind: "address"; readonly address: string; readonly on: string }
  | { readonly kind: "error"; readonly reason: string };

/** What routing needs to know, fixed for a whole run. */
export interface RoutePlan {
  readonly columns: ColumnMap;
  /** The date of rows without a date column. */
  readonly defaultOn: string;
  /** Whether address-only rows may be geocoded (`--geocode`). */
  readonly geocode: boolean;
  /** The text of a cell (cells are carried as bytes; see csv-codec.ts). */
  readonly textOf: (cell: string) => string;
}

const ERRORS = new Map<string, Route>();
/** One shared (frozen) route per error reason: no allocation for the rows that fail. */
export function errorRoute(reason: string): Route {
  let route = ERRORS.get(reason);
  if (route === undefined) {
    route = Object.freeze({ kind: "error", reason });
    ERRORS.set(reason, route);
  }
  return route;
}

/** Pads codes Excel stripped of their leading zero (1001 -> 01001). */
function padCode(cell: string): string {
  const code = cell.trim().toUpperCase();
  return /^\d{4}$/.test(code) ? `0${code}` : code;
}

function isBlank(fields: readonly string[]): boolean {
  for (let k = 0; k < fields.length; k++) if ((fields[k] as string).trim() !== "") return false;
  return true;
}

/** A point from two cells: both numbers, both empty (no point: null), or anything else (invalid). */
function pointOf(kind: "lonlat" | "xy", first: string, second: string, on: string): Route | null {
  const a = parseDecimal(first);
  const b = parseDecimal(second);
  if (Number.isFinite(a) && Number.isFinite(b)) return { kind, a, b, on };
  return first.trim() === "" && second.trim() === "" ? null : errorRoute("invalid_coordinates");
}

/**
 * Routes one row (already cut to the header's width). The most precise location wins: coordinates, then
 * Lambert-93, then commune code, postcode, address. A blank row is `empty_row`; a row with no location is
 * `missing_location`; an unreadable date or coordinates are `invalid_date` / `invalid_coordinates`; an
 * address without `--geocode` is `address_not_geocoded`.
 *
 * @param fields - the row's cells
 * @param plan - the columns and defaults of the run
 * @returns the route
 * @example
 * ```ts
 * routeRow(["Ana", "1,40", "43,57"], plan); // => { kind: "lonlat", a: 1.4, b: 43.57, on: "2024-05-01" }
 * ```
 */
export function routeRow(fields: readonly string[], plan: RoutePlan): Route {
  const { lon, lat, x, y, codeInsee, postcode, address, date } = plan.columns;
  let on = plan.defaultOn;
  if (date >= 0) {
    const parsed = parseCalendarDate(fields[date] as string);
    if (parsed === null) return errorRoute(isBlank(fields) ? "empty_row" : "invalid_date");
    on = parsed;
  }
  const point =
    (lon >= 0 ? pointOf("lonlat", fields[lon] as string, fields[lat] as string, on) : null) ??
    (x >= 0 ? pointOf("xy", fields[x] as string, fields[y] as string, on) : null);
  if (point !== null) return point;
  if (codeInsee >= 0 && (fields[codeInsee] as string).trim() !== "")
    return { kind: "code", subject: { codeInsee: padCode(plan.textOf(fields[codeInsee] as string)) }, on };
  if (postcode >= 0 && (fields[postcode] as string).trim() !== "")
    return { kind: "code", subject: { postcode: padCode(plan.textOf(fields[postcode] as string)) }, on };
  if (address >= 0 && (fields[address] as string).trim() !== "") {
    return plan.geocode
      ? { kind: "address", address: plan.textOf(fields[address] as string).trim(), on }
      : errorRoute("address_not_geocoded");
  }
  return errorRoute(isBlank(fields) ? "empty_row" : "missing_location");
}
