import { Q2015, Rural, type Context, type DayPlan } from "./_context.js";
import { UNITS_PER_DEGREE, scaleX, scaleY, type PolygonLayer } from "./_layer.js";
import { FRENCH_TERRITORIES, isOnComLand, territoryAt, type FrenchTerritory } from "./_territories.js";

/**
 * Point classification, the hot path: one WGS84 point and a day plan in, a reusable {@link PointOutcome} out
 * (status, error, commune, QPV, distances, flags), with no allocation per point. A pipeline of stages: the
 * territory, the commune, the QPV layer of the regime in force, the rural status, then the status.
 * @module
 */

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

/** The point being classified, in layer units, with the local metres per unit; reused (no allocation). */
const probe = { lon: 0, lat: 0, x: 0, y: 0, kx: 0, ky: 0 };

/**
 * Classifies one WGS84 point. Never throws: errors are written to `out.error`. The QPV distance is measured up
 * to the tolerance (all the answer needs); `wantDistanceM` asks for more (up to the layers' 100 m margin).
 */
export function classifyPoint(plan: DayPlan, lon: number, lat: number, out: PointOutcome, wantDistanceM = 0): void {
  reset(out);
  const t = locateTerritory(lon, lat, out);
  if (t < 0) return;
  const ctx = plan.contexts[t];
  if (ctx === null || ctx === undefined) {
    out.error = RowError.DateOutOfRange;
    return;
  }
  const territory = FRENCH_TERRITORIES[t]!;
  probe.lon = lon;
  probe.lat = lat;
  probe.x = lon * UNITS_PER_DEGREE;
  probe.y = lat * UNITS_PER_DEGREE;
  probe.kx = scaleX(lat);
  probe.ky = scaleY(lat);
  out.flags = territory.overseas ? Flag.Overseas : 0;
  if (!locateCommune(ctx, territory, t, out)) return;
  classifyQpv(ctx, territory, wantDistanceM, out);
  classifyRural(ctx, territory, out);
  out.status = decide(ctx, out);
}

function reset(out: PointOutcome): void {
  out.error = RowError.None;
  out.status = StatusCode.Error;
  out.commune = -1;
  out.qpv = -1;
  out.qpvRegime = 0;
  out.qpvDistance = Infinity;
  out.communeDistance = Infinity;
  out.rural = Rural.NoRegime;
  out.flags = 0;
}

/** The territory of the point, or -1 with the row error written. */
function locateTerritory(lon: number, lat: number, out: PointOutcome): number {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) {
    out.error = RowError.InvalidCoordinates;
    return -1;
  }
  const t = territoryAt(lon, lat);
  if (t < 0) {
    out.error =
      territoryAt(lat, lon) >= 0
        ? RowError.SwappedCoordinates
        : lon < -180 || lon > 180 || lat < -90 || lat > 90
          ? RowError.InvalidCoordinates
          : RowError.OutsideFrance;
    return -1;
  }
  out.territory = t;
  return t;
}

/** Whether a point that is on no French land is still in a QPV (which makes it French). */
function inSomeQpv(layer: PolygonLayer): boolean {
  return layer.locate(probe.x, probe.y) >= 0;
}

function outsideFrance(out: PointOutcome): false {
  out.error = RowError.OutsideFrance;
  out.flags = 0;
  return false;
}

/** The commune of the point (and the distance to a neighbour with another answer); false when outside France. */
function locateCommune(ctx: Context, territory: FrenchTerritory, t: number, out: PointOutcome): boolean {
  const data = ctx.data;
  let c = -1;
  if (territory.communeContours) {
    const communes = data.communes;
    c = communes.locate(probe.x, probe.y);
    out.communeDistance = communes.nearestListedEdge(
      probe.x,
      probe.y,
      probe.kx,
      probe.ky,
      communes.header.marginM,
      ctx.communeKey,
    );
    if (c < 0) {
      // On no commune: within the contours' margin (100 m) of one, the coast or a border drawn coarsely;
      // farther, at sea or abroad. A QPV hit would still make it French.
      if (communes.nearestPolygon >= 0) {
        c = communes.nearestPolygon;
        out.flags |= Flag.OutsideContours;
      } else if (!inSomeQpv(data.qpv2024)) {
        return outsideFrance(out);
      }
    }
  } else {
    out.flags |= Flag.NoCommuneContours;
    // The open sea of a collectivité's wide box, or the Dutch side of Saint-Martin: abroad, unless in a QPV.
    if (!isOnComLand(t, probe.lon, probe.lat) && !inSomeQpv(data.qpv2024)) return outsideFrance(out);
  }
  out.commune = c;
  return true;
}

