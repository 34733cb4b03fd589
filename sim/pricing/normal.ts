/**
 * Standard normal density and distribution function in double precision.
 *
 * The CDF uses W. J. Cody's rational Chebyshev approximations of erf/erfc (Math. Comp. 23, 1969,
 * 631–638; coefficients from netlib specfun CALERF, which carry at least 18 significant digits), the same
 * ones contracts/libraries/BlackScholes.sol evaluates in fixed point. exp(−x²/2) is split as in CALERF so
 * that rounding of x²/2 does not grow the relative error in the tails: N(x) is accurate to ~1e-15
 * relative in the lower tail (checked down to x = −37) and to ~1e-16 absolute everywhere.
 */

/* eslint-disable no-loss-of-precision -- Cody's coefficients are copied verbatim from CALERF (18+ digits, more than a double holds), so they can be checked against the source digit by digit */
const THRESH = 0.46875; // erf branch for y = |x|/√2 below this, erfc branches above
const INV_SQRT_PI = 0.5641895835477562869;
const INV_SQRT_2PI = 0.3989422804014326779;

// Cody's coefficients, verbatim from CALERF.
const A = [3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
const B = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
const C = [
  5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2, 8.8195222124176909e2, 1.71204761263407058e3, 2.05107837782607147e3,
  1.23033935479799725e3, 2.15311535474403846e-8,
];
const D = [
  1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3, 3.29079923573345963e3, 4.36261909014324716e3,
  3.43936767414372164e3, 1.23033935480374942e3,
];
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242, 1.87295284992346047, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];
/* eslint-enable no-loss-of-precision */

/** exp(−a²/2), with a²/2 split into an exactly representable part and a small remainder (CALERF's trick). */
function expHalfSquare(a: number): number {
  const a16 = Math.trunc(a * 16) / 16;
  const del = (a - a16) * (a + a16);
  return Math.exp(-0.5 * a16 * a16) * Math.exp(-0.5 * del);
}

/** P(Z > a) for a ≥ 0. */
function upperTail(a: number): number {
  const y = a * Math.SQRT1_2;
  if (y <= THRESH) {
    const z = y * y;
    let num = A[4] * z;
    let den = z;
    for (let i = 0; i < 3; i++) {
      num = (num + A[i]) * z;
      den = (den + B[i]) * z;
    }
    return 0.5 - (0.5 * y * (num + A[3])) / (den + B[3]);
  }
  let r: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    r = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    r = (INV_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
  }
  return 0.5 * expHalfSquare(a) * r; // erfc(y)/2 with exp(−y²) = exp(−a²/2)
}

/**
 * Standard normal cumulative distribution function N(x) = P(Z ≤ x).
 *
 * @example
 * normalCdf(0);     // 0.5
 * normalCdf(1.96);  // 0.9750021048517796
 * normalCdf(-10);   // 7.619853024160525e-24 (relative accuracy kept in the lower tail)
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const tail = upperTail(Math.abs(x));
  return x < 0 ? tail : 1 - tail;
}

/**
 * Standard normal density φ(x) = exp(−x²/2)/√(2π).
 *
 * @example
 * normalPdf(0); // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * expHalfSquare(Math.abs(x));
}
