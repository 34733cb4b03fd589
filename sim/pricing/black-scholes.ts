/**
 * Black–Scholes prices and Greeks of European options on a non-dividend asset, in double precision.
 * The reference for contracts/libraries/BlackScholes.sol (same formulas, same clamping into the
 * no-arbitrage band) and the pricer agents use off chain.
 */
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
}

export interface OptionValue {
  readonly price: number;
  /** ∂price/∂spot. */
  readonly delta: number;
  /** ∂²price/∂spot², per quote unit. */
  readonly gamma: number;
  /** ∂price/∂vol per 1.00 of vol (divide by 100 for one vol point). */
  readonly vega: number;
  /** −∂price/∂T per year (divide by 365 for one day), Hull's convention. */
  readonly theta: number;
}

function check(o: OptionInputs): void {
  const positive = (name: string, v: number, allowZero: boolean): void => {
    if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
      throw new RangeError(`blackScholes: ${name} must be a ${allowZero ? "non-negative" : "positive"} finite number (got ${v})`);
    }
  };
  positive("spot", o.spot, false);
  positive("strike", o.strike, false);
  positive("vol", o.vol, true);
  positive("timeYears", o.timeYears, true);
  if (!Number.isFinite(o.rate)) throw new RangeError(`blackScholes: rate must be finite (got ${o.rate})`);
  if (o.type !== "call" && o.type !== "put") throw new RangeError(`blackScholes: type must be "call" or "put" (got ${String(o.type)})`);
}

/**
 * Price, delta, gamma, vega and theta. With σ√T = 0 (expiry or zero vol) it returns the deterministic
 * limit: discounted intrinsic value, delta 0/±1 (½ exactly at the money-forward), gamma = vega = 0.
 * The price is clamped into [max(±(S − K·e^{−rT}), 0), S or K·e^{−rT}], which only moves it by rounding.
 *
 * @example
 * // Hull, Options, Futures and Other Derivatives, Example 15.6: c ≈ 4.76, p ≈ 0.81
 * blackScholes({ type: "call", spot: 42, strike: 40, vol: 0.2, timeYears: 0.5, rate: 0.1 }).price; // 4.759422…
 */
export function blackScholes(o: OptionInputs): OptionValue {
  check(o);
  const { spot, strike, vol, timeYears, rate } = o;
  const isCall = o.type === "call";
  const kd = strike * Math.exp(-rate * timeYears);
  const sigmaSqrtT = vol * Math.sqrt(timeYears);
  const lower = Math.max(isCall ? spot - kd : kd - spot, 0);
  const upper = isCall ? spot : kd;

  if (sigmaSqrtT === 0) {
    const itm = isCall ? spot > kd : kd > spot;
    const atm = spot === kd;
    const delta = atm ? (isCall ? 0.5 : -0.5) : itm ? (isCall ? 1 : -1) : 0;
    const theta = itm ? (isCall ? -rate * kd : rate * kd) : 0;
    return { price: lower, delta, gamma: 0, vega: 0, theta };
  }

  const d1 = (Math.log(spot / strike) + (rate + 0.5 * vol * vol) * timeYears) / sigmaSqrtT;
  const d2 = d1 - sigmaSqrtT;
  const pdf1 = normalPdf(d1);
  const raw = isCall ? spot * normalCdf(d1) - kd * normalCdf(d2) : kd * normalCdf(-d2) - spot * normalCdf(-d1);
  const price = Math.min(Math.max(raw, lower), upper);
  const delta = isCall ? normalCdf(d1) : -normalCdf(-d1);
  const gamma = pdf1 / (spot * sigmaSqrtT);
  const vega = spot * pdf1 * Math.sqrt(timeYears);
  const decay = (-spot * pdf1 * vol) / (2 * Math.sqrt(timeYears));
  const theta = isCall ? decay - rate * kd * normalCdf(d2) : decay + rate * kd * normalCdf(-d2);
  return { price, delta, gamma, vega, theta };
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
