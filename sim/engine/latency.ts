import type { Rng } from "../random.ts";
import type { LatencySpec } from "../scenario/fields.ts";

/** One latency draw in whole microseconds (times are integers so event order never depends on float error). */
export function drawLatencyUs(spec: LatencySpec, rng: Rng): number {
  return Math.round(drawSeconds(spec, rng) * 1e6);
}

/** The latency an agent plans with (the mean of its distribution), in microseconds. */
export function nominalLatencyUs(spec: LatencySpec): number {
  if (typeof spec === "number") return Math.round(spec * 1e6);
  switch (spec.dist) {
    case "uniform":
      return Math.round(((spec.min + spec.max) / 2) * 1e6);
    case "exponential":
      return Math.round((spec.min + spec.mean) * 1e6);
    case "lognormal":
      return Math.round(spec.median * Math.exp((spec.sigma * spec.sigma) / 2) * 1e6);
  }
}

function drawSeconds(spec: LatencySpec, rng: Rng): number {
  if (typeof spec === "number") return spec;
  switch (spec.dist) {
    case "uniform":
      return spec.min + (spec.max - spec.min) * rng.uniform();
    case "exponential":
      return spec.min + rng.exponential(spec.mean);
    case "lognormal":
      return spec.median * Math.exp(spec.sigma * rng.normal());
  }
}

/** A bound the latency exceeds with negligible probability (fixed: itself; tails cut far out), µs. */
export function latencyBoundUs(spec: LatencySpec): number {
  if (typeof spec === "number") return Math.round(spec * 1e6);
  switch (spec.dist) {
    case "uniform":
      return Math.round(spec.max * 1e6);
    case "exponential":
      return Math.round((spec.min + 30 * spec.mean) * 1e6);
    case "lognormal":
      return Math.round(spec.median * Math.exp(8 * spec.sigma) * 1e6);
  }
}
