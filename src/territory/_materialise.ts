import { DeclicsError } from "../errors.js";
import { territoryError } from "./_errors.js";
import { Flag, RowError, StatusCode, type PointOutcome } from "./_classify-point.js";
import { Q2015, Rural, isOverseasCode, q2015Outcome, ruralOutcome, type Context, type DayPlan } from "./_context.js";
import { UNITS_PER_DEGREE, metresPerUnitX, metresPerUnitY } from "./_layer.js";
import type { CodeMapping } from "./commune-table.js";
import type { EligibilityBasis, EligibilityResult, EligibilityStatus, Reason, Regime } from "./schema.js";

/**
 * Result materialisation: turns a classified point ({@link PointOutcome}) or a commune code into the full,
 * evidenced {@link EligibilityResult} — the QPV part, the rural part, the reasons with their French messages,
 * the bases — and row error codes into their DeclicsError. Off the hot path: called once per answer shown.
 * @module
 */

/** Status names by StatusCode (0, 1, 2). */
export const STATUS_NAMES = ["eligible", "not_eligible", "uncertain"] as const satisfies readonly EligibilityStatus[];

function metres(d: number): string {
  return `${d < 10 ? d.toFixed(1) : Math.round(d)} m`;
}

const REGIME_LABEL: Record<Regime, string> = {
  qpv2015: "géographie prioritaire 2015",
  qpv2024: "géographie prioritaire 2024",
  zrr: "ZRR",
  frr: "France Ruralités Revitalisation",
};

/** What one answer collects while it is built: its reasons, in order, and its bases. */
interface Evidence {
  readonly reasons: Reason[];
  readonly bases: EligibilityBasis[];
}

function noQpvRegime(): Reason {
  return {
    code: "no_regime_in_force",
    message: "Aucune géographie prioritaire (QPV) n'était en vigueur à cette date.",
  };
}

/** What the rural part of a commune answer says, with its reasons and basis. */
function ruralPart(
  ctx: Context,
  code: string | null,
  name: string,
  rural: Rural,
  { reasons, bases }: Evidence,
): EligibilityResult["rural"] {
  const regime = ctx.rural;
  const table = ctx.data.communeTable;
  if (regime === null || rural === Rural.NoRegime) {
    reasons.push({
      code: "no_rural_regime",
      message:
        regime === null
          ? "Aucun zonage rural (ZRR ou FRR) n'était en vigueur à cette date."
          : "Pas de zonage rural (ZRR/FRR) dans ce territoire.",
    });
    return { regime, status: "not_classified", classification: null };
  }
  if (code === null || rural === Rural.Unavailable) {
    reasons.push({
      code: "data_unavailable",
      regime,
      message: `La liste ${regime === "zrr" ? "ZRR" : "FRR"} n'a pas d'entrée pour cette commune : statut rural inconnu.`,
    });
    return { regime, status: "unavailable", classification: null };
  }
  const source = regime === "zrr" ? table.sources.zrr : table.sources.frr;
  const label = (regime === "zrr" ? table.zrr(code)?.label : table.frr(code)?.label) ?? null;
  const kind = regime === "zrr" ? "ZRR" : "FRR";
  if (rural === Rural.Classified) {
    reasons.push({
      code: regime === "zrr" ? "zrr_classified" : "frr_classified",
      regime,
      message: `La commune ${name} est classée ${kind} (${label ?? "classée"}).`,
    });
    bases.push({
      kind: regime,
      code,
      name,
      regime,
      ...(label === null ? {} : { classification: label }),
      dataset: source.id,
      millesime: source.millesime,
    });
    return { regime, status: "classified", classification: label };
  }
  if (rural === Rural.Partial) {
    reasons.push({
      code: regime === "zrr" ? "zrr_partial" : "frr_partial",
      regime,
      message:
        `La commune ${name} n'est que partiellement classée ${kind} (${label ?? "partiel"}) : ` +
        "l'adresse décide et la liste ne dit pas quelle partie.",
    });
    return { regime, status: "partial", classification: label };
  }
  reasons.push({
    code: regime === "zrr" ? "zrr_not_classified" : "frr_not_classified",
    regime,
    message: `La commune ${name} n'est pas classée ${kind}${label === null ? "" : ` (${label})`}.`,
  });
  return { regime, status: "not_classified", classification: label };
}

