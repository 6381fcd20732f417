import { parseWith } from "../_lib/parse.js";
import { CohortPlan } from "./schema.js";

/**
 * Plans validated once. A plan is a large object (a 2,000-person cohort, thousands of sessions) that the
 * exporters read many times — `declics plan` writes one calendar per person — so the plans planCohort and
 * replanCohort return, and those an operation has validated, are remembered here (by identity, weakly)
 * and not validated again. Edits make new objects (`{ ...plan, cohort: … }`), which are validated afresh.
 */
const validated = new WeakSet<object>();

/** Remembers a plan this module built (its invariants hold by construction). */
export function trustedPlan(plan: CohortPlan): CohortPlan {
  validated.add(plan);
  return plan;
}

/** The plan, validated against its schema unless this very object already was. */
export function checkedPlan(input: CohortPlan): CohortPlan {
  if (typeof input === "object" && input !== null && validated.has(input)) return input;
  return trustedPlan(parseWith(CohortPlan, input, { module: "curriculum", what: "plan" }));
}
