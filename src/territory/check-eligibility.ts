import * as z from "zod/v4";
import { territoryError } from "./_errors.js";
import { ELIGIBILITY_OPTION_FIELDS, GeocoderOption, contextOf } from "./_options.js";
import { geocoderFailed, validHit } from "./_geocode-hit.js";
import { answerSync, checkHit, parseSubject } from "./_subject.js";
import type { AddressSubject, EligibilityResult, EligibilitySubject } from "./schema.js";

const Options = z.object({
  ...ELIGIBILITY_OPTION_FIELDS,
  /** Needed for `{ address }` subjects (for example `createBanGeocoder()`). */
  geocoder: GeocoderOption.optional(),
});

/**
 * Options of {@link checkEligibility}: `on` (the day), `data` (the territory data), optional `policy` (default
 * DECLICS_POLICY) and `geocoder` (for addresses).
 *
 * `on` is the day the answer is for (the core has no clock): a calendar day `"YYYY-MM-DD"`, or a `Date`, an
 * instant read as the calendar day in the legal time zone of the subject's territory (Europe/Paris,
 * Indian/Reunion, America/Cayenne…). Days from 2015-01-01 to 2099-12-31 (see `ELIGIBILITY_DATE_RANGE`).
 */
export type CheckEligibilityOptions = z.input<typeof Options>;

/**
 * Subjects answered synchronously (no geocoder needed): every form but the address, that is `{ lon, lat }`,
 * `{ x, y }`, `{ codeInsee }`, `{ postcode }`, a GeoJSON Point and a GeoJSON Feature<Point>.
 */
export type SyncEligibilitySubject = Exclude<EligibilitySubject, AddressSubject>;

/**
 * Checks whether a person living at a place qualifies on a date, and says why: QPV (2015 or 2024 list, by date
 * and territory), ZRR (2017-07-01 to 2024-06-30) or FRR (from 2024-07-01), with the commune, the distance to
 * the nearest QPV edge and coded reasons with French messages. "Not eligible" and "uncertain" are results.
 *
 * Synchronous for `{ lon, lat }` (WGS84), `{ x, y }` (Lambert-93), `{ codeInsee }` and `{ postcode }`;
 * returns a Promise for `{ address }` (it calls `options.geocoder`).
 *
 * `on` is a calendar day `"YYYY-MM-DD"`, or a `Date`: an instant, read as the calendar day in the legal time
 * zone of the subject's territory (Europe/Paris, Indian/Reunion, America/Cayenne…; `result.timeZone` says
 * which). Days from 2015-01-01 to 2099-12-31 (ELIGIBILITY_DATE_RANGE).
 *
 * @param subject - where the person lives: a point, a Lambert-93 point, a commune code, a postcode or an address
 * @param options - `on` (the day), `data` (territory data), optional `policy` (default DECLICS_POLICY) and `geocoder`
 * @returns the evidenced answer (a Promise of it for an address)
 * @throws {DeclicsError} `invalid_coordinates` (NaN, out of range), `swapped_coordinates` ([lat, lon] given, or
 *   swapped Lambert-93 x/y, or degrees given as x/y), `outside_france` (abroad, at sea, Sint Maarten),
 *   `malformed_code`, `unknown_code`, `invalid_input` (options, subject shape, a malformed day),
 *   `date_out_of_range` (a day the data cannot speak for), `geocoder_unavailable` (address without geocoder,
 *   the geocoder failed or answered something that is not a GeocodeHit: the Promise rejects)
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const result = checkEligibility({ lon: 1.4025, lat: 43.5712 }, { on: "2024-05-01", data });
 * result.status;
 * // => "eligible"
 * result.qpv.zone?.code;
 * // => "QN03107M"
 * ```
 * @category Eligibility
 */
export function checkEligibility(subject: AddressSubject, options: CheckEligibilityOptions): Promise<EligibilityResult>;
/**
 * Synchronous form: a `{ lon, lat }`, `{ x, y }`, `{ codeInsee }` or `{ postcode }` subject gives the result
 * directly (see the address form above for the full description).
 * @param subject - a point, a Lambert-93 point, a commune code or a postcode
 * @param options - `on`, `data`, optional `policy`
 * @returns the evidenced answer
 * @throws {DeclicsError} as above
 * @example
 * ```ts
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * checkEligibility({ codeInsee: "48095" }, { on: "2025-03-01", data }).rural.classification;
 * // => "FRR socle"
 * ```
 * @category Eligibility
 */
export function checkEligibility(subject: SyncEligibilitySubject, options: CheckEligibilityOptions): EligibilityResult;
/**
 * Either form, when the subject's kind is only known at run time: await the result to cover both.
 * @param subject - any subject
 * @param options - `on`, `data`, optional `policy` and `geocoder`
 * @returns the result, or a Promise of it for an address
 * @throws {DeclicsError} as above
 * @example
 * ```ts
 * // @network: the address is geocoded by the national address API
 * import { loadTerritoryData } from "declics/data";
 * import { checkEligibility, createBanGeocoder } from "declics/territory";
 *
 * const data = await loadTerritoryData();
 * const geocoder = createBanGeocoder();
 * const subjectFromAForm = { address: "1 allée de Bellefontaine 31100 Toulouse" };
 * const result = await checkEligibility(subjectFromAForm, { on: "2025-03-01", data, geocoder });
 * ```
 * @category Eligibility
 */
export function checkEligibility(
  subject: SyncEligibilitySubject | AddressSubject,
  options: CheckEligibilityOptions,
): EligibilityResult | Promise<EligibilityResult>;
export function checkEligibility(
  subject: SyncEligibilitySubject | AddressSubject,
  options: CheckEligibilityOptions,
): EligibilityResult | Promise<EligibilityResult> {
  const { plan, geocoder } = contextOf(options, Options);
  const parsed = parseSubject(subject);
  if (parsed.kind !== "address") return answerSync(plan, parsed);
  const address = parsed.address;
  if (geocoder === undefined) {
    return Promise.reject(
      territoryError({
        code: "geocoder_unavailable",
        module: "territory",
        details: { address, reason: "no_geocoder" },
      }),
    );
  }
  let pending: unknown;
  try {
    pending = geocoder.geocode(address);
  } catch (error) {
    return Promise.reject(geocoderFailed(address, error));
  }
  // A geocoder that answers synchronously (a plain hit, not a Promise) is read the same way.
  return Promise.resolve(pending).then(
    (hit: unknown) => checkHit(plan, address, validHit(address, hit)),
    (error: unknown) => {
      throw geocoderFailed(address, error);
    },
  );
}
