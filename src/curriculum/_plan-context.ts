import { buildContext, type Context } from "./_context.js";
import { pruneUnmet, stranded } from "./_explain.js";
import type { Occupancy } from "./_occupancy.js";
import { planAll } from "./_plan-all.js";
import { repair } from "./_replan-repair.js";
import { placements, searchComplete } from "./_search.js";
import type { Cohort, ParcoursTemplate, PlanSettings } from "./schema.js";

/** Cohorts up to this size are also planned earliest-first when the balanced plan strands someone. */
const EARLIEST_RETRY_MAX = 1_000;

/**
 * The planning pipeline on validated inputs, shared by planCohort and replanCohort: greedy plan; on a
 * small cohort where it strands someone, the exact search's plan when it places more. `occupancy` makes
 * a fresh conflict checker per planning pass (default: the indexed grid); this private module is what
 * bench/curriculum imports by path to plan with its naive baseline.
 */
export function planContext(
  template: ParcoursTemplate,
  cohort: Cohort,
  options: PlanSettings,
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
