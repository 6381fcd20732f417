import { DeclicsError, type Expectation } from "../errors.js";
import { territoryError } from "./_errors.js";
import {
  RowError,
  classifyPoint,
  materialiseCommune,
  materialisePoint,
  newOutcome,
  rowError,
  type DayPlan,
} from "./_engine.js";
import { LAMBERT93, LAMBERT93_BOUNDS } from "./_lambert93.js";
import { geoJsonPointOf, subjectShapeError } from "./_subject-shape.js";
import { MAINLAND, territoryAt } from "./_territories.js";
import {
  CodeInsee,
  EligibilitySubject,
  type EligibilityBasis,
  type EligibilityResult,
  type GeocodeHit,
  type Reason,
} from "./schema.js";

/**
 * Subject handling shared by checkEligibility and checkEligibilityMany: validation with coded errors, and the
 * synchronous answer for every subject but an address.
 * @module
 */

const outcome = newOutcome();

/**
 * The one rule for a Lambert-93 (x, y) outside the Lambert-93 area, shared by checkEligibility and the
 * columnar API: `swapped_coordinates` when the values are swapped Lambert-93 metres (y, x fits) or WGS84
 * degrees in France in either order (GPS values in x/y); otherwise `invalid_coordinates`.
 */
export function lambertRowError(x: number, y: number): RowError {
  const b = LAMBERT93_BOUNDS;
  if (!Number.isFinite(x) || !Number.isFinite(y)) return RowError.InvalidCoordinates;
  if (y >= b.minX && y <= b.maxX && x >= b.minY && x <= b.maxY) return RowError.SwappedCoordinates;
  if (territoryAt(x, y) >= 0 || territoryAt(y, x) >= 0) return RowError.SwappedCoordinates;
  return RowError.InvalidCoordinates;
}

/** The error of a Lambert-93 (x, y) outside the Lambert-93 area, by {@link lambertRowError}'s rule. */
export function lambertError(x: number, y: number): DeclicsError {
  const received = `x ${String(x)}, y ${String(y)}`;
  const b = LAMBERT93_BOUNDS;
  if (lambertRowError(x, y) === RowError.SwappedCoordinates) {
    if (y >= b.minX && y <= b.maxX && x >= b.minY && x <= b.maxY) {
      return territoryError({
        code: "swapped_coordinates",
        module: "territory",
        details: { lon: x, lat: y, system: "lambert93" },
      });
    }
    const [lon, lat] = territoryAt(x, y) >= 0 ? [x, y] : [y, x];
    return territoryError({
      code: "swapped_coordinates",
      module: "territory",
      details: { lon, lat, system: "wgs84_as_lambert93" },
    });
  }
  return territoryError({
    code: "invalid_coordinates",
    module: "territory",
    details: { expected: { kind: "lambert93_point", ...b }, received },
  });
}

/** Converts a Lambert-93 point to WGS84, or throws a coded error. */
export function lambert93ToLonLat(x: number, y: number): [number, number] {
  const b = LAMBERT93_BOUNDS;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < b.minX || x > b.maxX || y < b.minY || y > b.maxY)
    throw lambertError(x, y);
  return LAMBERT93.inverse(x, y);
}

function malformed(kind: "codeInsee" | "postcode", received: string, expected: Expectation): DeclicsError {
  return territoryError({
    code: "malformed_code",
    module: "territory",
    details: { kind, received, expected },
  });
}

function unknown(kind: "codeInsee" | "postcode", received: string): DeclicsError {
  return territoryError({
    code: "unknown_code",
    module: "territory",
    details: { kind, received },
  });
}

/** The answer for a point, or a coded error. */
export function checkPoint(
  plan: DayPlan,
  lon: number,
  lat: number,
  foundBy: "point_in_polygon" | "geocoder",
): EligibilityResult {
  classifyPoint(plan, lon, lat, outcome, Infinity);
  if (outcome.error !== RowError.None) throw rowError(outcome.error, lon, lat, plan, outcome.territory);
  return materialisePoint(plan.forTerritory(outcome.territory), lon, lat, outcome, foundBy, true);
}

