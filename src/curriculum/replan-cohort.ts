import { parseWith } from "../_lib/parse.js";
import { DeclicsError } from "../errors.js";
import { isoToDay, timeToMinutes } from "./_calendar.js";
import {
  addUnmet,
  book,
  buildContext,
  type Context,
  type Draft,
  findResources,
  fitsDay,
  fromSession,
  needsOf,
  participantCan,
  qualifiedResources,
  resourceUsable,
  scheduleActivity,
  toAssignments,
  toSessions,
  unbook,
} from "./_engine.js";
import { type Activity, type Cohort, CohortPlan, PlanChange, type PlanChangeInput, type SessionId } from "./schema.js";

function unknownSession(id: string): DeclicsError<"invalid_option"> {
  return new DeclicsError({
    code: "invalid_option",
    module: "curriculum",
    message: `Cannot re-plan: expected the id of a scheduled session of the plan, received ${JSON.stringify(id)}`,
    details: { option: "change.sessionId", expected: "the id of a scheduled session of the plan", received: id },
  });
}

/** Capacity of a session: activity maximum and room seats. */
function capacityOf(ctx: Context, d: Draft): number {
  const activity = ctx.activities[d.activity] as Activity;
  return Math.min(activity.maxGroupSize, d.room >= 0 ? (ctx.cohort.resources[d.room]?.capacity ?? 0) : Infinity);
}

function span(ctx: Context, d: Draft): [number, number] {
  const from = d.day * ctx.slotsPerDay + d.slot;
  return [from, from + d.length];
}

/** Seats p in an existing scheduled session of activity a (same modality), earliest first. */
function seatSomewhere(ctx: Context, p: number, a: number, modality: Draft["modality"], changed: Set<Draft>, exclude?: Draft): boolean {
  const A = ctx.activities.length;
  const candidates = ctx.drafts
    .filter((d) => d !== exclude && d.status === "scheduled" && d.activity === a && d.modality === modality)
    .sort((x, y) => x.day - y.day || x.slot - y.slot);
  for (const d of candidates) {
    if (d.participants.length >= capacityOf(ctx, d)) continue;
    const [from, to] = span(ctx, d);
    if (!participantCan(ctx, p, a, d.day, from, to)) continue;
    d.participants.push(p);
    ctx.occupancy.occupyParticipant(p, from, to);
    ctx.ends[p * A + a] = to;
    if (ctx.starts !== undefined) ctx.starts[p * A + a] = from;
    changed.add(d);
    return true;
  }
  return false;
}

/** Whether q depends on a, directly or not. */
function dependsOn(ctx: Context, q: number, a: number, memo = new Map<number, boolean>()): boolean {
  const known = memo.get(q);
  if (known !== undefined) return known;
  let result = false;
  for (const r of ctx.prereqs[q] as number[]) if (r === a || dependsOn(ctx, r, a, memo)) result = true;
  memo.set(q, result);
  return result;
}

/**
 * Re-seats people who lost their seat in activity a: in another session with room, else in new sessions;
 * whoever is still unplaced is also taken out of the activities that depend on a (and said so).
 */
function reseat(ctx: Context, people: number[], a: number, modality: Draft["modality"], changed: Set<Draft>, exclude?: Draft): void {
  const rest = people.filter((p) => !seatSomewhere(ctx, p, a, modality, changed, exclude));
  if (rest.length === 0) return;
  const before = ctx.drafts.length;
  const unplaced = scheduleActivity(ctx, a, rest, modality);
  for (const d of ctx.drafts.slice(before)) changed.add(d);
  if (unplaced.length === 0) return;
  const A = ctx.activities.length;
  const memo = new Map<number, boolean>();
  const lost = new Set(unplaced);
  for (const d of ctx.drafts) {
    if (d.status !== "scheduled" || !dependsOn(ctx, d.activity, a, memo)) continue;
    const removed = d.participants.filter((p) => lost.has(p));
    if (removed.length === 0) continue;
    const [from, to] = span(ctx, d);
    for (const p of removed) {
      ctx.occupancy.releaseParticipant(p, from, to);
      ctx.ends[p * A + d.activity] = -1;
      if (ctx.starts !== undefined) ctx.starts[p * A + d.activity] = -1;
    }
    d.participants = d.participants.filter((p) => !lost.has(p));
    changed.add(d);
    const activity = ctx.activities[d.activity] as Activity;
    addUnmet(ctx, "prerequisite_unscheduled", d.activity, removed, `Removed from ${d.id}: their ${ctx.activities[a]?.id} session could not be re-planned.`, { sessionId: d.id });
    if (d.participants.length < activity.minGroupSize) {
      addUnmet(ctx, "below_minimum_group_size", d.activity, [], `${d.id} now has ${d.participants.length} participant(s), fewer than the minimum of ${activity.minGroupSize}.`, {
        sessionId: d.id,
      });
    }
  }
}

