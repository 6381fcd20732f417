import { parseWith } from "../_lib/parse.js";
import { buildContext, type Context } from "./_context.js";
import { pruneUnmet, stranded } from "./_explain.js";
import { finishPlan } from "./_finish.js";
import type { Occupancy } from "./_occupancy.js";
import { planAll } from "./_plan-all.js";
import { repair } from "./_replan-repair.js";
import { placements, searchComplete } from "./_search.js";
import {
  Cohort,
  type CohortInput,
  type CohortPlan,
  ParcoursTemplate,
  type ParcoursTemplateInput,
  PlanCohortOptions,
  type PlanCohortOptionsInput,
} from "./schema.js";

/** Cohorts up to this size are also planned earliest-first when the balanced plan strands someone. */
const EARLIEST_RETRY_MAX = 1_000;

/** Greedy plan; on a small cohort where it strands someone, the exact search's plan when it places more. */
export function planContext(
  template: ParcoursTemplate,
  cohort: Cohort,
  options: PlanCohortOptions,
  occupancy?: () => Occupancy,
): Context {
  let ctx = buildContext(template, cohort, options, occupancy?.());
  planAll(ctx);
  if (stranded(ctx).size === 0) return ctx;
  // The re-planner's repair (free seats, new sessions, exchanges) for whoever the greedy pass left out.
  repair(ctx);
  pruneUnmet(ctx);
  if (stranded(ctx).size === 0) return ctx;
  if (options.load === "balanced" && cohort.participants.length <= EARLIEST_RETRY_MAX) {
    // Spreading must never cost a placement: the earliest-first plan wins when it places more.
    const early = buildContext(template, cohort, { ...options, load: "earliest" }, occupancy?.());
    planAll(early);
    if (placements(early.drafts) > placements(ctx.drafts)) ctx = early;
    if (stranded(ctx).size === 0) return ctx;
  }
  const searched = searchComplete(template, cohort, options);
  return searched !== undefined && placements(searched.drafts) > placements(ctx.drafts) ? searched : ctx;
}

/** @internal The benchmark swaps in a naive conflict checker through this (a fresh one per planning pass). */
export function _planCohortWith(
  template: ParcoursTemplate,
  cohort: Cohort,
  options: PlanCohortOptions,
  occupancy?: () => Occupancy,
): CohortPlan {
  return finishPlan(planContext(template, cohort, options, occupancy), 0);
}

/**
 * Plans a cohort through a parcours template: a dated schedule of sessions on the working days of the
 * cohort's calendar zone (weekends, public holidays and closing days skipped), within opening hours and
 * outside breaks, each activity inside its phase's window. Participants are split into groups within
 * capacity (activity limits and room seats), after their prerequisites, never on their unavailable days,
 * remote-only people in remote sessions; no participant, room, facilitator or speaker is ever
 * double-booked. With `balanceOn`, each group mirrors the strata (e.g. gender × territory kind) of the
 * people still to place. Deterministic: same input, same plan.
 *
 * Rooms must have the equipment an activity needs (`needs.equipment`) and the participants require
 * (`requires`). Remote-only people too few for a remote group join an on-site session by video, or a
 * remote group runs below the minimum, said in `adjustments`. When the greedy pass strands someone, a
 * repair runs, and on cohorts of up to 30 people an exact search that finds a complete schedule when
 * one exists. The load objective (`load: "balanced"` by default: at most `maxDailyMinutes` a day where
 * avoidable, least-loaded days first) comes with its figures in `load`.
 *
 * What cannot be met is listed in `unmet` (which constraint, for whom, why), never thrown and never
 * silently dropped: every participant is either in one session of each activity or named in `unmet`.
 *
 * @param template - the parcours (e.g. {@link PARCOURS_EXPRESS})
 * @param cohort - participants, resources, start date, calendar zone and time zone
 * @param options - {@link PlanCohortOptions}: `balanceOn`, `slotMinutes` (15), `seed`, `load`, `maxDailyMinutes`
 * @returns the plan: `sessions`, `assignments` (participant → session per activity), `unmet`, the
 *   working `days`, and the inputs, so it can be re-planned and exported
 * @throws {DeclicsError} `invalid_input` when the template, cohort or options fail their schema (the
 *   template's checks include unknown phases or prerequisites, duplicate ids and cycles);
 *   `invalid_template` when an activity is longer than the cohort's longest opening block;
 *   `invalid_template` when a prerequisite's phase starts after its dependant's phase ends;
 *   `invalid_option` when opening hours close before they open, a break ends before it starts, or the
 *   cohort × days × slots grid would exceed 10⁹ cells (use a coarser `slotMinutes`)
 * @example
 * ```ts
 * import { planCohort, PARCOURS_EXPRESS } from "declics/curriculum";
 *
 * const plan = planCohort(PARCOURS_EXPRESS, {
 *   id: "toulouse-2020", title: "Toulouse", startDate: "2020-09-28",
 *   participants: [{ id: "p1" }, { id: "p2" }, { id: "p3" }, { id: "p4" }, { id: "p5" }],
 *   resources: [
 *     { id: "room", kind: "room", name: "Salle 1", capacity: 30 },
 *     { id: "f1", kind: "facilitator", name: "Conseillère" },
 *     { id: "s1", kind: "speaker", name: "Intervenante" },
 *   ],
 * });
 * plan.sessions[0]?.date;
 * // => "2020-09-28"
 * plan.unmet.length;
 * // => 0
 * ```
 * @category Planning
 */
export function planCohort(
  template: ParcoursTemplateInput,
  cohort: CohortInput,
  options: PlanCohortOptionsInput = {},
): CohortPlan {
  const t = parseWith(ParcoursTemplate, template, { module: "curriculum", what: "parcours template" });
  const c = parseWith(Cohort, cohort, { module: "curriculum", what: "cohort" });
  const o = parseWith(PlanCohortOptions, options, { module: "curriculum", what: "planCohort options" });
  return _planCohortWith(t, c, o);
}
