/**
 * Black–Scholes–Merton prices and Greeks of European options in double precision, on an asset with a
 * continuous dividend or borrow yield q (0 by default: plain Black–Scholes). The reference for
 * contracts/libraries/BlackScholes.sol (same formulas, same clamping into the no-arbitrage band) and the
 * pricer agents use off chain.
 */
import { SimError } from "../errors.ts";
import { normalCdf, normalPdf } from "./normal.ts";

export type OptionType = "call" | "put";

export interface OptionInputs {
  readonly type: OptionType;
  /** Spot price, quote units per unit of underlying; > 0. */
  readonly spot: number;
  /** Strike, same units as spot; > 0. */
  readonly strike: number;
  /** Annualised volatility (0.2 = 20 %); ≥ 0. */
  readonly vol: number;
  /** Time to expiry in years (365-day years on chain); ≥ 0. */
  readonly timeYears: number;
  /** Continuously compounded risk-free rate (0.05 = 5 %). */
  readonly rate: number;
  /**
   * Continuous dividend or borrow yield q (0.03 = 3 % a year, continuously compounded); finite, may be
   * negative; default 0. The spot leg becomes the prepaid forward S·e^{−qT}.
   */
  readonly dividendYield?: number;
}

export interface OptionValue {
  readonly price: number;
  /** ∂price/∂spot. */
  readonly delta: number;
  /** ∂²price/∂spot², per quote unit. */
  readonly gamma: number;
  /** ∂price/∂vol per 1.00 of vol (divide by 100 for one vol point). */
  readonly vega: number;
  /** −∂price/∂T per year, calendar time, Hull's convention (divide by 365 for one day). */
  readonly theta: number;
  /** ∂price/∂rate per 1.00 of rate (divide by 100 for one percentage point), q held fixed. */
  readonly rho: number;
}

/** Throws SimError DL111 naming the first invalid argument. */
function check(o: OptionInputs): void {
  const invalid = (text: string): SimError =>
    new SimError("DL111", `blackScholes: ${text}`, {
      hint: "the caller passed an argument outside the pricer's domain (see OptionInputs in sim/pricing/black-scholes.ts)",
    });
  const positive = (name: string, v: number, allowZero: boolean): void => {
    if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
      throw invalid(`${name} must be a ${allowZero ? "non-negative" : "positive"} finite number (got ${v})`);
    }
  };
  positive("spot", o.spot, false);
  positive("strike", o.strike, false);
  positive("vol", o.vol, true);
  positive("timeYears", o.timeYears, true);
  if (!Number.isFinite(o.rate)) throw invalid(`rate must be finite (got ${o.rate})`);
  if (o.dividendYield !== undefined && !Number.isFinite(o.dividendYield)) {
    throw invalid(`dividendYield must be finite or omitted (got ${o.dividendYield})`);
  }
  if (o.type !== "call" && o.type !== "put") throw invalid(`type must be "call" or "put" (got ${String(o.type)})`);
}

/**
 * Price, delta, gamma, vega, theta and rho under Black–Scholes–Merton with yield q:
 * d1 = (ln(S/K) + (r − q + σ²/2)T)/(σ√T), c = S·e^{−qT}·N(d1) − K·e^{−rT}·N(d2). With q = 0 every
 * result is bit-identical to plain Black–Scholes (e^{−0·T} = 1 exactly and the q terms add exact zeros).
 * With σ√T = 0 (expiry or zero vol) it returns the deterministic limit: discounted intrinsic value, delta
 * ±e^{−qT} in the money and half that exactly at the money-forward, gamma = vega = 0, theta and rho the
 * derivatives of the intrinsic value (halved at the money-forward, like delta).
 * The price is clamped into [max(±(S·e^{−qT} − K·e^{−rT}), 0), S·e^{−qT} or K·e^{−rT}], which only
 * moves it by rounding.
 *
 * @example
 * // Hull, Options, Futures and Other Derivatives, Example 15.6: c ≈ 4.76, p ≈ 0.81
 * blackScholes({ type: "call", spot: 42, strike: 40, vol: 0.2, timeYears: 0.5, rate: 0.1 }).price; // 4.759422…
 * // Hull's index option (q = 3 %): c ≈ 51.83
 * blackScholes({ type: "call", spot: 930, strike: 900, vol: 0.2, timeYears: 2 / 12, rate: 0.08, dividendYield: 0.03 }).price; // 51.8329…
 */
export function blackScholes(o: OptionInputs): OptionValue {
  check(o);
  const { spot, strike, vol, timeYears, rate } = o;
  const q = o.dividendYield ?? 0;
  const isCall = o.type === "call";
  const kd = strike * Math.exp(-rate * timeYears);
  const carry = Math.exp(-q * timeYears); // e^{−qT}
  const sd = spot * carry; // prepaid forward S·e^{−qT}
  const sigmaSqrtT = vol * Math.sqrt(timeYears);
  const lower = Math.max(isCall ? sd - kd : kd - sd, 0);
  const upper = isCall ? sd : kd;

  if (sigmaSqrtT === 0) {
    const itm = isCall ? sd > kd : kd > sd;
    const weight = sd === kd ? 0.5 : itm ? 1 : 0; // average of the one-sided derivatives at the kink
    const signed = (x: number): number => (weight === 0 ? 0 : (isCall ? weight : -weight) * x); // no −0
    return { price: lower, delta: signed(carry), gamma: 0, vega: 0, theta: signed(q * sd - rate * kd), rho: signed(timeYears * kd) };
  }

  const d1 = (Math.log(spot / strike) + (rate - q + 0.5 * vol * vol) * timeYears) / sigmaSqrtT;
  const d2 = d1 - sigmaSqrtT;
  const pdf1 = normalPdf(d1);
  const raw = isCall ? sd * normalCdf(d1) - kd * normalCdf(d2) : kd * normalCdf(-d2) - sd * normalCdf(-d1);
  const price = Math.min(Math.max(raw, lower), upper);
  const delta = isCall ? carry * normalCdf(d1) : -carry * normalCdf(-d1);
  const gamma = (carry * pdf1) / (spot * sigmaSqrtT);
  const vega = sd * pdf1 * Math.sqrt(timeYears);
  const decay = (-sd * pdf1 * vol) / (2 * Math.sqrt(timeYears));
  // Hull: Θ_c = decay + q·S·e^{−qT}·N(d1) − r·K·e^{−rT}·N(d2); Θ_p = decay − q·S·e^{−qT}·N(−d1) + r·K·e^{−rT}·N(−d2).
  const theta = isCall ? decay - rate * kd * normalCdf(d2) + q * sd * normalCdf(d1) : decay + rate * kd * normalCdf(-d2) - q * sd * normalCdf(-d1);
  const rho = isCall ? timeYears * kd * normalCdf(d2) : -timeYears * kd * normalCdf(-d2);
  return { price, delta, gamma, vega, theta, rho };
}

/**
 * Price only: `blackScholes(o).price`.
 *
 * @example
 * blackScholesPrice({ type: "put", spot: 42, strike: 40, vol: 0.2, timeYears: 0.5, rate: 0.1 }); // 0.808599…
 */
export function blackScholesPrice(o: OptionInputs): number {
  return blackScholes(o).price;
}
