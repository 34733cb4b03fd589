/**
 * Black–Scholes–Merton implied volatility (with an optional continuous yield q): a bracketed Newton
 * iteration with bisection fallback.
 *
 * The price is increasing in vol, so every evaluation tightens a bracket [lo, hi] around the root. Newton
 * starts at Manaster–Koehler's σ* = √(2|ln(S·e^{−qT}/(K·e^{−rT}))|/T), the inflection point of price in σ, from
 * which the iteration converges monotonically; any step that leaves the bracket (or meets a vanishing vega)
 * is replaced by bisection, so the solver cannot diverge.
 */
import { SimError } from "../errors.ts";
import { blackScholes } from "./black-scholes.ts";
import type { OptionType } from "./black-scholes.ts";

export interface ImpliedVolInputs {
  readonly type: OptionType;
  /** Observed option price, quote units. */
  readonly price: number;
  readonly spot: number;
  readonly strike: number;
  /** Time to expiry in years; > 0. */
  readonly timeYears: number;
  readonly rate: number;
  /** Continuous dividend or borrow yield q, as in OptionInputs; default 0. */
  readonly dividendYield?: number;
}

/** Hints of the SimError codes impliedVol throws (sim/errors.ts names them); tests assert the code. */
const HINT = {
  DL111: "impliedVol needs finite numbers with price ≥ 0 and spot, strike, timeYears > 0",
  DL112: "the price is below the option's discounted intrinsic value: check the price, rate and yield against the spot",
  DL113: "no volatility makes an option worth its upper bound (the prepaid forward for a call, K·e^{−rT} for a put)",
  DL114: "the bracketed solver should always converge: report the inputs as a bug in deltalag",
} as const;

function failure(code: keyof typeof HINT, message: string): SimError {
  return new SimError(code, `impliedVol: ${message}`, { hint: HINT[code] });
}

const VOL_TOLERANCE = 1e-13; // stop once the step or the bracket is below this (the goal is 1e-10)
const MAX_VOL = 100; // 10,000 %: a price still below BS(MAX_VOL) is treated as the upper bound
const MAX_ITERATIONS = 200;

/**
 * The volatility σ ≥ 0 at which the Black–Scholes–Merton price equals `price`, to ~1e-13 where vega is not tiny.
 * Throws SimError DL112 (below) / DL113 (at or above) when the price is outside
 * the no-arbitrage band (max(±(S·e^{−qT} − K·e^{−rT}), 0), S·e^{−qT} or K·e^{−rT}); a price exactly on the
 * lower bound (to rounding) gives 0.
 *
 * @example
 * // Hull, Options, Futures and Other Derivatives: c = 1.875, S = 21, K = 20, r = 10 %, T = 0.25 → σ ≈ 0.235
 * impliedVol({ type: "call", price: 1.875, spot: 21, strike: 20, timeYears: 0.25, rate: 0.1 }); // 0.2345…
 * // Hull's index option, q = 3 %: c = 51.83 gives σ ≈ 20 %
 * impliedVol({ type: "call", price: 51.83, spot: 930, strike: 900, timeYears: 2 / 12, rate: 0.08, dividendYield: 0.03 }); // 0.19998…
 */
export function impliedVol(inputs: ImpliedVolInputs): number {
  const { type, price, spot, strike, timeYears, rate } = inputs;
  const dividendYield = inputs.dividendYield ?? 0;
  const valid = [price, spot, strike, timeYears, rate, dividendYield].every(Number.isFinite) && spot > 0 && strike > 0 && timeYears > 0;
  if (!valid || price < 0) {
    throw failure("DL111", `need finite price ≥ 0, rate, dividendYield and spot, strike, timeYears > 0 (got ${JSON.stringify(inputs)})`);
  }
  const kd = strike * Math.exp(-rate * timeYears);
  const sd = spot * Math.exp(-dividendYield * timeYears); // prepaid forward; = spot when q = 0
  const lower = Math.max(type === "call" ? sd - kd : kd - sd, 0);
  const upper = type === "call" ? sd : kd;
  const slack = 4 * Number.EPSILON * Math.max(spot, strike);
  if (price < lower - slack) {
    throw failure("DL112", `price ${price} is below the no-arbitrage lower bound ${lower}`);
  }
  if (price >= upper) {
    throw failure("DL113", `price ${price} is not below the no-arbitrage upper bound ${upper}`);
  }
  if (price <= lower + slack) return 0;

  const at = (vol: number) => blackScholes({ type, spot, strike, vol, timeYears, rate, dividendYield });
  let lo = 0;
  let hi = MAX_VOL;
  if (at(hi).price < price) {
    throw failure("DL113", `price ${price} needs a volatility above ${MAX_VOL}`);
  }
  const inflection = Math.sqrt((2 * Math.abs(Math.log(sd / kd))) / timeYears);
  const start = inflection > 0 ? inflection : Math.sqrt((2 * Math.PI) / timeYears) * (price / sd); // Brenner–Subrahmanyam
  let vol = Math.min(start, MAX_VOL / 2);
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const v = at(vol);
    const diff = v.price - price;
    if (diff === 0) return vol;
    if (diff > 0) hi = vol;
    else lo = vol;
    const newton = vol - diff / v.vega;
    const newtonOk = v.vega > 0 && newton >= lo && newton <= hi;
    // A residual at the price's rounding noise cannot be reduced further: take the last Newton correction.
    if (Math.abs(diff) <= slack) return newtonOk ? newton : vol;
    const next = newtonOk ? newton : 0.5 * (lo + hi);
    if (Math.abs(next - vol) < VOL_TOLERANCE || hi - lo < VOL_TOLERANCE) return next;
    vol = next;
  }
  if (hi - lo < 1e-10) return 0.5 * (lo + hi);
  throw failure("DL114", `no convergence after ${MAX_ITERATIONS} steps (bracket [${lo}, ${hi}])`);
}
