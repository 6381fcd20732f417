import { createSeededRandom } from "../_lib/random.js";
import { DeclicsError } from "../errors.js";
import {
  dayToIso,
  isoToDay,
  isWorkingDayNumber,
  localToUtcMs,
  minutesToTime,
  timeToMinutes,
  ZONE_TIME_ZONES,
} from "./_calendar.js";
import { createIndexedOccupancy, type Occupancy } from "./_occupancy.js";
import type {
  Activity,
  ActivityId,
  Assignment,
  Cohort,
  ParcoursTemplate,
  ParticipantId,
  PlanCohortOptions,
  ResourceId,
  Session,
  SessionId,
  SessionModality,
  UnmetConstraint,
  UnmetReason,
} from "./schema.js";

/**
 * The planning engine shared by planCohort and replanCohort. Everything is indexed by small integers
 * (participant, resource, activity, working day, slot) so that conflict checks are array lookups.
 */

/** A session while planning: indices, not ids. */
export interface Draft {
  id: string;
  activity: number;
  day: number;
  slot: number;
  length: number;
  modality: SessionModality;
  room: number; // -1 when none
  facilitators: number[];
  speakers: number[];
  participants: number[];
  status: "scheduled" | "cancelled";
  sequence: number;
}

export interface Context {
  readonly template: ParcoursTemplate;
  readonly cohort: Cohort;
  readonly options: PlanCohortOptions;
  readonly timeZone: string;
  readonly days: number[]; // day numbers of the parcours' working days
  readonly slotMinutes: number;
  readonly opens: number; // minutes after midnight
  readonly slotsPerDay: number;
  readonly blocked: Uint8Array; // per slot of a day: 1 inside a break
  readonly activities: Activity[]; // topological order
  readonly activityIndex: Map<string, number>;
  readonly prereqs: number[][]; // per activity: activity indices
  readonly windows: Array<[number, number]>; // per activity: first and last working-day index (0-based)
  readonly lengths: number[]; // per activity: slots
  readonly participantIndex: Map<string, number>;
  readonly resourceIndex: Map<string, number>;
  readonly participantOff: Uint8Array; // P × D: 1 when unavailable
  readonly resourceOff: Uint8Array; // R × D: 1 when unavailable
  readonly order: number[]; // participant indices in grouping order
  occupancy: Occupancy;
  /** P × A: end slot (global) of the participant's session of that activity, -1 when none. */
  readonly ends: Int32Array;
  readonly drafts: Draft[];
  readonly unmet: UnmetConstraint[];
  readonly rotation: Map<string, number>;
  /** Last session number used per activity. */
  readonly counters: Map<number, number>;
  readonly utcCache: Map<number, string>;
  /** Re-planning only: per activity, the activities that require it. */
  dependants?: number[][];
  /** Re-planning only: P × A start slot (global), -1 when none. */
  starts?: Int32Array;
}

function templateError(reason: string, activityId?: string): DeclicsError<"invalid_template"> {
  return new DeclicsError({
    code: "invalid_template",
    module: "curriculum",
    message: `Invalid parcours template: ${reason}`,
    details: activityId === undefined ? { reason } : { reason, activityId },
  });
}

/** Orders activities so that prerequisites come first (phase order, then template order); rejects cycles. */
function topologicalOrder(template: ParcoursTemplate): Activity[] {
  const byId = new Map<string, Activity>();
  for (const a of template.activities) {
    if (byId.has(a.id)) throw templateError(`activity id ${a.id} appears twice`, a.id);
    byId.set(a.id, a);
  }
  const phaseRank = new Map<string, number>();
  template.phases.forEach((p, i) => {
    if (phaseRank.has(p.id)) throw templateError(`phase id ${p.id} appears twice`);
    if (p.toDay > template.workingDays) throw templateError(`phase ${p.id} ends on day ${p.toDay}, after the parcours' ${template.workingDays} working days`);
    phaseRank.set(p.id, i);
  });
  for (const a of template.activities) {
    if (!phaseRank.has(a.phaseId)) throw templateError(`activity ${a.id} names unknown phase ${a.phaseId}`, a.id);
    for (const p of a.prerequisites) if (!byId.has(p)) throw templateError(`activity ${a.id} has unknown prerequisite ${p}`, a.id);
  }
  const sorted = [...template.activities].sort((x, y) => (phaseRank.get(x.phaseId) ?? 0) - (phaseRank.get(y.phaseId) ?? 0));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: Activity[] = [];
  const visit = (a: Activity): void => {
    if (done.has(a.id)) return;
    if (visiting.has(a.id)) throw templateError(`prerequisites form a cycle through ${a.id}`, a.id);
    visiting.add(a.id);
    for (const p of a.prerequisites) visit(byId.get(p) as Activity);
    visiting.delete(a.id);
    done.add(a.id);
    out.push(a);
  };
  for (const a of sorted) visit(a);
  return out;
}

