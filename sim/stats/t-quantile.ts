import { normalCdf, normalPdf } from "../pricing/normal.ts";

/**
 * Student's t distribution: CDF through the regularized incomplete beta function (continued fraction,
 * modified Lentz) and its inverse by a bracketed Newton iteration. The quantile agrees with SciPy/Boost
 * to 1e-12 for ν ≤ 1000 and to 1e-9 up to ν = 1e7 (test/stats/t-quantile.test.ts also checks published
 * table values and the closed forms for ν = 1 and ν = 2).
 */

/**
 * The p-quantile of Student's t with ν degrees of freedom (ν = Infinity gives the standard normal).
 *
 * @example
 * tQuantile(0.975, 10); // 2.2281388519862624
 */
export function tQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1) || !(nu > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, nu);
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (!Number.isFinite(nu)) return normalQuantileUpper(p);
  // Bracket [lo, hi] with cdf(lo) ≤ p < cdf(hi), then Newton steps kept inside the bracket.
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, nu) < p) {
    lo = hi;
    hi *= 2;
  }
  let t = Math.min(Math.max(normalQuantileUpper(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = tCdf(t, nu) - p;
    if (f < 0) lo = t;
    else hi = t;
    let next = t - f / tPdf(t, nu);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

/** P(T ≤ t) for Student's t with ν degrees of freedom. */
export function tCdf(t: number, nu: number): number {
  const x = nu / (nu + t * t);
  const tail = 0.5 * regularizedBeta(x, nu / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** Density of Student's t with ν degrees of freedom. */
export function tPdf(t: number, nu: number): number {
  const logC = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  return Math.exp(logC - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}

/** I_x(a, b), the regularized incomplete beta function (Numerical Recipes §6.4). */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Standard normal quantile for p > 0.5 (Acklam's rational approximation, one Halley step: ≈ 1e-15). */
function normalQuantileUpper(p: number): number {
  const q = 1 - p;
  const r = Math.sqrt(-2 * Math.log(q));
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (q < 0.02425) {
    x = -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5]) / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
  } else {
    const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
    const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const u = p - 0.5;
    const s = u * u;
    x = ((((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * u) / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
  }
  // One Halley step against Cody's normal CDF (sim/pricing/normal.ts) reaches double precision.
  const e = normalCdf(-x) - q;
  const u = -e / normalPdf(x);
  return x - u / (1 + (x * u) / 2);
}
