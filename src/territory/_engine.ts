import {
  calendarDayIn,
  dayOutOfRange,
  parseCalendarDay,
  utcMidnightOf,
  type CalendarDay,
  type ReadDay,
} from "../_lib/calendar-day.js";
import { DeclicsError } from "../errors.js";
import {
  DistanceMode,
  UNITS_PER_DEGREE,
  metresPerUnitX,
  metresPerUnitY,
  nearestEdgeDistance,
  queryLayer,
  scaleX,
  scaleY,
  type PolygonLayer,
} from "./_layer.js";
import { FRENCH_TERRITORIES, isOnComLand, territoryAt, territoryOfCode, type FrenchTerritory } from "./_territories.js";
import type { EligibilityBasis, EligibilityPolicy, EligibilityResult, Reason, Regime } from "./schema.js";
import type { TerritoryData } from "./territory-data-from-buffers.js";

/**
 * The eligibility engine: regimes by date, per-commune outcomes precomputed per (date, policy), the per-point
 * hot path (no allocation) and the materialisation of full, evidenced results.
 * @module
 */

// --- regimes -------------------------------------------------------------------------------------------

/**
 * The days the data can speak for. From 2015-01-01, the first day of the oldest list it holds (QPV 2015; the
 * zonings before it, such as the ZUS, are not in the data). The lists in force today have no end date in the
 * data; answers for later days assume they still apply, up to 2099-12-31, past which the library refuses.
 */
export const DATE_RANGE = { from: "2015-01-01", to: "2099-12-31" } as const;

const FROM = parseCalendarDay(DATE_RANGE.from)!;
const TO = parseCalendarDay(DATE_RANGE.to)!;
// An instant more than two days outside the range is outside it in every time zone (UTC-12 to UTC+14).
const FROM_TIME = utcMidnightOf(FROM) - 2 * 86_400_000;
const TO_TIME = utcMidnightOf(TO) + 3 * 86_400_000;

/** The QPV generation in force on a day (DOMAIN.md): 2015 from 2015-01-01; 2024 from 2024-01-01 mainland, 2025-01-01 overseas. */
export function qpvRegimeOn(day: number, overseas: boolean): "qpv2015" | "qpv2024" | null {
  if (day < 20150101) return null;
  if (day <= (overseas ? 20241231 : 20231231)) return "qpv2015";
  return "qpv2024";
}

/** The rural zoning in force on a day: ZRR 2017-07-01 to 2024-06-30, FRR from 2024-07-01. */
export function ruralRegimeOn(day: number): "zrr" | "frr" | null {
  if (day < 20170701) return null;
  return day <= 20240630 ? "zrr" : "frr";
}

// --- per-commune outcomes ---------------------------------------------------------------------------------

/** Rural outcome of a commune. */
export const enum Rural {
  NotClassified = 0,
  Classified = 1,
  Partial = 2,
  Unavailable = 3,
  NoRegime = 4,
}

/** QPV 2015 outcome of a commune from the national commune table (no national 2015 polygons here). */
export const enum Q2015 {
  /** The commune had no QPV 2015: definitively outside. */
  None = 0,
  /** All of the commune's QPV 2015 have polygons here (Occitanie): the polygons decide. */
  Polygons = 1,
  /** The commune had a QPV 2015 whose polygon is not available. */
  Missing = 2,
  /** The table does not cover the territory. */
  NotCovered = 3,
}

const PARTIAL_FRR = new Set(["frr_partiel", "frr_beneficiaire_partiel"]);

