import { addAdjustment, addUnmet } from "./_booking.js";
import type { Context } from "./_context.js";
import { reportUnplaced, scheduleActivity, seatIn } from "./_schedule-activity.js";
import type { Activity } from "./schema.js";

/** Planning every activity for every participant, remote-only people included. */

/**
 * Places remote-only people in an activity that has remote sessions: in remote groups of the usual
 * size when there are enough of them; otherwise (and for whoever is left) in a remote session with a
 * free seat, then by video in an on-site session (if its room is not described as lacking
 * videoconference), then in a remote session below the minimum. The last two are said in `adjustments`.
 */
export function placeRemoteOnly(ctx: Context, a: number, people: number[], report = true): number[] {
  if (people.length === 0) return [];
  const activity = ctx.activities[a] as Activity;
  let left =
    people.length >= activity.minGroupSize ? scheduleActivity(ctx, a, people, "remote", { report: false }) : people;
  const mine = ctx.drafts.filter((d) => d.activity === a && d.status === "scheduled");
  const remote = mine.filter((d) => d.modality === "remote");
  const onSite = activity.modality === "either" ? mine.filter((d) => d.modality === "on_site") : [];
  left = left.filter((p) => !seatIn(ctx, remote, p) && !seatIn(ctx, onSite, p, true));
  if (left.length === 0) return [];
  const before = ctx.drafts.length;
  const rest = scheduleActivity(ctx, a, left, "remote", { min: 1, report: false });
  for (const d of ctx.drafts.slice(before)) {
    if (d.participants.length >= activity.minGroupSize) continue;
    d.relaxed = true;
    addAdjustment(
      ctx,
      "minimum_relaxed",
      d,
      d.participants,
      `Only ${d.participants.length} remote-only participant(s) could take ${activity.id} remotely and no ` +
        `session could take them by video: the remote group runs below the minimum of ${activity.minGroupSize}.`,
    );
  }
  if (rest.length > 0 && report) reportUnplaced(ctx, a, rest, activity.minGroupSize);
  return rest;
}

/** Participants (in grouping order) whose prerequisites of activity a are all placed, and the others. */
export function eligibleFor(
  ctx: Context,
  a: number,
  people: readonly number[],
): { eligible: number[]; missing: number[] } {
  const A = ctx.activities.length;
  const eligible: number[] = [];
  const missing: number[] = [];
  for (const p of people) {
    let ok = true;
    for (const q of ctx.prereqs[a] as number[]) if ((ctx.ends[p * A + q] as number) < 0) ok = false;
    (ok ? eligible : missing).push(p);
  }
  return { eligible, missing };
}

/** Places `people` in activity a by its modality; returns who could not be placed (reported). */
export function placeActivity(ctx: Context, a: number, people: number[], report = true): number[] {
  const activity = ctx.activities[a] as Activity;
  const remoteOnly = people.filter((p) => ctx.cohort.participants[p]?.remoteOnly === true);
  const onSite = people.filter((p) => ctx.cohort.participants[p]?.remoteOnly !== true);
  switch (activity.modality) {
    case "remote":
      return scheduleActivity(ctx, a, people, "remote", { report });
    case "either":
      return [
        ...scheduleActivity(ctx, a, onSite, "on_site", { report }),
        ...placeRemoteOnly(ctx, a, remoteOnly, report),
      ];
    case "on_site":
      if (remoteOnly.length > 0 && report)
        addUnmet(
          ctx,
          "remote_only_on_site_activity",
          a,
          remoteOnly,
          `${activity.id} happens on site only and these participants can only attend remotely.`,
        );
      return [...remoteOnly, ...scheduleActivity(ctx, a, onSite, "on_site", { report })];
  }
}

/** Plans every activity for every participant (withdrawn people aside). */
export function planAll(ctx: Context): void {
  for (let a = 0; a < ctx.activities.length; a++) {
    const activity = ctx.activities[a] as Activity;
    const { eligible, missing } = eligibleFor(ctx, a, ctx.order);
    if (missing.length > 0) {
      addUnmet(
        ctx,
        "prerequisite_unscheduled",
        a,
        missing,
        `A prerequisite of ${activity.id} (${activity.prerequisites.join(", ")}) could not be scheduled for these participants.`,
      );
    }
    placeActivity(ctx, a, eligible);
  }
}
