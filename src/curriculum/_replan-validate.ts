import { DeclicsError } from "../errors.js";
import { timeToMinutes } from "./_calendar.js";
import type { CohortPlan } from "./schema.js";

/** Checks that a plan handed back for re-planning is consistent with itself and its cohort. */

function planError(reason: string, sessionId?: string): DeclicsError<"invalid_plan"> {
  return new DeclicsError({
    code: "invalid_plan",
    module: "curriculum",
    message: `Cannot re-plan: the previous plan is inconsistent: ${reason}`,
    details: sessionId === undefined ? { reason } : { reason, sessionId },
  });
}

function checkSessionRefs(plan: CohortPlan): void {
  const activities = new Map(plan.template.activities.map((a) => [a.id as string, a]));
  const people = new Set(plan.cohort.participants.map((p) => p.id as string));
  const resources = new Map(plan.cohort.resources.map((r) => [r.id as string, r]));
  const ids = new Set<string>();
  for (const s of plan.sessions) {
    if (ids.has(s.id)) throw planError(`session id ${s.id} appears twice`, s.id);
    ids.add(s.id);
    const a = activities.get(s.activityId);
    if (a === undefined)
      throw planError(`session ${s.id} is of activity ${s.activityId}, which the template does not have`, s.id);
    if (a.phaseId !== s.phaseId)
      throw planError(`session ${s.id} says phase ${s.phaseId}, its activity ${a.id} is in phase ${a.phaseId}`, s.id);
    if (timeToMinutes(s.end) - timeToMinutes(s.start) !== a.durationMinutes)
      throw planError(`session ${s.id} runs ${s.start}-${s.end}, its activity lasts ${a.durationMinutes} min`, s.id);
    for (const p of [...s.participantIds, ...(s.videoParticipantIds ?? [])]) {
      if (!people.has(p))
        throw planError(
          `session ${s.id} names participant ${p}, who is not in the cohort (use a withdraw_participant change instead of deleting people)`,
          s.id,
        );
    }
    for (const p of s.videoParticipantIds ?? [])
      if (!s.participantIds.includes(p))
        throw planError(`session ${s.id} has ${p} joining by video without being a participant`, s.id);
    const named: Array<[string, string]> = [
      ...s.facilitatorIds.map((r): [string, string] => [r, "facilitator"]),
      ...s.speakerIds.map((r): [string, string] => [r, "speaker"]),
    ];
    if (s.roomId !== undefined) named.push([s.roomId, "room"]);
    for (const [r, kind] of named) {
      const res = resources.get(r);
      if (res === undefined)
        throw planError(
          `session ${s.id} uses resource ${r}, which is not in the cohort (use a lose_resource change instead of deleting resources)`,
          s.id,
        );
      if (res.kind !== kind) throw planError(`session ${s.id} uses ${r} as a ${kind}, but it is a ${res.kind}`, s.id);
    }
    if (s.modality === "on_site" && a.needs.room && s.roomId === undefined && s.status === "scheduled")
      throw planError(`on-site session ${s.id} has no room`, s.id);
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
        throw planError(`participant ${p} is in two sessions of ${s.activityId} (${other} and ${s.id})`, s.id);
      seen.set(key, s.id);
    }
  }
  const expected = new Set(seen.keys());
  let count = 0;
  for (const x of plan.assignments) {
    const key = `${x.participantId}|${x.activityId}`;
    if (seen.get(key) !== x.sessionId)
      throw planError(
        `assignment of ${x.participantId} to ${x.sessionId} (${x.activityId}) does not match the sessions`,
        x.sessionId,
      );
    count++;
  }
  if (count !== expected.size) throw planError(`${count} assignments for ${expected.size} placements in the sessions`);
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
      if (clash !== undefined) throw planError(`${h} is booked in ${clash.id} and ${s.id} at the same time`, s.id);
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