/** Everything that depends only on the data, the day, its time zone and the policy; cached per combination. */
export interface Context {
  readonly data: TerritoryData;
  readonly policy: EligibilityPolicy;
  readonly day: string;
  readonly dayNum: number;
  /** The time zone a Date was read in (the territory's legal time); null when a calendar day was given. */
  readonly timeZone: string | null;
  readonly qpvMainland: "qpv2015" | "qpv2024" | null;
  readonly qpvOverseas: "qpv2015" | "qpv2024" | null;
  readonly rural: "zrr" | "frr" | null;
  readonly ruralCounts: boolean;
  readonly tol2024: number;
  readonly tol2015: number;
  readonly communeTol: number;
  /** Per commune polygon: Rural outcome. */
  readonly communeRural: Uint8Array;
  /** Per commune polygon: Q2015 outcome. */
  readonly communeQ2015: Uint8Array;
  /** Per commune polygon: the commune-level answer key; neighbours with another key make a border matter. */
  readonly communeKey: Uint8Array;
}

/** Collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Pacific): no ZRR/FRR there. */
function isComCode(code: string): boolean {
  return code.startsWith("975") || code.startsWith("977") || code.startsWith("978") || code.startsWith("98");
}

export function ruralOutcome(
  data: TerritoryData,
  policy: EligibilityPolicy,
  regime: "zrr" | "frr" | null,
  code: string,
): Rural {
  if (regime === null || isComCode(code)) return Rural.NoRegime;
  if (regime === "zrr") {
    const zrr = data.communeTable.zrr(code);
    if (zrr === undefined) return Rural.Unavailable;
    if (policy.zrr.includes(zrr.classification)) return Rural.Classified;
    return zrr.classification === "P" ? Rural.Partial : Rural.NotClassified;
  }
  const frr = data.communeTable.frr(code);
  if (frr === undefined) return Rural.Unavailable;
  if (policy.frr.includes(frr.classification)) return Rural.Classified;
  return PARTIAL_FRR.has(frr.classification) ? Rural.Partial : Rural.NotClassified;
}

export function q2015Outcome(data: TerritoryData, code: string): Q2015 {
  const status = data.communeTable.qpv2015(code);
  if (status.coverage === "not_covered") return Q2015.NotCovered;
  if (status.qpvCodes.length === 0) return Q2015.None;
  return status.qpvCodes.every((q) => data.qpv2015.byCode.has(q)) ? Q2015.Polygons : Q2015.Missing;
}

function isOverseasCode(code: string): boolean {
  return code.startsWith("97") || code.startsWith("98");
}

const contexts = new WeakMap<TerritoryData, Map<string, Context>>();

function tolerance(value: number | "dataset", layer: PolygonLayer, fallback: number): number {
  return value === "dataset" ? (layer.header.accuracyM ?? fallback) : value;
}

/** The context for (data, day, time zone, policy). The per-commune tables depend only on the regimes in force,
 * so they are built once per regime combination and policy (about 35,000 commune lookups) and cached. */
export function contextFor(
  data: TerritoryData,
  day: CalendarDay,
  timeZone: string | null,
  policy: EligibilityPolicy,
  policyKey: string,
): Context {
  const { iso, num } = day;
  const rural = ruralRegimeOn(num);
  const qpvMainland = qpvRegimeOn(num, false);
  const qpvOverseas = qpvRegimeOn(num, true);
  let byKey = contexts.get(data);
  if (byKey === undefined) {
    byKey = new Map();
    contexts.set(data, byKey);
  }
  const dayKey = `${iso}|${timeZone ?? ""}|${policyKey}`;
  const cached = byKey.get(dayKey);
  if (cached !== undefined) return cached;
  const tablesKey = `${String(rural)}|${String(qpvMainland)}|${String(qpvOverseas)}|${policyKey}`;
  let tables = byKey.get(tablesKey);
  if (tables === undefined) {
    const n = data.communes.size;
    const communeRural = new Uint8Array(n);
    const communeQ2015 = new Uint8Array(n);
    const communeKey = new Uint8Array(n);
    for (let c = 0; c < n; c++) {
      const code = data.communeCodes[c]!;
      const r = ruralOutcome(data, policy, rural, code);
      const regime = isOverseasCode(code) ? qpvOverseas : qpvMainland;
      const q = regime === "qpv2015" ? q2015Outcome(data, code) : Q2015.None;
      communeRural[c] = r;
      communeQ2015[c] = q;
      // Only what can change the answer: a qualifying or uncertain rural status, and a missing QPV 2015 layer.
      const ruralKey = r === Rural.Classified ? 1 : r === Rural.Partial || r === Rural.Unavailable ? 2 : 0;
      communeKey[c] = ruralKey * 4 + (q >= Q2015.Missing ? 1 : 0);
    }
    tables = makeContext(
      data,
      policy,
      iso,
      num,
      null,
      rural,
      qpvMainland,
      qpvOverseas,
      communeRural,
      communeQ2015,
      communeKey,
    );
    if (byKey.size > 256) byKey.clear();
    byKey.set(tablesKey, tables);
  }
  const context = makeContext(
    data,
    policy,
    iso,
    num,
    timeZone,
    rural,
    qpvMainland,
    qpvOverseas,
    tables.communeRural,
    tables.communeQ2015,
    tables.communeKey,
  );
  if (byKey.size > 256) byKey.clear();
  byKey.set(dayKey, context);
  return context;
}

