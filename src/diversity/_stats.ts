/**
 * Private numerical helpers: the normal quantile, log-gamma, the regularized incomplete beta function
 * and its inverse. Hand-written because the well-kept statistics packages (jstat, simple-statistics) are
 * much larger than the few functions declics/diversity needs, and its bundle has a size budget.
 */

// AS 241 coefficients, lowest degree first (a: numerator, b: denominator) for the central region
// |p - 0.5| <= 0.425, then the tails with r = sqrt(-log(min(p, 1 - p))) <= 5 and beyond.
const CENTRAL_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const CENTRAL_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852545925,
];
const NEAR_A = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const NEAR_B = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const FAR_A = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const FAR_B = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** A polynomial by Horner's rule, highest degree first: the same operations, in the same order, as AS 241. */
function horner(coefficients: readonly number[], r: number): number {
  let value = coefficients[coefficients.length - 1] as number;
  for (let k = coefficients.length - 2; k >= 0; k--) value = value * r + (coefficients[k] as number);
  return value;
}

/**
 * Standard normal quantile, Wichura's algorithm AS 241 (PPND16), Applied Statistics 37 (1988) 477-484.
 * Relative accuracy about 1e-16 over (0, 1).
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(CENTRAL_A, r)) / horner(CENTRAL_B, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5 ? horner(NEAR_A, r - 1.6) / horner(NEAR_B, r - 1.6) : horner(FAR_A, r - 5) / horner(FAR_B, r - 5);
  return q < 0 ? -value : value;
}

/** The two-sided critical value z_{1 - alpha/2} for a confidence level such as 0.95. */
export function zFor(confidence: number): number {
  return normalQuantile(1 - (1 - confidence) / 2);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, n = 9), relative error about 1e-15. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction for the incomplete beta function, modified Lentz method (Numerical Recipes 6.4). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The inverse of I_x(a, b) in x: the p-quantile of the Beta(a, b) distribution. Bisection safeguarded
 * Newton steps: I_x is monotone in x, so bisection always converges, and Newton (with the beta density
 * as derivative) makes it fast where the density is well behaved.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logNorm = logGamma(a + b) - logGamma(a) - logGamma(b);
  let lo = 0;
  let hi = 1;
  let x = a / (a + b);
  // Tolerances are relative: tail quantiles (tiny p, small a) can be far below 1e-15.
  const tolerance = 1e-14 * Math.min(p, 1 - p);
  for (let i = 0; i < 400; i++) {
    const f = regularizedBeta(x, a, b) - p;
    if (Math.abs(f) <= tolerance) return x;
    if (f > 0) hi = x;
    else lo = x;
    const density = Math.exp(logNorm + (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x));
    let next = x - f / density;
    // Outside the bracket, bisect (geometrically near 0, where quantiles can be tiny).
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = lo === 0 ? hi / 16 : (lo + hi) / 2;
    // Relative to the distance from the nearer end of [0, 1], where the quantile's precision matters.
    const scale = Math.min(hi, 1 - lo);
    if (next === x || Math.abs(next - x) <= 1e-15 * scale || hi - lo <= 1e-15 * scale) return next;
    x = next;
  }
  return x;
}

/** Binomial probability mass P(X = k) for X ~ Bin(n, p), through log-gamma (used by tests and checks). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}
