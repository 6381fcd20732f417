import * as z from "zod/v4";
import { DeclicsError, type InputIssue } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue, toInputIssues } from "../_lib/parse.js";
import {
  AddressSubject,
  CommuneSubject,
  GeoJsonPointFeatureSubject,
  GeoJsonPointSubject,
  Lambert93Subject,
  LonLatSubject,
  PostcodeSubject,
} from "./schema.js";

/**
 * The error for a subject that matches none of the accepted shapes: it lists them, names the nearest one and
 * the fields of it that failed, and adds a coded hint for the usual mistakes. Hints are codes (not text) so
 * that the message table can say them in French and in English.
 * @module
 */

/** Coded hints for the usual subject mistakes (in `details.hint` of `invalid_input`). */
export type SubjectShapeHint =
  /** `{ lng, lat }` (Leaflet, Google Maps): the key is `lon`. */
  | "use_lon_not_lng"
  /** `{ latitude, longitude }` (the Geolocation API): use `{ lon, lat }`. */
  | "use_lon_lat_not_latitude_longitude"
  /** Coordinates given as strings (`"1.40"`): numbers are expected; parse them first. */
  | "coordinates_as_strings"
  /** `{ codeInsee: 31555 }`: a string is expected ("01001" loses its leading zero as a number). */
  | "code_insee_as_number"
  /** `{ postcode: 31100 }`: a string is expected ("01000" loses its leading zero as a number). */
  | "postcode_as_number"
  /** `{ insee }`, `{ citycode }`, `{ code_insee }`…: the key is `codeInsee`. */
  | "use_code_insee_key"
  /** `{ codePostal }`, `{ zipcode }`, `{ postalCode }`…: the key is `postcode`. */
  | "use_postcode_key"
  /** A bare `[lon, lat]` array: wrap it as `{ lon, lat }` or a GeoJSON Point. */
  | "use_object_not_array"
  /** A GeoJSON Point whose `coordinates` are not `[lon, lat]` numbers. */
  | "geojson_coordinates_lon_lat"
  /** A GeoJSON Feature whose geometry is not a Point (a Polygon, a LineString…): give a point. */
  | "geojson_not_point";

/** The accepted shapes, in the order they are listed, each with the keys that identify it. */
const SHAPES = [
  { name: "{ lon, lat }", schema: LonLatSubject, keys: ["lon", "lat", "lng", "long", "latitude", "longitude"] },
  { name: "{ x, y }", schema: Lambert93Subject, keys: ["x", "y"] },
  {
    name: "{ codeInsee }",
    schema: CommuneSubject,
    keys: ["codeInsee", "insee", "codeINSEE", "code_insee", "citycode"],
  },
  {
    name: "{ postcode }",
    schema: PostcodeSubject,
    keys: ["postcode", "codePostal", "code_postal", "zipcode", "postalCode"],
  },
  { name: "{ address }", schema: AddressSubject, keys: ["address", "adresse"] },
  { name: "GeoJSON Point", schema: GeoJsonPointSubject, keys: ["coordinates"] },
  { name: "GeoJSON Feature<Point>", schema: GeoJsonPointFeatureSubject, keys: ["geometry"] },
] as const;

type Shape = (typeof SHAPES)[number];

/** The accepted subject shapes, as listed in errors. */
export const ACCEPTED_SUBJECT_SHAPES: readonly string[] = SHAPES.map((s) => s.name);

const isNumeric = (v: unknown): boolean => typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v));

function hintOf(s: Record<string, unknown>, has: (k: string) => boolean): SubjectShapeHint | undefined {
  if (has("lng") || has("long")) return "use_lon_not_lng";
  if (has("latitude") || has("longitude")) return "use_lon_lat_not_latitude_longitude";
  if ((isNumeric(s.lon) && isNumeric(s.lat)) || (isNumeric(s.x) && isNumeric(s.y))) return "coordinates_as_strings";
  if (typeof s.codeInsee === "number") return "code_insee_as_number";
  if (typeof s.postcode === "number") return "postcode_as_number";
  if (["insee", "codeINSEE", "code_insee", "citycode"].some(has)) return "use_code_insee_key";
  if (["codePostal", "code_postal", "zipcode", "postalCode"].some(has)) return "use_postcode_key";
  const geometry = s.type === "Feature" ? (s.geometry as { type?: unknown } | null | undefined) : undefined;
  if (s.type === "Feature" && geometry?.type !== "Point") return "geojson_not_point";
  if (s.type === "Point" || s.type === "Feature") return "geojson_coordinates_lon_lat";
  return undefined;
}

function nearestShape(s: Record<string, unknown>, has: (k: string) => boolean): Shape {
  if (s.type === "Feature") return SHAPES[6];
  if (s.type === "Point") return SHAPES[5];
  let best: Shape = SHAPES[0];
  let bestScore = 0;
  for (const shape of SHAPES) {
    const score = shape.keys.filter(has).length;
    if (score > bestScore) {
      best = shape;
      bestScore = score;
    }
  }
  return best;
}

/** The `invalid_input` error of a subject that is none of the accepted shapes. Never throws itself. */
export function subjectShapeError(subject: unknown): DeclicsError<"invalid_input"> {
  const isRecord = typeof subject === "object" && subject !== null && !Array.isArray(subject);
  const s = isRecord ? (subject as Record<string, unknown>) : {};
  const has = (k: string): boolean => isRecord && Object.prototype.hasOwnProperty.call(s, k);
  let hint: SubjectShapeHint | undefined;
  let nearest: Shape = SHAPES[0];
  let issues: InputIssue[] = [
    { path: "", expected: { kind: "subject_shape", shape: nearest.name }, received: describeValue(subject) },
  ];
  try {
    hint = Array.isArray(subject) ? "use_object_not_array" : isRecord ? hintOf(s, has) : undefined;
    nearest = nearestShape(s, has);
    const parsed = (nearest.schema as z.ZodType).safeParse(subject, { reportInput: true });
    issues = parsed.success
      ? [{ path: "", expected: { kind: "subject_shape", shape: nearest.name }, received: describeValue(subject) }]
      : toInputIssues(parsed.error, subject);
  } catch {
    // A hostile subject (throwing getters, a revoked Proxy): the error still lists the accepted shapes.
  }
  return territoryError({
    code: "invalid_input",
    module: "territory",
    details: {
      what: "eligibility subject",
      issues,
      accepted: ACCEPTED_SUBJECT_SHAPES,
      nearest: nearest.name,
      ...(hint === undefined ? {} : { hint }),
    },
  });
}

function numbersOf(geometry: unknown): number[] | null {
  if (typeof geometry !== "object" || geometry === null) return null;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type !== "Point" || !Array.isArray(coordinates) || coordinates.length < 2 || coordinates.length > 3) return null;
  return coordinates.every((c) => typeof c === "number") ? (coordinates as number[]) : null;
}

/**
 * The `[lon, lat]` of a GeoJSON Point or Feature<Point> subject, or null when the subject is not GeoJSON. Any
 * numbers pass here (NaN, out of range, swapped): the point checks then give them their coordinate errors.
 */
export function geoJsonPointOf(subject: Record<string, unknown>): { lon: number; lat: number } | null {
  if (subject.type !== "Point" && subject.type !== "Feature") return null;
  const coordinates = numbersOf(subject.type === "Point" ? subject : subject.geometry);
  if (coordinates === null) throw subjectShapeError(subject);
  return { lon: coordinates[0]!, lat: coordinates[1]! };
}