/**
 * The contexts of one call, one per territory: the same for every territory when a calendar day was given;
 * for a Date, the day in each territory's legal time zone (null where that day is outside {@link DATE_RANGE}).
 */
export class DayPlan {
  readonly data: TerritoryData;
  readonly policy: EligibilityPolicy;
  /** Per territory of FRENCH_TERRITORIES. */
  readonly contexts: readonly (Context | null)[];
  private readonly received: string;
  private readonly fromDate: boolean;

  constructor(
    data: TerritoryData,
    policy: EligibilityPolicy,
    contexts: readonly (Context | null)[],
    received: string,
    fromDate: boolean,
  ) {
    this.data = data;
    this.policy = policy;
    this.contexts = contexts;
    this.received = received;
    this.fromDate = fromDate;
  }

  /** The context of a territory, or the `date_out_of_range` error of its day. */
  forTerritory(territory: number): Context {
    const ctx = this.contexts[territory];
    if (ctx === null || ctx === undefined) throw this.rangeError(territory);
    return ctx;
  }

  /** The context for a commune code of today's geography. */
  forCode(codeInsee: string): Context {
    return this.forTerritory(territoryOfCode(codeInsee));
  }

  /** The error of a territory whose day is out of range. */
  rangeError(territory: number): DeclicsError<"date_out_of_range"> {
    const timeZone = this.fromDate ? (FRENCH_TERRITORIES[territory]?.timeZone ?? null) : null;
    return dayOutOfRange("on", "territory", this.received, DATE_RANGE.from, DATE_RANGE.to, timeZone);
  }
}

const plans = new WeakMap<TerritoryData, Map<string, DayPlan>>();

/** The day plan of a call: cached per (data, day or instant, policy), so repeated calls cost one lookup. */
export function planFor(data: TerritoryData, on: ReadDay, policy: EligibilityPolicy): DayPlan {
  const policyKey = JSON.stringify(policy);
  const key = `${on.kind === "day" ? on.day.iso : on.time}|${policyKey}`;
  let byKey = plans.get(data);
  if (byKey === undefined) {
    byKey = new Map();
    plans.set(data, byKey);
  }
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  let plan: DayPlan;
  if (on.kind === "day") {
    if (on.day.num < FROM.num || on.day.num > TO.num)
      throw dayOutOfRange("on", "territory", on.day.iso, DATE_RANGE.from, DATE_RANGE.to, null);
    const ctx = contextFor(data, on.day, null, policy, policyKey);
    plan = new DayPlan(
      data,
      policy,
      FRENCH_TERRITORIES.map(() => ctx),
      on.day.iso,
      false,
    );
  } else {
    const received = `Date ${new Date(on.time).toISOString()}`;
    if (on.time < FROM_TIME || on.time > TO_TIME)
      throw dayOutOfRange("on", "territory", received, DATE_RANGE.from, DATE_RANGE.to, null);
    const contexts = FRENCH_TERRITORIES.map((territory) => {
      const day = calendarDayIn(on.time, territory.timeZone);
      return day.num < FROM.num || day.num > TO.num
        ? null
        : contextFor(data, day, territory.timeZone, policy, policyKey);
    });
    plan = new DayPlan(data, policy, contexts, received, true);
  }
  if (byKey.size > 64) byKey.clear();
  byKey.set(key, plan);
  return plan;
}

