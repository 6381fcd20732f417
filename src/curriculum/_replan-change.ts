import { DeclicsError, type Expectation } from "../errors.js";
import { curriculumError } from "./_errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import type { Cohort, CohortPlan, PlanChange } from "./schema.js";

/** What a change does to the cohort (before the sessions are repaired). */

function unknown(option: string, what: Expectation, received: string): DeclicsError<"invalid_option"> {
  return curriculumError({
    code: "invalid_option",
    module: "curriculum",
    details: { option, expected: what, received },
  });
}

/** The cohort after the change: a lost resource, a closed day, a new or withdrawn participant. */
export function changedCohort(plan: CohortPlan, c: PlanChange): Cohort {
  const cohort = plan.cohort;
  switch (c.kind) {
    case "lose_resource": {
      if (!cohort.resources.some((r) => r.id === c.resourceId))
        throw unknown("change.resourceId", { kind: "known_id", of: "resource" }, c.resourceId);
      const lostDays = plan.days.filter((d) => c.fromDate === undefined || d >= c.fromDate);
      const resources = cohort.resources.map((r) =>
        r.id === c.resourceId ? { ...r, unavailableDays: [...new Set([...r.unavailableDays, ...lostDays])].sort() } : r,
      );
      return { ...cohort, resources };
    }
    case "close_day":
      return cohort.closedDays.includes(c.date)
        ? cohort
        : { ...cohort, closedDays: [...cohort.closedDays, c.date].sort() };
    case "add_participant":
      if (cohort.participants.some((p) => p.id === c.participant.id))
        throw unknown(
          "change.participant.id",
          rule("an id no participant of the cohort has", "un identifiant qu'aucun participant de la cohorte n'a"),
          c.participant.id,
        );
      return { ...cohort, participants: [...cohort.participants, c.participant] };
    case "withdraw_participant": {
      const person = cohort.participants.find((p) => p.id === c.participantId);
      if (person === undefined)
        throw unknown("change.participantId", { kind: "known_id", of: "participant" }, c.participantId);
      const from = c.fromDate ?? cohort.startDate;
      const withdrawnOn = person.withdrawnOn !== undefined && person.withdrawnOn < from ? person.withdrawnOn : from;
      return {
        ...cohort,
        participants: cohort.participants.map((p) => (p.id === c.participantId ? { ...p, withdrawnOn } : p)),
      };
    }
    default:
      return cohort;
  }
}

/** The session a move or cancel names, or a coded error. */
export function namedSession(plan: CohortPlan, c: PlanChange): string | undefined {
  if (c.kind !== "move_session" && c.kind !== "cancel_session") return undefined;
  if (!plan.sessions.some((s) => s.id === c.sessionId && s.status === "scheduled"))
    throw unknown("change.sessionId", { kind: "known_id", of: "session" }, c.sessionId);
  return c.sessionId;
}
