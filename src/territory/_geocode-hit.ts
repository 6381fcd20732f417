import { DeclicsError, isDeclicsError } from "../errors.js";
import { describeValue, toInputIssues } from "../_lib/parse.js";
import { GeocodeHit } from "./schema.js";

// Geocoder answers are external input: shared by checkEligibility and createTerritoryDataSource.

/** The coded error for a geocoder that threw or rejected (a DeclicsError passes through). */
export function geocoderFailed(address: string, error: unknown): DeclicsError {
  if (isDeclicsError(error)) return error;
  const reason = error instanceof Error ? error.message : describeValue(error);
  return new DeclicsError({
    code: "geocoder_unavailable",
    module: "territory",
    message: `Le géocodeur a échoué pour ${JSON.stringify(address)} : ${reason}.`,
    details: { address, reason },
    cause: error,
  });
}

/** Every hit is checked against GeocodeHit: a geocoder of the app's own is external input too. Throws (inside a then). */
export function validHit(address: string, hit: unknown): GeocodeHit | null {
  const parsed = GeocodeHit.nullable().safeParse(hit, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = toInputIssues(parsed.error, hit)[0];
  const where =
    issue === undefined
      ? ""
      : ` (${issue.path === "" ? "hit" : issue.path}: expected ${issue.expected}, received ${issue.received})`;
  const reason = `the geocoder answered ${describeValue(hit)}, not a GeocodeHit or null${where}`;
  throw new DeclicsError({
    code: "geocoder_unavailable",
    module: "territory",
    message: `Réponse du géocodeur invalide pour ${JSON.stringify(address)} : attendu un GeocodeHit { lon, lat, score 0-1, type, label, codeInsee } ou null, reçu ${describeValue(hit)}${where}.`,
    details: { address, reason },
  });
}
