import {
  addUnmet,
  balanceKey,
  fitsRoom,
  openSession,
  participantCan,
  seat,
  seatsLeft,
  span,
  unseat,
} from "./_booking.js";
import type { Context, Draft } from "./_context.js";
import { lacksRoomFor } from "./_explain.js";
import { findResources, fitsDay, type Found, type Needs, needsOf, roomHas } from "./_resources.js";
import type { Activity, Equipment, SessionModality, UnmetReason } from "./schema.js";

/** Greedy scheduling of one activity for a set of participants. */

export interface ScheduleOptions {
  /** Smallest group accepted (default: the activity's minimum). */
  readonly min?: number;
  /** Report who could not be placed in `unmet` (default true). */
  readonly report?: boolean;
}

interface Sweep {
  readonly a: number;
  readonly activity: Activity;
  readonly needs: Needs;
  readonly modality: SessionModality;
  readonly min: number;
  readonly target: number;
  readonly buckets: number[][];
  readonly picked: Uint8Array;
  readonly own: Draft[];
  remaining: number;
}

/** People by stratum of the `balanceOn` attributes, strata in first-seen order. */
function bucketsOf(ctx: Context, people: number[]): number[][] {
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
  return buckets;
}

/**
 * Days of the activity's window in the order to try: earliest first; or, under the balanced objective,
 * least loaded first, unless an activity that depends on this one shares its window (it then goes
 * early, to leave its dependants room in the same days).
 */
export function dayOrder(ctx: Context, a: number): number[] {
  const [firstDay, lastDay] = ctx.windows[a] as [number, number];
  const days: number[] = [];
  for (let d = firstDay; d <= lastDay && d < ctx.days.length; d++) days.push(d);
  if (ctx.options.load !== "balanced" || days.length < 2) return days;
  if ((ctx.dependants[a] as number[]).some((q) => (ctx.windows[q] as [number, number])[0] <= lastDay)) return days;
  const D = ctx.days.length;
  const load = new Float64Array(D);
  for (let p = 0; p < ctx.cohort.participants.length; p++)
    for (const d of days) load[d] = (load[d] as number) + (ctx.dailyMinutes[p * D + d] as number);
  // A day is "less loaded" by whole hours per person on average, so near-equal days keep time order.
  const people = Math.max(1, ctx.order.length);
  const bucket = (d: number): number => Math.floor((load[d] as number) / people / 60);
  return days.sort((x, y) => bucket(x) - bucket(y) || x - y);
}

