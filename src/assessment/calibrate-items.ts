import * as z from "zod/v4";
import { QuadratureGrid } from "./ability.js";
import { parseWith } from "../_lib/parse.js";
import { buildGrid, type Grid, logistic, logLogistic, probability, summarisePosterior } from "./_irt.js";
import { ResponseMatrix } from "./response-matrix.js";

/** Options of `calibrateItems`. */
const Options = z.object({
  model: z.enum(["rasch", "2pl"]).default("rasch"),
  grid: QuadratureGrid.prefault({ min: -5, max: 5, points: 41 }),
  maxIterations: z.number().int().min(1).max(10_000).default(500),
  tolerance: z.number().positive().default(1e-4),
  /** 2PL only: standard deviation of the log-normal prior on `a` (MAP), which keeps slopes finite. */
  slopePriorSd: z.number().positive().default(1),
});
/** Options of `calibrateItems`. */
export type CalibrateItemsOptions = z.input<typeof Options>;

/** One calibrated item, or why it could not be calibrated. */
export interface CalibratedItem {
  readonly itemId: string;
  readonly status: "calibrated" | "not_estimable";
  /** Why the item is not estimable (e.g. everyone answered correctly), when it is not. */
  readonly reason: string | null;
  readonly irt: { readonly a: number; readonly b: number; readonly c: number } | null;
  readonly seA: number | null;
  readonly seB: number | null;
  readonly answered: number;
  /** Share of correct answers among those who answered (classical difficulty p-value). */
  readonly pValue: number | null;
  /** Information-weighted mean square (expected 1; above 1.3 or below 0.7 deserves a look). */
  readonly infit: number | null;
  /** Unweighted mean square, sensitive to outliers (expected 1). */
  readonly outfit: number | null;
}

/** The result of a calibration. */
export interface Calibration {
  readonly model: "rasch" | "2pl";
  readonly method: "mml_em";
  readonly converged: boolean;
  readonly iterations: number;
  readonly logLikelihood: number;
  /** Rasch: estimated standard deviation of ability in the population (mean fixed at 0). 2PL: 1. */
  readonly populationSd: number;
  readonly items: readonly CalibratedItem[];
  /** Persons excluded from estimation because they answered nothing (row indices). */
  readonly emptyRows: readonly number[];
}

/**
 * Estimates item parameters from a response matrix, for analysts turning provisional parameters into
 * calibrated ones. Method: marginal maximum likelihood by EM (Bock-Aitkin) on a quadrature grid, which
 * handles missing answers naturally (a missing cell simply contributes nothing) and, unlike joint ML,
 * gives consistent item estimates without a bias correction.
 *
 * - `rasch`: P = 1 / (1 + exp(-(theta - b))), theta ~ N(0, sigma^2) with sigma estimated (the scale is the
 *   Rasch logit; the population mean is fixed at 0 for identification).
 * - `2pl`: P = 1 / (1 + exp(-a (theta - b))), theta ~ N(0, 1); a log-normal prior on `a` (sd
 *   `slopePriorSd`) keeps slopes finite on small samples (MAP for `a`, ML for `b`).
 *
 * Items that everyone (or no one) who answered got right, or that nobody answered, have no finite
 * estimate: they come back `not_estimable` with the reason, never dropped. Persons with no answer are
 * listed in `emptyRows` and left out. Standard errors come from the expected-count Hessian at
 * convergence (they ignore the missing-information correction, so they are slightly optimistic).
 * Fit: infit and outfit mean squares per item, with person abilities at their EAP; values near 1 mean
 * the item fits, above about 1.3 it is noisier than the model expects, below about 0.7 too predictable.
 *
 * @param matrix - `{ itemIds, rows }`, rows of 1 / 0 / null (missing)
 * @param options - `model` ("rasch" or "2pl"), `grid` (default 41 points on [-5, 5]), `maxIterations`,
 *   `tolerance` (largest parameter change, default 1e-4), `slopePriorSd`
 * @returns the parameters with SEs, p-values and fit per item, convergence and log-likelihood
 * @throws {DeclicsError} `invalid_input` when the matrix is malformed (row lengths, duplicate ids, values)
 * @example
 * ```ts
 * import { calibrateItems } from "declics/assessment";
 * const rows = [[1, 0, 1], [1, 1, 0], [0, 0, 1], [1, null, 0], [1, 1, 1], [0, 0, 0], [1, 0, null]];
 * const c = calibrateItems({ itemIds: ["q1", "q2", "q3"], rows: rows as (0 | 1 | null)[][] });
 * c.items[0]!.irt!.b < c.items[1]!.irt!.b; // q1 is easier than q2
 * // => true
 * ```
 * @category Calibration
 */