function makeContext(
  data: TerritoryData,
  policy: EligibilityPolicy,
  day: string,
  dayNum: number,
  timeZone: string | null,
  rural: "zrr" | "frr" | null,
  qpvMainland: "qpv2015" | "qpv2024" | null,
  qpvOverseas: "qpv2015" | "qpv2024" | null,
  communeRural: Uint8Array,
  communeQ2015: Uint8Array,
  communeKey: Uint8Array,
): Context {
  return {
    data,
    policy,
    day,
    dayNum,
    timeZone,
    qpvMainland,
    qpvOverseas,
    rural,
    ruralCounts: rural === "zrr" ? policy.zrr.length > 0 : rural === "frr" ? policy.frr.length > 0 : false,
    tol2024: tolerance(policy.qpvToleranceM, data.qpv2024, 10),
    tol2015: tolerance(policy.qpvToleranceM, data.qpv2015, 10),
    communeTol: tolerance(policy.communeToleranceM, data.communes, 100),
    communeRural,
    communeQ2015,
    communeKey,
  };
}

// --- per-point hot path ---------------------------------------------------------------------------------

/** Point outcome flags. */
export const enum Flag {
  QpvInside = 1,
  QpvNear = 2,
  QpvUnavailable = 4,
  QpvNoRegime = 8,
  QpvByCommuneTable = 16,
  NearCommune = 32,
  OutsideContours = 64,
  Overseas = 128,
  NoCommuneContours = 256,
}

/** Status codes of the batch API. */
export const enum StatusCode {
  Eligible = 0,
  NotEligible = 1,
  Uncertain = 2,
  Error = 255,
}

/** Row error codes of the batch API. */
export const enum RowError {
  None = 0,
  InvalidCoordinates = 1,
  SwappedCoordinates = 2,
  OutsideFrance = 3,
  /** The day, read in the point's territory, is outside DATE_RANGE (a Date near the range's ends). */
  DateOutOfRange = 4,
}

/** The reusable output of {@link classifyPoint}. */
export interface PointOutcome {
  status: StatusCode;
  error: RowError;
  territory: number;
  commune: number;
  qpv: number;
  /** 0 none, 1 qpv2015, 2 qpv2024. */
  qpvRegime: number;
  /** Metres to the nearest QPV edge when within the tolerance (else Infinity). */
  qpvDistance: number;
  /** Metres to the nearest edge of a neighbouring commune whose answer differs, when within the contours' margin (100 m). */
  communeDistance: number;
  rural: Rural;
  flags: number;
}

export function newOutcome(): PointOutcome {
  return {
    status: StatusCode.Error,
    error: RowError.None,
    territory: -1,
    commune: -1,
    qpv: -1,
    qpvRegime: 0,
    qpvDistance: Infinity,
    communeDistance: Infinity,
    rural: Rural.NoRegime,
    flags: 0,
  };
}

const scratch = new Float64Array(4);

/**
 * Classifies one WGS84 point. Never throws: errors are written to `out.error`. The QPV distance is measured up
 * to the tolerance (all the answer needs); `wantDistanceM` asks for more (up to the layers' 100 m margin).
 */
