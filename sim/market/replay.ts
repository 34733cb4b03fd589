import type { Rng } from "../random.ts";
import { SECONDS_PER_YEAR } from "../time.ts";
import type { PriceSeries } from "./price-csv.ts";

export type Interpolation = "hold" | "linear" | "bridge";

/**
 * Resamples a recorded series onto the simulation grid t_k = start + k·step (unix seconds).
 * - hold: the last recorded price at or before t_k (what a feed polling the source would see);
 * - linear: linear in price between rows;
 * - bridge: a Brownian bridge in log price between rows with volatility `bridgeSigma` per √year, so
 *   fast traders see plausible intra-minute moves that still pass through every recorded price.
 */
export function resample(
  series: PriceSeries,
  startSec: number,
  stepSec: number,
  steps: number,
  interpolation: Interpolation,
  bridgeSigma: number,
  rng: Rng,
): Float64Array {
  const { times, prices } = series;
  const out = new Float64Array(steps + 1);
  let row = 0;
  let logX = Number.NaN; // bridge state: log price at the previous grid point
  let prevT = Number.NaN;
  for (let k = 0; k <= steps; k++) {
    const t = startSec + k * stepSec;
    while (row + 1 < times.length && times[row + 1] <= t) row++;
    const last = row + 1 >= times.length || t < times[0];
    if (interpolation === "hold" || last) {
      out[k] = prices[t < times[0] ? 0 : row];
      logX = Math.log(out[k]);
      prevT = t;
      continue;
    }
    const t1 = times[row + 1];
    const t0 = times[row];
    if (interpolation === "linear") {
      out[k] = prices[row] + ((t - t0) / (t1 - t0)) * (prices[row + 1] - prices[row]);
      continue;
    }
    // Bridge: condition on reaching log p_{row+1} at t1 from the previous point.
    if (t === t0 || Number.isNaN(prevT) || prevT < t0) {
      logX = Math.log(prices[row]);
      prevT = t0;
    }
    const h = t - prevT;
    const remaining = t1 - prevT;
    const target = Math.log(prices[row + 1]);
    const mean = logX + (h / remaining) * (target - logX);
    const variance = ((bridgeSigma * bridgeSigma) / SECONDS_PER_YEAR) * ((h * (remaining - h)) / remaining);
    logX = h > 0 ? mean + Math.sqrt(Math.max(variance, 0)) * rng.normal() : logX;
    prevT = t;
    out[k] = Math.exp(logX);
  }
  return out;
}

/** Realised volatility per √year of the series' log returns (zero-mean estimator). */
export function realisedSigma(series: PriceSeries): number {
  const { times, prices } = series;
  let sumSq = 0;
  for (let i = 1; i < prices.length; i++) sumSq += Math.log(prices[i] / prices[i - 1]) ** 2;
  const years = (times[times.length - 1] - times[0]) / SECONDS_PER_YEAR;
  return Math.sqrt(sumSq / years);
}
