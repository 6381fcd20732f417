import { DeclicsError, isDeclicsError } from "../errors.js";
import { territoryError } from "./_errors.js";
import { describeValue, toInputIssues } from "../_lib/parse.js";
import { GeocodeHit } from "./schema.js";

// Geocoder answers are external input: shared by checkEligibility and createTerritoryDataSource.

/** The coded error for a geocoder that threw or rejected (a DeclicsError passes through). */
export function geocoderFailed(address: string, error: unknown): DeclicsError {
  if (isDeclicsError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  return territoryError({
    code: "geocoder_unavailable",
    module: "territory",
    details: {
      address,
      reason: "failed",
      cause: typeof code === "string" ? code : error instanceof Error ? error.name : describeValue(error),
    },
    cause: error,
  });
}

/** Every hit is checked against GeocodeHit: a geocoder of the app's own is external input too. Throws (inside a then). */
export function validHit(address: string, hit: unknown): GeocodeHit | null {
  const parsed = GeocodeHit.nullable().safeParse(hit, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = toInputIssues(parsed.error, hit)[0];
  throw territoryError({
    code: "geocoder_unavailable",
    module: "territory",
    details: {
      address,
      reason: "invalid_answer",
      received: issue === undefined || issue.path === "" ? describeValue(hit) : `${issue.path}: ${issue.received}`,
    },
  });
}
