/**
 * Private IRT kernels on flat memory. Public functions validate their input and call these.
 * @module
 */
import { DeclicsError, type Expectation } from "../errors.js";
import { rule } from "../_lib/messages/vocabulary.js";
import { assessmentError } from "./_errors.js";
import type { AbilityPrior, QuadratureGrid } from "./ability.js";

/** P(correct) under the 3PL model (Rasch and 2PL are special cases). */
export function probability(a: number, b: number, c: number, theta: number): number {
  return c + (1 - c) / (1 + Math.exp(-a * (theta - b)));
}

/** The logistic function 1 / (1 + exp(-eta)): P(correct) of a 2PL item in slope-intercept form. */
export function logistic(eta: number): number {
  return 1 / (1 + Math.exp(-eta));
}

/**
 * log(logistic(eta)), computed stably on both sides (never log(0) for a steep item far from theta);
 * log(1 - logistic(eta)) is `logLogistic(-eta)`.
 */
export function logLogistic(eta: number): number {
  return eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
}

/** Fisher information of a 3PL item at theta: a^2 (1 - P)/P ((P - c)/(1 - c))^2. */
export function information(a: number, b: number, c: number, theta: number): number {
  const p = probability(a, b, c, theta);
  if (p <= 0 || p >= 1) return 0;
  const r = (p - c) / (1 - c);
  return (a * a * (1 - p) * r * r) / p;
}

/** A quadrature grid with its log prior. */
export interface Grid {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly nodes: Float64Array;
  readonly logPrior: Float64Array;
  readonly key: string;
}

export function gridKey(grid: QuadratureGrid): string {
  return `${grid.min}:${grid.max}:${grid.points}`;
}

function priorError(expected: Expectation, received: string): DeclicsError<"invalid_option"> {
  return assessmentError({
    code: "invalid_option",
    module: "assessment",
    details: { option: "prior", expected, received },
  });
}

/**
 * Builds the nodes and log prior weights of a grid, normalised to sum to 1 (in log space, so a narrow
 * normal prior never underflows). Refuses priors that do not fit the grid: explicit weights of another
 * length, weights that are all zero, a normal prior whose mean lies outside the grid.
 */
export function buildGrid(grid: QuadratureGrid, prior: AbilityPrior): Grid {
  const q = grid.points;
  const step = (grid.max - grid.min) / (q - 1);
  const nodes = new Float64Array(q);
  const logW = new Float64Array(q);
  for (let i = 0; i < q; i++) nodes[i] = grid.min + i * step;
  if (prior.kind === "normal") {
    if (!(prior.mean >= grid.min && prior.mean <= grid.max))
      throw priorError(
        rule(
          `a normal prior whose mean lies within the grid [${grid.min}, ${grid.max}]`,
          `une loi a priori normale de moyenne comprise dans la grille [${grid.min}, ${grid.max}]`,
        ),
        `{ mean: ${prior.mean} }`,
      );
    for (let i = 0; i < q; i++) {
      const z = (nodes[i]! - prior.mean) / prior.sd;
      logW[i] = -0.5 * z * z;
    }
  } else if (prior.kind === "weights") {
    if (prior.weights.length !== q)
      throw priorError(
        rule(`one weight per grid point (${q})`, `un poids par point de la grille (${q})`),
        `Array(${prior.weights.length})`,
      );
    if (!prior.weights.some((w) => w > 0))
      throw priorError(rule("at least one positive weight", "au moins un poids positif"), "[0, …]");
    const infinite = prior.weights.find((w) => !Number.isFinite(w));
    if (infinite !== undefined) throw priorError(rule("finite weights", "des poids finis"), String(infinite));
    for (let i = 0; i < q; i++) logW[i] = prior.weights[i]! > 0 ? Math.log(prior.weights[i]!) : -Infinity;
  }
  let max = -Infinity;
  for (let i = 0; i < q; i++) if (logW[i]! > max) max = logW[i]!;
  let total = 0;
  for (let i = 0; i < q; i++) total += Math.exp(logW[i]! - max);
  const logTotal = max + Math.log(total);
  const logPrior = new Float64Array(q);
  for (let i = 0; i < q; i++) logPrior[i] = logW[i]! - logTotal;
  return { min: grid.min, max: grid.max, step, nodes, logPrior, key: gridKey(grid) };
}

/** Posterior summary on a grid. `post` receives the normalised posterior weights. */
export interface PosteriorSummary {
  theta: number;
  se: number;
  /** Log of the normalising constant: the log marginal likelihood of the responses (plus the log prior's). */
  logMarginal: number;
}

/**
 * Normalises `logPost` (log prior + log likelihood) into `post` and returns the posterior mean and SD.
 * Shifting by the maximum keeps exp() in range whatever the number of responses.
 */
export function summarisePosterior(logPost: Float64Array, nodes: Float64Array, post: Float64Array): PosteriorSummary {
  const q = nodes.length;
  let max = -Infinity;
  for (let i = 0; i < q; i++) if (logPost[i]! > max) max = logPost[i]!;
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < q; i++) {
    const w = Math.exp(logPost[i]! - max);
    post[i] = w;
    s0 += w;
    s1 += w * nodes[i]!;
  }
  const mean = s1 / s0;
  let s2 = 0;
  for (let i = 0; i < q; i++) {
    const p = post[i]! / s0;
    post[i] = p;
    const d = nodes[i]! - mean;
    s2 += p * d * d;
  }
  return { theta: mean, se: Math.sqrt(s2), logMarginal: max + Math.log(s0) };
}

