import { parseWith } from "../_lib/parse.js";
import { checkedPlan, trustedPlan } from "./_checked-plan.js";
import { buildContext, type Context, type Draft } from "./_context.js";
import { type DateReading, PARTICIPANT_DATES, readDatesAt } from "./_days.js";
import { changedCohort, namedSession } from "./_replan-change.js";
import { finishReplan } from "./_replan-finish.js";
import { cancelDraft, loadPlan } from "./_replan-load.js";
import { applyMove } from "./_replan-move.js";
import { repair, replaceWhole, stranded, tidy } from "./_replan-repair.js";
import { validatePlan } from "./_replan-validate.js";
import { placements } from "./_search.js";
import { toSession } from "./_sessions.js";
import { planContext } from "./_plan-context.js";
import { type Cohort, type CohortPlan, PlanChange, type PlanChangeInput } from "./schema.js";

/** The date fields of a change, read in the plan's time zone when they are `Date` instants. */
const CHANGE_DATES = ["date", "fromDate", ...PARTICIPANT_DATES.map((p) => `participant.${p}`)];

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
  const relaxed = new Set(
    (plan.adjustments ?? [])
      .filter((x) => x.kind === "minimum_relaxed")
      .flatMap((x) => (x.sessionId === undefined ? [] : [x.sessionId as string])),
  );
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
  const rename = <T extends { sessionId?: string | undefined }>(x: T): T =>
    x.sessionId === undefined ? x : { ...x, sessionId: renamed.get(x.sessionId) ?? x.sessionId };
  fresh.adjustments = fresh.adjustments.map(rename);
  fresh.unmet = fresh.unmet.map(rename);
  const leftovers: Draft[] = plan.sessions
    .filter((s) => !used.has(s.id))
    .map((s) => ({
      id: s.id,
      activity: fresh.activityIndex.get(s.activityId) ?? 0,
      day: -1,
      slot: 0,
      length: 0,
      modality: s.modality,
      room: -1,
      facilitators: [],
      speakers: [],
      participants: [],
      video: [],
      status: "cancelled",
      sequence: s.sequence,
    }));
  fresh.drafts.push(...leftovers);
  return fresh;
}

/**
 * Re-plans after a change, placing everyone a fresh plan would place while moving as few people as
 * possible. The previous plan is validated first. Sessions that still fit stay as they were; a lost
 * resource is replaced by a free qualified one, else the session moves whole to a slot where all its
 * people can come, else it is cancelled; whoever lost a session is re-placed (free seats, new sessions,
 * releasing and re-placing their later sessions, one-for-one exchanges); sessions left empty are
 * cancelled. If a fresh plan of the changed cohort would still place more people, it is adopted (old
 * session ids kept where activity, time and room match). Changed sessions get `sequence + 1`, cancelled
 * ones stay in the plan with `status: "cancelled"`, and people or resources taken out of a session are
 * listed in its `removedParticipantIds` / `removedResourceIds` so their calendars get a cancellation.
 * Hand edits of `plan.cohort` (closing days, hours, availabilities) are honoured the same way. The
 * change's days are calendar days `"YYYY-MM-DD"` or `Date` instants read as the day they are in the
 * plan's time zone (listed in `cohort.datesRead` as `change.date`, `change.fromDate`…).
 *
 * @param previousPlan - a plan from {@link planCohort} or an earlier re-plan
 * @param change - `move_session` (sessionId, date, start), `lose_resource` (resourceId, fromDate?),
 *   `cancel_session` (sessionId), `close_day` (date), `add_participant` (participant) or
 *   `withdraw_participant` (participantId, fromDate?)
 * @returns the new plan, `revision + 1`, with `changes` naming every session that changed
 * @throws {DeclicsError} `invalid_input` when the plan or change fails its schema; `invalid_plan` when
 *   the plan is inconsistent (duplicate or unknown ids, double bookings, assignments that disagree with
 *   the sessions…), naming what; `invalid_option` when the change names a session, resource or
 *   participant the plan does not have (or adds an id it already has)
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
 * next.changes?.map((c) => c.sessionId); // f2 takes f1's sessions from 5 October
 * // => ["next-step-interview-001", "next-step-interview-003", "next-step-interview-005", "workshop-online-profile-001"]
 * ```
 * @category Planning
 */
export function replanCohort(previousPlan: CohortPlan, change: PlanChangeInput): CohortPlan {
  const plan = checkedPlan(previousPlan);
  const datesRead: DateReading[] = [];
  const dated = readDatesAt(change, CHANGE_DATES, plan.timeZone, datesRead, "change");
  const c = parseWith(PlanChange, dated, { module: "curriculum", what: "plan change" });
  validatePlan(plan);
  namedSession(plan, c);
  const changed = changedCohort(plan, c);
  const cohort =
    datesRead.length === 0 ? changed : { ...changed, datesRead: [...(changed.datesRead ?? []), ...datesRead] };
  let ctx = repaired(plan, cohort, c);
  const left = stranded(ctx);
  if (left.size > 0) {
    const deeper = repaired(plan, cohort, c, left);
    if (placements(deeper.drafts) > placements(ctx.drafts)) ctx = deeper;
  }
  if (c.kind !== "move_session") {
    const fresh = planContext(plan.template, cohort, plan.options);
    if (placements(fresh.drafts) > placements(ctx.drafts))
      ctx = adoptFresh(plan, fresh, c.kind === "cancel_session" ? c.sessionId : undefined);
  }
  return trustedPlan(finishReplan(ctx, plan));
}
