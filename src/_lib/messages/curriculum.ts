/**
 * The messages of refused parcours templates and plans, and the words of their reasons.
 * @module
 */
import { type MessagePart } from "./part.js";
import { ownEntry } from "./values.js";
import { type Reason, renderProblem } from "./problem.js";

const RESOURCE_KINDS_FR: Readonly<Record<string, string>> = {
  facilitator: "animateur",
  speaker: "intervenant",
  room: "salle",
};
const kindFr = (kind: string): string => ownEntry(RESOURCE_KINDS_FR, kind) ?? kind;
/** Curriculum: templates and plans. */
export const CURRICULUM_REASONS: Readonly<Record<string, Reason>> = {
  duplicate_activity: [
    (v) => `activity id ${v("activityId")} appears twice`,
    (v) => `l'activité ${v("activityId")} figure deux fois`,
  ],
  duplicate_phase: [
    (v) => `phase id ${v("phaseId")} appears twice`,
    (v) => `la phase ${v("phaseId")} figure deux fois`,
  ],
  phase_after_end: [
    (v) => `phase ${v("phaseId")} ends on day ${v("toDay")}, after the parcours' ${v("workingDays")} working days`,
    (v) =>
      `la phase ${v("phaseId")} finit le jour ${v("toDay")}, après les ${v("workingDays")} jours ouvrés du parcours`,
  ],
  unknown_phase: [
    (v) => `activity ${v("activityId")} names unknown phase ${v("phaseId")}`,
    (v) => `l'activité ${v("activityId")} nomme une phase inconnue, ${v("phaseId")}`,
  ],
  unknown_prerequisite: [
    (v) => `activity ${v("activityId")} has unknown prerequisite ${v("prerequisite")}`,
    (v) => `l'activité ${v("activityId")} a un prérequis inconnu, ${v("prerequisite")}`,
  ],
  prerequisite_too_late: [
    (v) =>
      `activity ${v("activityId")} (phase ${v("phaseId")}, days ${v("fromDay")}-${v("toDay")}) requires ${v("prerequisite")}, whose phase ` +
      `${v("prerequisitePhaseId")} only starts on day ${v("prerequisiteFromDay")}: it can never come first`,
    (v) =>
      `l'activité ${v("activityId")} (phase ${v("phaseId")}, jours ${v("fromDay")} à ${v("toDay")}) demande ${v("prerequisite")}, dont la phase ` +
      `${v("prerequisitePhaseId")} ne commence que le jour ${v("prerequisiteFromDay")} : elle ne peut jamais venir avant`,
  ],
  prerequisite_cycle: [
    (v) => `prerequisites form a cycle through ${v("activityId")}`,
    (v) => `les prérequis forment un cycle passant par ${v("activityId")}`,
  ],
  activity_too_long: [
    (v) =>
      `activity ${v("activityId")} lasts ${v("durationMinutes")} min, longer than the longest opening block (${v("longestMinutes")} min)`,
    (v) =>
      `l'activité ${v("activityId")} dure ${v("durationMinutes")} min, plus que la plus longue plage d'ouverture (${v("longestMinutes")} min)`,
  ],
  duplicate_session: [
    (v) => `session id ${v("sessionId")} appears twice`,
    (v) => `la séance ${v("sessionId")} figure deux fois`,
  ],
  unknown_activity: [
    (v) => `session ${v("sessionId")} is of activity ${v("activityId")}, which the template does not have`,
    (v) => `la séance ${v("sessionId")} relève de l'activité ${v("activityId")}, absente du modèle`,
  ],
  wrong_phase: [
    (v) =>
      `session ${v("sessionId")} says phase ${v("phaseId")}, its activity ${v("activityId")} is in phase ${v("activityPhaseId")}`,
    (v) =>
      `la séance ${v("sessionId")} indique la phase ${v("phaseId")}, son activité ${v("activityId")} est dans la phase ${v("activityPhaseId")}`,
  ],
  wrong_duration: [
    (v) => `session ${v("sessionId")} runs ${v("start")}-${v("end")}, its activity lasts ${v("durationMinutes")} min`,
    (v) =>
      `la séance ${v("sessionId")} va de ${v("start")} à ${v("end")}, son activité dure ${v("durationMinutes")} min`,
  ],
  unknown_participant: [
    (v) =>
      `session ${v("sessionId")} names participant ${v("participantId")}, who is not in the cohort (use a withdraw_participant change instead of ` +
      `deleting people)`,
    (v) =>
      `la séance ${v("sessionId")} nomme le participant ${v("participantId")}, absent de la cohorte (utilisez un changement withdraw_participant ` +
      `plutôt que de supprimer des personnes)`,
  ],
  video_not_participant: [
    (v) => `session ${v("sessionId")} has ${v("participantId")} joining by video without being a participant`,
    (v) => `la séance ${v("sessionId")} a ${v("participantId")} en visioconférence sans qu'il y participe`,
  ],
  unknown_resource: [
    (v) =>
      `session ${v("sessionId")} uses resource ${v("resourceId")}, which is not in the cohort (use a lose_resource change instead of deleting resources)`,
    (v) =>
      `la séance ${v("sessionId")} utilise la ressource ${v("resourceId")}, absente de la cohorte (utilisez un changement lose_resource plutôt que de ` +
      `supprimer des ressources)`,
  ],
  wrong_resource_kind: [
    (v) => `session ${v("sessionId")} uses ${v("resourceId")} as a ${v("expectedKind")}, but it is a ${v("kind")}`,
    (v) =>
      `la séance ${v("sessionId")} utilise ${v("resourceId")} comme ${kindFr(v("expectedKind"))}, or c'est : ${kindFr(v("kind"))}`,
  ],
  no_room: [
    (v) => `on-site session ${v("sessionId")} has no room`,
    (v) => `la séance sur site ${v("sessionId")} n'a pas de salle`,
  ],
  participant_twice: [
    (v) =>
      `participant ${v("participantId")} is in two sessions of ${v("activityId")} (${v("otherSessionId")} and ${v("sessionId")})`,
    (v) =>
      `le participant ${v("participantId")} est dans deux séances de ${v("activityId")} (${v("otherSessionId")} et ${v("sessionId")})`,
  ],
  assignment_mismatch: [
    (v) => `assignment of ${v("participantId")} to ${v("sessionId")} (${v("activityId")}) does not match the sessions`,
    (v) =>
      `l'affectation de ${v("participantId")} à ${v("sessionId")} (${v("activityId")}) ne correspond pas aux séances`,
  ],
  assignment_count: [
    (v) => `${v("assignments")} assignments for ${v("placements")} placements in the sessions`,
    (v) => `${v("assignments")} affectations pour ${v("placements")} places dans les séances`,
  ],
  double_booking: [
    (v) => `${v("holder")} is booked in ${v("otherSessionId")} and ${v("sessionId")} at the same time`,
    (v) => `${v("holder")} est réservé dans ${v("otherSessionId")} et ${v("sessionId")} en même temps`,
  ],
};

/** Refused templates and plans. */
const REASONS = CURRICULUM_REASONS;

export const CURRICULUM_MESSAGES: MessagePart<"invalid_template" | "invalid_plan"> = {
  invalid_template: {
    en: (d) => `Invalid parcours template: ${renderProblem(d, "en", REASONS)}`,
    fr: (d) => `Modèle de parcours invalide : ${renderProblem(d, "fr", REASONS)}`,
  },
  invalid_plan: {
    en: (d) => `Cannot re-plan: the previous plan is inconsistent: ${renderProblem(d, "en", REASONS)}`,
    fr: (d) => `Impossible de replanifier : le plan précédent est incohérent : ${renderProblem(d, "fr", REASONS)}`,
  },
};
