import { addUnmet, book, bookResources, fitsRoom, participantCan, seat, span, unbook } from "./_booking.js";
import { isoToDay, timeToMinutes } from "./_calendar.js";
import type { Context, Draft } from "./_context.js";
import { findResources, fitsDay, needsOf, qualifiedResources, resourceUsable } from "./_resources.js";
import type { Activity, CohortPlan, Session } from "./schema.js";

/** Loading a previous plan's sessions into a context built from the (changed) cohort. */

/** A draft of a previous session; day -1 when its date is no longer a working day of the parcours. */
function draftOf(ctx: Context, s: Session): Draft {
  const a = ctx.activityIndex.get(s.activityId) as number;
  const slot = (timeToMinutes(s.start) - ctx.opens) / ctx.slotMinutes;
  const index = (id: string): number => ctx.participantIndex.get(id) as number;
  const d: Draft = {
    id: s.id,
    activity: a,
    day: ctx.days.indexOf(isoToDay(s.date)),
    slot: Number.isInteger(slot) ? slot : -1,
    length: ctx.lengths[a] as number,
    modality: s.modality,
    room: s.roomId === undefined ? -1 : (ctx.resourceIndex.get(s.roomId) as number),
    facilitators: s.facilitatorIds.map((r) => ctx.resourceIndex.get(r) as number),
    speakers: s.speakerIds.map((r) => ctx.resourceIndex.get(r) as number),
    participants: s.participantIds.map(index),
    video: (s.videoParticipantIds ?? []).map(index),
    status: s.status,
    sequence: s.sequence,
  };
  if (s.removedParticipantIds !== undefined) d.removedParticipants = [...s.removedParticipantIds];
  if (s.removedResourceIds !== undefined) d.removedResources = [...s.removedResourceIds];
  return d;
}

/** Whether the draft's day and time are still valid (a working day of its window, on the grid, open). */
function timeValid(ctx: Context, d: Draft): boolean {
  const [first, last] = ctx.windows[d.activity] as [number, number];
  return d.day >= first && d.day <= last && fitsDay(ctx, d.slot, d.length);
}

/** A free qualified substitute for resource r of draft d at its time, or undefined. */
export function replacement(ctx: Context, d: Draft, r: number): number | undefined {
  const activity = ctx.activities[d.activity] as Activity;
  const kind = ctx.cohort.resources[r]?.kind ?? "room";
  const [from, to] = span(ctx, d);
  const taken = new Set([d.room, ...d.facilitators, ...d.speakers]);
  for (const c of qualifiedResources(ctx, kind, activity)) {
    if (taken.has(c)) continue;
    if (kind === "room" && (ctx.cohort.resources[c]?.capacity ?? 0) < d.participants.length - d.video.length) continue;
    if (kind === "room" && !d.participants.every((p) => d.video.includes(p) || fitsRoom(ctx, p, c))) continue;
    if (resourceUsable(ctx, c, d.day, from, to)) return c;
  }
  return undefined;
}

/** Keeps or replaces each resource of d at its time; false when one cannot be kept nor replaced. */
function secureResources(ctx: Context, d: Draft): boolean {
  const [from, to] = span(ctx, d);
  const reserved: number[] = [];
  const keep = (r: number): number | undefined => {
    const got = resourceUsable(ctx, r, d.day, from, to) ? r : replacement(ctx, d, r);
    if (got !== undefined) {
      ctx.occupancy.occupyResource(got, from, to);
      reserved.push(got);
    }
    return got;
  };
  const room = d.room >= 0 ? keep(d.room) : -1;
  const facilitators = d.facilitators.map(keep);
  const speakers = d.speakers.map(keep);
  for (const r of reserved) ctx.occupancy.releaseResource(r, from, to);
  if (room === undefined || facilitators.includes(undefined) || speakers.includes(undefined)) return false;
  d.room = room;
  d.facilitators = facilitators as number[];
  d.speakers = speakers as number[];
  return true;
}