/** The answer for a commune code (arrondissements and old codes are mapped), or a coded error. */
export function checkCode(plan: DayPlan, input: string, foundBy: "code" | "geocoder" = "code"): EligibilityResult {
  const normalised = input.trim().toUpperCase();
  if (!CodeInsee.safeParse(normalised).success) throw malformed("codeInsee", input, { kind: "insee_code" });
  const table = plan.data.communeTable;
  const resolved = table.resolve(normalised);
  if (resolved === undefined) throw unknown("codeInsee", input);
  const code = resolved.commune.codeInsee;
  return materialiseCommune(plan.forCode(code), code, foundBy, resolved.mappedFrom);
}

/** The answer for a postcode: one commune's answer, or uncertain when its communes disagree. */
export function checkPostcode(plan: DayPlan, input: string): EligibilityResult {
  const normalised = input.trim();
  if (!/^\d{5}$/.test(normalised)) throw malformed("postcode", input, { kind: "postcode" });
  const table = plan.data.communeTable;
  const communes = table.byPostcode(normalised);
  if (communes.length === 0) throw unknown("postcode", input);
  const results = communes.map((c) =>
    materialiseCommune(plan.forCode(c.codeInsee), c.codeInsee, "postcode", undefined),
  );
  const first = results[0]!;
  if (results.length === 1) return first;
  const same = results.every((r) => r.status === first.status);
  const reasons: Reason[] = [];
  const bases: EligibilityBasis[] = [];
  for (const r of results) {
    bases.push(...r.bases);
    for (const reason of r.reasons)
      reasons.push({
        ...reason,
        message: `${r.commune?.name ?? ""} (${r.commune?.codeInsee ?? ""}) : ${reason.message}`,
      });
  }
  const names = results.map((r) => `${r.commune?.name ?? ""} (${r.commune?.codeInsee ?? ""}, ${r.status})`).join(", ");
  reasons.unshift({
    code: "postcode_several_communes",
    message: same
      ? `Le code postal ${normalised} couvre ${results.length} communes, toutes avec la même réponse : ${names}.`
      : `Le code postal ${normalised} couvre ${results.length} communes aux réponses différentes : ${names}. Il faut la commune ou l'adresse.`,
  });
  const status = same ? first.status : "uncertain";
  return {
    ...first,
    status,
    territoryKind: status === "eligible" ? first.territoryKind : "other",
    bases,
    commune: null,
    qpv: same
      ? first.qpv
      : {
          ...first.qpv,
          status: results.some((r) => r.qpv.status !== first.qpv.status) ? "uncertain" : first.qpv.status,
        },
    reasons,
  };
}

