import type { Rng } from "../random.ts";
import { SECONDS_PER_YEAR } from "../time.ts";

export interface GbmParams {
  startPrice: number;
  /** Drift per year of the price: E[S_t] = S_0·e^{mu·t}. */
  mu: number;
  /** Diffusion volatility per √year. */
  sigma: number;
  /** Merton (1976) jumps: Poisson rate per year, log-size ~ N(meanLog, sdLog²). */
  jumps?: { ratePerYear: number; meanLog: number; sdLog: number };
}

/**
 * Exact simulation of GBM (plus compensated Merton jumps) on a grid of `steps` steps of `dtSeconds`:
 * log S_{k+1} − log S_k = (mu − σ²/2 − λκ)·dt + σ·√dt·Z + Σ jumps, κ = E[e^J] − 1, so E[S_t] = S_0·e^{mu·t}
 * with or without jumps. Returns steps + 1 prices, the first being `startPrice`.
 */
export function simulateGbm(params: GbmParams, dtSeconds: number, steps: number, rng: Rng): Float64Array {
  const dt = dtSeconds / SECONDS_PER_YEAR;
  const { sigma, mu, jumps } = params;
  const lambda = jumps?.ratePerYear ?? 0;
  const kappa = jumps ? Math.exp(jumps.meanLog + (jumps.sdLog * jumps.sdLog) / 2) - 1 : 0;
  const drift = (mu - (sigma * sigma) / 2 - lambda * kappa) * dt;
  const diffusion = sigma * Math.sqrt(dt);
  const prices = new Float64Array(steps + 1);
  let logPrice = Math.log(params.startPrice);
  prices[0] = params.startPrice;
  for (let k = 1; k <= steps; k++) {
    logPrice += drift + diffusion * rng.normal();
    if (jumps && lambda > 0) {
      const count = rng.poisson(lambda * dt);
      for (let j = 0; j < count; j++) logPrice += jumps.meanLog + jumps.sdLog * rng.normal();
    }
    prices[k] = Math.exp(logPrice);
  }
  return prices;
}
