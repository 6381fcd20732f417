import { addUnmet, fitsRoom, participantCan, seat, span, unseat } from "./_booking.js";
import type { Context, Draft } from "./_context.js";
import { hopeless } from "./_explain.js";
export { stranded } from "./_explain.js";
import { eligibleFor, placeActivity } from "./_plan-all.js";
import { cancelDraft } from "./_replan-load.js";
import { seatIn } from "./_schedule-activity.js";
import type { Activity } from "./schema.js";

/** Re-placing people who lost a session, moving as few others as possible. */

/** Activities that depend on a, directly or not. */
function dependantsOf(ctx: Context, a: number): number[] {
  const out = new Set<number>();
  const stack = [...(ctx.dependants[a] as number[])];
  while (stack.length > 0) {
    const q = stack.pop() as number;
    if (out.has(q)) continue;
    out.add(q);
    stack.push(...(ctx.dependants[q] as number[]));
  }
  return [...out];
}

/** Drafts per activity (scheduled only). */
function draftsByActivity(ctx: Context): Draft[][] {
  const out: Draft[][] = ctx.activities.map(() => []);
  for (const d of ctx.drafts) if (d.status === "scheduled" && d.activity >= 0) out[d.activity]?.push(d);
  return out;
}

/** Takes p out of their sessions of every activity depending on a (re-placed when the loop reaches them). */
function releaseDependants(ctx: Context, byActivity: Draft[][], p: number, a: number): void {
  const A = ctx.activities.length;
  for (const q of dependantsOf(ctx, a)) {
    if ((ctx.starts[p * A + q] as number) < 0) continue;
    const d = byActivity[q]?.find((x) => x.participants.includes(p));
    if (d !== undefined) unseat(ctx, d, p);
  }
}

/** Takes people out of sessions that now come before one of their prerequisites (or without it). */
function releaseBroken(ctx: Context): void {
  const A = ctx.activities.length;
  const sorted = ctx.drafts.filter((d) => d.status === "scheduled").sort((x, y) => x.activity - y.activity);
  for (const d of sorted) {
    const start = d.day * ctx.slotsPerDay + d.slot;
    for (const p of [...d.participants]) {
      const broken = (ctx.prereqs[d.activity] as number[]).some((q) => {
        const end = ctx.ends[p * A + q] as number;
        return end < 0 || end > start;
      });
      if (broken) unseat(ctx, d, p);
    }
  }
}

/** Seats p in an existing session of a that suits them (remote-only: remote, else on site by video). */
function seatExisting(ctx: Context, drafts: readonly Draft[], a: number, p: number): boolean {
  const activity = ctx.activities[a] as Activity;
  const remoteOnly = ctx.cohort.participants[p]?.remoteOnly === true;
  const own = remoteOnly || activity.modality === "remote" ? "remote" : "on_site";
  if (
    seatIn(
      ctx,
      drafts.filter((d) => d.modality === own),
      p,
    )
  )
    return true;
  return (
    remoteOnly &&
    activity.modality === "either" &&
    seatIn(
      ctx,
      drafts.filter((d) => d.modality === "on_site"),
      p,
      true,
    )
  );
}

/**
 * Places everyone who has no session of an activity but could have one, in topological order: first in
 * sessions with a free seat, then in new sessions; for those still left, their later sessions (which
 * may block every time) are released and the two steps are tried again. Later activities then re-place
 * whoever was released. Who is still left is explained at the end (`explainUnplaced`).
 */
export function repair(ctx: Context, only?: ReadonlySet<number>): void {
  const A = ctx.activities.length;
  const budget = { ejections: EJECTION_BUDGET };
  releaseBroken(ctx);
  for (let a = 0; a < A; a++) {
    const waiting = ctx.order.filter(
      (p) =>
        (only === undefined || only.has(p)) &&
        (ctx.ends[p * A + a] as number) < 0 &&
        ctx.cohort.participants[p]?.withdrawnOn === undefined,
    );
    let rest = eligibleFor(ctx, a, waiting).eligible;
    if (rest.length === 0) continue;
    let byActivity = draftsByActivity(ctx);
    rest = rest.filter((p) => !seatExisting(ctx, byActivity[a] as Draft[], a, p));
    if (rest.length > 0) rest = placeActivity(ctx, a, rest, false);
    if (rest.length === 0) continue;
    byActivity = draftsByActivity(ctx);
    for (const p of rest) releaseDependants(ctx, byActivity, p, a);
    rest = rest.filter((p) => !seatExisting(ctx, byActivity[a] as Draft[], a, p));
    if (rest.length > 0) rest = placeActivity(ctx, a, rest, false);
    for (const p of rest) if (budget.ejections > 0 && hopeless(ctx, p)[a] !== true) eject(ctx, a, p, budget);
  }
}