export function calibrateItems(matrix: ResponseMatrix, options: CalibrateItemsOptions = {}): Calibration {
  const m = parseWith(ResponseMatrix, matrix, { module: "assessment", what: "response matrix" });
  const o = parseWith(Options, options, { module: "assessment", what: "calibration options" });
  const data = readResponses(m);
  const grid = buildGrid(o.grid, { kind: "normal", mean: 0, sd: 1 });
  const em = new EmCalibration(data, grid, o.model === "2pl", o.slopePriorSd * o.slopePriorSd);
  const { converged, iterations } = iterate(em, o.maxIterations, o.tolerance);
  em.fillTables();
  const logLikelihood = em.eStep();
  return {
    model: o.model,
    method: "mml_em",
    converged,
    iterations,
    logLikelihood,
    populationSd: em.is2pl ? 1 : em.sigma,
    items: m.itemIds.map((itemId, j) => em.calibratedItem(itemId, j)),
    emptyRows: data.emptyRows,
  };
}

/** EM cycles until the largest parameter change falls below `tolerance`, or `maxIterations` cycles. */
function iterate(
  em: EmCalibration,
  maxIterations: number,
  tolerance: number,
): { converged: boolean; iterations: number } {
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    em.fillTables();
    em.eStep();
    if (em.mStep() < tolerance) return { converged: true, iterations: iteration };
  }
  return { converged: false, iterations: maxIterations };
}

/** The response matrix in flat form: persons with at least one answer, cells person-major, -1 for missing. */
interface Responses {
  readonly persons: number;
  readonly items: number;
  readonly x: Int8Array;
  readonly answered: Int32Array;
  readonly correct: Int32Array;
  /** Why each item has no finite estimate, or null when it has one. */
  readonly reason: readonly (string | null)[];
  /** 1 for items that are estimated (reason null), 0 for the others. */
  readonly active: Uint8Array;
  readonly emptyRows: number[];
}

function readResponses(m: ResponseMatrix): Responses {
  const J = m.itemIds.length;
  const emptyRows: number[] = [];
  const kept: number[] = [];
  m.rows.forEach((row, i) => (row.some((v) => v !== null) ? kept.push(i) : emptyRows.push(i)));
  const x = new Int8Array(kept.length * J).fill(-1);
  const answered = new Int32Array(J);
  const correct = new Int32Array(J);
  kept.forEach((ri, n) => {
    const row = m.rows[ri]!;
    for (let j = 0; j < J; j++) {
      const v = row[j];
      if (v === null || v === undefined) continue;
      x[n * J + j] = v;
      answered[j] = answered[j]! + 1;
      correct[j] = correct[j]! + v;
    }
  });
  const reason = Array.from({ length: J }, (_, j) => notEstimableReason(answered[j]!, correct[j]!));
  const active = Uint8Array.from(reason, (r) => (r === null ? 1 : 0));
  return { persons: kept.length, items: J, x, answered, correct, reason, active, emptyRows };
}

function notEstimableReason(answered: number, correct: number): string | null {
  if (answered === 0) return "nobody answered";
  if (correct === answered) return "everyone who answered was right";
  if (correct === 0) return "everyone who answered was wrong";
  return null;
}

/**
 * The state of a Bock-Aitkin EM run, in flat memory. Items are in slope-intercept form on the standard
 * grid z: eta = slope * z + d. 2PL: one slope per item; Rasch: one slope shared by all items, `sigma`, the
 * population SD of ability on the logit scale (b = -d). Tables are item-major (item * Q + node).
 */
class EmCalibration {
  sigma = 1;
  readonly slope: Float64Array;
  readonly d: Float64Array;
  private readonly logP: Float64Array;
  private readonly log1mP: Float64Array;
  /** Expected correct answers (r) and expected answers (nq) per item and node, from the last E-step. */
  private readonly r: Float64Array;
  private readonly nq: Float64Array;
  private readonly post: Float64Array;
  /** EAP of each person on the standard grid, from the last E-step. */
  private readonly thetaHat: Float64Array;
  /** [H_aa, H_ad, H_dd] of each item at the last M-step, for standard errors. */
  private readonly hessians: Float64Array;
  /** Gradient and Hessian of the last item derivative pass: [g_a, g_d, H_aa, H_ad, H_dd]. */
  private readonly g = new Float64Array(5);

