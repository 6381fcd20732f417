import * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import type { AgeBand, Gender, ParcoursStage as Stage, TerritoryKind } from "../_lib/vocabulary.js";
import { ParcoursStage } from "../_lib/vocabulary.js";
import { checkedPlan } from "./_checked-plan.js";
import { readDatesAt } from "./_days.js";
import {
  type Activity,
  type ActivityId,
  AttendanceRecord,
  type AttendanceRecordInput,
  type CohortPlan,
  type DateReading,
  type OutcomeKind,
  OutcomeRecord,
  type OutcomeRecordInput,
  type Participant,
  type ParticipantId,
  type PhaseId,
  type Session,
  type SessionId,
} from "./schema.js";

const Attendance = z.array(AttendanceRecord);
const Outcomes = z.array(OutcomeRecord);
const STAGE_ORDER = ParcoursStage.options;

/** Completion of one phase by one participant. */
export interface PhaseProgress {
  phaseId: PhaseId;
  stage?: Stage;
  /** Required activities in the phase. */
  required: number;
  /** Required activities attended (present). */
  attended: number;
  /** attended / required, in [0, 1]; 1 for a phase without required activities. */
  completion: number;
  /** Date of the last attended session that completed the phase. */
  completedOn?: string;
}

/** What the participant should do next. */
export type NextStep =
  /** Attend this planned session. */
  | { kind: "session"; activityId: ActivityId; sessionId: SessionId; date: string; start: string }
  /** This required activity needs a new session (missed, or never planned). */
  | { kind: "reschedule"; activityId: ActivityId; reason: "absent" | "excused" | "not_planned" | "session_cancelled" }
  /** Every required activity is done: record what happened next. */
  | { kind: "record_outcome" }
  /** Done, outcome recorded. */
  | { kind: "done" };

/** Attendance counts and rate. */
export interface AttendanceSummary {
  present: number;
  absent: number;
  excused: number;
  /** present / (present + absent); null when nothing was recorded yet (see `rateUnavailable`). */
  rate: number | null;
  rateUnavailable?: "no_attendance_recorded" | "all_excused";
}

/** One participant's progress, shaped for declics/diversity (attributes, stages with dates, outcome). */
export interface ProgressRecord {
  participantId: ParticipantId;
  gender?: Gender;
  territoryKind?: TerritoryKind;
  ageBand?: AgeBand;
  phases: PhaseProgress[];
  /** Required activities attended / required activities, in [0, 1]. */
  completion: number;
  attendance: AttendanceSummary;
  /** The furthest stage reached (in ParcoursStage order). */
  stage: Stage;
  /** Every stage reached, with its date, in ParcoursStage order. */
  stages: { stage: Stage; date: string }[];
  outcome: { kind: OutcomeKind; date: string } | null;
  nextStep: NextStep;
}

/** An input row {@link computeProgress} could not use, and why (never silently dropped). */
export interface ProgressIssue {
  source: "attendance" | "outcomes";
  /** Index of the row in its input array. */
  index: number;
  reason:
    | "unknown_participant"
    | "unknown_session"
    | "duplicate_record_superseded"
    | "session_cancelled"
    | "outcome_before_registration";
}

/** The result of {@link computeProgress}. */
export interface ProgressReport {
  records: ProgressRecord[];
  issues: ProgressIssue[];
  /** Outcome dates given as `Date` instants, and the calendar day each was read as (in the plan's time zone). */
  datesRead?: DateReading[];
}

/** What the records are computed from, indexed once. */
interface Indexed {
  readonly plan: CohortPlan;
  readonly required: Activity[];
  readonly sessions: Map<string, Session>;
  readonly rowsOf: Map<string, AttendanceRecord[]>;
  readonly outcomeOf: Map<string, OutcomeRecord[]>;
  readonly plannedOf: Map<string, Session[]>;
}

/**
 * Computes each participant's progress through the parcours from attendance records (and, optionally,
 * outcomes): completion of each phase (required activities attended), attendance rate, the stages
 * reached with their dates (`registered`, then the stage each completed phase gives — cumulatively, so a
 * phase's stage needs every earlier phase complete, as a funnel does — then `entered_training` or
 * `hired` from outcomes, which are facts and count whatever the phases say), the outcome, and the next
 * step. The records carry the participant's gender, territory kind and age band so `declics/diversity` can build funnels from them.
 *
 * Attendance counts per activity: someone present in another group's session of the same activity has
 * done the activity. Rows naming an unknown participant or session, a cancelled session (nobody attends
 * a session that did not happen), superseded duplicates, and outcomes dated before the person's
 * registration are listed in `issues` and not counted, never silently dropped. A rate that cannot be
 * computed is `null` with its reason: `no_attendance_recorded`, or `all_excused` when every row is excused.
 *
 * @param plan - the plan (from {@link planCohort} or {@link replanCohort})
 * @param attendance - one row per participant and session: `present`, `absent` or `excused`
 * Outcome dates are calendar days `"YYYY-MM-DD"` or `Date` instants, read as the day they are in the
 * plan's time zone (each listed in `datesRead` with the day used).
 *
 * @param outcomes - optional: what each participant did next (`training_entered`, `job`, `other`) and when
 * @returns `{ records, issues }`, one record per participant in cohort order (and `datesRead`)
 * @throws {DeclicsError} `invalid_input` when the plan, attendance or outcomes fail their schema
 * @example
 * ```ts
 * import { computeProgress, planCohort, PARCOURS_EXPRESS } from "declics/curriculum";
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
 * const { records } = computeProgress(plan, [{ participantId: "p1", sessionId: "welcome-001", status: "present" }]);
 * records[0]?.attendance.rate;
 * // => 1
 * records[0]?.nextStep.kind;
 * // => "session"
 * ```
 * @category Progress
 */