/** The QPV of the regime in force: membership, distance to the nearest edge, or the commune table for 2015. */
function classifyQpv(ctx: Context, territory: FrenchTerritory, wantDistanceM: number, out: PointOutcome): void {
  const regime = territory.overseas ? ctx.qpvOverseas : ctx.qpvMainland;
  if (regime === null) {
    out.flags |= Flag.QpvNoRegime;
    return;
  }
  const layer = regime === "qpv2024" ? ctx.data.qpv2024 : ctx.data.qpv2015;
  const tol = regime === "qpv2024" ? ctx.tol2024 : ctx.tol2015;
  out.qpvRegime = regime === "qpv2024" ? 2 : 1;
  const margin = layer.header.marginM;
  const { x, y, kx, ky } = probe;
  out.qpv = layer.locate(x, y);
  let d = layer.nearestListedEdge(x, y, kx, ky, Math.min(Math.max(tol, wantDistanceM), margin));
  if (d === Infinity && tol > margin) d = layer.nearestEdgeDistance(x, y, kx, ky, undefined, tol);
  out.qpvDistance = d;
  if (out.qpv >= 0) out.flags |= Flag.QpvInside;
  if (d <= tol) out.flags |= Flag.QpvNear;
  if (regime === "qpv2015" && out.qpv < 0) {
    const c = out.commune;
    const q = c >= 0 ? ctx.communeQ2015[c]! : Q2015.NotCovered;
    out.flags |= Flag.QpvByCommuneTable;
    if (q >= Q2015.Missing) out.flags |= Flag.QpvUnavailable;
  }
}

/** The rural status of the commune, and whether a neighbour with another answer is within the tolerance. */
function classifyRural(ctx: Context, territory: FrenchTerritory, out: PointOutcome): void {
  const c = out.commune;
  const rural: Rural =
    ctx.rural === null
      ? Rural.NoRegime
      : c >= 0
        ? (ctx.communeRural[c]! as Rural)
        : territory.ruralZoning
          ? Rural.Unavailable
          : Rural.NoRegime;
  out.rural = rural;
  const communes = ctx.data.communes;
  const outside = (out.flags & Flag.OutsideContours) !== 0;
  if (c >= 0 && out.communeDistance === Infinity && ctx.communeTol > communes.header.marginM && !outside) {
    // A tolerance wider than the grid's margin: search the neighbours with another answer exactly (slower).
    const own = ctx.communeKey[c];
    const { x, y, kx, ky } = probe;
    const differs = (p: number): boolean => ctx.communeKey[p] !== own;
    out.communeDistance = communes.nearestEdgeDistance(x, y, kx, ky, differs, ctx.communeTol);
  }
  const nearCommune = outside
    ? rural !== Rural.NotClassified && rural !== Rural.NoRegime
    : out.communeDistance <= ctx.communeTol;
  if (nearCommune) out.flags |= Flag.NearCommune;
}

/** The status from the stages' flags, under the context's policy. */
function decide(ctx: Context, out: PointOutcome): StatusCode {
  const flags = out.flags;
  const rural = out.rural;
  const qpvInside = (flags & Flag.QpvInside) !== 0;
  const qpvNear = (flags & Flag.QpvNear) !== 0;
  const qpvUnavailable = (flags & Flag.QpvUnavailable) !== 0;
  const nearCommune = (flags & Flag.NearCommune) !== 0;
  const policy = ctx.policy;
  if ((policy.qpv && qpvInside && !qpvNear) || (rural === Rural.Classified && !nearCommune)) return StatusCode.Eligible;
  if (
    (policy.qpv && (qpvNear || qpvUnavailable)) ||
    (ctx.ruralCounts && (rural === Rural.Partial || rural === Rural.Unavailable || rural === Rural.Classified)) ||
    (nearCommune && (ctx.ruralCounts || qpvUnavailable || (ctx.communeQ2015[out.commune] ?? 0) >= Q2015.Missing))
  )
    return StatusCode.Uncertain;
  return StatusCode.NotEligible;
}