/** The working days of the parcours from the start date, in the cohort's calendar zone. */
export function workingDaysFrom(cohort: Cohort, count: number): number[] {
  const closed = new Set(cohort.closedDays.map(isoToDay));
  const days: number[] = [];
  for (let d = isoToDay(cohort.startDate); days.length < count; d++) {
    if (isWorkingDayNumber(d, cohort.calendarZone) && !closed.has(d)) days.push(d);
  }
  return days;
}

export function buildContext(template: ParcoursTemplate, cohort: Cohort, options: PlanCohortOptions, occupancy?: Occupancy): Context {
  const activities = topologicalOrder(template);
  const timeZone = cohort.timeZone ?? ZONE_TIME_ZONES[cohort.calendarZone];
  const days = workingDaysFrom(cohort, template.workingDays);
  const slotMinutes = options.slotMinutes;
  const opens = timeToMinutes(cohort.openingHours.opens);
  const closes = timeToMinutes(cohort.openingHours.closes);
  if (closes <= opens) {
    throw new DeclicsError({
      code: "invalid_option",
      module: "curriculum",
      message: `Opening hours must close after they open: expected closes > opens, received ${cohort.openingHours.opens}-${cohort.openingHours.closes}`,
      details: { option: "cohort.openingHours", expected: "closes after opens", received: `${cohort.openingHours.opens}-${cohort.openingHours.closes}` },
    });
  }
  const slotsPerDay = Math.floor((closes - opens) / slotMinutes);
  const blocked = new Uint8Array(slotsPerDay);
  for (const b of cohort.openingHours.breaks) {
    const from = timeToMinutes(b.start);
    const to = timeToMinutes(b.end);
    for (let s = 0; s < slotsPerDay; s++) {
      const s0 = opens + s * slotMinutes;
      if (s0 < to && from < s0 + slotMinutes) blocked[s] = 1;
    }
  }
  let longestBlock = 0;
  for (let s = 0, run = 0; s < slotsPerDay; s++) {
    run = blocked[s] === 1 ? 0 : run + 1;
    longestBlock = Math.max(longestBlock, run);
  }
  const activityIndex = new Map(activities.map((a, i) => [a.id as string, i]));
  const phaseById = new Map(template.phases.map((p) => [p.id as string, p]));
  const lengths = activities.map((a) => {
    const length = Math.ceil(a.durationMinutes / slotMinutes);
    if (length > longestBlock) {
      throw templateError(`activity ${a.id} lasts ${a.durationMinutes} min, longer than the longest opening block (${longestBlock * slotMinutes} min)`, a.id);
    }
    return length;
  });
  const windows = activities.map((a): [number, number] => {
    const phase = phaseById.get(a.phaseId);
    return [(phase?.fromDay ?? 1) - 1, (phase?.toDay ?? template.workingDays) - 1];
  });
  const prereqs = activities.map((a) => a.prerequisites.map((p) => activityIndex.get(p) ?? -1));
  const participantIndex = new Map(cohort.participants.map((p, i) => [p.id as string, i]));
  const resourceIndex = new Map(cohort.resources.map((r, i) => [r.id as string, i]));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const D = days.length;
  const participantOff = new Uint8Array(cohort.participants.length * D);
  cohort.participants.forEach((p, i) => {
    for (const iso of p.unavailableDays) {
      const di = dayIndex.get(isoToDay(iso));
      if (di !== undefined) participantOff[i * D + di] = 1;
    }
  });
  const resourceOff = new Uint8Array(cohort.resources.length * D);
  cohort.resources.forEach((r, i) => {
    const allowed = r.availableDays === undefined ? undefined : new Set(r.availableDays.map(isoToDay));
    days.forEach((d, di) => {
      if (allowed !== undefined && !allowed.has(d)) resourceOff[i * D + di] = 1;
    });
    for (const iso of r.unavailableDays) {
      const di = dayIndex.get(isoToDay(iso));
      if (di !== undefined) resourceOff[i * D + di] = 1;
    }
  });
  const order = cohort.participants.map((_, i) => i);
  if (options.seed !== undefined) {
    const random = createSeededRandom(options.seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
  }
  return {
    template,
    cohort,
    options,
    timeZone,
    days,
    slotMinutes,
    opens,
    slotsPerDay,
    blocked,
    activities,
    activityIndex,
    prereqs,
    windows,
    lengths,
    participantIndex,
    resourceIndex,
    participantOff,
    resourceOff,
    order,
    occupancy: occupancy ?? createIndexedOccupancy(cohort.participants.length, cohort.resources.length, D * slotsPerDay),
    ends: new Int32Array(cohort.participants.length * activities.length).fill(-1),
    drafts: [],
    unmet: [],
    rotation: new Map(),
    counters: new Map(),
    utcCache: new Map(),
  };
}

/** Whether a session of `length` slots may start at `slot` (inside opening hours, no break). */
export function fitsDay(ctx: Context, slot: number, length: number): boolean {
  if (slot < 0 || slot + length > ctx.slotsPerDay) return false;
  for (let s = slot; s < slot + length; s++) if (ctx.blocked[s] === 1) return false;
  return true;
}

export function resourceQualifies(ctx: Context, r: number, kind: "room" | "facilitator" | "speaker", activity: Activity): boolean {
  const res = ctx.cohort.resources[r];
  if (res === undefined || res.kind !== kind) return false;
  return res.activityKinds === undefined || res.activityKinds.includes(activity.kind);
}

export function qualifiedResources(ctx: Context, kind: "room" | "facilitator" | "speaker", activity: Activity): number[] {
  const out: number[] = [];
  for (let r = 0; r < ctx.cohort.resources.length; r++) if (resourceQualifies(ctx, r, kind, activity)) out.push(r);
  if (kind === "room") out.sort((x, y) => (ctx.cohort.resources[x]?.capacity ?? 0) - (ctx.cohort.resources[y]?.capacity ?? 0) || x - y);
  return out;
}

export function resourceUsable(ctx: Context, r: number, day: number, from: number, to: number): boolean {
  return ctx.resourceOff[r * ctx.days.length + day] !== 1 && ctx.occupancy.resourceFree(r, from, to);
}

/** Picks `count` free resources from `pool`, rotating the starting point so load spreads. */
export function pickPeople(ctx: Context, key: string, pool: number[], count: number, day: number, from: number, to: number): number[] | undefined {
  if (count === 0) return [];
  const start = ctx.rotation.get(key) ?? 0;
  const picked: number[] = [];
  for (let k = 0; k < pool.length && picked.length < count; k++) {
    const r = pool[(start + k) % pool.length] as number;
    if (resourceUsable(ctx, r, day, from, to)) picked.push(r);
  }
  if (picked.length < count) return undefined;
  const last = pool.indexOf(picked[picked.length - 1] as number);
  ctx.rotation.set(key, (last + 1) % pool.length);
  return picked;
}

/** The smallest free room seating `target`, else the largest free room seating at least `min`. */
export function pickRoom(ctx: Context, rooms: number[], target: number, min: number, day: number, from: number, to: number): number | undefined {
  let firstFit = rooms.length;
  for (let i = 0; i < rooms.length; i++) {
    if ((ctx.cohort.resources[rooms[i] as number]?.capacity ?? 0) >= target) {
      firstFit = i;
      break;
    }
  }
  for (let i = firstFit; i < rooms.length; i++) {
    const r = rooms[i] as number;
    if (resourceUsable(ctx, r, day, from, to)) return r;
  }
  for (let i = firstFit - 1; i >= 0; i--) {
    const r = rooms[i] as number;
    if ((ctx.cohort.resources[r]?.capacity ?? 0) < min) return undefined;
    if (resourceUsable(ctx, r, day, from, to)) return r;
  }
  return undefined;
}

/** Whether participant p can attend activity a at [from, to) on working day `day`. */
export function participantCan(ctx: Context, p: number, a: number, day: number, from: number, to: number): boolean {
  if (ctx.participantOff[p * ctx.days.length + day] === 1) return false;
  const A = ctx.activities.length;
  for (const q of ctx.prereqs[a] as number[]) {
    const end = ctx.ends[p * A + q] as number;
    if (end < 0 || end > from) return false;
  }
  // Dependants already placed (re-planning) must still come after this session.
  if (ctx.dependants !== undefined) {
    for (const q of ctx.dependants[a] as number[]) {
      const start = ctx.starts?.[p * A + q] ?? -1;
      if (start >= 0 && start < to) return false;
    }
  }
  return ctx.occupancy.participantFree(p, from, to);
}

export function book(ctx: Context, draft: Draft): void {
  const from = draft.day * ctx.slotsPerDay + draft.slot;
  const to = from + draft.length;
  const A = ctx.activities.length;
  for (const p of draft.participants) {
    ctx.occupancy.occupyParticipant(p, from, to);
    ctx.ends[p * A + draft.activity] = to;
    if (ctx.starts !== undefined) ctx.starts[p * A + draft.activity] = from;
  }
  if (draft.room >= 0) ctx.occupancy.occupyResource(draft.room, from, to);
  for (const r of draft.facilitators) ctx.occupancy.occupyResource(r, from, to);
  for (const r of draft.speakers) ctx.occupancy.occupyResource(r, from, to);
}

export function unbook(ctx: Context, draft: Draft): void {
  const from = draft.day * ctx.slotsPerDay + draft.slot;
  const to = from + draft.length;
  const A = ctx.activities.length;
  for (const p of draft.participants) {
    ctx.occupancy.releaseParticipant(p, from, to);
    ctx.ends[p * A + draft.activity] = -1;
    if (ctx.starts !== undefined) ctx.starts[p * A + draft.activity] = -1;
  }
  if (draft.room >= 0) ctx.occupancy.releaseResource(draft.room, from, to);
  for (const r of draft.facilitators) ctx.occupancy.releaseResource(r, from, to);
  for (const r of draft.speakers) ctx.occupancy.releaseResource(r, from, to);
}

export function balanceKey(ctx: Context, p: number): string {
  const person = ctx.cohort.participants[p];
  if (person === undefined || ctx.options.balanceOn.length === 0) return "";
  return ctx.options.balanceOn.map((k) => person[k] ?? "?").join("|");
}

/** Creates a scheduled session for a group with its resources, adds it to the plan and books everyone in it. */
export function openSession(
  ctx: Context,
  a: number,
  day: number,
  slot: number,
  length: number,
  modality: SessionModality,
  res: { readonly room: number; readonly facilitators: number[]; readonly speakers: number[] },
  group: number[],
): Draft {
  const draft: Draft = {
    id: nextSessionId(ctx, a),
    activity: a,
    day,
    slot,
    length,
    modality,
    room: res.room,
    facilitators: res.facilitators,
    speakers: res.speakers,
    participants: group,
    status: "scheduled",
    sequence: 0,
  };
  ctx.drafts.push(draft);
  book(ctx, draft);
  return draft;
}

export function nextSessionId(ctx: Context, a: number): string {
  const activityId = ctx.activities[a]?.id as string;
  let n = ctx.counters.get(a);
  if (n === undefined) {
    // First id for this activity in this context: continue after any session already there (re-planning).
    n = 0;
    for (const d of ctx.drafts) {
      if (d.activity !== a) continue;
      const m = /-(\d+)$/.exec(d.id);
      if (m !== null) n = Math.max(n, Number(m[1]));
    }
  }
  ctx.counters.set(a, n + 1);
  return `${activityId}-${String(n + 1).padStart(3, "0")}`;
}

export function addUnmet(
  ctx: Context,
  reason: UnmetReason,
  activity: number | undefined,
  participants: number[],
  message: string,
  extra: { sessionId?: string; resources?: number[] } = {},
): void {
  const entry: UnmetConstraint = {
    reason,
    participantIds: participants.map((p) => ctx.cohort.participants[p]?.id as ParticipantId),
    resourceIds: (extra.resources ?? []).map((r) => ctx.cohort.resources[r]?.id as ResourceId),
    message,
  };
  if (activity !== undefined) entry.activityId = ctx.activities[activity]?.id as ActivityId;
  if (extra.sessionId !== undefined) entry.sessionId = extra.sessionId as SessionId;
  ctx.unmet.push(entry);
}

interface Needs {
  rooms: number[] | undefined; // undefined when no room is needed
  facilitators: number[];
  speakers: number[];
  maxSize: number;
}

export function needsOf(ctx: Context, a: number, modality: SessionModality): Needs | { missing: string } {
  const activity = ctx.activities[a] as Activity;
  const rooms = modality === "on_site" && activity.needs.room ? qualifiedResources(ctx, "room", activity) : undefined;
  const facilitators = qualifiedResources(ctx, "facilitator", activity);
  const speakers = qualifiedResources(ctx, "speaker", activity);
  if (rooms !== undefined && rooms.length === 0) return { missing: "no room" };
  if (facilitators.length < activity.needs.facilitators) return { missing: `${activity.needs.facilitators} facilitator(s), ${facilitators.length} qualified` };
  if (speakers.length < activity.needs.speakers) return { missing: `${activity.needs.speakers} speaker(s), ${speakers.length} qualified` };
  const biggest = rooms === undefined ? Infinity : (ctx.cohort.resources[rooms[rooms.length - 1] as number]?.capacity ?? 0);
  const maxSize = Math.min(activity.maxGroupSize, biggest);
  if (maxSize < activity.minGroupSize) return { missing: `a room seating ${activity.minGroupSize}` };
  return { rooms, facilitators, speakers, maxSize };
}

/** Tries to find resources for one session at [from, to). */
export function findResources(
  ctx: Context,
  a: number,
  needs: Needs,
  target: number,
  day: number,
  from: number,
  to: number,
): { room: number; facilitators: number[]; speakers: number[]; capacity: number } | undefined {
  const activity = ctx.activities[a] as Activity;
  let room = -1;
  let capacity = needs.maxSize;
  if (needs.rooms !== undefined) {
    const r = pickRoom(ctx, needs.rooms, target, activity.minGroupSize, day, from, to);
    if (r === undefined) return undefined;
    room = r;
    capacity = Math.min(capacity, ctx.cohort.resources[r]?.capacity ?? 0);
  }
  const facilitators = pickPeople(ctx, `f:${activity.kind}`, needs.facilitators, activity.needs.facilitators, day, from, to);
  if (facilitators === undefined) return undefined;
  // Reserve the facilitators while choosing speakers, in case one person is both.
  for (const r of facilitators) ctx.occupancy.occupyResource(r, from, to);
  const speakers = pickPeople(ctx, `s:${activity.kind}`, needs.speakers, activity.needs.speakers, day, from, to);
  for (const r of facilitators) ctx.occupancy.releaseResource(r, from, to);
  if (speakers === undefined) return undefined;
  return { room, facilitators, speakers, capacity };
}

/**
 * Schedules activity `a` for the given participants, greedily from the earliest slot of its window:
 * at each start time, as many parallel sessions as resources and eligible participants allow, each
 * group filled in balanced proportions of the `balanceOn` strata. Returns who could not be placed.
 */
export function scheduleActivity(ctx: Context, a: number, people: number[], modality: SessionModality): number[] {
  if (people.length === 0) return [];
  const activity = ctx.activities[a] as Activity;
  const needs = needsOf(ctx, a, modality);
  if ("missing" in needs) {
    addUnmet(ctx, "no_qualified_resource", a, people, `No ${modality} session of ${activity.id} can be staffed: needs ${needs.missing}.`);
    return [];
  }
  const [firstDay, lastDay] = ctx.windows[a] as [number, number];
  const length = ctx.lengths[a] as number;
  const D = ctx.days.length;
  const A = ctx.activities.length;
  // Buckets (strata) in first-seen order.
  const bucketOf = new Map<string, number>();
  const buckets: number[][] = [];
  for (const p of people) {
    const key = balanceKey(ctx, p);
    let b = bucketOf.get(key);
    if (b === undefined) {
      b = buckets.length;
      bucketOf.set(key, b);
      buckets.push([]);
    }
    buckets[b]?.push(p);
  }
  let remaining = people.length;
  const picked = new Uint8Array(ctx.cohort.participants.length);
  // Aim a little under capacity (about 10 % of seats kept free) so that people who could not join the
  // first groups (unavailable that day, prerequisites later) still find a seat instead of an under-sized group.
  const aim = needs.maxSize >= 5 ? needs.maxSize * 0.9 : needs.maxSize;
  const sessionCount = Math.ceil(remaining / aim);
  const target = Math.ceil(remaining / sessionCount);
  const own: Draft[] = [];

  for (let day = firstDay; day <= lastDay && remaining > 0; day++) {
    for (let slot = 0; slot + length <= ctx.slotsPerDay && remaining > 0; slot++) {
      if (!fitsDay(ctx, slot, length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const to = from + length;
      const cursors = buckets.map(() => 0);
      let pickedHere = false;
      for (;;) {
        if (remaining === 0) break;
        const res = findResources(ctx, a, needs, target, day, from, to);
        if (res === undefined) break;
        const size = Math.min(res.capacity, target);
        const group: number[] = [];
        const counts = buckets.map(() => 0);
        const shares = buckets.map((b) => b.length / remaining);
        const exhausted = buckets.map(() => false);
        while (group.length < size) {
          let best = -1;
          let bestDeficit = -Infinity;
          for (let b = 0; b < buckets.length; b++) {
            if (exhausted[b]) continue;
            const deficit = (shares[b] as number) * (group.length + 1) - (counts[b] as number);
            if (deficit > bestDeficit) {
              bestDeficit = deficit;
              best = b;
            }
          }
          if (best < 0) break;
          const bucket = buckets[best] as number[];
          let c = cursors[best] as number;
          let found = -1;
          while (c < bucket.length) {
            const p = bucket[c++] as number;
            if (picked[p] === 0 && participantCan(ctx, p, a, day, from, to)) {
              found = p;
              break;
            }
          }
          cursors[best] = c;
          if (found < 0) exhausted[best] = true;
          else {
            group.push(found);
            counts[best] = (counts[best] as number) + 1;
          }
        }
        if (group.length === 0 || group.length < Math.min(activity.minGroupSize, remaining)) break;
        if (group.length < activity.minGroupSize) break;
        for (const p of group) picked[p] = 1;
        remaining -= group.length;
        pickedHere = true;
        own.push(openSession(ctx, a, day, slot, length, modality, res, group));
      }
      if (pickedHere) for (let b = 0; b < buckets.length; b++) buckets[b] = (buckets[b] as number[]).filter((p) => picked[p] === 0);
    }
  }
  // Leftovers: seat them in this activity's sessions that still have room, else report them.
  const left: number[] = [];
  for (const bucket of buckets) for (const p of bucket) if (picked[p] === 0) left.push(p);
  const unplaced: number[] = [];
  for (const p of left) {
    let seated = false;
    for (const d of own) {
      const cap = Math.min(activity.maxGroupSize, d.room >= 0 ? (ctx.cohort.resources[d.room]?.capacity ?? 0) : Infinity);
      if (d.participants.length >= cap) continue;
      const from = d.day * ctx.slotsPerDay + d.slot;
      if (!participantCan(ctx, p, a, d.day, from, from + d.length)) continue;
      d.participants.push(p);
      ctx.occupancy.occupyParticipant(p, from, from + d.length);
      ctx.ends[p * A + a] = from + d.length;
      if (ctx.starts !== undefined) ctx.starts[p * A + a] = from;
      seated = true;
      break;
    }
    if (!seated) unplaced.push(p);
  }
  if (unplaced.length > 0 && unplaced.length < activity.minGroupSize) {
    const still = gatherWithMoves(ctx, a, needs, own, unplaced, modality);
    unplaced.length = 0;
    unplaced.push(...still);
  }
  if (unplaced.length > 0) {
    const unavailable = unplaced.filter((p) => {
      for (let day = firstDay; day <= lastDay; day++) if (ctx.participantOff[p * D + day] !== 1) return false;
      return true;
    });
    const rest = unplaced.filter((p) => !unavailable.includes(p));
    if (unavailable.length > 0) {
      addUnmet(ctx, "participant_unavailable", a, unavailable, `Unavailable on every day of ${activity.id}'s window (working days ${firstDay + 1}-${lastDay + 1}).`);
    }
    if (rest.length > 0) {
      const reason: UnmetReason = rest.length < activity.minGroupSize ? "below_minimum_group_size" : "no_capacity_in_window";
      addUnmet(
        ctx,
        reason,
        a,
        rest,
        reason === "below_minimum_group_size"
          ? `${rest.length} participant(s) left for ${activity.id}, fewer than its minimum group of ${activity.minGroupSize}, and no session has a free seat at a time they can attend.`
          : `No slot in ${activity.id}'s window (working days ${firstDay + 1}-${lastDay + 1}) has both free resources and these participants free after their prerequisites.`,
      );
    }
  }
  return unplaced;
}

/** Plans every activity for every participant. */
export function planAll(ctx: Context): void {
  const A = ctx.activities.length;
  for (let a = 0; a < A; a++) {
    const activity = ctx.activities[a] as Activity;
    const eligible: number[] = [];
    const missingPrereq: number[] = [];
    for (const p of ctx.order) {
      let ok = true;
      for (const q of ctx.prereqs[a] as number[]) if ((ctx.ends[p * A + q] as number) < 0) ok = false;
      if (ok) eligible.push(p);
      else missingPrereq.push(p);
    }
    if (missingPrereq.length > 0) {
      addUnmet(ctx, "prerequisite_unscheduled", a, missingPrereq, `A prerequisite of ${activity.id} (${activity.prerequisites.join(", ")}) could not be scheduled for these participants.`);
    }
    const remoteOnly = eligible.filter((p) => ctx.cohort.participants[p]?.remoteOnly === true);
    const onSite = eligible.filter((p) => ctx.cohort.participants[p]?.remoteOnly !== true);
    switch (activity.modality) {
      case "remote":
        scheduleActivity(ctx, a, eligible, "remote");
        break;
      case "either":
        scheduleActivity(ctx, a, onSite, "on_site");
        scheduleActivity(ctx, a, remoteOnly, "remote");
        break;
      case "on_site":
        if (remoteOnly.length > 0) {
          addUnmet(ctx, "remote_only_on_site_activity", a, remoteOnly, `${activity.id} happens on site only and these participants can only attend remotely.`);
        }
        scheduleActivity(ctx, a, onSite, "on_site");
        break;
    }
  }
}

/** Turns drafts into public sessions, sorted by start, then activity order, then id. */
export function toSessions(ctx: Context, drafts: Draft[] = ctx.drafts): Session[] {
  const sorted = [...drafts].sort((x, y) => x.day - y.day || x.slot - y.slot || x.activity - y.activity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return sorted.map((d) => toSession(ctx, d));
}

/** UTC instant of a local time, memoised per day and minute (few distinct values, costly to compute). */
function utcIso(ctx: Context, dayNum: number, minutes: number): string {
  const key = dayNum * 1440 + minutes;
  let iso = ctx.utcCache.get(key);
  if (iso === undefined) {
    iso = new Date(localToUtcMs(dayNum, minutes, ctx.timeZone)).toISOString();
    ctx.utcCache.set(key, iso);
  }
  return iso;
}

export function toSession(ctx: Context, d: Draft): Session {
  const activity = ctx.activities[d.activity] as Activity;
  const dayNum = ctx.days[d.day] as number;
  const startMin = ctx.opens + d.slot * ctx.slotMinutes;
  const endMin = startMin + activity.durationMinutes;
  const resourceId = (r: number): ResourceId => ctx.cohort.resources[r]?.id as ResourceId;
  const session: Session = {
    id: d.id as SessionId,
    activityId: activity.id,
    phaseId: activity.phaseId,
    date: dayToIso(dayNum),
    start: minutesToTime(startMin),
    end: minutesToTime(endMin),
    startUtc: utcIso(ctx, dayNum, startMin),
    endUtc: utcIso(ctx, dayNum, endMin),
    modality: d.modality,
    facilitatorIds: d.facilitators.map(resourceId),
    speakerIds: d.speakers.map(resourceId),
    participantIds: [...d.participants].sort((x, y) => x - y).map((p) => ctx.cohort.participants[p]?.id as ParticipantId),
    status: d.status,
    sequence: d.sequence,
  };
  if (d.room >= 0) session.roomId = resourceId(d.room);
  return session;
}

export function toAssignments(sessions: Session[]): Assignment[] {
  const out: Assignment[] = [];
  for (const s of sessions) {
    if (s.status !== "scheduled") continue;
    for (const participantId of s.participantIds) out.push({ participantId, activityId: s.activityId, sessionId: s.id });
  }
  out.sort((x, y) => (x.participantId < y.participantId ? -1 : x.participantId > y.participantId ? 1 : 0) || (x.sessionId < y.sessionId ? -1 : 1));
  return out;
}

/** Rebuilds drafts from a plan's sessions (for re-planning). Unknown ids are ignored by construction. */
export function fromSession(ctx: Context, s: Session): Draft {
  const a = ctx.activityIndex.get(s.activityId) ?? -1;
  const dayNum = isoToDay(s.date);
  const day = ctx.days.indexOf(dayNum);
  const slot = Math.round((timeToMinutes(s.start) - ctx.opens) / ctx.slotMinutes);
  return {
    id: s.id,
    activity: a,
    day,
    slot,
    length: ctx.lengths[a] ?? 1,
    modality: s.modality,
    room: s.roomId === undefined ? -1 : (ctx.resourceIndex.get(s.roomId) ?? -1),
    facilitators: s.facilitatorIds.map((r) => ctx.resourceIndex.get(r) ?? -1),
    speakers: s.speakerIds.map((r) => ctx.resourceIndex.get(r) ?? -1),
    participants: s.participantIds.map((p) => ctx.participantIndex.get(p) ?? -1),
    status: s.status,
    sequence: s.sequence,
  };
}

/**
 * Repair for a remainder too small to form a group: open one more session at a time the remainder can
 * attend, and complete it up to the minimum with people moved from this activity's fullest sessions
 * (which keep at least their minimum). Only used before dependants are placed, so moves are safe.
 */
function gatherWithMoves(ctx: Context, a: number, needs: Needs, own: Draft[], left: number[], modality: SessionModality): number[] {
  const activity = ctx.activities[a] as Activity;
  const [firstDay, lastDay] = ctx.windows[a] as [number, number];
  const length = ctx.lengths[a] as number;
  const A = ctx.activities.length;
  let pending = [...left];
  for (let day = firstDay; day <= lastDay && pending.length > 0; day++) {
    for (let slot = 0; slot + length <= ctx.slotsPerDay && pending.length > 0; slot++) {
      if (!fitsDay(ctx, slot, length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const to = from + length;
      const here = pending.filter((p) => participantCan(ctx, p, a, day, from, to));
      if (here.length === 0) continue;
      const need = activity.minGroupSize - here.length;
      const movable: Array<{ p: number; source: Draft }> = [];
      const taken = new Map<Draft, number>();
      for (const source of [...own].sort((x, y) => y.participants.length - x.participants.length)) {
        if (source.day === day && source.slot === slot) continue;
        for (const p of source.participants) {
          if (movable.length >= need) break;
          if ((taken.get(source) ?? 0) >= source.participants.length - activity.minGroupSize) break;
          const sFrom = source.day * ctx.slotsPerDay + source.slot;
          // Free the person's current seat for the check, then restore it.
          ctx.occupancy.releaseParticipant(p, sFrom, sFrom + source.length);
          const ok = participantCan(ctx, p, a, day, from, to);
          ctx.occupancy.occupyParticipant(p, sFrom, sFrom + source.length);
          if (ok) {
            movable.push({ p, source });
            taken.set(source, (taken.get(source) ?? 0) + 1);
          }
        }
        if (movable.length >= need) break;
      }
      if (movable.length < need) continue;
      const res = findResources(ctx, a, needs, activity.minGroupSize, day, from, to);
      if (res === undefined) continue;
      const group = here.slice(0, res.capacity);
      for (const { p, source } of movable) {
        const sFrom = source.day * ctx.slotsPerDay + source.slot;
        ctx.occupancy.releaseParticipant(p, sFrom, sFrom + source.length);
        source.participants = source.participants.filter((q) => q !== p);
        ctx.ends[p * A + a] = -1;
        group.push(p);
      }
      own.push(openSession(ctx, a, day, slot, length, modality, res, group));
      const placed = new Set(group);
      pending = pending.filter((p) => !placed.has(p));
    }
  }
  return pending;
}
