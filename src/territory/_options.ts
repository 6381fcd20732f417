import * as z from "zod/v4";
import { readDayInput, type DayInput } from "../_lib/calendar-day.js";
import { expecting } from "../_lib/messages/vocabulary.js";
import { parseWith } from "../_lib/parse.js";
import { planFor, type DayPlan } from "./_engine.js";
import { internalsOf } from "./_territory-internals.js";
import { DECLICS_POLICY } from "./declics-policy.js";
import { isTerritoryData } from "./_territory-data-check.js";
import { EligibilityPolicy, type Geocoder } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/**
 * The option fields the eligibility operations share. Each operation declares its own options schema from
 * these (check-eligibility.ts, check-eligibility-many.ts, check-eligibility-columns.ts) and exports its
 * `XOptions` type beside the function.
 * @module
 */

/** The option fields of every eligibility operation. */
export const ELIGIBILITY_OPTION_FIELDS = {
  /**
   * The day the answer is for (the core has no clock): a calendar day `"YYYY-MM-DD"`, or a `Date`, an instant
   * read as the calendar day in the legal time zone of the subject's territory (Europe/Paris, Indian/Reunion,
   * America/Cayenne…). Days from 2015-01-01 to 2099-12-31 (see `ELIGIBILITY_DATE_RANGE`).
   */
  // Checked by readDayInput (a day string or a Date), with an error naming the field.
  on: z.custom<DayInput>(),
  /** From `loadTerritoryData()` (declics/data), `territoryDataFromBuffers()` or a data source. */
  data: z.custom<TerritoryData>(
    isTerritoryData,
    expecting(
      "territory data from loadTerritoryData() or territoryDataFromBuffers()",
      "des données territoriales de loadTerritoryData() ou territoryDataFromBuffers()",
    ),
  ),
  /** Which bases count, tolerances, geocoder thresholds. Default: DECLICS_POLICY. */
  policy: EligibilityPolicy.optional(),
};

/** The `geocoder` option (needed for `{ address }` subjects). */
export const GeocoderOption = z.custom<Geocoder>(
  (v) => typeof v === "object" && v !== null && typeof (v as { geocode?: unknown }).geocode === "function",
  expecting("a Geocoder (an object with geocode())", "un Geocoder (un objet avec une méthode geocode())"),
);

const AnyEligibilityOptions = z.object({ ...ELIGIBILITY_OPTION_FIELDS, geocoder: GeocoderOption.optional() });

/** Options as any eligibility operation reads them once validated. */
type ParsedOptions = z.output<typeof AnyEligibilityOptions>;

/**
 * Validates options with the operation's schema (by default: every eligibility option) and returns the day
 * plan for (data, day, policy).
 */
export function contextOf(
  options: unknown,
  schema: z.ZodType<Pick<ParsedOptions, "on" | "data" | "policy">> = AnyEligibilityOptions,
): { plan: DayPlan; geocoder: Geocoder | undefined } {
  const parsed: Partial<ParsedOptions> & Pick<ParsedOptions, "on" | "data"> = parseWith(schema, options, {
    module: "territory",
    what: "eligibility options",
  });
  const on = readDayInput(parsed.on, "on", "territory");
  return {
    plan: planFor(internalsOf(parsed.data), on, parsed.policy ?? DECLICS_POLICY),
    geocoder: parsed.geocoder,
  };
}

/** Validates options given without `data` (a data source supplies it per subject); throws on bad `on` or policy. */
export function checkOptionsWithoutData(options: unknown): void {
  const parsed = parseWith(AnyEligibilityOptions.omit({ data: true }), options, {
    module: "territory",
    what: "eligibility options",
  });
  readDayInput(parsed.on, "on", "territory");
}
