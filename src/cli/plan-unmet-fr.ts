import type { CohortPlan, UnmetConstraint } from "../curriculum/index.js";

/**
 * The unmet constraints of a plan, in French, for coordinators: which activity, who, why, and what to
 * change. A reason this module does not know yet (a newer planner) still comes out, with the planner's
 * own message.
 * @module
 */

function who(plan: CohortPlan, ids: readonly string[]): string {
  if (ids.length === 0) return "personne";
  const names = new Map(plan.cohort.participants.map((p) => [p.id as string, p.name ?? p.id]));
  const shown = ids.slice(0, 5).map((id) => names.get(id) ?? id);
  const rest = ids.length - shown.length;
  const list =
    rest > 0
      ? `${shown.join(", ")} et ${rest} autre${rest > 1 ? "s" : ""}`
      : shown.length > 1
        ? `${shown.slice(0, -1).join(", ")} et ${shown.at(-1)}`
        : (shown[0] ?? "");
  return `${ids.length} personne${ids.length > 1 ? "s" : ""} (${list})`;
}

type Explain = (activity: string, people: string, u: UnmetConstraint) => string;

const EXPLAIN: Readonly<Record<string, Explain>> = {
  remote_only_on_site_activity: (a, p) =>
    `${a} n'a lieu que sur place, et ${p} ne peut suivre qu'à distance : prévoir une séance à distance ou un accompagnement.`,
  participant_unavailable: (a, p) =>
    `${a} : ${p} indisponible(s) sur tous les créneaux possibles ; revoir leurs indisponibilités ou ajouter une séance.`,
  prerequisite_unscheduled: (a, p) =>
    `${a} : pas de place pour ${p}, parce qu'une activité à faire avant n'a pas pu être placée.`,
  no_qualified_resource: (a, p) =>
    `${a} : aucune salle, animateur ou intervenant ne convient (${p} concernée(s)) ; vérifier capacités, types d'activités et disponibilités.`,
  no_capacity_in_window: (a, p) =>
    `${a} : plus de créneau libre dans la période prévue pour ${p} ; ajouter une salle, un animateur ou un jour.`,
  below_minimum_group_size: (a, p) => `${a} : groupe trop petit (en dessous du minimum) pour ${p}.`,
  moved_session_infeasible: (a, p) => `${a} : la séance n'a pas pu être déplacée (${p} concernée(s)).`,
  resource_lost: (a, p) =>
    `${a} : une ressource a été retirée et aucune autre n'était libre ; séance annulée (${p} concernée(s)).`,
};

/** One French sentence per unmet constraint. */
export function describeUnmetFr(plan: CohortPlan): string[] {
  const titles = new Map(plan.template.activities.map((a) => [a.id as string, a.title]));
  return plan.unmet.map((u) => {
    const activity = u.activityId === undefined ? "Le parcours" : `« ${titles.get(u.activityId) ?? u.activityId} »`;
    const people = who(plan, u.participantIds);
    const explain = EXPLAIN[u.reason];
    return explain === undefined
      ? `${activity} : contrainte non satisfaite (${u.reason}) pour ${people} — ${u.message}`
      : explain(activity, people, u);
  });
}
