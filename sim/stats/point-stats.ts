import { mean, std } from "./descriptive.ts";
import { tQuantile } from "./t-quantile.ts";

/** Mean, sample standard deviation and Student-t 95 % confidence interval of one metric at one point. */
export interface PointStats {
  n: number;
  mean: number;
  std: number;
  ci95lo: number;
  ci95hi: number;
}

/**
 * Statistics across seeds: mean ± t_{0.975, n−1}·sd/√n. With n < 2 the sd and the interval are NaN
 * (written as empty cells); NaN inputs (a metric with no data in a run) are left out.
 *
 * @example
 * pointStats([1, 2, 3, 4]); // { n: 4, mean: 2.5, std: 1.29…, ci95lo: 0.445…, ci95hi: 4.554… }
 */
export function pointStats(values: readonly number[]): PointStats {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  const m = mean(xs);
  const sd = std(xs);
  const half = n >= 2 ? (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n) : Number.NaN;
  return { n, mean: m, std: sd, ci95lo: m - half, ci95hi: m + half };
}
