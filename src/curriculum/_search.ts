import {
  addAdjustment,
  fitsRoom,
  openSession,
  participantCan,
  seat,
  seatsLeft,
  span,
  unbook,
  unseat,
} from "./_booking.js";
import { buildContext, type Context, type Draft } from "./_context.js";
import { explainUnplaced } from "./_explain.js";
import { findResources, fitsDay, needsOf, roomHas } from "./_resources.js";
import type { Activity, Cohort, ParcoursTemplate, PlanSettings, SessionModality } from "./schema.js";

/**
 * Exact search for small cohorts: a depth-first search over every participant's session of every
 * activity (join a session with a free seat, or open one at any start time of the window), with the
 * minimum group size checked as soon as an activity is complete. It is complete over times and groups
 * (resources are chosen as the greedy planner does), so on a small cohort it finds a schedule that
 * places every placeable person whenever one exists, within its node budget.
 */

/** Cohorts up to this many people are searched when the greedy plan strands someone. */
export const SEARCH_MAX_PARTICIPANTS = 30;
/** Nodes (tentative placements) the search may try before giving up and keeping the greedy plan. */
export const SEARCH_NODE_BUDGET = 20_000;

interface Task {
  readonly a: number;
  readonly p: number;
  readonly modality: SessionModality;
  /** A remote-only person in an `either` activity: may also join an on-site session by video. */
  readonly video: boolean;
}

interface State {
  readonly ctx: Context;
  readonly tasks: Task[];
  /** Per task index: how many later tasks (itself included) are of the same activity and modality. */
  readonly left: number[];
  /** Per activity and modality: the minimum group accepted. */
  readonly mins: Map<string, number>;
  nodes: number;
}

/** The (person, activity) pairs that can be attempted at all: prerequisites attemptable, a modality, a day. */
function tasksOf(ctx: Context): { tasks: Task[]; mins: Map<string, number> } {
  const A = ctx.activities.length;
  const D = ctx.days.length;
  const possible = new Uint8Array(ctx.cohort.participants.length * A);
  const tasks: Task[] = [];
  const mins = new Map<string, number>();
  for (let a = 0; a < A; a++) {
    const activity = ctx.activities[a] as Activity;
    const [first, last] = ctx.windows[a] as [number, number];
    const groups: Record<SessionModality, Task[]> = { on_site: [], remote: [] };
    for (const p of ctx.order) {
      const remoteOnly = ctx.cohort.participants[p]?.remoteOnly === true;
      const modality: SessionModality = activity.modality === "remote" || remoteOnly ? "remote" : "on_site";
      if (activity.modality === "on_site" && remoteOnly) continue;
      if ((ctx.prereqs[a] as number[]).some((q) => possible[p * A + q] !== 1)) continue;
      let free = false;
      for (let d = first; d <= last && !free; d++) if (ctx.participantOff[p * D + d] !== 1) free = true;
      if (!free || "missing" in needsOf(ctx, a, modality)) continue;
      possible[p * A + a] = 1;
      groups[modality].push({ a, p, modality, video: remoteOnly && activity.modality === "either" });
    }
    mins.set(`${a}|on_site`, activity.minGroupSize);
    const remoteMin =
      activity.modality === "either" ? Math.min(activity.minGroupSize, groups.remote.length) : activity.minGroupSize;
    mins.set(`${a}|remote`, Math.max(1, remoteMin));
    tasks.push(...groups.on_site, ...groups.remote);
  }
  return { tasks, mins };
}

/** Whether every session of activity a meets its minimum (relaxed for a small remote-only group). */
function groupsValid(st: State, a: number): boolean {
  for (const d of st.ctx.drafts) {
    if (d.activity !== a || d.status !== "scheduled") continue;
    if (d.participants.length < (st.mins.get(`${a}|${d.modality}`) ?? 1)) return false;
  }
  return true;
}

/** Seats still needed to bring the open sessions of (a, modality) up to their minimum. */
function deficit(st: State, a: number, modality: SessionModality): number {
  let sum = 0;
  const min = st.mins.get(`${a}|${modality}`) ?? 1;
  for (const d of st.ctx.drafts)
    if (d.activity === a && d.modality === modality && d.status === "scheduled")
      sum += Math.max(0, min - d.participants.length);
  return sum;
}