function territoryKindOf(bases: readonly EligibilityBasis[]): EligibilityResult["territoryKind"] {
  return bases[0]?.kind ?? "other";
}

function communeName(ctx: Context, code: string): string {
  return (
    ctx.data.communeTable.resolve(code)?.commune.name ??
    ctx.data.communes.header.names[ctx.data.communes.byCode.get(code) ?? -1] ??
    code
  );
}

/** The QPV distance of a point: the grid's, or when `exact` the exact one; null where it says nothing. */
function pointQpvDistance(
  ctx: Context,
  lon: number,
  lat: number,
  o: PointOutcome,
  regime: "qpv2015" | "qpv2024" | null,
  exact: boolean,
): number | null {
  let qpvDistance: number | null = Number.isFinite(o.qpvDistance) ? o.qpvDistance : null;
  if (regime !== null && qpvDistance === null && exact) {
    const layer = regime === "qpv2024" ? ctx.data.qpv2024 : ctx.data.qpv2015;
    const d = layer.nearestEdgeDistance(
      lon * UNITS_PER_DEGREE,
      lat * UNITS_PER_DEGREE,
      metresPerUnitX(lat),
      metresPerUnitY(lat),
    );
    qpvDistance = Number.isFinite(d) ? d : null;
  }
  // QPV 2015 outside Occitanie: the distance to the Occitanie polygons says nothing.
  if ((o.flags & Flag.QpvByCommuneTable) !== 0 && o.commune >= 0 && ctx.communeQ2015[o.commune] !== Q2015.Polygons)
    return null;
  return qpvDistance;
}

/** The QPV part of a point's answer, with its reasons and basis. */
function pointQpvPart(
  ctx: Context,
  o: PointOutcome,
  regime: "qpv2015" | "qpv2024",
  name: string,
  qpvDistance: number | null,
  { reasons, bases }: Evidence,
): EligibilityResult["qpv"] {
  const layer = regime === "qpv2024" ? ctx.data.qpv2024 : ctx.data.qpv2015;
  const near = (o.flags & Flag.QpvNear) !== 0;
  let qpv: EligibilityResult["qpv"];
  if (o.qpv >= 0) {
    const zone = { code: layer.header.codes[o.qpv]!, name: layer.header.names[o.qpv]! };
    reasons.push({
      code: "in_qpv",
      regime,
      message: `L'adresse est dans le QPV ${zone.code} « ${zone.name} » (${REGIME_LABEL[regime]}).`,
    });
    if (ctx.policy.qpv)
      bases.push({
        kind: "qpv",
        code: zone.code,
        name: zone.name,
        regime,
        dataset: layer.header.dataset,
        millesime: layer.header.millesime,
      });
    qpv = { regime, status: near ? "uncertain" : "inside", zone, distanceToBoundaryM: qpvDistance };
  } else if ((o.flags & Flag.QpvUnavailable) !== 0) {
    reasons.push({
      code: "data_unavailable",
      regime,
      message:
        o.commune >= 0 && ctx.communeQ2015[o.commune] === Q2015.Missing
          ? `La commune ${name} comptait un QPV 2015 dont le périmètre n'est pas disponible ici : impossible de conclure.`
          : "Les QPV 2015 de ce territoire ne sont pas couverts par les données disponibles : impossible de conclure.",
    });
    qpv = { regime, status: "unavailable", zone: null, distanceToBoundaryM: null };
  } else {
    const byTable = (o.flags & Flag.QpvByCommuneTable) !== 0 && o.commune >= 0;
    reasons.push(
      byTable && ctx.communeQ2015[o.commune] === Q2015.None
        ? {
            code: "commune_has_no_qpv",
            regime,
            message: `La commune ${name} n'avait aucun QPV 2015 : l'adresse est hors QPV.`,
          }
        : { code: "outside_qpv", regime, message: `L'adresse est hors de tout QPV (${REGIME_LABEL[regime]}).` },
    );
    qpv = { regime, status: near ? "uncertain" : "outside", zone: null, distanceToBoundaryM: qpvDistance };
  }
  if (near && qpvDistance !== null) {
    const tol = regime === "qpv2024" ? ctx.tol2024 : ctx.tol2015;
    reasons.push({
      code: "near_qpv_boundary",
      regime,
      message:
        `L'adresse est à ${metres(qpvDistance)} de la limite d'un QPV, dans la marge d'incertitude de ${metres(tol)} ` +
        "des périmètres : à vérifier sur le périmètre officiel.",
    });
  }
  return qpv;
}

