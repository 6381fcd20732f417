/** Private: what a chart drawn from the protected report must not draw. */
import type { Metric, ProtectedCell } from "./schema.js";

/**
 * Whether a figure is hidden by the report: its metric says `secret_statistique`, or a count behind it is
 * suppressed. Charts draw only what the report publishes, so the report's protection covers them.
 */
export function isHiddenFigure(value: Metric | undefined, ...counts: (ProtectedCell | undefined)[]): boolean {
  if (value !== undefined && !value.computable && value.reason === "secret_statistique") return true;
  return counts.some((c) => c !== undefined && c.status === "suppressed");
}

/** The value of a published count, or null. */
export function shownCount(cell: ProtectedCell | undefined): number | null {
  return cell !== undefined && cell.status === "published" ? cell.value : null;
}