export function classifyPoint(plan: DayPlan, lon: number, lat: number, out: PointOutcome, wantDistanceM = 0): void {
  out.error = RowError.None;
  out.status = StatusCode.Error;
  out.commune = -1;
  out.qpv = -1;
  out.qpvRegime = 0;
  out.qpvDistance = Infinity;
  out.communeDistance = Infinity;
  out.rural = Rural.NoRegime;
  out.flags = 0;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    out.error = RowError.InvalidCoordinates;
    return;
  }
  let t = territoryAt(lon, lat);
  if (t < 0) {
    out.error =
      territoryAt(lat, lon) >= 0
        ? RowError.SwappedCoordinates
        : lon < -180 || lon > 180 || lat < -90 || lat > 90
          ? RowError.InvalidCoordinates
          : RowError.OutsideFrance;
    return;
  }
  out.territory = t;
  const territory = FRENCH_TERRITORIES[t]!;
  const ctx = plan.contexts[t];
  if (ctx === null || ctx === undefined) {
    out.error = RowError.DateOutOfRange;
    return;
  }
  const data = ctx.data;
  const x = lon * UNITS_PER_DEGREE;
  const y = lat * UNITS_PER_DEGREE;
  const kx = scaleX(lat);
  const ky = scaleY(lat);
  let flags = territory.overseas ? Flag.Overseas : 0;

  // Commune.
  let c = -1;
  if (territory.communeContours) {
    queryLayer(
      data.communes,
      x,
      y,
      DistanceMode.DifferentStatus,
      ctx.communeKey,
      kx,
      ky,
      data.communes.header.marginM,
      scratch,
    );
    c = scratch[0]!;
    out.communeDistance = scratch[1]!;
    if (c < 0) {
      // On no commune: within the contours' margin (100 m) of one, the coast or a border drawn coarsely;
      // farther, at sea or abroad. A QPV hit would still make it French.
      if (scratch[3]! >= 0) {
        c = scratch[3]!;
        flags |= Flag.OutsideContours;
      } else {
        queryLayer(data.qpv2024, x, y, DistanceMode.None, null, kx, ky, 0, scratch);
        if (scratch[0]! < 0) {
          out.error = RowError.OutsideFrance;
          return;
        }
      }
    }
  } else {
    flags |= Flag.NoCommuneContours;
    // The open sea of a collectivité's wide box, or the Dutch side of Saint-Martin: abroad, unless in a QPV.
    if (!isOnComLand(t, lon, lat)) {
      queryLayer(data.qpv2024, x, y, DistanceMode.None, null, kx, ky, 0, scratch);
      if (scratch[0]! < 0) {
        out.error = RowError.OutsideFrance;
        return;
      }
    }
  }
  out.commune = c;

  // QPV.
  const regime = territory.overseas ? ctx.qpvOverseas : ctx.qpvMainland;
  let qpvInside = false;
  let qpvNear = false;
  let qpvUnavailable = false;
  if (regime === null) flags |= Flag.QpvNoRegime;
  else {
    const layer = regime === "qpv2024" ? data.qpv2024 : data.qpv2015;
    const tol = regime === "qpv2024" ? ctx.tol2024 : ctx.tol2015;
    out.qpvRegime = regime === "qpv2024" ? 2 : 1;
    const margin = layer.header.marginM;
    queryLayer(layer, x, y, DistanceMode.Any, null, kx, ky, Math.min(Math.max(tol, wantDistanceM), margin), scratch);
    out.qpv = scratch[0]!;
    let d = scratch[1]!;
    if (d === Infinity && tol > margin) d = nearestEdgeDistance(layer, x, y, kx, ky, undefined, tol);
    out.qpvDistance = d;
    qpvInside = out.qpv >= 0;
    qpvNear = d <= tol;
    if (regime === "qpv2015" && !qpvInside) {
      const q = c >= 0 ? ctx.communeQ2015[c]! : Q2015.NotCovered;
      flags |= Flag.QpvByCommuneTable;
      if (q >= Q2015.Missing) qpvUnavailable = true;
    }
  }

  // Rural.
  const rural: Rural =
    ctx.rural === null
      ? Rural.NoRegime
      : c >= 0
        ? (ctx.communeRural[c]! as Rural)
        : territory.ruralZoning
          ? Rural.Unavailable
          : Rural.NoRegime;
  out.rural = rural;
  if (
    c >= 0 &&
    out.communeDistance === Infinity &&
    ctx.communeTol > data.communes.header.marginM &&
    (flags & Flag.OutsideContours) === 0
  ) {
    // A tolerance wider than the grid's margin: search the neighbours with another answer exactly (slower).
    const own = ctx.communeKey[c];
    out.communeDistance = nearestEdgeDistance(
      data.communes,
      x,
      y,
      kx,
      ky,
      (p) => ctx.communeKey[p] !== own,
      ctx.communeTol,
    );
  }
  let nearCommune = out.communeDistance <= ctx.communeTol;
  if ((flags & Flag.OutsideContours) !== 0) nearCommune = rural !== Rural.NotClassified && rural !== Rural.NoRegime;

  if (qpvInside) flags |= Flag.QpvInside;
  if (qpvNear) flags |= Flag.QpvNear;
  if (qpvUnavailable) flags |= Flag.QpvUnavailable;
  if (nearCommune) flags |= Flag.NearCommune;
  out.flags = flags;

  const policy = ctx.policy;
  if ((policy.qpv && qpvInside && !qpvNear) || (rural === Rural.Classified && !nearCommune))
    out.status = StatusCode.Eligible;
  else if (
    (policy.qpv && (qpvNear || qpvUnavailable)) ||
    (ctx.ruralCounts && (rural === Rural.Partial || rural === Rural.Unavailable || rural === Rural.Classified)) ||
    (nearCommune && (ctx.ruralCounts || qpvUnavailable || (ctx.communeQ2015[c] ?? 0) >= Q2015.Missing))
  )
    out.status = StatusCode.Uncertain;
  else out.status = StatusCode.NotEligible;
}

