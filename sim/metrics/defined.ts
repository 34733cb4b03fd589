import { mean, quantile } from "../stats/descriptive.ts";
/**
 * Metrics that need samples (a spread needs quotes, a markout fills, a percentile of time underwater
 * liquidations) are left out of summary.json when a run has none, rather than written as NaN: a NaN
 * metric is always a bug, and the run's final check refuses it (sim/record/finite-check.ts).
 */
export type MaybeMetrics = Record<string, number | undefined>;

/** The sample quantile, or undefined for an empty sample. */
export function quantileOf(values: ArrayLike<number>, q: number): number | undefined {
  return values.length === 0 ? undefined : quantile(values, q);
}

/** The sample mean, or undefined for an empty sample. */
export function meanOf(values: ArrayLike<number>): number | undefined {
  return values.length === 0 ? undefined : mean(values);
}

/** numerator / denominator, or undefined when the denominator is 0 (nothing to divide by). */
export function ratioOf(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

/** The metrics that have a value, in their order. */
export function definedOnly(metrics: MaybeMetrics): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) if (value !== undefined) out[name] = value;
  return out;
}
