/**
 * Private, unvalidated interval formulas shared by the public metrics. Each cites the published formula.
 */
import { betaQuantile, zFor } from "./_stats.js";
import type { Estimate, IntervalMethod, Metric, NotComputable, NotComputableReason } from "./schema.js";

const MESSAGES: Record<NotComputableReason, string> = {
  empty_group: "the group has no participant",
  zero_denominator: "the denominator is zero",
  zero_count: "a count is zero, so the log-ratio is undefined",
  zero_reference: "the reference share is zero",
  no_reference: "the reference population has no share for this category",
  no_target: "no target was given",
  secret_statistique:
    "hidden (secret statistique): a count behind it is small, or would let a hidden count be recomputed",
};

/** A not-computable metric with its reason. */
export function notComputable(reason: NotComputableReason, detail?: string): NotComputable {
  return {
    computable: false,
    reason,
    message: detail === undefined ? MESSAGES[reason] : `${MESSAGES[reason]}: ${detail}`,
  };
}

function estimate(value: number, lower: number, upper: number, confidence: number, method: string): Estimate {
  return { computable: true, value, lower, upper, confidence, method };
}

/**
 * Wilson score interval (Wilson 1927, JASA 22:209-212):
 *   centre = (p + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · sqrt(p(1-p)/n + z²/4n²).
 */
export function wilsonBounds(x: number, n: number, z: number): [number, number] {
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At x = 0 or x = n the bound is exactly 0 or 1; clamp rounding noise.
  return [x === 0 ? 0 : Math.max(0, centre - half), x === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Clopper-Pearson "exact" interval (Clopper & Pearson 1934, Biometrika 26:404-413), through the beta
 * quantile: lower = B⁻¹(α/2; x, n-x+1), upper = B⁻¹(1-α/2; x+1, n-x); 0 at x = 0 and 1 at x = n.
 */
export function clopperPearsonBounds(x: number, n: number, confidence: number): [number, number] {
  const alpha = 1 - confidence;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return [lower, upper];
}

/**
 * Agresti-Coull interval (Agresti & Coull 1998, The American Statistician 52:119-126):
 *   ñ = n + z², p̃ = (x + z²/2) / ñ, p̃ ± z sqrt(p̃(1-p̃)/ñ), clipped to [0, 1].
 */
export function agrestiCoullBounds(x: number, n: number, z: number): [number, number] {
  const nt = n + z * z;
  const pt = (x + (z * z) / 2) / nt;
  const half = z * Math.sqrt((pt * (1 - pt)) / nt);
  return [Math.max(0, pt - half), Math.min(1, pt + half)];
}

/** A proportion x/n with its interval; not computable when n = 0. `z` must match `confidence`. */
export function proportion(
  x: number,
  n: number,
  method: IntervalMethod,
  confidence: number,
  z: number = zFor(confidence),
): Metric {
  if (n === 0) return notComputable("zero_denominator");
  const bounds =
    method === "wilson"
      ? wilsonBounds(x, n, z)
      : method === "clopper_pearson"
        ? clopperPearsonBounds(x, n, confidence)
        : agrestiCoullBounds(x, n, z);
  return estimate(x / n, bounds[0], bounds[1], confidence, method);
}

/**
 * Ratio of two independent proportions p1/p2 with the Katz log interval (Katz, Baptista, Azen & Pike
 * 1978, Biometrics 34:469-474): exp( ln(p1/p2) ± z sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2) ).
 */
export function katzRatio(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence: number,
  z: number = zFor(confidence),
): Metric {
  if (n1 === 0 || n2 === 0) return notComputable("zero_denominator");
  if (x2 === 0) return notComputable("zero_count", "the comparison group has no event");
  if (x1 === 0) return notComputable("zero_count", "the group has no event");
  const ratio = x1 / n1 / (x2 / n2);
  const se = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
  return estimate(ratio, ratio * Math.exp(-z * se), ratio * Math.exp(z * se), confidence, "katz_log");
}

/**
 * Difference of two independent proportions p1 - p2 with Newcombe's hybrid score interval (Newcombe 1998,
 * Statistics in Medicine 17:873-890, method 10), from the Wilson limits (l1, u1) and (l2, u2):
 *   lower = d - sqrt((p1-l1)² + (u2-p2)²),  upper = d + sqrt((u1-p1)² + (p2-l2)²).
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence: number,
  z: number = zFor(confidence),
): Metric {
  if (n1 === 0 || n2 === 0) return notComputable("zero_denominator");
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const [l1, u1] = wilsonBounds(x1, n1, z);
  const [l2, u2] = wilsonBounds(x2, n2, z);
  const d = p1 - p2;
  return estimate(
    d,
    d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
    confidence,
    "newcombe_hybrid_score",
  );
}

/** Ratio p/ref of an estimated proportion to a known constant share: the interval of p divided by ref. */
export function ratioToFixed(p: Metric, reference: number): Metric {
  if (!p.computable) return p;
  if (reference === 0) return notComputable("zero_reference");
  return estimate(
    p.value / reference,
    p.lower / reference,
    p.upper / reference,
    p.confidence,
    `${p.method}_over_fixed_reference`,
  );
}

/** Difference p - ref of an estimated proportion and a known constant share. */
export function differenceToFixed(p: Metric, reference: number): Metric {
  if (!p.computable) return p;
  return estimate(
    p.value - reference,
    p.lower - reference,
    p.upper - reference,
    p.confidence,
    `${p.method}_minus_fixed_reference`,
  );
}
