import { parseDecimal } from "./parse-cell.js";

/**
 * Finds which columns of a spreadsheet hold the location (and the date) of each person.
 * @module
 */

/** What a column can hold for the CLI. */
export type ColumnRole = "lon" | "lat" | "x" | "y" | "codeInsee" | "postcode" | "address" | "date";

/** Column indexes by role (-1 when absent). */
export type ColumnMap = Record<ColumnRole, number>;

/** Header names recognised for each role, compared without case, accents, spaces or punctuation. */
export const COLUMN_ALIASES: Readonly<Record<Exclude<ColumnRole, "date">, readonly string[]>> = {
  lon: ["lon", "long", "lng", "longitude", "lon_wgs84", "longitude_wgs84", "wgs84_lon", "coord_lon"],
  lat: ["lat", "latitude", "lat_wgs84", "latitude_wgs84", "wgs84_lat", "coord_lat"],
  x: ["x", "x_l93", "x_lambert93", "x_lambert_93", "lambert93_x", "coord_x", "xl93"],
  y: ["y", "y_l93", "y_lambert93", "y_lambert_93", "lambert93_y", "coord_y", "yl93"],
  codeInsee: [
    "code_insee",
    "insee",
    "codgeo",
    "code_geo",
    "code_commune",
    "code_commune_insee",
    "depcom",
    "cog",
    "citycode",
    "com",
    "insee_com",
  ],
  postcode: ["code_postal", "cp", "postcode", "code_post", "codepostal", "zip", "postal_code", "zipcode"],
  address: ["adresse", "address", "adresse_postale", "adresse_complete", "adresse_domicile", "adr", "label"],
};

/**
 * Normalises a header for matching: lower case, accents removed, anything but letters and digits dropped
 * (`"Code INSÉE"`, `"code_insee"` and `"CodeInsee"` all become `"codeinsee"`).
 *
 * @param header - a header cell
 * @returns the normalised key
 * @example
 * ```ts
 * normaliseHeader(" Code INSÉE "); // => "codeinsee"
 * ```
 */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Columns named on the command line, by role (header names, matched like the aliases). */
export type ColumnOverrides = Partial<Record<ColumnRole, string>>;

/** A column whose name matched a role but whose values did not look like it. */
export interface RejectedColumn {
  readonly role: ColumnRole;
  readonly index: number;
  /** Sampled non-empty values, and how many of them looked like the role. */
  readonly values: number;
  readonly matching: number;
}

/** The outcome of {@link detectColumns}. */
export type DetectColumnsResult =
  | { readonly ok: true; readonly columns: ColumnMap; readonly rejected: readonly RejectedColumn[] }
  | { readonly ok: false; readonly problem: "unknown_column"; readonly role: ColumnRole; readonly name: string }
  | { readonly ok: false; readonly problem: "no_location_column"; readonly rejected: readonly RejectedColumn[] };

const STREET_WORDS = new RegExp(
  "\\b(rue|avenue|av|bd|boulevard|place|pl|chemin|ch|all[ée]e|impasse|imp|route|rte|quai|cours|square|sq|" +
    "r[ée]sidence|lieu[- ]dit|hameau|cit[ée]|lotissement|faubourg|passage|voie|sentier|esplanade|promenade|" +
    "mont[ée]e|c[ôo]te|street|road)\\b",
  "i",
);

/**
 * Whether a cell looks like a value of a role: a longitude or latitude in range, a number for Lambert-93,
 * a commune code (`31555`, `2A004`, or 4 digits Excel stripped of a zero), a postcode, or an address (words
 * with a number or a street word: a person's name is not an address).
 *
 * @param role - the role
 * @param value - the cell text
 * @returns true when the value fits the role
 * @example
 * ```ts
 * looksLike("codeInsee", "31555"); // => true
 * looksLike("address", "Jean Dupont"); // => false
 * ```
 */