function tryJoin(st: State, i: number, t: Task): boolean {
  const { ctx } = st;
  for (const d of [...ctx.drafts]) {
    if (d.activity !== t.a || d.status !== "scheduled") continue;
    const video = d.modality !== t.modality;
    if (video && (!t.video || !roomHas(ctx, d.room, ["videoconference"], false))) continue;
    if (
      video
        ? d.participants.length >= (ctx.activities[t.a]?.maxGroupSize ?? 0)
        : seatsLeft(ctx, d) <= 0 || !fitsRoom(ctx, t.p, d.room)
    )
      continue;
    const [from, to] = span(ctx, d);
    if (!participantCan(ctx, t.p, t.a, d.day, from, to)) continue;
    seat(ctx, d, t.p, video);
    if (dfs(st, i + 1)) return true;
    unseat(ctx, d, t.p);
    if (st.nodes > SEARCH_NODE_BUDGET) return false;
  }
  return false;
}

function tryOpen(st: State, i: number, t: Task): boolean {
  const { ctx } = st;
  const min = st.mins.get(`${t.a}|${t.modality}`) ?? 1;
  if ((st.left[i] as number) < min + deficit(st, t.a, t.modality)) return false;
  const needs = needsOf(ctx, t.a, t.modality);
  if ("missing" in needs) return false;
  const length = ctx.lengths[t.a] as number;
  const [first, last] = ctx.windows[t.a] as [number, number];
  for (let day = first; day <= last; day++) {
    for (let slot = 0; slot + length <= ctx.slotsPerDay; slot++) {
      if (!fitsDay(ctx, slot, length)) continue;
      const from = day * ctx.slotsPerDay + slot;
      if (!participantCan(ctx, t.p, t.a, day, from, from + length)) continue;
      const res = findResources(
        ctx,
        t.a,
        needs,
        needs.maxSize,
        day,
        from,
        from + length,
        min,
        ctx.cohort.participants[t.p]?.requires ?? [],
      );
      if (res === undefined || !fitsRoom(ctx, t.p, res.room)) continue;
      const counter = ctx.counters.get(t.a);
      const d = openSession(ctx, t.a, day, slot, t.modality, res, [t.p]);
      if (dfs(st, i + 1)) return true;
      unbook(ctx, d);
      ctx.drafts.pop();
      if (counter === undefined) ctx.counters.delete(t.a);
      else ctx.counters.set(t.a, counter);
      if (st.nodes > SEARCH_NODE_BUDGET) return false;
    }
  }
  return false;
}

function dfs(st: State, i: number): boolean {
  st.nodes++;
  if (st.nodes > SEARCH_NODE_BUDGET) return false;
  const prev = st.tasks[i - 1];
  const t = st.tasks[i];
  if (prev !== undefined && (t === undefined || t.a !== prev.a) && !groupsValid(st, prev.a)) return false;
  if (t === undefined) return true;
  return tryJoin(st, i, t) || tryOpen(st, i, t);
}

/** Marks the sessions the search ran below the minimum or joined by video, in `adjustments`. */
function sayAdjustments(ctx: Context): void {
  for (const d of ctx.drafts) {
    const activity = ctx.activities[d.activity] as Activity;
    if (d.participants.length < activity.minGroupSize) {
      d.relaxed = true;
      addAdjustment(
        ctx,
        "minimum_relaxed",
        d,
        d.participants,
        `Only ${d.participants.length} remote-only participant(s) can take ${activity.id}: ` +
          `the remote group runs below the minimum of ${activity.minGroupSize}.`,
      );
    }
  }
}

/**
 * Searches a complete plan (every placeable person in every activity). Returns the planned context, or
 * undefined when the cohort is too big, the budget runs out or no complete plan exists.
 */
export function searchComplete(template: ParcoursTemplate, cohort: Cohort, options: PlanSettings): Context | undefined {
  if (cohort.participants.length > SEARCH_MAX_PARTICIPANTS) return undefined;
  const ctx = buildContext(template, cohort, options);
  const { tasks, mins } = tasksOf(ctx);
  const left = new Array<number>(tasks.length).fill(0);
  const counts = new Map<string, number>();
  for (let i = tasks.length - 1; i >= 0; i--) {
    const t = tasks[i] as Task;
    const key = `${t.a}|${t.modality}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    left[i] = counts.get(key) as number;
  }
  const st: State = { ctx, tasks, left, mins, nodes: 0 };
  if (!dfs(st, 0)) return undefined;
  sayAdjustments(ctx);
  explainUnplaced(ctx);
  return ctx;
}

/** Scheduled (person, activity) placements of a context. */
export function placements(drafts: readonly Draft[]): number {
  let n = 0;
  for (const d of drafts) if (d.status === "scheduled") n += d.participants.length;
  return n;
}