  constructor(
    private readonly data: Responses,
    private readonly grid: Grid,
    readonly is2pl: boolean,
    private readonly slopePriorVariance: number,
  ) {
    const J = data.items;
    const Q = grid.nodes.length;
    this.slope = new Float64Array(J).fill(1);
    this.d = new Float64Array(J);
    for (let j = 0; j < J; j++) {
      if (data.active[j] === 1) {
        const p = (data.correct[j]! + 0.5) / (data.answered[j]! + 1);
        this.d[j] = Math.log(p / (1 - p));
      }
    }
    this.logP = new Float64Array(J * Q);
    this.log1mP = new Float64Array(J * Q);
    this.r = new Float64Array(J * Q);
    this.nq = new Float64Array(J * Q);
    this.post = new Float64Array(Q);
    this.thetaHat = new Float64Array(data.persons);
    this.hessians = new Float64Array(J * 3);
  }

  private slopeOf(j: number): number {
    return this.is2pl ? this.slope[j]! : this.sigma;
  }

  /** log P and log(1 - P) of every item at every node, for the current parameters. */
  fillTables(): void {
    const z = this.grid.nodes;
    const Q = z.length;
    for (let j = 0; j < this.data.items; j++) {
      const a = this.slopeOf(j);
      for (let q = 0; q < Q; q++) {
        const eta = a * z[q]! + this.d[j]!;
        this.logP[j * Q + q] = logLogistic(eta);
        this.log1mP[j * Q + q] = logLogistic(-eta);
      }
    }
  }

  /** Posterior of each person on the grid; accumulates expected counts. Returns the marginal log-likelihood. */
  eStep(): number {
    const { x, active, items: J, persons: N } = this.data;
    const { r, nq, post } = this;
    const z = this.grid.nodes;
    const logW = this.grid.logPrior;
    const Q = z.length;
    r.fill(0);
    nq.fill(0);
    let ll = 0;
    for (let n = 0; n < N; n++) {
      for (let q = 0; q < Q; q++) post[q] = logW[q]!;
      const row = n * J;
      for (let j = 0; j < J; j++) {
        const v = x[row + j]!;
        if (v < 0 || active[j] === 0) continue;
        const t = v === 1 ? this.logP : this.log1mP;
        const base = j * Q;
        for (let q = 0; q < Q; q++) post[q] = post[q]! + t[base + q]!;
      }
      const summary = summarisePosterior(post, z, post);
      ll += summary.logMarginal;
      this.thetaHat[n] = summary.theta;
      for (let j = 0; j < J; j++) {
        const v = x[row + j]!;
        if (v < 0 || active[j] === 0) continue;
        const base = j * Q;
        for (let q = 0; q < Q; q++) {
          nq[base + q] = nq[base + q]! + post[q]!;
          if (v === 1) r[base + q] = r[base + q]! + post[q]!;
        }
      }
    }
    return ll;
  }

  /** Newton steps on every item (and on sigma for Rasch). Returns the largest parameter change. */
  mStep(): number {
    let change = 0;
    for (let j = 0; j < this.data.items; j++) {
      if (this.data.active[j] === 0) continue;
      for (let it = 0; it < (this.is2pl ? 3 : 2); it++) change = Math.max(change, this.itemStep(j));
    }
    return this.is2pl ? change : Math.max(change, this.sigmaSteps());
  }

  /** Gradient and Hessian of item j's expected log-likelihood in (slope, d) at slope `a`, into `this.g`. */
  private itemDerivatives(j: number, a: number): void {
    const z = this.grid.nodes;
    const Q = z.length;
    const base = j * Q;
    let ga = 0;
    let gd = 0;
    let haa = 0;
    let had = 0;
    let hdd = 0;
    for (let q = 0; q < Q; q++) {
      const p = logistic(a * z[q]! + this.d[j]!);
      const resid = this.r[base + q]! - this.nq[base + q]! * p;
      const w = this.nq[base + q]! * p * (1 - p);
      gd += resid;
      hdd -= w;
      ga += resid * z[q]!;
      had -= w * z[q]!;
      haa -= w * z[q]! * z[q]!;
    }
    this.g.set([ga, gd, haa, had, hdd]);
    this.hessians.set([haa, had, hdd], j * 3);
  }

  /** One Newton step on item j: d only (Rasch), or slope and d under the log-normal slope prior (2PL). */
  private itemStep(j: number): number {
    const a = this.slopeOf(j);
    this.itemDerivatives(j, a);
    const g = this.g;
    const gd = g[1]!;
    const had = g[3]!;
    const hdd = g[4]!;
    if (!this.is2pl) {
      let step = -gd / hdd;
      if (Math.abs(step) > 1) step = Math.sign(step);
      this.d[j] = this.d[j]! + step;
      return Math.abs(step);
    }
    const s2 = this.slopePriorVariance;
    const la = Math.log(a);
    const ga = g[0]! - la / (a * s2);
    const haa = g[2]! - (1 - la) / (a * a * s2);
    const det = haa * hdd - had * had;
    if (!(det > 0)) {
      const step = -gd / hdd;
      this.d[j] = this.d[j]! + step;
      return Math.abs(step);
    }
    let da = -(hdd * ga - had * gd) / det;
    let dd = -(-had * ga + haa * gd) / det;
    // Keep the slope positive and steps moderate.
    const largest = Math.max(Math.abs(da), Math.abs(dd));
    const scale = largest > 1 ? 1 / largest : 1;
    da *= scale;
    dd *= scale;
    while (a + da <= 0.05) da /= 2;
    this.slope[j] = a + da;
    this.d[j] = this.d[j]! + dd;
    return Math.max(Math.abs(da), Math.abs(dd));
  }

