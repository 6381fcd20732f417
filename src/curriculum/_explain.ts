import { addUnmet, fitsRoom } from "./_booking.js";
import type { Context } from "./_context.js";
import { needsOf } from "./_resources.js";
import type { Activity, SessionModality, UnmetReason } from "./schema.js";

/** Why one person has no session of activity a (the most specific reason first). */
/** Whether no room the activity could use has the equipment person p requires (on-site sessions). */
export function lacksRoomFor(ctx: Context, p: number, a: number, modality: SessionModality): boolean {
  const needs = needsOf(ctx, a, modality);
  if ("missing" in needs || needs.rooms === undefined) return false;
  return !needs.rooms.some((r) => fitsRoom(ctx, p, r));
}

export function reasonFor(ctx: Context, p: number, a: number): UnmetReason {
  const activity = ctx.activities[a] as Activity;
  const A = ctx.activities.length;
  const D = ctx.days.length;
  const remoteOnly = ctx.cohort.participants[p]?.remoteOnly === true;
  if (activity.modality === "on_site" && remoteOnly) return "remote_only_on_site_activity";
  if ((ctx.prereqs[a] as number[]).some((q) => (ctx.ends[p * A + q] as number) < 0)) return "prerequisite_unscheduled";
  const [first, last] = ctx.windows[a] as [number, number];
  let free = false;
  for (let d = first; d <= last; d++) if (ctx.participantOff[p * D + d] !== 1) free = true;
  if (!free) return "participant_unavailable";
  const modality: SessionModality = activity.modality === "remote" || remoteOnly ? "remote" : "on_site";
  if ("missing" in needsOf(ctx, a, modality) || lacksRoomFor(ctx, p, a, modality)) return "no_qualified_resource";
  return "no_capacity_in_window";
}

const STRUCTURAL = new Set<UnmetReason>([
  "remote_only_on_site_activity",
  "participant_unavailable",
  "no_qualified_resource",
]);

/** Per activity, whether p can never have it (structurally, or through a prerequisite they can never have). */
export function hopeless(ctx: Context, p: number): boolean[] {
  const out: boolean[] = [];
  ctx.activities.forEach((_, a) => {
    const viaPrereq = (ctx.prereqs[a] as number[]).some((q) => out[q] === true);
    out.push(viaPrereq || STRUCTURAL.has(reasonFor(ctx, p, a)));
  });
  return out;
}

const MESSAGES: Record<UnmetReason, (activity: Activity) => string> = {
  remote_only_on_site_activity: (a) => `${a.id} happens on site only and these participants can only attend remotely.`,
  prerequisite_unscheduled: (a) =>
    `A prerequisite of ${a.id} (${a.prerequisites.join(", ")}) could not be scheduled for these participants.`,
  participant_unavailable: (a) => `Unavailable on every day of ${a.id}'s window.`,
  no_qualified_resource: (a) =>
    `No session of ${a.id} can be staffed with the cohort's resources, or no room it can use has the equipment these participants require (their "requires").`,
  no_capacity_in_window: (a) =>
    `No slot in ${a.id}'s window has both free resources and these participants free after their prerequisites, in a group of at least ${a.minGroupSize}.`,
  below_minimum_group_size: (a) => `Fewer participants left for ${a.id} than its minimum group of ${a.minGroupSize}.`,
  moved_session_infeasible: (a) => `${a.id}: the session cannot move there.`,
  resource_lost: (a) => `${a.id}: a resource was lost.`,
};

/**
 * Adds an `unmet` entry for every (participant, activity) without a scheduled session that no entry
 * names yet, so that nobody is ever silently unplaced. Withdrawn people are not planned and not listed.
 */
export function explainUnplaced(ctx: Context): void {
  const A = ctx.activities.length;
  const said = new Set<string>();
  for (const u of ctx.unmet) for (const id of u.participantIds) said.add(`${id}|${u.activityId ?? ""}`);
  for (let a = 0; a < A; a++) {
    const activity = ctx.activities[a] as Activity;
    const groups = new Map<UnmetReason, number[]>();
    for (const p of ctx.order) {
      if ((ctx.ends[p * A + a] as number) >= 0 || ctx.cohort.participants[p]?.withdrawnOn !== undefined) continue;
      if (said.has(`${ctx.cohort.participants[p]?.id}|${activity.id}`)) continue;
      const reason = reasonFor(ctx, p, a);
      groups.set(reason, [...(groups.get(reason) ?? []), p]);
    }
    for (const [reason, people] of groups) addUnmet(ctx, reason, a, people, MESSAGES[reason](activity));
  }
}

/** People (not withdrawn) still without a session of some activity they could have. */
export function stranded(ctx: Context): Set<number> {
  const A = ctx.activities.length;
  const out = new Set<number>();
  for (const p of ctx.order) {
    if (ctx.cohort.participants[p]?.withdrawnOn !== undefined) continue;
    let never: boolean[] | undefined;
    for (let a = 0; a < A; a++) {
      if ((ctx.ends[p * A + a] as number) >= 0) continue;
      never ??= hopeless(ctx, p);
      if (never[a] !== true) out.add(p);
    }
  }
  return out;
}

/** Drops from `unmet` the people who have since been placed in the activity (entries left empty go). */
export function pruneUnmet(ctx: Context): void {
  const A = ctx.activities.length;
  ctx.unmet = ctx.unmet.flatMap((u) => {
    const a = u.activityId === undefined ? undefined : ctx.activityIndex.get(u.activityId);
    if (a === undefined || u.participantIds.length === 0) return [u];
    const still = u.participantIds.filter((id) => {
      const p = ctx.participantIndex.get(id);
      return p === undefined || (ctx.ends[p * A + a] as number) < 0;
    });
    return still.length === 0 ? [] : [{ ...u, participantIds: still }];
  });
}