/** Cancels a session and re-seats its participants. */
function cancel(ctx: Context, d: Draft, changed: Set<Draft>): void {
  unbook(ctx, d);
  d.status = "cancelled";
  changed.add(d);
  reseat(ctx, [...d.participants], d.activity, d.modality, changed, d);
}

/** A replacement for resource r in draft d at its time, or undefined. */
function replacement(ctx: Context, d: Draft, r: number): number | undefined {
  const activity = ctx.activities[d.activity] as Activity;
  const kind = ctx.cohort.resources[r]?.kind ?? "room";
  const [from, to] = span(ctx, d);
  const taken = new Set([d.room, ...d.facilitators, ...d.speakers]);
  for (const c of qualifiedResources(ctx, kind, activity)) {
    if (taken.has(c)) continue;
    if (kind === "room" && (ctx.cohort.resources[c]?.capacity ?? 0) < d.participants.length) continue;
    if (resourceUsable(ctx, c, d.day, from, to)) return c;
  }
  return undefined;
}

/** Tries to move d (already unbooked) to another slot of its window where all its people can come. */
function moveWhole(ctx: Context, d: Draft): boolean {
  const activity = ctx.activities[d.activity] as Activity;
  const needs = needsOf(ctx, d.activity, d.modality);
  if ("missing" in needs) return false;
  const [firstDay, lastDay] = ctx.windows[d.activity] as [number, number];
  for (let day = firstDay; day <= lastDay; day++) {
    for (let slot = 0; slot + d.length <= ctx.slotsPerDay; slot++) {
      if (!fitsDay(ctx, slot, d.length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const to = from + d.length;
      if (!d.participants.every((p) => participantCan(ctx, p, d.activity, day, from, to))) continue;
      const res = findResources(ctx, d.activity, needs, d.participants.length, day, from, to);
      if (res === undefined || res.capacity < d.participants.length || res.capacity < activity.minGroupSize) continue;
      d.day = day;
      d.slot = slot;
      d.room = res.room;
      d.facilitators = res.facilitators;
      d.speakers = res.speakers;
      return true;
    }
  }
  return false;
}

function applyMove(ctx: Context, d: Draft, date: string, start: string, changed: Set<Draft>): void {
  const activity = ctx.activities[d.activity] as Activity;
  const infeasible = (why: string): void => {
    addUnmet(ctx, "moved_session_infeasible", d.activity, [], `${d.id} cannot move to ${date} ${start}: ${why}. It stays where it was.`, { sessionId: d.id });
  };
  const day = ctx.days.indexOf(isoToDay(date));
  const offset = timeToMinutes(start) - ctx.opens;
  const slot = offset / ctx.slotMinutes;
  const [firstDay, lastDay] = ctx.windows[d.activity] as [number, number];
  if (day < 0) return infeasible("that day is not a working day of the parcours");
  if (day < firstDay || day > lastDay) return infeasible(`it is outside the phase window (working days ${firstDay + 1}-${lastDay + 1})`);
  if (!Number.isInteger(slot) || !fitsDay(ctx, slot, d.length)) return infeasible("it does not fit in opening hours, outside breaks, on the slot grid");
  unbook(ctx, d);
  const from = day * ctx.slotsPerDay + slot;
  const to = from + d.length;
  const stay = d.participants.filter((p) => participantCan(ctx, p, d.activity, day, from, to));
  if (stay.length < activity.minGroupSize) {
    book(ctx, d);
    return infeasible(`only ${stay.length} of its participants can attend then (minimum ${activity.minGroupSize})`);
  }
  const moved: Draft = { ...d, day, slot, participants: stay };
  const keepOrReplace = (r: number): number | undefined => (resourceUsable(ctx, r, day, from, to) ? r : replacement(ctx, moved, r));
  const room = d.room >= 0 ? keepOrReplace(d.room) : -1;
  const reserved: number[] = [];
  const pickAll = (list: number[]): number[] | undefined => {
    const out: number[] = [];
    for (const r of list) {
      const got = keepOrReplace(r);
      if (got === undefined) return undefined;
      ctx.occupancy.occupyResource(got, from, to); // so the next pick does not take the same person
      reserved.push(got);
      out.push(got);
    }
    return out;
  };
  const facilitators = pickAll(d.facilitators);
  const speakers = facilitators === undefined ? undefined : pickAll(d.speakers);
  for (const r of reserved) ctx.occupancy.releaseResource(r, from, to);
  if (room === undefined || facilitators === undefined || speakers === undefined) {
    book(ctx, d);
    return infeasible("no room, facilitator or speaker is free then");
  }
  const displaced = d.participants.filter((p) => !stay.includes(p));
  d.day = day;
  d.slot = slot;
  d.room = room;
  d.facilitators = facilitators;
  d.speakers = speakers;
  d.participants = stay;
  book(ctx, d);
  changed.add(d);
  if (displaced.length > 0) reseat(ctx, displaced, d.activity, d.modality, changed, d);
}

function applyLoss(ctx: Context, r: number, fromDate: string | undefined, changed: Set<Draft>): void {
  const fromDay = fromDate === undefined ? 0 : ctx.days.findIndex((d) => d >= isoToDay(fromDate));
  if (fromDay < 0) return;
  const D = ctx.days.length;
  for (let day = fromDay; day < D; day++) ctx.resourceOff[r * D + day] = 1;
  const hit = ctx.drafts
    .filter((d) => d.status === "scheduled" && d.day >= fromDay && (d.room === r || d.facilitators.includes(r) || d.speakers.includes(r)))
    .sort((x, y) => x.day - y.day || x.slot - y.slot);
  for (const d of hit) {
    const [from, to] = span(ctx, d);
    ctx.occupancy.releaseResource(r, from, to);
    const sub = replacement(ctx, d, r);
    if (sub !== undefined) {
      if (d.room === r) d.room = sub;
      d.facilitators = d.facilitators.map((x) => (x === r ? sub : x));
      d.speakers = d.speakers.map((x) => (x === r ? sub : x));
      ctx.occupancy.occupyResource(sub, from, to);
      changed.add(d);
      continue;
    }
    ctx.occupancy.occupyResource(r, from, to); // so unbook releases a balanced count
    unbook(ctx, d);
    if (moveWhole(ctx, d)) {
      book(ctx, d);
      changed.add(d);
      continue;
    }
    addUnmet(ctx, "resource_lost", d.activity, [], `${d.id} lost ${ctx.cohort.resources[r]?.id} and no replacement or other slot was free: cancelled, participants re-seated where possible.`, {
      sessionId: d.id,
      resources: [r],
    });
    book(ctx, d);
    cancel(ctx, d, changed);
  }
}

/**
 * Re-plans after a change, changing only what must change: moving a session keeps its people and
 * resources where they can follow (others are re-seated, substitutes found); losing a resource swaps in
 * a free qualified substitute, else moves the session to a slot where all its people can come, else
 * cancels it and re-seats its people; cancelling a session re-seats its people. Every other session is
 * left exactly as it was. Changed sessions get `sequence + 1` (for iCalendar), cancelled ones stay in the
 * plan with `status: "cancelled"`; what cannot be done is added to `unmet` (the plan is then unchanged
 * for that request).
 *
 * @param previousPlan - a plan from {@link planCohort} or an earlier re-plan
 * @param change - `move_session` (sessionId, date, start), `lose_resource` (resourceId, fromDate?) or
 *   `cancel_session` (sessionId)
 * @returns the new plan, `revision + 1`, with `changes` naming every session that changed
 * @throws {DeclicsError} `invalid_input` when the plan or change fails its schema; `invalid_option` when
 *   the change names a session or resource the plan does not have
 * @example
 * ```ts
 * import { planCohort, replanCohort, PARCOURS_EXPRESS } from "declics/curriculum";
 *
 * const plan = planCohort(PARCOURS_EXPRESS, {
 *   id: "demo", title: "Démo", startDate: "2020-09-28",
 *   participants: [{ id: "p1" }, { id: "p2" }, { id: "p3" }, { id: "p4" }, { id: "p5" }],
 *   resources: [
 *     { id: "room", kind: "room", name: "Salle 1", capacity: 30 },
 *     { id: "f1", kind: "facilitator", name: "Conseillère" },
 *     { id: "f2", kind: "facilitator", name: "Conseiller" },
 *     { id: "s1", kind: "speaker", name: "Intervenante" },
 *   ],
 * });
 * const next = replanCohort(plan, { kind: "lose_resource", resourceId: "f1", fromDate: "2020-10-05" });
 * next.revision;
 * // => 1
 * next.changes?.map((c) => c.sessionId); // f2 takes f1's interviews
 * // => ["next-step-interview-002", "next-step-interview-004"]
 * ```
 * @category Planning
 */
export function replanCohort(previousPlan: CohortPlan, change: PlanChangeInput): CohortPlan {
  const plan = parseWith(CohortPlan, previousPlan, { module: "curriculum", what: "previous plan" });
  const c = parseWith(PlanChange, change, { module: "curriculum", what: "plan change" });
  let cohort: Cohort = plan.cohort;
  if (c.kind === "lose_resource") {
    const res = cohort.resources.find((r) => r.id === c.resourceId);
    if (res === undefined) {
      throw new DeclicsError({
        code: "invalid_option",
        module: "curriculum",
        message: `Cannot re-plan: expected the id of a resource of the cohort, received ${JSON.stringify(c.resourceId)}`,
        details: { option: "change.resourceId", expected: "the id of a resource of the cohort", received: c.resourceId },
      });
    }
    const lostDays = plan.days.filter((d) => c.fromDate === undefined || d >= c.fromDate);
    cohort = {
      ...cohort,
      resources: cohort.resources.map((r) => (r.id === c.resourceId ? { ...r, unavailableDays: [...new Set([...r.unavailableDays, ...lostDays])].sort() } : r)),
    };
  }
  const ctx = buildContext(plan.template, cohort, plan.options);
  const A = ctx.activities.length;
  ctx.starts = new Int32Array(cohort.participants.length * A).fill(-1);
  ctx.dependants = ctx.activities.map((_, a) => ctx.prereqs.flatMap((list, q) => (list.includes(a) ? [q] : [])));
  for (const s of plan.sessions) {
    const d = fromSession(ctx, s);
    ctx.drafts.push(d);
    if (d.status === "scheduled") book(ctx, d);
  }
  ctx.unmet.push(...plan.unmet);
  const changed = new Set<Draft>();
  const before = new Set(ctx.drafts);
  if (c.kind === "lose_resource") {
    applyLoss(ctx, ctx.resourceIndex.get(c.resourceId) as number, c.fromDate, changed);
  } else {
    const d = ctx.drafts.find((x) => x.id === c.sessionId && x.status === "scheduled");
    if (d === undefined) throw unknownSession(c.sessionId);
    if (c.kind === "move_session") applyMove(ctx, d, c.date, c.start, changed);
    else cancel(ctx, d, changed);
  }
  const changes: Array<{ sessionId: SessionId; kind: "changed" | "cancelled" | "created" }> = [];
  for (const d of changed) {
    if (before.has(d)) d.sequence += 1;
    changes.push({ sessionId: d.id as SessionId, kind: !before.has(d) ? "created" : d.status === "cancelled" ? "cancelled" : "changed" });
  }
  changes.sort((x, y) => (x.sessionId < y.sessionId ? -1 : 1));
  const sessions = toSessions(ctx);
  return {
    ...plan,
    cohort,
    revision: plan.revision + 1,
    sessions,
    assignments: toAssignments(sessions),
    unmet: ctx.unmet,
    changes,
  };
}
