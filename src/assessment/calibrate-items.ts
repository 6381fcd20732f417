import { parseWith } from "../_lib/parse.js";
import { buildGrid } from "./_irt.js";
import { type CalibratedItem, CalibrateItemsOptions, type Calibration, ResponseMatrix } from "./schema.js";

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
  const o = parseWith(CalibrateItemsOptions, options, { module: "assessment", what: "calibration options" });
  const J = m.itemIds.length;
  const grid = buildGrid(o.grid, { kind: "normal", mean: 0, sd: 1 });
  const z = grid.nodes;
  const Q = z.length;
  const logW = grid.logPrior;

  // Persons with at least one answer; responses as flat Int8Array (-1 = missing).
  const emptyRows: number[] = [];
  const kept: number[] = [];
  m.rows.forEach((row, i) => (row.some((v) => v !== null) ? kept.push(i) : emptyRows.push(i)));
  const N = kept.length;
  const X = new Int8Array(N * J).fill(-1);
  const answered = new Int32Array(J);
  const correct = new Int32Array(J);
  kept.forEach((ri, n) => {
    const row = m.rows[ri]!;
    for (let j = 0; j < J; j++) {
      const v = row[j];
      if (v === null || v === undefined) continue;
      X[n * J + j] = v;
      answered[j] = answered[j]! + 1;
      correct[j] = correct[j]! + v;
    }
  });
  const reason: (string | null)[] = Array.from({ length: J }, (_, j) =>
    answered[j] === 0
      ? "nobody answered"
      : correct[j] === answered[j]
        ? "everyone who answered was right"
        : correct[j] === 0
          ? "everyone who answered was wrong"
          : null,
  );
  const active = Uint8Array.from(reason, (r) => (r === null ? 1 : 0));

  const is2pl = o.model === "2pl";
  // Slope-intercept form on the standard grid: eta = slope * z + d. Rasch: slope = sigma (shared), b = -d.
  const slope = new Float64Array(J).fill(1);
  const d = new Float64Array(J);
  for (let j = 0; j < J; j++) {
    if (active[j] === 1) {
      const p = (correct[j]! + 0.5) / (answered[j]! + 1);
      d[j] = Math.log(p / (1 - p));
    }
  }
  let sigma = 1;
  const logP = new Float64Array(J * Q);
  const log1mP = new Float64Array(J * Q);
  const r = new Float64Array(J * Q);
  const nq = new Float64Array(J * Q);
  const post = new Float64Array(Q);
  const thetaHat = new Float64Array(N);
  let logLik = -Infinity;
  let converged = false;
  let iterations = 0;

  const fillTables = (): void => {
    for (let j = 0; j < J; j++) {
      const a = is2pl ? slope[j]! : sigma;
      for (let q = 0; q < Q; q++) {
        const eta = a * z[q]! + d[j]!;
        // log-sigmoid computed stably on both sides.
        logP[j * Q + q] = eta >= 0 ? -Math.log1p(Math.exp(-eta)) : eta - Math.log1p(Math.exp(eta));
        log1mP[j * Q + q] = eta >= 0 ? -eta - Math.log1p(Math.exp(-eta)) : -Math.log1p(Math.exp(eta));
      }
    }
  };

  const eStep = (): number => {
    r.fill(0);
    nq.fill(0);
    let ll = 0;
    for (let n = 0; n < N; n++) {
      for (let q = 0; q < Q; q++) post[q] = logW[q]!;
      const row = n * J;
      for (let j = 0; j < J; j++) {
        const x = X[row + j]!;
        if (x < 0 || active[j] === 0) continue;
        const t = x === 1 ? logP : log1mP;
        const base = j * Q;
        for (let q = 0; q < Q; q++) post[q] = post[q]! + t[base + q]!;
      }
      let max = -Infinity;
      for (let q = 0; q < Q; q++) if (post[q]! > max) max = post[q]!;
      let s = 0;
      let s1 = 0;
      for (let q = 0; q < Q; q++) {
        const w = Math.exp(post[q]! - max);
        post[q] = w;
        s += w;
        s1 += w * z[q]!;
      }
      ll += max + Math.log(s);
      thetaHat[n] = s1 / s;
      for (let q = 0; q < Q; q++) post[q] = post[q]! / s;
      for (let j = 0; j < J; j++) {
        const x = X[row + j]!;
        if (x < 0 || active[j] === 0) continue;
        const base = j * Q;
        for (let q = 0; q < Q; q++) {
          nq[base + q] = nq[base + q]! + post[q]!;
          if (x === 1) r[base + q] = r[base + q]! + post[q]!;
        }
      }
    }
    return ll;
  };

  const s2 = o.slopePriorSd * o.slopePriorSd;
  const hessians = new Float64Array(J * 3); // [H_aa, H_ad, H_dd] at the last M-step, for SEs
  for (iterations = 1; iterations <= o.maxIterations; iterations++) {
    fillTables();
    logLik = eStep();
    let change = 0;
    for (let j = 0; j < J; j++) {
      if (active[j] === 0) continue;
      const base = j * Q;
      for (let it = 0; it < (is2pl ? 3 : 2); it++) {
        const a = is2pl ? slope[j]! : sigma;
        let ga = 0;
        let gd = 0;
        let haa = 0;
        let had = 0;
        let hdd = 0;
        for (let q = 0; q < Q; q++) {
          const eta = a * z[q]! + d[j]!;
          const p = 1 / (1 + Math.exp(-eta));
          const resid = r[base + q]! - nq[base + q]! * p;
          const w = nq[base + q]! * p * (1 - p);
          gd += resid;
          hdd -= w;
          ga += resid * z[q]!;
          had -= w * z[q]!;
          haa -= w * z[q]! * z[q]!;
        }
        hessians[j * 3] = haa;
        hessians[j * 3 + 1] = had;
        hessians[j * 3 + 2] = hdd;
        if (is2pl) {
          const la = Math.log(a);
          ga -= la / (a * s2);
          haa -= (1 - la) / (a * a * s2);
          const det = haa * hdd - had * had;
          if (!(det > 0)) {
            const step = -gd / hdd;
            d[j] = d[j]! + step;
            change = Math.max(change, Math.abs(step));
            continue;
          }
          let da = -(hdd * ga - had * gd) / det;
          let dd = -(-had * ga + haa * gd) / det;
          // Keep the slope positive and steps moderate.
          const limit = 1;
          const scale = Math.max(Math.abs(da), Math.abs(dd)) > limit ? limit / Math.max(Math.abs(da), Math.abs(dd)) : 1;
          da *= scale;
          dd *= scale;
          while (a + da <= 0.05) da /= 2;
          slope[j] = a + da;
          d[j] = d[j]! + dd;
          change = Math.max(change, Math.abs(da), Math.abs(dd));
        } else {
          let step = -gd / hdd;
          if (Math.abs(step) > 1) step = Math.sign(step);
          d[j] = d[j]! + step;
          change = Math.max(change, Math.abs(step));
        }
      }
    }
    if (!is2pl) {
      // Common slope = population SD of ability on the Rasch logit scale.
      for (let it = 0; it < 2; it++) {
        let g = 0;
        let h = 0;
        for (let j = 0; j < J; j++) {
          if (active[j] === 0) continue;
          const base = j * Q;
          for (let q = 0; q < Q; q++) {
            const p = 1 / (1 + Math.exp(-(sigma * z[q]! + d[j]!)));
            g += (r[base + q]! - nq[base + q]! * p) * z[q]!;
            h -= nq[base + q]! * p * (1 - p) * z[q]! * z[q]!;
          }
        }
        if (h < 0) {
          let step = -g / h;
          if (Math.abs(step) > 0.5) step = 0.5 * Math.sign(step);
          while (sigma + step <= 0.05) step /= 2;
          sigma += step;
          change = Math.max(change, Math.abs(step));
        }
      }
    }
    if (change < o.tolerance) {
      converged = true;
      break;
    }
  }
  if (iterations > o.maxIterations) iterations = o.maxIterations;
  fillTables();
  logLik = eStep();

  // Person abilities on the theta scale, for fit statistics.
  const scaleTheta = is2pl ? 1 : sigma;
  const items: CalibratedItem[] = m.itemIds.map((itemId, j) => {
    const pValue = answered[j]! > 0 ? correct[j]! / answered[j]! : null;
    if (active[j] === 0) {
      return {
        itemId,
        status: "not_estimable",
        reason: reason[j]!,
        irt: null,
        seA: null,
        seB: null,
        answered: answered[j]!,
        pValue,
        infit: null,
        outfit: null,
      };
    }
    const a = is2pl ? slope[j]! : 1;
    // eta = slope * z + d = a (theta - b) with theta = scaleTheta * z.
    const b = is2pl ? -d[j]! / slope[j]! : -d[j]!;
    const haa = hessians[j * 3]!;
    const had = hessians[j * 3 + 1]!;
    const hdd = hessians[j * 3 + 2]!;
    let seA: number | null = null;
    let seB: number | null;
    if (is2pl) {
      const det = haa * hdd - had * had;
      const varA = det > 0 ? -hdd / det : NaN;
      const varD = det > 0 ? -haa / det : NaN;
      const covAD = det > 0 ? had / det : NaN;
      // Delta method for b = -d / a.
      const varB = varD / (a * a) + ((d[j]! * d[j]!) / a ** 4) * varA - ((2 * d[j]!) / a ** 3) * covAD;
      seA = Number.isFinite(varA) && varA > 0 ? Math.sqrt(varA) : null;
      seB = Number.isFinite(varB) && varB > 0 ? Math.sqrt(varB) : null;
    } else {
      seB = hdd < 0 ? Math.sqrt(-1 / hdd) : null;
    }
    let sumSq = 0;
    let sumW = 0;
    let sumZ2 = 0;
    let count = 0;
    for (let n = 0; n < N; n++) {
      const x = X[n * J + j]!;
      if (x < 0) continue;
      const theta = scaleTheta * thetaHat[n]!;
      const p = 1 / (1 + Math.exp(-a * (theta - b)));
      const w = p * (1 - p);
      const e = x - p;
      sumSq += e * e;
      sumW += w;
      sumZ2 += (e * e) / w;
      count++;
    }
    return {
      itemId,
      status: "calibrated",
      reason: null,
      irt: { a, b, c: 0 },
      seA,
      seB,
      answered: answered[j]!,
      pValue,
      infit: sumW > 0 ? sumSq / sumW : null,
      outfit: count > 0 ? sumZ2 / count : null,
    };
  });
  return {
    model: o.model,
    method: "mml_em",
    converged,
    iterations,
    logLikelihood: logLik,
    populationSd: is2pl ? 1 : sigma,
    items,
    emptyRows,
  };
}
