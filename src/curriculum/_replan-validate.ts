import { DeclicsError, type PlanReason } from "../errors.js";
import { curriculumError } from "./_errors.js";
import { timeToMinutes } from "./_calendar.js";
import type { CohortPlan } from "./schema.js";

/** Checks that a plan handed back for re-planning is consistent with itself and its cohort. */

function planError(
  reason: PlanReason,
  values: Readonly<Record<string, string | number>>,
  sessionId?: string,
): DeclicsError<"invalid_plan"> {
  return curriculumError({
    code: "invalid_plan",
    module: "curriculum",
    details: sessionId === undefined ? { reason, values } : { reason, values, sessionId },
  });
}

function checkSessionRefs(plan: CohortPlan): void {
  const activities = new Map(plan.template.activities.map((a) => [a.id as string, a]));
  const people = new Set(plan.cohort.participants.map((p) => p.id as string));
  const resources = new Map(plan.cohort.resources.map((r) => [r.id as string, r]));
  const ids = new Set<string>();
  for (const s of plan.sessions) {
    if (ids.has(s.id)) throw planError("duplicate_session", { sessionId: s.id }, s.id);
    ids.add(s.id);
    const a = activities.get(s.activityId);
    if (a === undefined) throw planError("unknown_activity", { sessionId: s.id, activityId: s.activityId }, s.id);
    if (a.phaseId !== s.phaseId)
      throw planError(
        "wrong_phase",
        { sessionId: s.id, phaseId: s.phaseId, activityId: a.id, activityPhaseId: a.phaseId },
        s.id,
      );
    if (timeToMinutes(s.end) - timeToMinutes(s.start) !== a.durationMinutes)
      throw planError(
        "wrong_duration",
        { sessionId: s.id, start: s.start, end: s.end, durationMinutes: a.durationMinutes },
        s.id,
      );
    for (const p of [...s.participantIds, ...(s.videoParticipantIds ?? [])]) {
      if (!people.has(p)) throw planError("unknown_participant", { sessionId: s.id, participantId: p }, s.id);
    }
    for (const p of s.videoParticipantIds ?? [])
      if (!s.participantIds.includes(p))
        throw planError("video_not_participant", { sessionId: s.id, participantId: p }, s.id);
    const named: Array<[string, string]> = [
      ...s.facilitatorIds.map((r): [string, string] => [r, "facilitator"]),
      ...s.speakerIds.map((r): [string, string] => [r, "speaker"]),
    ];
    if (s.roomId !== undefined) named.push([s.roomId, "room"]);
    for (const [r, kind] of named) {
      const res = resources.get(r);
      if (res === undefined) throw planError("unknown_resource", { sessionId: s.id, resourceId: r }, s.id);
      if (res.kind !== kind)
        throw planError(
          "wrong_resource_kind",
          { sessionId: s.id, resourceId: r, expectedKind: kind, kind: res.kind },
          s.id,
        );
    }
    if (s.modality === "on_site" && a.needs.room && s.roomId === undefined && s.status === "scheduled")
      throw planError("no_room", { sessionId: s.id }, s.id);
  }
}

function checkCoverage(plan: CohortPlan): void {
  const seen = new Map<string, string>();
  for (const s of plan.sessions) {
    if (s.status !== "scheduled") continue;
    for (const p of s.participantIds) {
      const key = `${p}|${s.activityId}`;
      const other = seen.get(key);
      if (other !== undefined)
        throw planError(
          "participant_twice",
          { participantId: p, activityId: s.activityId, otherSessionId: other, sessionId: s.id },
          s.id,
        );
      seen.set(key, s.id);
    }
  }
  const expected = new Set(seen.keys());
  let count = 0;
  for (const x of plan.assignments) {
    const key = `${x.participantId}|${x.activityId}`;
    if (seen.get(key) !== x.sessionId)
      throw planError(
        "assignment_mismatch",
        { participantId: x.participantId, sessionId: x.sessionId, activityId: x.activityId },
        x.sessionId,
      );
    count++;
  }
  if (count !== expected.size) throw planError("assignment_count", { assignments: count, placements: expected.size });
}

/** Two scheduled sessions holding the same person or resource at overlapping times. */
function checkDoubleBooking(plan: CohortPlan): void {
  const busy = new Map<string, Array<{ from: string; to: string; id: string }>>();
  for (const s of plan.sessions) {
    if (s.status !== "scheduled") continue;
    const holders = [
      ...s.participantIds.map((p) => `participant ${p}`),
      ...[s.roomId, ...s.facilitatorIds, ...s.speakerIds].flatMap((r) => (r === undefined ? [] : [`resource ${r}`])),
    ];
    for (const h of holders) {
      const list = busy.get(h) ?? [];
      const clash = list.find((o) => o.from < s.endUtc && s.startUtc < o.to);
      if (clash !== undefined)
        throw planError(
          "double_booking",
          { holder: h.slice(h.indexOf(" ") + 1), otherSessionId: clash.id, sessionId: s.id },
          s.id,
        );
      list.push({ from: s.startUtc, to: s.endUtc, id: s.id });
      busy.set(h, list);
    }
  }
}

/**
 * Throws `invalid_plan` naming the first inconsistency: duplicate session ids, an unknown activity,
 * participant or resource, a resource used as the wrong kind, times that disagree with the activity's
 * duration, someone in two sessions of one activity, double bookings, assignments that disagree with the
 * sessions. Sessions on days the cohort no longer opens, or outside its hours, are not errors: the
 * re-plan moves them.
 */
export function validatePlan(plan: CohortPlan): void {
  checkSessionRefs(plan);
  checkCoverage(plan);
  checkDoubleBooking(plan);
}