/** Adds the log likelihood of one response to `logPost`, computing P on the fly. */
export function addResponse(
  logPost: Float64Array,
  nodes: Float64Array,
  a: number,
  b: number,
  c: number,
  correct: boolean,
): void {
  for (let i = 0; i < nodes.length; i++) {
    const p = probability(a, b, c, nodes[i]!);
    logPost[i] = logPost[i]! + (correct ? Math.log(p) : Math.log1p(-p));
  }
}

/** Level (1-8) of an ability: one plus the number of cuts at or below it. */
export function levelOf(theta: number, cuts: readonly number[]): number {
  let level = 1;
  for (const cut of cuts) if (theta >= cut) level++;
  return level;
}

/** Posterior probability of each level band (index 0 = level 1). */
export function levelPosterior(post: Float64Array, nodes: Float64Array, cuts: readonly number[]): number[] {
  const out = Array.from({ length: cuts.length + 1 }, () => 0);
  for (let i = 0; i < nodes.length; i++) {
    const level = levelOf(nodes[i]!, cuts);
    out[level - 1] = out[level - 1]! + post[i]!;
  }
  return out;
}

/** Responses as parallel arrays, the estimators' input. */
export interface FlatResponses {
  readonly a: ArrayLike<number>;
  readonly b: ArrayLike<number>;
  readonly c: ArrayLike<number>;
  readonly x: ArrayLike<number>;
  readonly n: number;
}

/** Log likelihood and its first derivative at theta. */
function logLikAndSlope(r: FlatResponses, theta: number): [number, number] {
  let ll = 0;
  let d1 = 0;
  for (let j = 0; j < r.n; j++) {
    const a = r.a[j]!;
    const c = r.c[j]!;
    const p = probability(a, r.b[j]!, c, theta);
    const pStar = (p - c) / (1 - c);
    // d/dtheta log P = a (P - c)(1 - P) / ((1 - c) P); d/dtheta log(1 - P) = -a (P - c)/(1 - c)
    if (r.x[j]! === 1) {
      ll += Math.log(p);
      d1 += (a * pStar * (1 - p)) / p;
    } else {
      ll += Math.log1p(-p);
      d1 -= a * pStar;
    }
  }
  return [ll, d1];
}

/** Test information at theta. */
export function testInformation(r: FlatResponses, theta: number): number {
  let total = 0;
  for (let j = 0; j < r.n; j++) total += information(r.a[j]!, r.b[j]!, r.c[j]!, theta);
  return total;
}

/** MLE result before wrapping. */
export interface MleCore {
  theta: number | null;
  se: number | null;
  rule: "interior" | "boundary" | "all_correct_bound" | "all_incorrect_bound" | "no_responses";
}

/**
 * Maximum likelihood ability within [lo, hi].
 *
 * Rule for extreme patterns: when every answer is correct (or every one incorrect) the likelihood
 * increases (decreases) without bound, so the MLE does not exist; the estimate is then the upper (lower)
 * bound, flagged `all_correct_bound` (`all_incorrect_bound`), with the SE at that bound. Bounding keeps
 * the estimate monotone in the answers: no mixed pattern can score above an all-correct one.
 *
 * Otherwise the global maximum is found by a scan over 161 points (3PL likelihoods can have several
 * local maxima) and refined by bisection on the score function within the best bracket.
 */
export function mle(r: FlatResponses, lo: number, hi: number): MleCore {
  if (r.n === 0) return { theta: null, se: null, rule: "no_responses" };
  let correct = 0;
  for (let j = 0; j < r.n; j++) correct += r.x[j]!;
  const seAt = (t: number): number => {
    const info = testInformation(r, t);
    return info > 0 ? 1 / Math.sqrt(info) : Number.MAX_VALUE;
  };
  if (correct === r.n) return { theta: hi, se: seAt(hi), rule: "all_correct_bound" };
  if (correct === 0) return { theta: lo, se: seAt(lo), rule: "all_incorrect_bound" };
  const scan = 161;
  const h = (hi - lo) / (scan - 1);
  let best = 0;
  let bestLl = -Infinity;
  for (let i = 0; i < scan; i++) {
    const [ll] = logLikAndSlope(r, lo + i * h);
    if (ll > bestLl) {
      bestLl = ll;
      best = i;
    }
  }
  let left = lo + Math.max(0, best - 1) * h;
  let right = lo + Math.min(scan - 1, best + 1) * h;
  const [, slopeLeft] = logLikAndSlope(r, left);
  const [, slopeRight] = logLikAndSlope(r, right);
  let theta: number;
  if (slopeLeft <= 0 && best === 0) theta = lo;
  else if (slopeRight >= 0 && best === scan - 1) theta = hi;
  else if (slopeLeft > 0 && slopeRight < 0) {
    for (let it = 0; it < 60 && right - left > 1e-10; it++) {
      const mid = 0.5 * (left + right);
      const [, s] = logLikAndSlope(r, mid);
      if (s > 0) left = mid;
      else right = mid;
    }
    theta = 0.5 * (left + right);
  } else {
    theta = lo + best * h;
  }
  const rule = theta <= lo || theta >= hi ? "boundary" : "interior";
  return { theta, se: seAt(theta), rule };
}
