import type { Scenario } from "../scenario/schema.ts";
import type { RandomStreams } from "../random.ts";
import { simulateGbm } from "./gbm.ts";
import { PricePath } from "./price-path.ts";
import { readPriceCsv } from "./price-csv.ts";
import { realisedSigma, resample } from "./replay.ts";

/** Grid step of the reference path, seconds: the scenario's, else min(1 s, blockTime). */
export function pathStepSeconds(scenario: Scenario): number {
  return scenario.market.stepSeconds ?? Math.min(1, scenario.network.blockTime);
}

/**
 * Builds the exogenous reference price path of a run, drawing only from the "market" stream so that
 * agents and latencies never change it.
 */
export function buildPricePath(scenario: Scenario, streams: RandomStreams): PricePath {
  const step = pathStepSeconds(scenario);
  const steps = Math.ceil(scenario.duration / step) + 1;
  const rng = streams.stream("market");
  const market = scenario.market;
  const stepUs = Math.round(step * 1e6);
  if (market.process === "gbm") return new PricePath(stepUs, simulateGbm(market, step, steps, rng));
  const series = readPriceCsv(market.file, market.timeColumn, market.priceColumn, "market.file");
  const sigma = market.bridgeSigma ?? realisedSigma(series);
  const start = series.times[0] + market.offset;
  return new PricePath(stepUs, resample(series, start, step, steps, market.interpolation, sigma, rng));
}