export function looksLike(role: ColumnRole, value: string): boolean {
  const text = value.trim();
  switch (role) {
    case "lon":
    case "lat": {
      const v = parseDecimal(text);
      return Number.isFinite(v) && Math.abs(v) <= (role === "lon" ? 180 : 90);
    }
    case "x":
    case "y":
      return Number.isFinite(parseDecimal(text));
    case "codeInsee":
      return /^(\d{4,5}|2[AB]\d{3})$/i.test(text);
    case "postcode":
      return /^\d{4,5}$/.test(text);
    case "address":
      return /\p{L}{2,}/u.test(text) && /\S\s+\S/.test(text) && (/\d/.test(text) || STREET_WORDS.test(text));
    case "date":
      return true;
  }
}

/** Most sampled non-empty values look like the role (an address also needs at least one value). */
function evidence(role: ColumnRole, index: number, sample: readonly (readonly string[])[]): RejectedColumn | null {
  let values = 0;
  let matching = 0;
  for (const row of sample) {
    const cell = row[index] ?? "";
    if (cell.trim() === "") continue;
    values++;
    if (looksLike(role, cell)) matching++;
  }
  const ok = values === 0 ? role !== "address" : 2 * matching > values;
  return ok ? null : { role, index, values, matching };
}

/**
 * Maps header cells to roles. A column named on the command line (`--lon-column` ...) is taken as is. Otherwise
 * a role takes the first column whose normalised name is one of its aliases AND whose sampled values are
 * evidence for it: most non-empty values look like the role ({@link looksLike}); a column whose name
 * matches but whose values do not is reported in `rejected`. A point needs both halves (lon and lat, or x
 * and y); a file needs at least one kind of location. The date column is only ever named explicitly.
 *
 * @param header - the header cells, in order (decoded text)
 * @param overrides - columns named by the user
 * @param sample - the first rows (decoded text), the evidence; none: names alone decide
 * @returns the column map and the rejected candidates, or why there is none
 * @example
 * ```ts
 * detectColumns(["Nom", "Longitude", "Latitude"], {}, [["Ana", "1.40", "43.57"]]);
 * // => { ok: true, columns: { lon: 1, lat: 2, x: -1, y: -1, codeInsee: -1, postcode: -1, address: -1, date: -1 }, rejected: [] }
 * ```
 */
export function detectColumns(
  header: readonly string[],
  overrides: ColumnOverrides = {},
  sample?: readonly (readonly string[])[],
): DetectColumnsResult {
  const keys = header.map(normaliseHeader);
  const columns: ColumnMap = { lon: -1, lat: -1, x: -1, y: -1, codeInsee: -1, postcode: -1, address: -1, date: -1 };
  const taken = new Set<number>();
  const rejected: RejectedColumn[] = [];
  for (const [role, name] of Object.entries(overrides) as [ColumnRole, string | undefined][]) {
    if (name === undefined) continue;
    const exact = header.indexOf(name);
    const index = exact >= 0 ? exact : keys.indexOf(normaliseHeader(name));
    if (index < 0) return { ok: false, problem: "unknown_column", role, name };
    columns[role] = index;
    taken.add(index);
  }
  for (const [role, aliases] of Object.entries(COLUMN_ALIASES) as [Exclude<ColumnRole, "date">, readonly string[]][]) {
    if (columns[role] >= 0) continue;
    const wanted = new Set(aliases.map(normaliseHeader));
    for (let i = 0; i < keys.length && columns[role] < 0; i++) {
      if (!wanted.has(keys[i] as string) || taken.has(i)) continue;
      const refused = sample === undefined ? null : evidence(role, i, sample);
      if (refused !== null) {
        rejected.push(refused);
        continue;
      }
      columns[role] = i;
      taken.add(i);
    }
  }
  // Half a point is no point.
  if (columns.lon < 0 || columns.lat < 0) columns.lon = columns.lat = -1;
  if (columns.x < 0 || columns.y < 0) columns.x = columns.y = -1;
  if (columns.lon < 0 && columns.x < 0 && columns.codeInsee < 0 && columns.postcode < 0 && columns.address < 0) {
    return { ok: false, problem: "no_location_column", rejected };
  }
  return { ok: true, columns, rejected };
}