/** Tries to move d (not booked) to another slot of its window where all its people can come. */
export function moveWhole(ctx: Context, d: Draft): boolean {
  const activity = ctx.activities[d.activity] as Activity;
  const needs = needsOf(ctx, d.activity, d.modality);
  if ("missing" in needs || d.participants.length === 0) return false;
  const [firstDay, lastDay] = ctx.windows[d.activity] as [number, number];
  for (let day = firstDay; day <= lastDay; day++) {
    for (let slot = 0; slot + d.length <= ctx.slotsPerDay; slot++) {
      if (!fitsDay(ctx, slot, d.length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      const to = from + d.length;
      if (!d.participants.every((p) => participantCan(ctx, p, d.activity, day, from, to))) continue;
      const seated = d.participants.length - d.video.length;
      const requires = [...new Set(d.participants.flatMap((p) => ctx.cohort.participants[p]?.requires ?? []))];
      const res = findResources(ctx, d.activity, needs, seated, day, from, to, Math.max(seated, 1), requires);
      if (
        res === undefined ||
        res.capacity < seated ||
        res.capacity < Math.min(activity.minGroupSize, d.participants.length)
      )
        continue;
      if (!d.participants.every((p) => d.video.includes(p) || fitsRoom(ctx, p, res.room))) continue;
      Object.assign(d, { day, slot, room: res.room, facilitators: res.facilitators, speakers: res.speakers });
      return true;
    }
  }
  return false;
}

/** Cancels a booked draft and takes everyone out of it. */
export function cancelDraft(ctx: Context, d: Draft): void {
  if (d.status === "scheduled") unbook(ctx, d);
  d.status = "cancelled";
}

/** Whether every resource of d is free and available at its time. */
function keepsResources(ctx: Context, d: Draft): boolean {
  const [from, to] = span(ctx, d);
  return [d.room, ...d.facilitators, ...d.speakers].every((r) => r < 0 || resourceUsable(ctx, r, d.day, from, to));
}

/** Books d with those of its people who can still come (not unavailable or withdrawn that day, free). */
function settle(ctx: Context, d: Draft): void {
  const people = d.participants;
  const video = new Set(d.video);
  d.participants = [];
  d.video = [];
  const [from, to] = span(ctx, d);
  for (const p of people) {
    if (ctx.participantOff[p * ctx.days.length + d.day] !== 1 && ctx.occupancy.participantFree(p, from, to))
      seat(ctx, d, p, video.has(p));
  }
  bookResources(ctx, d, 1);
}

/**
 * Loads the previous plan: sessions that still fit keep their time, people and resources (a lost
 * resource is replaced when a qualified one is free); people who can no longer come (withdrawn,
 * unavailable) leave their session; sessions whose day or time no longer exists, or that lost a
 * resource nobody can replace, move whole when a slot suits all their people, else are cancelled.
 */
export function loadPlan(ctx: Context, plan: CohortPlan): void {
  const homeless: Draft[] = [];
  const pending: Draft[] = [];
  const sorted = [...plan.sessions].sort((x, y) => (x.startUtc < y.startUtc ? -1 : x.startUtc > y.startUtc ? 1 : 0));
  // Sessions keeping all their resources first, so that substitutes only take what nobody holds.
  for (const s of sorted) {
    const d = draftOf(ctx, s);
    ctx.drafts.push(d);
    if (d.status !== "scheduled") continue;
    if (!timeValid(ctx, d)) homeless.push(d);
    else if (!keepsResources(ctx, d)) pending.push(d);
    else settle(ctx, d);
  }
  for (const d of pending) {
    if (secureResources(ctx, d)) settle(ctx, d);
    else homeless.push(d);
  }
  for (const d of homeless) {
    const date = plan.sessions.find((s) => s.id === d.id)?.date ?? "";
    d.participants = d.participants.filter((p) => (ctx.cohort.participants[p]?.withdrawnOn ?? "9999-12-31") > date);
    d.video = d.video.filter((p) => d.participants.includes(p));
    if (moveWhole(ctx, d)) book(ctx, d);
    else {
      addUnmet(
        ctx,
        "resource_lost",
        d.activity,
        [],
        `${d.id} cannot keep its day, time or resources and no slot suits all its participants: cancelled, participants re-planned.`,
        { sessionId: d.id },
      );
      d.status = "cancelled";
    }
  }
}