// --- materialisation ---------------------------------------------------------------------------------------

const STATUS_NAMES = ["eligible", "not_eligible", "uncertain"] as const;

function metres(d: number): string {
  return `${d < 10 ? d.toFixed(1) : Math.round(d)} m`;
}

const REGIME_LABEL: Record<Regime, string> = {
  qpv2015: "géographie prioritaire 2015",
  qpv2024: "géographie prioritaire 2024",
  zrr: "ZRR",
  frr: "France Ruralités Revitalisation",
};

/** What the rural part of a commune answer says, with its reasons and basis. */
function ruralPart(
  ctx: Context,
  code: string | null,
  name: string,
  rural: Rural,
  reasons: Reason[],
  bases: EligibilityBasis[],
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
      message: `La commune ${name} n'est que partiellement classée ${kind} (${label ?? "partiel"}) : l'adresse décide et la liste ne dit pas quelle partie.`,
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

/** Builds the full result of a classified point. `exact` computes the QPV distance exactly when the grid did not. */
export function materialisePoint(
  ctx: Context,
  lon: number,
  lat: number,
  o: PointOutcome,
  foundBy: "point_in_polygon" | "geocoder",
  exact: boolean,
): EligibilityResult {
  const data = ctx.data;
  const reasons: Reason[] = [];
  const bases: EligibilityBasis[] = [];
  const code = o.commune >= 0 ? data.communeCodes[o.commune]! : null;
  const name = code === null ? "" : communeName(ctx, code);
  const overseas = (o.flags & Flag.Overseas) !== 0;
  const regime = overseas ? ctx.qpvOverseas : ctx.qpvMainland;
  let qpvDistance: number | null = Number.isFinite(o.qpvDistance) ? o.qpvDistance : null;
  if (regime !== null && qpvDistance === null && exact) {
    const layer = regime === "qpv2024" ? data.qpv2024 : data.qpv2015;
    const d = nearestEdgeDistance(
      layer,
      lon * UNITS_PER_DEGREE,
      lat * UNITS_PER_DEGREE,
      metresPerUnitX(lat),
      metresPerUnitY(lat),
    );
    qpvDistance = Number.isFinite(d) ? d : null;
  }
  // QPV 2015 outside Occitanie: the distance to the Occitanie polygons says nothing.
  if ((o.flags & Flag.QpvByCommuneTable) !== 0 && o.commune >= 0 && ctx.communeQ2015[o.commune] !== Q2015.Polygons)
    qpvDistance = null;
  let qpv: EligibilityResult["qpv"];
  const tol = regime === "qpv2024" ? ctx.tol2024 : ctx.tol2015;
  if (regime === null) {
    reasons.push({
      code: "no_regime_in_force",
      message: "Aucune géographie prioritaire (QPV) n'était en vigueur à cette date.",
    });
    qpv = { regime: null, status: "outside", zone: null, distanceToBoundaryM: null };
  } else {
    const layer = regime === "qpv2024" ? data.qpv2024 : data.qpv2015;
    const near = (o.flags & Flag.QpvNear) !== 0;
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
      if ((o.flags & Flag.QpvByCommuneTable) !== 0 && o.commune >= 0 && ctx.communeQ2015[o.commune] === Q2015.None) {
        reasons.push({
          code: "commune_has_no_qpv",
          regime,
          message: `La commune ${name} n'avait aucun QPV 2015 : l'adresse est hors QPV.`,
        });
      } else {
        reasons.push({
          code: "outside_qpv",
          regime,
          message: `L'adresse est hors de tout QPV (${REGIME_LABEL[regime]}).`,
        });
      }
      qpv = { regime, status: near ? "uncertain" : "outside", zone: null, distanceToBoundaryM: qpvDistance };
    }
    if (near && qpvDistance !== null) {
      reasons.push({
        code: "near_qpv_boundary",
        regime,
        message: `L'adresse est à ${metres(qpvDistance)} de la limite d'un QPV, dans la marge d'incertitude de ${metres(tol)} des périmètres : à vérifier sur le périmètre officiel.`,
      });
    }
  }
  const rural = ruralPart(ctx, code, name, o.rural, reasons, bases);
  const communeDistance = Number.isFinite(o.communeDistance) ? o.communeDistance : null;
  if ((o.flags & Flag.OutsideContours) !== 0) {
    reasons.push({
      code: "near_commune_boundary",
      message: `Le point est hors des contours communaux (littoral ou frontière), à ${metres(communeDistance ?? 0)} de la commune la plus proche, ${name}, retenue par défaut.`,
    });
  } else if ((o.flags & Flag.NearCommune) !== 0 && communeDistance !== null) {
    reasons.push({
      code: "near_commune_boundary",
      message: `L'adresse est à ${metres(communeDistance)} de la limite d'une commune voisine au statut différent (marge ${metres(ctx.communeTol)} des contours communaux).`,
    });
  }
  return {
    status: STATUS_NAMES[o.status as 0 | 1 | 2],
    on: ctx.day,
    ...(ctx.timeZone === null ? {} : { timeZone: ctx.timeZone }),
    point: { lon, lat },
    territoryKind: o.status === StatusCode.Eligible ? territoryKindOf(bases) : "other",
    bases,
    commune: code === null ? null : { codeInsee: code, name, foundBy },
    qpv,
    rural,
    distanceToBoundaryM: {
      qpv: qpvDistance,
      commune: (o.flags & Flag.NearCommune) !== 0 || (o.flags & Flag.OutsideContours) !== 0 ? communeDistance : null,
    },
    reasons,
  };
}

