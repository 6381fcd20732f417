/**
 * The eligibility engine, in four stages, each in its own file:
 * - `_regimes.ts`: which QPV generation and rural zoning are in force on a day, and the days the data covers;
 * - `_context.ts`: the query context of a call (data, day, time zone, policy) with per-commune outcomes
 *   precomputed once per (regimes, policy), and the day plan that picks a context per territory;
 * - `_classify-point.ts`: the per-point hot path (no allocation) that fills a reusable outcome;
 * - `_materialise.ts`: the full, evidenced results built from outcomes and commune codes, and row errors.
 * This file names what the public operations use from them.
 * @module
 */
export { DATE_RANGE } from "./_regimes.js";
export { planFor, type DayPlan } from "./_context.js";
export { Flag, RowError, StatusCode, classifyPoint, newOutcome, type PointOutcome } from "./_classify-point.js";
export { STATUS_NAMES, materialiseCommune, materialisePoint, rowError } from "./_materialise.js";
