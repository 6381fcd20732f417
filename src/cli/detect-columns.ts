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
  codeInsee: ["code_insee", "insee", "codgeo", "code_geo", "code_commune", "code_commune_insee", "depcom", "cog", "citycode", "com", "insee_com"],
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

/** The outcome of {@link detectColumns}. */
export type DetectColumnsResult =
  | { readonly ok: true; readonly columns: ColumnMap }
  | { readonly ok: false; readonly problem: "unknown_column"; readonly role: ColumnRole; readonly name: string }
  | { readonly ok: false; readonly problem: "no_location_column" };

/**
 * Maps header cells to roles: each role takes the first column whose normalised name is one of its
 * aliases; a column named on the command line (`--lon-column` ...) overrides the guess. A point needs both
 * halves (lon and lat, or x and y); a file needs at least one kind of location. The date column is only
 * ever named explicitly (`--date-column`).
 *
 * @param header - the header cells, in order
 * @param overrides - columns named by the user
 * @returns the column map, or why there is none
 * @example
 * ```ts
 * detectColumns(["Nom", "Longitude", "Latitude"]);
 * // => { ok: true, columns: { lon: 1, lat: 2, x: -1, y: -1, codeInsee: -1, postcode: -1, address: -1, date: -1 } }
 * ```
 */
export function detectColumns(header: readonly string[], overrides: ColumnOverrides = {}): DetectColumnsResult {
  const keys = header.map(normaliseHeader);
  const columns: ColumnMap = { lon: -1, lat: -1, x: -1, y: -1, codeInsee: -1, postcode: -1, address: -1, date: -1 };
  const taken = new Set<number>();
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
    const index = keys.findIndex((key, i) => wanted.has(key) && !taken.has(i));
    if (index >= 0) {
      columns[role] = index;
      taken.add(index);
    }
  }
  // Half a point is no point.
  if (columns.lon < 0 || columns.lat < 0) columns.lon = columns.lat = -1;
  if (columns.x < 0 || columns.y < 0) columns.x = columns.y = -1;
  if (columns.lon < 0 && columns.x < 0 && columns.codeInsee < 0 && columns.postcode < 0 && columns.address < 0) {
    return { ok: false, problem: "no_location_column" };
  }
  return { ok: true, columns };
}
