import * as z from "zod/v4";
import { readDayInput, type DayInput } from "../_lib/calendar-day.js";
import { parseWith } from "../_lib/parse.js";
import { planFor, type DayPlan } from "./_engine.js";
import { DECLICS_POLICY } from "./declics-policy.js";
import { isTerritoryData } from "./_territory-data-check.js";
import { EligibilityPolicy, type Geocoder } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/** Options of checkEligibility, checkEligibilityMany and checkEligibilityColumns. */
const OptionsSchema = z.object({
  /** Checked by readDayInput (a day string or a Date), with an error naming the field. */
  on: z.unknown(),
  /** From `loadTerritoryData()` (declics/data) or `territoryDataFromBuffers()`. */
  data: z.custom<TerritoryData>(
    isTerritoryData,
    "territory data from loadTerritoryData() or territoryDataFromBuffers()",
  ),
  /** Which bases count, tolerances, geocoder thresholds. Default: DECLICS_POLICY. */
  policy: EligibilityPolicy.optional(),
  /** Needed for `{ address }` subjects. */
  geocoder: z
    .custom<Geocoder>(
      (v) => typeof v === "object" && v !== null && typeof (v as { geocode?: unknown }).geocode === "function",
      "a Geocoder (an object with geocode())",
    )
    .optional(),
});

/**
 * Options of checkEligibility, checkEligibilityMany and checkEligibilityColumns.
 *
 * `on` is the day the answer is for (the core has no clock): a calendar day `"YYYY-MM-DD"`, or a `Date`, an
 * instant read as the calendar day in the legal time zone of the subject's territory (Europe/Paris,
 * Indian/Reunion, America/Cayenne…). Days from 2015-01-01 to 2099-12-31 (see `ELIGIBILITY_DATE_RANGE`).
 */
export interface CheckEligibilityOptions {
  /** The day: `"YYYY-MM-DD"`, or a `Date` read in the subject's territory's legal time zone. */
  readonly on: DayInput;
  /** From `loadTerritoryData()` (declics/data) or `territoryDataFromBuffers()`. */
  readonly data: TerritoryData;
  /** Which bases count, tolerances, geocoder thresholds. Default: DECLICS_POLICY. */
  readonly policy?: EligibilityPolicy | undefined;
  /** Needed for `{ address }` subjects. */
  readonly geocoder?: Geocoder | undefined;
}

/** Validates options and returns the day plan for (data, day, policy). */
export function contextOf(options: unknown): { plan: DayPlan; geocoder: Geocoder | undefined } {
  const parsed = parseWith(OptionsSchema, options, { module: "territory", what: "eligibility options" });
  const on = readDayInput(parsed.on, "on", "territory");
  return { plan: planFor(parsed.data, on, parsed.policy ?? DECLICS_POLICY), geocoder: parsed.geocoder };
}

/** Validates options given without `data` (a data source supplies it per subject); throws on bad `on` or policy. */
export function checkOptionsWithoutData(options: unknown): void {
  const parsed = parseWith(OptionsSchema.omit({ data: true }), options, {
    module: "territory",
    what: "eligibility options",
  });
  readDayInput(parsed.on, "on", "territory");
}
