import type * as z from "zod/v4";
import { parseWith } from "../_lib/parse.js";
import { trustedPlan } from "./_checked-plan.js";
import { finishPlan } from "./_finish.js";
import { planContext } from "./_plan-context.js";
import {
  Cohort,
  type CohortInput,
  type CohortPlan,
  ParcoursTemplate,
  type ParcoursTemplateInput,
  PlanSettings,
} from "./schema.js";

/** Options of {@link planCohort}: the plan's settings as given (defaults are filled in and kept in `plan.options`). */
export type PlanCohortOptions = z.input<typeof PlanSettings>;

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
 * Days (start date, closing days, people's and resources' days) are calendar days `"YYYY-MM-DD"` or
 * `Date` instants; a `Date` is read as the day it is in the cohort's time zone (its `timeZone`, else its
 * calendar zone's: Europe/Paris, Indian/Reunion, America/Cayenne…), whatever the process time zone, and
 * listed in `plan.cohort.datesRead` with the day used and the time zone.
 *
 * @param cohort - participants, resources, start date, calendar zone and time zone
 * @param options - {@link PlanCohortOptions}: `balanceOn`, `slotMinutes` (15), `seed`, `load`, `maxDailyMinutes`
 * @returns the plan: `sessions`, `assignments` (participant → session per activity), `unmet`, the
 *   working `days`, and the inputs, so it can be re-planned and exported
 * @throws {DeclicsError} `invalid_input` when the template, cohort or options fail their schema (the
 *   template's checks include unknown phases or prerequisites, duplicate ids and cycles; a malformed day
 *   such as `"2025-02-30"` or `"1/5/2025"` is named by its field, e.g. `participants.3.unavailableDays.0`);
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
  options: PlanCohortOptions = {},
): CohortPlan {
  const t = parseWith(ParcoursTemplate, template, { module: "curriculum", what: "parcours template" });
  const c = parseWith(Cohort, cohort, { module: "curriculum", what: "cohort" });
  const o = parseWith(PlanSettings, options, { module: "curriculum", what: "planCohort options" });
  return trustedPlan(finishPlan(planContext(t, c, o), 0));
}
