import { z } from "zod";
import { parseWith } from "../_lib/parse.js";
import { contextFor, type Context } from "./_engine.js";
import { DECLICS_POLICY } from "./declics-policy.js";
import { EligibilityPolicy, type Geocoder } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/** Options of checkEligibility, checkEligibilityMany and checkEligibilityBatch. */
export const CheckEligibilityOptions = z.object({
  /** The date the answer is for (the core has no clock). Read as a calendar day in Europe/Paris. */
  on: z.date(),
  /** From `loadTerritoryData()` (declics/data) or `territoryDataFromBuffers()`. */
  data: z.custom<TerritoryData>(
    (v) => typeof v === "object" && v !== null && "communeTable" in v && "qpv2024" in v && "communes" in v,
    "territory data from loadTerritoryData() or territoryDataFromBuffers()",
  ),
  /** Which bases count, tolerances, geocoder thresholds. Default: DECLICS_POLICY. */
  policy: EligibilityPolicy.optional(),
  /** Needed for `{ address }` subjects. */
  geocoder: z
    .custom<Geocoder>((v) => typeof v === "object" && v !== null && typeof (v as { geocode?: unknown }).geocode === "function", "a Geocoder (an object with geocode())")
    .optional(),
});
export type CheckEligibilityOptions = z.infer<typeof CheckEligibilityOptions>;

/** Validates options and returns the cached context for (data, date, policy). */
export function contextOf(options: unknown): { ctx: Context; geocoder: Geocoder | undefined } {
  const parsed = parseWith(CheckEligibilityOptions, options, { module: "territory", what: "eligibility options" });
  return { ctx: contextFor(parsed.data, parsed.on, parsed.policy ?? DECLICS_POLICY), geocoder: parsed.geocoder };
}