export function computeProgress(
  plan: CohortPlan,
  attendance: readonly AttendanceRecordInput[],
  outcomes: readonly OutcomeRecordInput[] = [],
): ProgressReport {
  const p = checkedPlan(plan);
  const rows = parseWith(Attendance, attendance, { module: "curriculum", what: "attendance records" });
  const datesRead: DateReading[] = [];
  const dated = readDatesAt(outcomes, ["*.date"], p.timeZone, datesRead, "outcomes");
  const results = parseWith(Outcomes, dated, { module: "curriculum", what: "outcome records" });
  const { issues, sessions, rowsOf, outcomeOf, plannedOf } = indexRows(p, rows, results);
  const required = orderActivities(p.template.activities).filter((a) => a.required);
  const indexed: Indexed = { plan: p, required, sessions, rowsOf, outcomeOf, plannedOf };
  const records = p.cohort.participants.map((person) => progressOf(indexed, person));
  return datesRead.length === 0 ? { records, issues } : { records, issues, datesRead };
}

/** One participant's record. */
function progressOf(ix: Indexed, person: Participant): ProgressRecord {
  const { cohort, template } = ix.plan;
  const { counts, attendedOn, lastStatus } = tally(ix, ix.rowsOf.get(person.id) ?? []);
  const phases = template.phases.map((phase) => phaseProgress(ix.required, attendedOn, phase));
  const theirOutcomes = [...(ix.outcomeOf.get(person.id) ?? [])].sort((x, y) =>
    x.date < y.date ? -1 : x.date > y.date ? 1 : 0,
  );
  const stages = stagesReached(person.registeredOn ?? cohort.startDate, phases, theirOutcomes);
  const latest = theirOutcomes.at(-1);
  const outcome = latest === undefined ? null : { kind: latest.kind, date: latest.date };
  const doneRequired = ix.required.filter((a) => attendedOn.has(a.id)).length;
  const record: ProgressRecord = {
    participantId: person.id,
    phases,
    completion: ix.required.length === 0 ? 1 : doneRequired / ix.required.length,
    attendance: attendanceOf(counts),
    stage: stages.at(-1)?.stage ?? "registered",
    stages,
    outcome,
    nextStep: nextStep(ix.required, attendedOn, lastStatus, ix.plannedOf.get(person.id) ?? [], outcome !== null),
  };
  if (person.gender !== undefined) record.gender = person.gender;
  if (person.territoryKind !== undefined) record.territoryKind = person.territoryKind;
  if (person.ageBand !== undefined) record.ageBand = person.ageBand;
  return record;
}

/** Counts a participant's rows; per activity, the latest day attended and the last status. */
function tally(ix: Indexed, mine: readonly AttendanceRecord[]) {
  const counts = { present: 0, absent: 0, excused: 0 };
  const attendedOn = new Map<string, string>(); // activity -> date attended (latest)
  const lastStatus = new Map<string, AttendanceRecord["status"]>();
  for (const row of mine) {
    const s = ix.sessions.get(row.sessionId) as Session;
    counts[row.status]++;
    if (row.status === "present") {
      const prev = attendedOn.get(s.activityId);
      if (prev === undefined || prev < s.date) attendedOn.set(s.activityId, s.date);
    }
    lastStatus.set(s.activityId, attendedOn.has(s.activityId) ? "present" : row.status);
  }
  return { counts, attendedOn, lastStatus };
}

function attendanceOf({ present, absent, excused }: { present: number; absent: number; excused: number }) {
  if (present + absent > 0) return { present, absent, excused, rate: present / (present + absent) };
  const rateUnavailable = excused > 0 ? ("all_excused" as const) : ("no_attendance_recorded" as const);
  return { present, absent, excused, rate: null, rateUnavailable };
}

function phaseProgress(
  required: readonly Activity[],
  attendedOn: ReadonlyMap<string, string>,
  phase: CohortPlan["template"]["phases"][number],
): PhaseProgress {
  const need = required.filter((a) => a.phaseId === phase.id);
  const done = need.filter((a) => attendedOn.has(a.id));
  const progress: PhaseProgress = {
    phaseId: phase.id,
    required: need.length,
    attended: done.length,
    completion: need.length === 0 ? 1 : done.length / need.length,
  };
  if (phase.stage !== undefined) progress.stage = phase.stage;
  if (need.length > 0 && done.length === need.length) {
    progress.completedOn = done
      .map((a) => attendedOn.get(a.id) as string)
      .sort()
      .at(-1) as string;
  }
  return progress;
}

