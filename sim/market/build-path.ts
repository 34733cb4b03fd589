import { SimError } from "../errors.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { RandomStreams } from "../random.ts";
import { simulateGbm } from "./gbm.ts";
import { PricePath } from "./price-path.ts";
import { readPriceCsv } from "./price-csv.ts";
import { realisedSigma, resample } from "./replay.ts";

/** Grid step of the reference path, seconds: the scenario's, else min(1 s, blockTime). */
export function pathStepSeconds(scenario: Pick<Scenario, "market" | "network">): number {
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
  if (market.process === "gbm") return checked(new PricePath(stepUs, simulateGbm(market, step, steps, rng)), "market.sigma, market.mu or market.jumps");
  const series = readPriceCsv(market.file, market.timeColumn, market.priceColumn, "market.file");
  const sigma = market.bridgeSigma ?? realisedSigma(series);
  const start = series.times[0] + market.offset;
  return checked(new PricePath(stepUs, resample(series, start, step, steps, market.interpolation, sigma, rng)), "market.bridgeSigma");
}

/** Prices the contracts can hold and the metrics can average: USD per unit of the underlying. */
const PATH_MIN = 1e-6;
const PATH_MAX = 1e12;

/**
 * Refuses a path that leaves the range the contracts and metrics work in (a huge drift or volatility
 * over a long run overflows to Infinity, a crash to zero): the scenario is at fault, so it is an input error.
 */
function checked(path: PricePath, fields: string): PricePath {
  const prices = path.prices;
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (!(p >= PATH_MIN && p <= PATH_MAX)) {
      const t = (i * path.stepUs) / 1e6;
      throw new SimError("DL100", `market: the simulated reference price reaches ${p} USD at t = ${t} s, outside [${PATH_MIN}, ${PATH_MAX}]`, {
        hint: `lower ${fields} or shorten the run`,
      });
    }
  }
  return path;
}