/** Exchanges tried per repair, in all (each may plan one person's session anew). */
const EJECTION_BUDGET = 200;

/**
 * One exchange: p takes the seat of someone q in a session of a that p can attend, and q goes to
 * another session of a (a free seat or a new session). Undone when q cannot be placed.
 */
function eject(ctx: Context, a: number, p: number, budget: { ejections: number }): boolean {
  const activity = ctx.activities[a] as Activity;
  const modality =
    ctx.cohort.participants[p]?.remoteOnly === true || activity.modality === "remote" ? "remote" : "on_site";
  const drafts = draftsByActivity(ctx)[a] as Draft[];
  for (const d of drafts) {
    if (d.modality !== modality || !fitsRoom(ctx, p, d.room)) continue;
    const [from, to] = span(ctx, d);
    if (!participantCan(ctx, p, a, d.day, from, to)) continue;
    for (const q of d.participants.filter((x) => !d.video.includes(x))) {
      if (budget.ejections-- <= 0) return false;
      unseat(ctx, d, q);
      seat(ctx, d, p);
      const others = drafts.filter((x) => x !== d);
      if (seatExisting(ctx, others, a, q) || placeActivity(ctx, a, [q], false).length === 0) return true;
      unseat(ctx, d, p);
      seat(ctx, d, q);
    }
  }
  return false;
}

/**
 * Deeper repair for people the first one left without some session: take them out of all their
 * sessions and place them again, activity by activity (seats first, then new sessions). Only they move.
 */
export function replaceWhole(ctx: Context, people: ReadonlySet<number>): void {
  for (const d of ctx.drafts) {
    if (d.status !== "scheduled") continue;
    for (const p of [...d.participants]) if (people.has(p)) unseat(ctx, d, p);
  }
  repair(ctx, people);
}

/**
 * Sessions a re-plan emptied are cancelled; a session left below its minimum has its people moved to
 * other sessions of the activity when they all fit (then it is cancelled), else it stays and is said.
 */
export function tidy(ctx: Context, relaxed: ReadonlySet<string>): void {
  const byActivity = draftsByActivity(ctx);
  for (const d of ctx.drafts) {
    if (d.status !== "scheduled") continue;
    if (d.participants.length === 0) {
      cancelDraft(ctx, d);
      continue;
    }
    const activity = ctx.activities[d.activity] as Activity;
    if (d.participants.length >= activity.minGroupSize || relaxed.has(d.id) || d.relaxed === true) continue;
    const others = (byActivity[d.activity] as Draft[]).filter(
      (x) => x !== d && x.status === "scheduled" && x.modality === d.modality,
    );
    const people = [...d.participants];
    const video = new Set(d.video);
    for (const p of people) unseat(ctx, d, p);
    const placed: Array<[number, Draft]> = [];
    for (const p of people) {
      if (!seatIn(ctx, others, p, video.has(p))) break;
      placed.push([p, others.find((x) => x.participants.includes(p)) as Draft]);
    }
    if (placed.length === people.length) {
      cancelDraft(ctx, d);
      continue;
    }
    for (const [p, x] of placed) unseat(ctx, x, p);
    for (const p of people) seat(ctx, d, p, video.has(p));
    addUnmet(
      ctx,
      "below_minimum_group_size",
      d.activity,
      [],
      `${d.id} now has ${people.length} participant(s), fewer than the minimum of ${activity.minGroupSize}, and they cannot all join other sessions.`,
      { sessionId: d.id },
    );
  }
}
