import type { Context, Draft } from "./_context.js";
import { type Found, roomHas } from "./_resources.js";
import type {
  Activity,
  ActivityId,
  ParticipantId,
  PlanAdjustment,
  ResourceId,
  SessionId,
  SessionModality,
  UnmetConstraint,
  UnmetReason,
} from "./schema.js";

/** Booking people and resources into sessions, and what the plan says about them. */

/** Whether participant p can attend activity a at [from, to) on working day `day`. */
export function participantCan(ctx: Context, p: number, a: number, day: number, from: number, to: number): boolean {
  if (ctx.participantOff[p * ctx.days.length + day] === 1) return false;
  const A = ctx.activities.length;
  for (const q of ctx.prereqs[a] as number[]) {
    const end = ctx.ends[p * A + q] as number;
    if (end < 0 || end > from) return false;
  }
  // Dependants already placed (re-planning, search) must still come after this session.
  for (const q of ctx.dependants[a] as number[]) {
    const start = ctx.starts[p * A + q] as number;
    if (start >= 0 && start < to) return false;
  }
  if (
    ctx.capDaily &&
    (ctx.dailyMinutes[p * ctx.days.length + day] as number) + (ctx.activities[a]?.durationMinutes ?? 0) >
      ctx.options.maxDailyMinutes
  )
    return false;
  return ctx.occupancy.participantFree(p, from, to);
}

/** Whether participant p can sit in room r (the equipment they need, declared by the room). */
export function fitsRoom(ctx: Context, p: number, r: number): boolean {
  if (r < 0) return true;
  const needs = ctx.cohort.participants[p]?.requires ?? [];
  return needs.length === 0 || roomHas(ctx, r, needs, true);
}

/** Seats available in a session: activity maximum, and room seats for people on site. */
export function seatsLeft(ctx: Context, d: Draft): number {
  const activity = ctx.activities[d.activity] as Activity;
  const room =
    d.room >= 0 ? (ctx.cohort.resources[d.room]?.capacity ?? 0) - (d.participants.length - d.video.length) : Infinity;
  return Math.min(activity.maxGroupSize - d.participants.length, room);
}

export function span(ctx: Context, d: Draft): [number, number] {
  const from = d.day * ctx.slotsPerDay + d.slot;
  return [from, from + d.length];
}

/** Books participant p in draft d (time, prerequisite ends, daily minutes). */
export function seat(ctx: Context, d: Draft, p: number, video = false): void {
  const [from, to] = span(ctx, d);
  const A = ctx.activities.length;
  if (!d.participants.includes(p)) d.participants.push(p);
  if (video && !d.video.includes(p)) d.video.push(p);
  ctx.occupancy.occupyParticipant(p, from, to);
  ctx.ends[p * A + d.activity] = to;
  ctx.starts[p * A + d.activity] = from;
  const k = p * ctx.days.length + d.day;
  ctx.dailyMinutes[k] = (ctx.dailyMinutes[k] as number) + (ctx.activities[d.activity]?.durationMinutes ?? 0);
}

/** Takes participant p out of draft d. */
export function unseat(ctx: Context, d: Draft, p: number): void {
  const [from, to] = span(ctx, d);
  const A = ctx.activities.length;
  d.participants = d.participants.filter((q) => q !== p);
  d.video = d.video.filter((q) => q !== p);
  ctx.occupancy.releaseParticipant(p, from, to);
  ctx.ends[p * A + d.activity] = -1;
  ctx.starts[p * A + d.activity] = -1;
  const k = p * ctx.days.length + d.day;
  ctx.dailyMinutes[k] = Math.max(
    0,
    (ctx.dailyMinutes[k] as number) - (ctx.activities[d.activity]?.durationMinutes ?? 0),
  );
}

export function bookResources(ctx: Context, d: Draft, delta: 1 | -1): void {
  const [from, to] = span(ctx, d);
  for (const r of [d.room, ...d.facilitators, ...d.speakers]) {
    if (r < 0) continue;
    if (delta === 1) ctx.occupancy.occupyResource(r, from, to);
    else ctx.occupancy.releaseResource(r, from, to);
  }
}

/** Books everyone and everything of a draft. */
export function book(ctx: Context, d: Draft): void {
  const people = d.participants;
  d.participants = [];
  const video = new Set(d.video);
  d.video = [];
  for (const p of people) seat(ctx, d, p, video.has(p));
  bookResources(ctx, d, 1);
}

/** Releases everyone and everything of a draft (the draft keeps its lists). */
export function unbook(ctx: Context, d: Draft): void {
  const people = [...d.participants];
  const video = [...d.video];
  for (const p of people) unseat(ctx, d, p);
  d.participants = people;
  d.video = video;
  bookResources(ctx, d, -1);
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
  modality: SessionModality,
  res: Found,
  group: number[],
  video: number[] = [],
): Draft {
  const draft: Draft = {
    id: nextSessionId(ctx, a),
    activity: a,
    day,
    slot,
    length: ctx.lengths[a] as number,
    modality,
    room: res.room,
    facilitators: res.facilitators,
    speakers: res.speakers,
    participants: group,
    video,
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
  // Withdrawn people are planned for nothing: never listed as unmet.
  const people = participants.filter((p) => ctx.cohort.participants[p]?.withdrawnOn === undefined);
  if (participants.length > 0 && people.length === 0) return;
  participants = people;
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

export function addAdjustment(
  ctx: Context,
  kind: PlanAdjustment["kind"],
  d: Draft,
  participants: number[],
  message: string,
): void {
  ctx.adjustments.push({
    kind,
    activityId: ctx.activities[d.activity]?.id as ActivityId,
    sessionId: d.id as SessionId,
    participantIds: participants.map((p) => ctx.cohort.participants[p]?.id as ParticipantId),
    message,
  });
}
