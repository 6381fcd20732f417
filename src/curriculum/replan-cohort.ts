import { parseWith } from "../_lib/parse.js";
import { buildContext, type Context, type Draft } from "./_context.js";
import { changedCohort, namedSession } from "./_replan-change.js";
import { finishReplan } from "./_replan-finish.js";
import { cancelDraft, loadPlan } from "./_replan-load.js";
import { applyMove } from "./_replan-move.js";
import { repair, replaceWhole, stranded, tidy } from "./_replan-repair.js";
import { validatePlan } from "./_replan-validate.js";
import { placements } from "./_search.js";
import { toSession } from "./_sessions.js";
import { planContext } from "./plan-cohort.js";
import { type Cohort, CohortPlan, PlanChange, type PlanChangeInput } from "./schema.js";

/** The incremental re-plan: load, apply the change, re-place who lost a session, tidy. */
function repaired(plan: CohortPlan, cohort: Cohort, c: PlanChange, deep: ReadonlySet<number> = new Set()): Context {
  const ctx = buildContext(plan.template, cohort, plan.options);
  loadPlan(ctx, plan);
  if (c.kind === "move_session" || c.kind === "cancel_session") {
    const d = ctx.drafts.find((x) => x.id === c.sessionId && x.status === "scheduled");
    if (d !== undefined && c.kind === "move_session") applyMove(ctx, d, c.date, c.start);
    else if (d !== undefined) cancelDraft(ctx, d);
  }
  repair(ctx);
  if (deep.size > 0) replaceWhole(ctx, deep);
  const relaxed = new Set((plan.adjustments ?? []).filter((x) => x.kind === "minimum_relaxed").flatMap((x) => (x.sessionId === undefined ? [] : [x.sessionId as string])));
  tidy(ctx, relaxed);
  return ctx;
}

/** Highest session number used per activity id in the previous plan. */
function lastNumbers(plan: CohortPlan): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of plan.sessions) {
    const m = /-(\d+)$/.exec(s.id);
    if (m !== null) out.set(s.activityId, Math.max(out.get(s.activityId) ?? 0, Number(m[1])));
  }
  return out;
}

/**
 * The fallback when the incremental repair places fewer people than planning afresh: the fresh plan,
 * its sessions taking the ids (and sequences) of previous sessions at the same activity, time, modality
 * and room; previous sessions left over are cancelled. Moves more people, but strands nobody a fresh
 * plan would place.
 */
function adoptFresh(plan: CohortPlan, fresh: Context, keepCancelled?: string): Context {
  const pool = new Map<string, CohortPlan["sessions"]>();
  for (const s of plan.sessions) {
    if (s.status !== "scheduled" || s.id === keepCancelled) continue;
    const key = `${s.activityId}|${s.date}|${s.start}|${s.modality}|${s.roomId ?? ""}`;
    pool.set(key, [...(pool.get(key) ?? []), s]);
  }
  const numbers = lastNumbers(plan);
  const used = new Set<string>();
  const renamed = new Map<string, string>();
  for (const d of fresh.drafts) {
    const s = toSession(fresh, d);
    const before = d.id;
    const match = pool.get(`${s.activityId}|${s.date}|${s.start}|${s.modality}|${s.roomId ?? ""}`)?.shift();
    if (match !== undefined) {
      d.id = match.id;
      d.sequence = match.sequence;
    } else {
      const n = (numbers.get(s.activityId) ?? 0) + 1;
      numbers.set(s.activityId, n);
      d.id = `${s.activityId}-${String(n).padStart(3, "0")}`;
    }
    used.add(d.id);
    renamed.set(before, d.id);
  }
  const rename = <T extends { sessionId?: string | undefined }>(x: T): T => (x.sessionId === undefined ? x : { ...x, sessionId: renamed.get(x.sessionId) ?? x.sessionId });
  fresh.adjustments = fresh.adjustments.map(rename);
  fresh.unmet = fresh.unmet.map(rename);
  const leftovers: Draft[] = plan.sessions
    .filter((s) => !used.has(s.id))
    .map((s) => ({ id: s.id, activity: fresh.activityIndex.get(s.activityId) ?? 0, day: -1, slot: 0, length: 0, modality: s.modality, room: -1, facilitators: [], speakers: [], participants: [], video: [], status: "cancelled", sequence: s.sequence }));
  fresh.drafts.push(...leftovers);
  return fresh;
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
  validatePlan(plan);
  namedSession(plan, c);
  const cohort = changedCohort(plan, c);
  let ctx = repaired(plan, cohort, c);
  const left = stranded(ctx);
  if (left.size > 0) {
    const deeper = repaired(plan, cohort, c, left);
    if (placements(deeper.drafts) > placements(ctx.drafts)) ctx = deeper;
  }
  if (c.kind !== "move_session") {
    const fresh = planContext(plan.template, cohort, plan.options);
    if (placements(fresh.drafts) > placements(ctx.drafts)) ctx = adoptFresh(plan, fresh, c.kind === "cancel_session" ? c.sessionId : undefined);
  }
  return finishReplan(ctx, plan);
}