  /** Rasch: two Newton steps on the common slope, the population SD of ability. Returns the largest step. */
  private sigmaSteps(): number {
    const z = this.grid.nodes;
    const Q = z.length;
    let change = 0;
    for (let it = 0; it < 2; it++) {
      let g = 0;
      let h = 0;
      for (let j = 0; j < this.data.items; j++) {
        if (this.data.active[j] === 0) continue;
        const base = j * Q;
        for (let q = 0; q < Q; q++) {
          const p = logistic(this.sigma * z[q]! + this.d[j]!);
          g += (this.r[base + q]! - this.nq[base + q]! * p) * z[q]!;
          h -= this.nq[base + q]! * p * (1 - p) * z[q]! * z[q]!;
        }
      }
      if (h < 0) {
        let step = -g / h;
        if (Math.abs(step) > 0.5) step = 0.5 * Math.sign(step);
        while (this.sigma + step <= 0.05) step /= 2;
        this.sigma += step;
        change = Math.max(change, Math.abs(step));
      }
    }
    return change;
  }

  /** The result for item j: parameters on the theta scale, standard errors and fit, or why it has none. */
  calibratedItem(itemId: string, j: number): CalibratedItem {
    const answered = this.data.answered[j]!;
    const pValue = answered > 0 ? this.data.correct[j]! / answered : null;
    const common = { itemId, answered, pValue };
    if (this.data.active[j] === 0) {
      const none = { irt: null, seA: null, seB: null, infit: null, outfit: null };
      return { ...common, status: "not_estimable", reason: this.data.reason[j]!, ...none };
    }
    const a = this.is2pl ? this.slope[j]! : 1;
    // eta = slope * z + d = a (theta - b) with theta = sigma * z (Rasch) or z (2PL).
    const b = this.is2pl ? -this.d[j]! / this.slope[j]! : -this.d[j]!;
    const { seA, seB } = this.standardErrors(j, a);
    const irt = { a, b, c: 0 };
    return { ...common, status: "calibrated", reason: null, irt, seA, seB, ...this.fit(j, a, b) };
  }

  /** SEs from the expected-count Hessian at the last M-step; delta method for b = -d / a (2PL). */
  private standardErrors(j: number, a: number): { seA: number | null; seB: number | null } {
    const haa = this.hessians[j * 3]!;
    const had = this.hessians[j * 3 + 1]!;
    const hdd = this.hessians[j * 3 + 2]!;
    if (!this.is2pl) return { seA: null, seB: hdd < 0 ? Math.sqrt(-1 / hdd) : null };
    const d = this.d[j]!;
    const det = haa * hdd - had * had;
    const varA = det > 0 ? -hdd / det : NaN;
    const varD = det > 0 ? -haa / det : NaN;
    const covAD = det > 0 ? had / det : NaN;
    const varB = varD / (a * a) + ((d * d) / a ** 4) * varA - ((2 * d) / a ** 3) * covAD;
    return {
      seA: Number.isFinite(varA) && varA > 0 ? Math.sqrt(varA) : null,
      seB: Number.isFinite(varB) && varB > 0 ? Math.sqrt(varB) : null,
    };
  }

  /** Infit and outfit mean squares of item j, with person abilities at their EAP. */
  private fit(j: number, a: number, b: number): { infit: number | null; outfit: number | null } {
    const { x, items: J, persons: N } = this.data;
    const scaleTheta = this.is2pl ? 1 : this.sigma;
    let sumSq = 0;
    let sumW = 0;
    let sumZ2 = 0;
    let count = 0;
    for (let n = 0; n < N; n++) {
      const v = x[n * J + j]!;
      if (v < 0) continue;
      const p = probability(a, b, 0, scaleTheta * this.thetaHat[n]!);
      const w = p * (1 - p);
      const e = v - p;
      sumSq += e * e;
      sumW += w;
      sumZ2 += (e * e) / w;
      count++;
    }
    return { infit: sumW > 0 ? sumSq / sumW : null, outfit: count > 0 ? sumZ2 / count : null };
  }
}