/** The reason a point near (or outside) the commune contours gets, if any. */
function communeBoundaryReason(
  ctx: Context,
  o: PointOutcome,
  name: string,
  communeDistance: number | null,
): Reason | null {
  if ((o.flags & Flag.OutsideContours) !== 0)
    return {
      code: "near_commune_boundary",
      message:
        `Le point est hors des contours communaux (littoral ou frontière), à ${metres(communeDistance ?? 0)} ` +
        `de la commune la plus proche, ${name}, retenue par défaut.`,
    };
  if ((o.flags & Flag.NearCommune) !== 0 && communeDistance !== null)
    return {
      code: "near_commune_boundary",
      message:
        `L'adresse est à ${metres(communeDistance)} de la limite d'une commune voisine au statut différent ` +
        `(marge ${metres(ctx.communeTol)} des contours communaux).`,
    };
  return null;
}

/** Builds the full result of a classified point. `exact` computes the QPV distance exactly when the grid did not. */
export function materialisePoint(
  ctx: Context,
  lon: number,
  lat: number,
  o: PointOutcome,
  foundBy: "point_in_polygon" | "geocoder",
  exact: boolean,
): EligibilityResult {
  const evidence: Evidence = { reasons: [], bases: [] };
  const code = o.commune >= 0 ? ctx.data.communeCodes[o.commune]! : null;
  const name = code === null ? "" : communeName(ctx, code);
  const regime = (o.flags & Flag.Overseas) !== 0 ? ctx.qpvOverseas : ctx.qpvMainland;
  const qpvDistance = pointQpvDistance(ctx, lon, lat, o, regime, exact);
  let qpv: EligibilityResult["qpv"];
  if (regime === null) {
    evidence.reasons.push(noQpvRegime());
    qpv = { regime: null, status: "outside", zone: null, distanceToBoundaryM: null };
  } else qpv = pointQpvPart(ctx, o, regime, name, qpvDistance, evidence);
  const rural = ruralPart(ctx, code, name, o.rural, evidence);
  const communeDistance = Number.isFinite(o.communeDistance) ? o.communeDistance : null;
  const boundary = communeBoundaryReason(ctx, o, name, communeDistance);
  if (boundary !== null) evidence.reasons.push(boundary);
  return {
    status: STATUS_NAMES[o.status as 0 | 1 | 2],
    on: ctx.day,
    ...(ctx.timeZone === null ? {} : { timeZone: ctx.timeZone }),
    point: { lon, lat },
    territoryKind: o.status === StatusCode.Eligible ? territoryKindOf(evidence.bases) : "other",
    bases: evidence.bases,
    commune: code === null ? null : { codeInsee: code, name, foundBy },
    qpv,
    rural,
    distanceToBoundaryM: {
      qpv: qpvDistance,
      commune: (o.flags & Flag.NearCommune) !== 0 || (o.flags & Flag.OutsideContours) !== 0 ? communeDistance : null,
    },
    reasons: evidence.reasons,
  };
}

type CommuneQpvStatus = Exclude<EligibilityResult["qpv"]["status"], "inside">;

/** The reason behind each QPV status of a commune as a whole. */
const COMMUNE_QPV_REASON = {
  outside: "commune_has_no_qpv",
  uncertain: "commune_has_qpv",
  unavailable: "data_unavailable",
} as const satisfies Record<CommuneQpvStatus, Reason["code"]>;

/** The QPV status of a commune as a whole, with its reason: whether it has (or had) any QPV of the regime. */
function communeQpvStatus(
  ctx: Context,
  code: string,
  name: string,
  regime: "qpv2015" | "qpv2024",
  reasons: Reason[],
): CommuneQpvStatus {
  const [status, message] = regime === "qpv2024" ? communeQpv2024(ctx, code, name) : communeQpv2015(ctx, code, name);
  reasons.push({ code: COMMUNE_QPV_REASON[status], regime, message });
  return status;
}