/** Fills one group at [from, to) in balanced proportions of the strata. */
function fillGroup(
  ctx: Context,
  sw: Sweep,
  cursors: number[],
  res: Found,
  day: number,
  from: number,
  to: number,
): number[] {
  const size = Math.min(res.capacity, sw.target);
  const group: number[] = [];
  const counts = sw.buckets.map(() => 0);
  const shares = sw.buckets.map((b) => b.length / sw.remaining);
  const exhausted = sw.buckets.map(() => false);
  while (group.length < size) {
    let best = -1;
    let bestDeficit = -Infinity;
    for (let b = 0; b < sw.buckets.length; b++) {
      if (exhausted[b]) continue;
      const deficit = (shares[b] as number) * (group.length + 1) - (counts[b] as number);
      if (deficit > bestDeficit) {
        bestDeficit = deficit;
        best = b;
      }
    }
    if (best < 0) break;
    const bucket = sw.buckets[best] as number[];
    let c = cursors[best] as number;
    let found = -1;
    while (c < bucket.length) {
      const p = bucket[c++] as number;
      if (sw.picked[p] === 0 && fitsRoom(ctx, p, res.room) && participantCan(ctx, p, sw.a, day, from, to)) {
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
  return group;
}

/** Equipment still-unplaced people need, so that the room chosen has it when possible. */
function pendingNeeds(ctx: Context, sw: Sweep): Equipment[] {
  const out = new Set<Equipment>();
  for (const bucket of sw.buckets)
    for (const p of bucket)
      if (sw.picked[p] === 0) for (const e of ctx.cohort.participants[p]?.requires ?? []) out.add(e);
  return [...out];
}

/** At each start time of the given days, as many parallel sessions as resources and people allow. */
function sweep(ctx: Context, sw: Sweep, days: number[]): void {
  const length = ctx.lengths[sw.a] as number;
  let prefer = pendingNeeds(ctx, sw);
  for (const day of days) {
    for (let slot = 0; slot + length <= ctx.slotsPerDay && sw.remaining > 0; slot++) {
      if (!fitsDay(ctx, slot, length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const to = from + length;
      const cursors = sw.buckets.map(() => 0);
      let pickedHere = false;
      while (sw.remaining > 0) {
        const res = findResources(ctx, sw.a, sw.needs, sw.target, day, from, to, sw.min, prefer);
        if (res === undefined) break;
        const group = fillGroup(ctx, sw, cursors, res, day, from, to);
        // min is at least 1, so this also stops on an empty group.
        if (group.length < sw.min) break;
        for (const p of group) sw.picked[p] = 1;
        sw.remaining -= group.length;
        pickedHere = true;
        sw.own.push(openSession(ctx, sw.a, day, slot, sw.modality, res, group));
      }
      if (pickedHere) {
        for (let b = 0; b < sw.buckets.length; b++)
          sw.buckets[b] = (sw.buckets[b] as number[]).filter((p) => sw.picked[p] === 0);
        if (prefer.length > 0) prefer = pendingNeeds(ctx, sw);
      }
    }
    if (sw.remaining === 0) return;
  }
}

/** Seats p in one of `drafts` with a free seat at a time p can attend; returns whether it did. */
export function seatIn(ctx: Context, drafts: readonly Draft[], p: number, video = false): boolean {
  for (const d of drafts) {
    if (d.status !== "scheduled" || d.participants.includes(p)) continue;
    if (video ? (ctx.activities[d.activity]?.maxGroupSize ?? 0) <= d.participants.length : seatsLeft(ctx, d) <= 0)
      continue;
    if (video ? !roomHas(ctx, d.room, ["videoconference"], false) : !fitsRoom(ctx, p, d.room)) continue;
    const [from, to] = span(ctx, d);
    if (!participantCan(ctx, p, d.activity, d.day, from, to)) continue;
    seat(ctx, d, p, video);
    return true;
  }
  return false;
}

/**
 * Schedules activity `a` for the given participants: at each start time of its window (least-loaded
 * days first under the balanced objective, first with the daily limit, then without), as many parallel
 * sessions as resources and eligible participants allow, each group filled in balanced proportions of
 * the `balanceOn` strata. Returns who could not be placed (reported in `unmet` unless told not to).
 */
export function scheduleActivity(
  ctx: Context,
  a: number,
  people: number[],
  modality: SessionModality,
  opts: ScheduleOptions = {},
): number[] {
  if (people.length === 0) return [];
  const activity = ctx.activities[a] as Activity;
  const needs = needsOf(ctx, a, modality);
  if ("missing" in needs) {
    if (opts.report !== false)
      addUnmet(
        ctx,
        "no_qualified_resource",
        a,
        people,
        `No ${modality} session of ${activity.id} can be staffed: needs ${needs.missing}.`,
      );
    return opts.report === false ? people : [];
  }
  // Aim a little under capacity (about 10 % of seats kept free) so that people who could not join the
  // first groups (unavailable that day, prerequisites later) still find a seat instead of an under-sized group.
  const aim = needs.maxSize >= 5 ? needs.maxSize * 0.9 : needs.maxSize;
  const sessionCount = Math.ceil(people.length / aim);
  const min = opts.min ?? activity.minGroupSize;
  const sw: Sweep = {
    a,
    activity,
    needs,
    modality,
    min,
    target: Math.ceil(people.length / sessionCount),
    buckets: bucketsOf(ctx, people),
    picked: new Uint8Array(ctx.cohort.participants.length),
    own: [],
    remaining: people.length,
  };
  const days = dayOrder(ctx, a);
  if (ctx.options.load === "balanced") {
    ctx.capDaily = true;
    sweep(ctx, sw, days);
    ctx.capDaily = false;
  }
  if (sw.remaining > 0) sweep(ctx, sw, days);
  // Leftovers: seat them in this activity's sessions that still have room.
  const unplaced: number[] = [];
  for (const bucket of sw.buckets)
    for (const p of bucket) if (sw.picked[p] === 0 && !seatIn(ctx, sw.own, p)) unplaced.push(p);
  const still =
    unplaced.length > 0 && unplaced.length < min
      ? gatherWithMoves(ctx, a, needs, sw.own, unplaced, modality, min)
      : unplaced;
  if (still.length > 0 && opts.report !== false) reportUnplaced(ctx, a, still, min);
  return still;
}

/** Says why each of `unplaced` has no session of activity a. */
export function reportUnplaced(ctx: Context, a: number, unplaced: number[], min: number): void {
  const activity = ctx.activities[a] as Activity;
  const [firstDay, lastDay] = ctx.windows[a] as [number, number];
  const D = ctx.days.length;
  const unavailable = unplaced.filter((p) => {
    for (let day = firstDay; day <= lastDay; day++) if (ctx.participantOff[p * D + day] !== 1) return false;
    return true;
  });
  const modality = ctx.activities[a]?.modality === "remote" ? "remote" : "on_site";
  const noRoom = unplaced.filter(
    (p) =>
      !unavailable.includes(p) && ctx.cohort.participants[p]?.remoteOnly !== true && lacksRoomFor(ctx, p, a, modality),
  );
  const rest = unplaced.filter((p) => !unavailable.includes(p) && !noRoom.includes(p));
  if (noRoom.length > 0) {
    const needs = [...new Set(noRoom.flatMap((p) => ctx.cohort.participants[p]?.requires ?? []))].join(", ");
    addUnmet(
      ctx,
      "no_qualified_resource",
      a,
      noRoom,
      `No room ${activity.id} can use lists the equipment these participants require (${needs}); describe it in the rooms' "equipment".`,
    );
  }
  if (unavailable.length > 0) {
    addUnmet(
      ctx,
      "participant_unavailable",
      a,
      unavailable,
      `Unavailable on every day of ${activity.id}'s window (working days ${firstDay + 1}-${lastDay + 1}).`,
    );
  }
  if (rest.length === 0) return;
  const reason: UnmetReason = rest.length < min ? "below_minimum_group_size" : "no_capacity_in_window";
  const message =
    reason === "below_minimum_group_size"
      ? `${rest.length} participant(s) left for ${activity.id}, fewer than its minimum ` +
        `group of ${min}, and no session has a free seat at a time they can attend.`
      : `No slot in ${activity.id}'s window (working days ${firstDay + 1}-${lastDay + 1}) ` +
        `has both free resources and these participants free after their prerequisites.`;
  addUnmet(ctx, reason, a, rest, message);
}

/** People of `own` (fullest sessions first) who could move to [from, to), keeping each source at `min`. */
function movableTo(
  ctx: Context,
  a: number,
  own: Draft[],
  need: number,
  day: number,
  slot: number,
  min: number,
): Array<{ p: number; source: Draft }> {
  const from = day * ctx.slotsPerDay + slot;
  const to = from + (ctx.lengths[a] as number);
  const movable: Array<{ p: number; source: Draft }> = [];
  for (const source of [...own].sort((x, y) => y.participants.length - x.participants.length)) {
    if (source.day === day && source.slot === slot) continue;
    let taken = 0;
    for (const p of [...source.participants]) {
      if (movable.length >= need || taken >= source.participants.length - min) break;
      if (source.video.includes(p)) continue;
      unseat(ctx, source, p); // free the person's current seat for the check, then restore it
      const ok = participantCan(ctx, p, a, day, from, to);
      seat(ctx, source, p);
      if (ok) {
        movable.push({ p, source });
        taken++;
      }
    }
    if (movable.length >= need) break;
  }
  return movable;
}

/**
 * Repair for a remainder too small to form a group: open one more session at a time the remainder can
 * attend, and complete it up to the minimum with people moved from this activity's fullest sessions
 * (which keep at least their minimum). Moved people's dependants are checked by `participantCan`.
 */
function gatherWithMoves(
  ctx: Context,
  a: number,
  needs: Needs,
  own: Draft[],
  left: number[],
  modality: SessionModality,
  min: number,
): number[] {
  const length = ctx.lengths[a] as number;
  let pending = [...left];
  for (const day of dayOrder(ctx, a)) {
    for (let slot = 0; slot + length <= ctx.slotsPerDay && pending.length > 0; slot++) {
      if (!fitsDay(ctx, slot, length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const here = pending.filter((p) => participantCan(ctx, p, a, day, from, from + length));
      if (here.length === 0) continue;
      const movable = movableTo(ctx, a, own, min - here.length, day, slot, min);
      if (movable.length < min - here.length) continue;
      const res = findResources(ctx, a, needs, min, day, from, from + length, min);
      if (res === undefined || movable.some((m) => !fitsRoom(ctx, m.p, res.room))) continue;
      const group = here.filter((p) => fitsRoom(ctx, p, res.room)).slice(0, res.capacity);
      for (const { p, source } of movable) {
        unseat(ctx, source, p);
        group.push(p);
      }
      own.push(openSession(ctx, a, day, slot, modality, res, group));
      const placed = new Set(group);
      pending = pending.filter((p) => !placed.has(p));
    }
    if (pending.length === 0) break;
  }
  return pending;
}
