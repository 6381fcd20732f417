import { calendarDayIn, dayOutOfRange, type CalendarDay, type ReadDay } from "../_lib/calendar-day.js";
import type { DeclicsError } from "../errors.js";
import type { PolygonLayer } from "./_layer.js";
import { DATE_RANGE, isDayInRange, isInstantNearRange, qpvRegimeOn, ruralRegimeOn } from "./_regimes.js";
import { FRENCH_TERRITORIES, territoryOfCode } from "./_territories.js";
import type { EligibilityPolicy } from "./schema.js";
import type { TerritoryInternals as TerritoryData } from "./_territory-internals.js";

/**
 * The query context: everything an answer depends on apart from the point — the data, the day (and the time
 * zone it was read in), the policy, the regimes in force, the tolerances, and per-commune outcomes precomputed
 * once per (regimes, policy) so that the per-point path reads them from typed arrays. Cached per data object.
 * @module
 */

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

/** Per commune polygon, the outcomes that depend only on the regimes in force and the policy. */
interface CommuneTables {
  /** Per commune polygon: Rural outcome. */
  readonly communeRural: Uint8Array;
  /** Per commune polygon: Q2015 outcome. */
  readonly communeQ2015: Uint8Array;
  /** Per commune polygon: the commune-level answer key; neighbours with another key make a border matter. */
  readonly communeKey: Uint8Array;
}

/** Everything that depends only on the data, the day, its time zone and the policy; cached per combination. */
export interface Context extends CommuneTables {
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
}

/** Collectivités d'outre-mer (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Pacific): no ZRR/FRR there. */
function isComCode(code: string): boolean {
  return code.startsWith("975") || code.startsWith("977") || code.startsWith("978") || code.startsWith("98");
}

export function isOverseasCode(code: string): boolean {
  return code.startsWith("97") || code.startsWith("98");
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

function tolerance(value: number | "dataset", layer: PolygonLayer, fallback: number): number {
  return value === "dataset" ? (layer.header.accuracyM ?? fallback) : value;
}

/** A cache per data object, emptied when it grows past `limit` entries. */
class KeyedCache<T> {
  private readonly byData = new WeakMap<TerritoryData, Map<string, T>>();
  constructor(private readonly limit: number) {}

  get(data: TerritoryData, key: string, make: () => T): T {
    let byKey = this.byData.get(data);
    if (byKey === undefined) {
      byKey = new Map();
      this.byData.set(data, byKey);
    }
    const cached = byKey.get(key);
    if (cached !== undefined) return cached;
    const value = make();
    if (byKey.size >= this.limit) byKey.clear();
    byKey.set(key, value);
    return value;
  }
}

const tableCache = new KeyedCache<CommuneTables>(256);
const contextCache = new KeyedCache<Context>(256);
const planCache = new KeyedCache<DayPlan>(64);

/** The per-commune tables for the regimes in force (about 35,000 commune lookups). */
function communeTables(
  data: TerritoryData,
  policy: EligibilityPolicy,
  rural: "zrr" | "frr" | null,
  qpvMainland: "qpv2015" | "qpv2024" | null,
  qpvOverseas: "qpv2015" | "qpv2024" | null,
): CommuneTables {
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
  return { communeRural, communeQ2015, communeKey };
}

/** The context for (data, day, time zone, policy). The per-commune tables depend only on the regimes in force,
 * so they are built once per regime combination and policy and cached. */
export function contextFor(
  data: TerritoryData,
  day: CalendarDay,
  timeZone: string | null,
  policy: EligibilityPolicy,
  policyKey: string,
): Context {
  return contextCache.get(data, `${day.iso}|${timeZone ?? ""}|${policyKey}`, () => {
    const rural = ruralRegimeOn(day.num);
    const qpvMainland = qpvRegimeOn(day.num, false);
    const qpvOverseas = qpvRegimeOn(day.num, true);
    const tablesKey = `${String(rural)}|${String(qpvMainland)}|${String(qpvOverseas)}|${policyKey}`;
    const tables = tableCache.get(data, tablesKey, () => communeTables(data, policy, rural, qpvMainland, qpvOverseas));
    return {
      data,
      policy,
      day: day.iso,
      dayNum: day.num,
      timeZone,
      qpvMainland,
      qpvOverseas,
      rural,
      ruralCounts: rural === "zrr" ? policy.zrr.length > 0 : rural === "frr" ? policy.frr.length > 0 : false,
      tol2024: tolerance(policy.qpvToleranceM, data.qpv2024, 10),
      tol2015: tolerance(policy.qpvToleranceM, data.qpv2015, 10),
      communeTol: tolerance(policy.communeToleranceM, data.communes, 100),
      ...tables,
    };
  });
}

/**
 * The contexts of one call, one per territory: the same for every territory when a calendar day was given;
 * for a Date, the day in each territory's legal time zone (null where that day is outside {@link DATE_RANGE}).
 */
export class DayPlan {
  constructor(
    readonly data: TerritoryData,
    readonly policy: EligibilityPolicy,
    /** Per territory of FRENCH_TERRITORIES. */
    readonly contexts: readonly (Context | null)[],
    private readonly received: string,
    private readonly fromDate: boolean,
  ) {}

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

/** The day plan of a call: cached per (data, day or instant, policy), so repeated calls cost one lookup. */
export function planFor(data: TerritoryData, on: ReadDay, policy: EligibilityPolicy): DayPlan {
  const policyKey = JSON.stringify(policy);
  const key = `${on.kind === "day" ? on.day.iso : on.time}|${policyKey}`;
  return planCache.get(data, key, () => {
    if (on.kind === "day") {
      if (!isDayInRange(on.day.num))
        throw dayOutOfRange("on", "territory", on.day.iso, DATE_RANGE.from, DATE_RANGE.to, null);
      const ctx = contextFor(data, on.day, null, policy, policyKey);
      return new DayPlan(
        data,
        policy,
        FRENCH_TERRITORIES.map(() => ctx),
        on.day.iso,
        false,
      );
    }
    const received = `Date ${new Date(on.time).toISOString()}`;
    if (!isInstantNearRange(on.time))
      throw dayOutOfRange("on", "territory", received, DATE_RANGE.from, DATE_RANGE.to, null);
    const contexts = FRENCH_TERRITORIES.map((territory) => {
      const day = calendarDayIn(on.time, territory.timeZone);
      return isDayInRange(day.num) ? contextFor(data, day, territory.timeZone, policy, policyKey) : null;
    });
    return new DayPlan(data, policy, contexts, received, true);
  });
}