/** Whether the commune has a QPV 2024 (the national commune table lists them all), and the message saying so. */
function communeQpv2024(ctx: Context, code: string, name: string): [CommuneQpvStatus, string] {
  const codes = ctx.data.communeTable.qpv2024(code);
  if (codes.length === 0)
    return ["outside", `La commune ${name} n'a aucun QPV 2024 : hors QPV quelle que soit l'adresse.`];
  return [
    "uncertain",
    `La commune ${name} compte ${codes.length} QPV (${codes.join(", ")}) : il faut l'adresse pour savoir si elle est dedans.`,
  ];
}

/** Whether the commune had a QPV 2015 (where the data covers its territory), and the message saying so. */
function communeQpv2015(ctx: Context, code: string, name: string): [CommuneQpvStatus, string] {
  const q = q2015Outcome(ctx.data, code);
  if (q === Q2015.NotCovered) {
    return [
      "unavailable",
      "Les QPV 2015 de ce territoire ne sont pas couverts par les données disponibles : impossible de conclure.",
    ];
  }
  if (q === Q2015.None) {
    return ["outside", `La commune ${name} n'avait aucun QPV 2015 : hors QPV quelle que soit l'adresse.`];
  }
  return [
    "uncertain",
    `La commune ${name} comptait au moins un QPV 2015 : il faut l'adresse pour savoir si elle est dedans.`,
  ];
}

/** The commune-level answer (code subjects, postcodes, imprecise geocoder hits). */
export function materialiseCommune(
  ctx: Context,
  code: string,
  foundBy: "code" | "postcode" | "geocoder",
  mappedFrom: CodeMapping | undefined,
): EligibilityResult {
  const evidence: Evidence = { reasons: [], bases: [] };
  const name = communeName(ctx, code);
  const regime = isOverseasCode(code) ? ctx.qpvOverseas : ctx.qpvMainland;
  let qpvStatus: EligibilityResult["qpv"]["status"] = "outside";
  if (regime === null) evidence.reasons.push(noQpvRegime());
  else qpvStatus = communeQpvStatus(ctx, code, name, regime, evidence.reasons);
  const rural = ruralOutcome(ctx.data, ctx.policy, ctx.rural, code);
  const ruralEvidence = ruralPart(ctx, code, name, rural, evidence);
  let status: EligibilityResult["status"];
  if (rural === Rural.Classified) status = "eligible";
  else if (
    (ctx.policy.qpv && (qpvStatus === "uncertain" || qpvStatus === "unavailable")) ||
    (ctx.ruralCounts && (rural === Rural.Partial || rural === Rural.Unavailable))
  )
    status = "uncertain";
  else status = "not_eligible";
  return {
    status,
    on: ctx.day,
    ...(ctx.timeZone === null ? {} : { timeZone: ctx.timeZone }),
    point: null,
    territoryKind: status === "eligible" ? territoryKindOf(evidence.bases) : "other",
    bases: evidence.bases,
    commune: { codeInsee: code, name, foundBy, ...(mappedFrom === undefined ? {} : { mappedFrom }) },
    qpv: { regime, status: qpvStatus, zone: null, distanceToBoundaryM: null },
    rural: ruralEvidence,
    distanceToBoundaryM: { qpv: null, commune: null },
    reasons: evidence.reasons,
  };
}

/** The error for a row error code. */
export function rowError(error: RowError, lon: number, lat: number, plan: DayPlan, territory: number): DeclicsError {
  const received = `lon ${String(lon)}, lat ${String(lat)}`;
  switch (error) {
    case RowError.DateOutOfRange:
      return plan.rangeError(territory);
    case RowError.SwappedCoordinates:
      return territoryError({
        code: "swapped_coordinates",
        module: "territory",
        details: { lon, lat, system: "wgs84" },
      });
    case RowError.OutsideFrance:
      return territoryError({
        code: "outside_france",
        module: "territory",
        details: { lon, lat },
      });
    default:
      return territoryError({
        code: "invalid_coordinates",
        module: "territory",
        details: { expected: { kind: "wgs84_point" }, received },
      });
  }
}