/** The error for a row error code. */
export function rowError(error: RowError, lon: number, lat: number, plan: DayPlan, territory: number): DeclicsError {
  const received = `lon ${String(lon)}, lat ${String(lat)}`;
  switch (error) {
    case RowError.DateOutOfRange:
      return plan.rangeError(territory);
    case RowError.SwappedCoordinates:
      return new DeclicsError({
        code: "swapped_coordinates",
        module: "territory",
        details: { lon, lat, system: "wgs84" },
      });
    case RowError.OutsideFrance:
      return new DeclicsError({
        code: "outside_france",
        module: "territory",
        details: { lon, lat },
      });
    default:
      return new DeclicsError({
        code: "invalid_coordinates",
        module: "territory",
        details: { expected: { kind: "wgs84_point" }, received },
      });
  }
}

/** Names of the territories, for evidence and tests. */
export function territoryOfOutcome(o: PointOutcome): FrenchTerritory | undefined {
  return FRENCH_TERRITORIES[o.territory];
}

/** The commune-level answer (code subjects, postcodes, imprecise geocoder hits). */
export function materialiseCommune(
  ctx: Context,
  code: string,
  foundBy: "code" | "postcode" | "geocoder",
  mappedFrom:
    | { code: string; reason: "arrondissement_municipal" | "ancien_code" | "commune_deleguee" | "cog_version" }
    | undefined,
): EligibilityResult {
  const data = ctx.data;
  const reasons: Reason[] = [];
  const bases: EligibilityBasis[] = [];
  const name = communeName(ctx, code);
  const overseas = isOverseasCode(code);
  const regime = overseas ? ctx.qpvOverseas : ctx.qpvMainland;
  let qpvStatus: EligibilityResult["qpv"]["status"];
  if (regime === null) {
    reasons.push({
      code: "no_regime_in_force",
      message: "Aucune géographie prioritaire (QPV) n'était en vigueur à cette date.",
    });
    qpvStatus = "outside";
  } else if (regime === "qpv2024") {
    const codes = data.communeTable.qpv2024(code);
    if (codes.length === 0) {
      reasons.push({
        code: "commune_has_no_qpv",
        regime,
        message: `La commune ${name} n'a aucun QPV 2024 : hors QPV quelle que soit l'adresse.`,
      });
      qpvStatus = "outside";
    } else {
      reasons.push({
        code: "commune_has_qpv",
        regime,
        message: `La commune ${name} compte ${codes.length} QPV (${codes.join(", ")}) : il faut l'adresse pour savoir si elle est dedans.`,
      });
      qpvStatus = "uncertain";
    }
  } else {
    const q = q2015Outcome(data, code);
    if (q === Q2015.NotCovered) {
      reasons.push({
        code: "data_unavailable",
        regime,
        message:
          "Les QPV 2015 de ce territoire ne sont pas couverts par les données disponibles : impossible de conclure.",
      });
      qpvStatus = "unavailable";
    } else if (q === Q2015.None) {
      reasons.push({
        code: "commune_has_no_qpv",
        regime,
        message: `La commune ${name} n'avait aucun QPV 2015 : hors QPV quelle que soit l'adresse.`,
      });
      qpvStatus = "outside";
    } else {
      reasons.push({
        code: "commune_has_qpv",
        regime,
        message: `La commune ${name} comptait au moins un QPV 2015 : il faut l'adresse pour savoir si elle est dedans.`,
      });
      qpvStatus = "uncertain";
    }
  }
  const rural = ruralOutcome(data, ctx.policy, ctx.rural, code);
  const ruralEvidence = ruralPart(ctx, code, name, rural, reasons, bases);
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
    territoryKind: status === "eligible" ? territoryKindOf(bases) : "other",
    bases,
    commune: { codeInsee: code, name, foundBy, ...(mappedFrom === undefined ? {} : { mappedFrom }) },
    qpv: { regime, status: qpvStatus, zone: null, distanceToBoundaryM: null },
    rural: ruralEvidence,
    distanceToBoundaryM: { qpv: null, commune: null },
    reasons,
  };
}