/** Stages reached with their dates: registration, cumulative phase stages, then outcomes (facts). */
function stagesReached(
  registered: string,
  phases: readonly PhaseProgress[],
  outcomes: readonly OutcomeRecord[],
): { stage: Stage; date: string }[] {
  const reached = new Map<Stage, string>();
  reached.set("registered", registered);
  // Phase stages are cumulative (a funnel): a stage counts only once every earlier phase is complete.
  let chain = true;
  for (const ph of phases) {
    if (ph.completion < 1) chain = false;
    if (chain && ph.stage !== undefined && ph.completedOn !== undefined) reached.set(ph.stage, ph.completedOn);
  }
  for (const o of outcomes) {
    if (o.kind === "training_entered" && !reached.has("entered_training")) reached.set("entered_training", o.date);
    if (o.kind === "job" && !reached.has("hired")) reached.set("hired", o.date);
  }
  return STAGE_ORDER.filter((st) => reached.has(st)).map((st) => ({ stage: st, date: reached.get(st) as string }));
}

/**
 * Attendance and outcome rows by participant, with the rows that cannot be used listed as issues:
 * latest row wins for one participant and session; unknown people or sessions, cancelled sessions and
 * outcomes dated before registration are refused.
 */
function indexRows(p: CohortPlan, rows: readonly AttendanceRecord[], results: readonly OutcomeRecord[]) {
  const { cohort } = p;
  const issues: ProgressIssue[] = [];
  const sessions = new Map(p.sessions.map((s) => [s.id as string, s]));
  const people = new Set(cohort.participants.map((x) => x.id as string));
  const byKey = new Map<string, { index: number; row: AttendanceRecord }>();
  rows.forEach((row, index) => {
    if (!people.has(row.participantId))
      return void issues.push({ source: "attendance", index, reason: "unknown_participant" });
    const session = sessions.get(row.sessionId);
    if (session === undefined) return void issues.push({ source: "attendance", index, reason: "unknown_session" });
    if (session.status === "cancelled")
      return void issues.push({ source: "attendance", index, reason: "session_cancelled" });
    const key = `${row.participantId}|${row.sessionId}`;
    const previous = byKey.get(key);
    if (previous !== undefined)
      issues.push({ source: "attendance", index: previous.index, reason: "duplicate_record_superseded" });
    byKey.set(key, { index, row });
  });
  const outcomeOf = new Map<string, OutcomeRecord[]>();
  const registered = new Map(cohort.participants.map((x) => [x.id as string, x.registeredOn ?? cohort.startDate]));
  results.forEach((row, index) => {
    if (!people.has(row.participantId))
      return void issues.push({ source: "outcomes", index, reason: "unknown_participant" });
    if (row.date < (registered.get(row.participantId) ?? ""))
      return void issues.push({ source: "outcomes", index, reason: "outcome_before_registration" });
    outcomeOf.set(row.participantId, [...(outcomeOf.get(row.participantId) ?? []), row]);
  });
  const rowsOf = new Map<string, AttendanceRecord[]>();
  for (const { row } of byKey.values()) rowsOf.set(row.participantId, [...(rowsOf.get(row.participantId) ?? []), row]);
  const plannedOf = new Map<string, Session[]>();
  for (const s of p.sessions) for (const id of s.participantIds) plannedOf.set(id, [...(plannedOf.get(id) ?? []), s]);
  return { issues, sessions, rowsOf, outcomeOf, plannedOf };
}

/** Activities with prerequisites first (template order otherwise). */
function orderActivities(activities: readonly Activity[]): Activity[] {
  const byId = new Map(activities.map((a) => [a.id as string, a]));
  const out: Activity[] = [];
  const seen = new Set<string>();
  const visit = (a: Activity): void => {
    if (seen.has(a.id)) return;
    seen.add(a.id);
    for (const q of a.prerequisites) {
      const dep = byId.get(q);
      if (dep !== undefined) visit(dep);
    }
    out.push(a);
  };
  for (const a of activities) visit(a);
  return out;
}

function nextStep(
  required: Activity[],
  attendedOn: Map<string, string>,
  lastStatus: Map<string, AttendanceRecord["status"]>,
  planned: Session[],
  hasOutcome: boolean,
): NextStep {
  for (const a of required) {
    if (attendedOn.has(a.id)) continue;
    const status = lastStatus.get(a.id);
    if (status === "absent" || status === "excused") return { kind: "reschedule", activityId: a.id, reason: status };
    const mine = planned.filter((s) => s.activityId === a.id);
    const live = mine.find((s) => s.status === "scheduled");
    if (live !== undefined)
      return { kind: "session", activityId: a.id, sessionId: live.id, date: live.date, start: live.start };
    return { kind: "reschedule", activityId: a.id, reason: mine.length > 0 ? "session_cancelled" : "not_planned" };
  }
  return hasOutcome ? { kind: "done" } : { kind: "record_outcome" };
}