/** Turns a geocoder hit into an answer, applying the policy's precision rules. */
export function checkHit(plan: DayPlan, address: string, hit: GeocodeHit | null): EligibilityResult {
  if (hit === null) {
    // No place, so no territory: the day is the mainland's (the one every answer shares for a day string).
    const ctx = plan.forTerritory(MAINLAND);
    return {
      status: "uncertain",
      on: ctx.day,
      ...(ctx.timeZone === null ? {} : { timeZone: ctx.timeZone }),
      point: null,
      territoryKind: "other",
      bases: [],
      commune: null,
      qpv: { regime: null, status: "unavailable", zone: null, distanceToBoundaryM: null },
      rural: { regime: ctx.rural, status: "unavailable", classification: null },
      distanceToBoundaryM: { qpv: null, commune: null },
      reasons: [
        {
          code: "geocoder_no_result",
          message: `Adresse introuvable par le service d'adresses : ${JSON.stringify(address)}.`,
        },
      ],
    };
  }
  const policy = plan.policy;
  const precise = policy.geocoderAcceptedTypes.includes(hit.type);
  const confident = hit.score >= policy.geocoderMinScore;
  if (precise) {
    const result = checkPoint(plan, hit.lon, hit.lat, "geocoder");
    if (confident) return result;
    return {
      ...result,
      status: result.status === "not_eligible" || result.status === "eligible" ? "uncertain" : result.status,
      territoryKind: "other",
      reasons: [
        ...result.reasons,
        {
          code: "geocoder_low_score",
          message:
            `Le service d'adresses a trouvé « ${hit.label} » avec un score de ${hit.score.toFixed(2)}, ` +
            `sous le seuil de ${policy.geocoderMinScore} : l'adresse est peut-être mal reconnue.`,
        },
      ],
    };
  }
  // A street or municipality hit cannot place the home: answer at commune level.
  const result = checkCode(plan, hit.codeInsee, "geocoder");
  const reasons: Reason[] = [
    ...result.reasons,
    {
      code: "geocoder_imprecise",
      message:
        `Le service d'adresses n'a trouvé qu'un résultat de type « ${hit.type} » (« ${hit.label} ») : ` +
        `trop imprécis pour situer le logement par rapport à un QPV ; réponse au niveau de la commune.`,
    },
  ];
  if (!confident) {
    reasons.push({
      code: "geocoder_low_score",
      message: `Score ${hit.score.toFixed(2)}, sous le seuil de ${policy.geocoderMinScore}.`,
    });
    return { ...result, status: "uncertain", territoryKind: "other", point: { lon: hit.lon, lat: hit.lat }, reasons };
  }
  return { ...result, point: { lon: hit.lon, lat: hit.lat }, reasons };
}

/** A validated subject, ready to answer. */
export type ParsedSubject =
  | { readonly kind: "point"; readonly lon: number; readonly lat: number }
  | { readonly kind: "lambert93"; readonly x: number; readonly y: number }
  | { readonly kind: "code"; readonly codeInsee: string }
  | { readonly kind: "postcode"; readonly postcode: string }
  | { readonly kind: "address"; readonly address: string };

/**
 * Validates a subject. NaN and out-of-range coordinates get coordinate errors, not schema errors; a GeoJSON Point
 * or Feature<Point> is read as `[lon, lat]` (then checked like `{ lon, lat }`, swapped order included); anything
 * else gets `invalid_input` listing the accepted shapes, the nearest one's failing fields and a hint.
 */
export function parseSubject(subject: unknown): ParsedSubject {
  if (typeof subject === "object" && subject !== null) {
    const s = subject as Record<string, unknown>;
    if (typeof s.lon === "number" && typeof s.lat === "number") return { kind: "point", lon: s.lon, lat: s.lat };
    if (typeof s.x === "number" && typeof s.y === "number") return { kind: "lambert93", x: s.x, y: s.y };
    const point = geoJsonPointOf(s);
    if (point !== null) return { kind: "point", lon: point.lon, lat: point.lat };
  }
  const result = EligibilitySubject.safeParse(subject);
  if (!result.success) throw subjectShapeError(subject);
  const parsed = result.data;
  if ("lon" in parsed) return { kind: "point", lon: parsed.lon, lat: parsed.lat };
  if ("x" in parsed) return { kind: "lambert93", x: parsed.x, y: parsed.y };
  if ("codeInsee" in parsed) return { kind: "code", codeInsee: parsed.codeInsee };
  if ("postcode" in parsed) return { kind: "postcode", postcode: parsed.postcode };
  if ("address" in parsed) return { kind: "address", address: parsed.address };
  // Unreachable: GeoJSON subjects were read above. Kept so that a new subject form cannot slip through.
  throw subjectShapeError(subject);
}

/** The synchronous answer for any subject but an address. */
export function answerSync(plan: DayPlan, subject: Exclude<ParsedSubject, { kind: "address" }>): EligibilityResult {
  switch (subject.kind) {
    case "point":
      return checkPoint(plan, subject.lon, subject.lat, "point_in_polygon");
    case "lambert93": {
      const [lon, lat] = lambert93ToLonLat(subject.x, subject.y);
      return checkPoint(plan, lon, lat, "point_in_polygon");
    }
    case "code":
      return checkCode(plan, subject.codeInsee);
    case "postcode":
      return checkPostcode(plan, subject.postcode);
  }
}
