import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import { blackScholesPrice } from "../sim/pricing/black-scholes.ts";
import { SECONDS_PER_YEAR } from "../sim/time.ts";
import { skewedVol } from "../sim/math/vault-greeks.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const optionTraderParams = z
  .strictObject({
    /** Mean trades per hour (Poisson arrivals). */
    ratePerHour: z.number().min(1e-6).max(1e6).default(20),
    /** Size in units of the underlying: lognormal median and log-sd. */
    size: z.strictObject({ median: z.number().min(1e-6).max(1e9).default(1), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
    /** Probability that a trade buys from the vault (0.5 balanced flow; higher: buy-heavy). */
    buyProbability: z.number().min(0).max(1).default(0.6),
    /** Price tolerance against its own Black–Scholes estimate at the vault's base IV, fraction. */
    slippage: z.number().min(0).max(10).default(0.2),
    /** Stop after this many trades; null: no limit. */
    maxTrades: z.number().int().min(1).max(1e9).nullable().default(null),
    /** Seconds from its decision until the vault rejects the trade (on-chain deadline); null: max(600, 10 × blockTime). */
    deadlineSec: z.number().int().min(1).max(31_536_000).nullable().default(null),
  })
  .prefault({});
export type OptionTraderParams = z.output<typeof optionTraderParams>;

/**
 * The deadline a trade gets when none is set: 10 minutes, or 10 blocks when blocks are slower than a
 * minute, so a trade waiting for the next block (plus latency) is not refused by its own deadline.
 * @example defaultDeadlineSec(12) === 600; defaultDeadlineSec(120) === 1200
 */
export function defaultDeadlineSec(blockTimeSec: number): number {
  return Math.max(600, Math.ceil(10 * blockTimeSec));
}

/**
 * Option flow against the vault: Poisson arrivals, a uniformly chosen live series, a lognormal size,
 * buying with `buyProbability` (0.5 balanced, higher buy-heavy). Its limit is its own Black–Scholes
 * value at the vault's skewed IV and the oracle spot it sees, ± `slippage`; it only sells what it holds.
 */
export class OptionTrader implements Agent {
  readonly type = "option-trader";
  readonly timing = "self";
  readonly id: string;
  private readonly p: OptionTraderParams;
  private readonly rng: Rng;
  private readonly genesisTime: number;
  private readonly deadlineSec: number;
  private trades = 0;
  private readonly held = new Map<number, number>();

  constructor(id: string, params: OptionTraderParams, genesisTime: number, rng: Rng, blockTimeSec: number) {
    this.id = id;
    this.p = params;
    this.rng = rng;
    this.genesisTime = genesisTime;
    this.deadlineSec = params.deadlineSec ?? defaultDeadlineSec(blockTimeSec);
  }

  nextWakeSec(afterSec: number): number {
    if (this.p.maxTrades !== null && this.trades >= this.p.maxTrades) return Number.POSITIVE_INFINITY;
    return afterSec + this.rng.exponential(3600 / this.p.ratePerHour);
  }

  decide(view: Observation): readonly Intent[] {
    const vault = view.chain.vault;
    if (!vault || (this.p.maxTrades !== null && this.trades >= this.p.maxTrades)) return [];
    const live = vault.series.filter((s) => !s.settled && s.expirySec > view.timeSec + 60);
    if (live.length === 0) return [];
    const series = live[Math.floor(this.rng.uniform() * live.length)];
    let isBuy = this.rng.bernoulli(this.p.buyProbability);
    let amount = this.p.size.median * Math.exp(this.p.size.sigma * this.rng.normal());
    const held = this.held.get(series.index) ?? 0;
    if (!isBuy && held <= 0) isBuy = true;
    if (!isBuy) amount = Math.min(amount, held);
    const spot = view.chain.oracle.price;
    const unit = blackScholesPrice({
      type: series.type,
      spot,
      strike: series.strike,
      vol: skewedVol(vault, series.strike, spot),
      timeYears: (series.expirySec - view.timeSec) / SECONDS_PER_YEAR,
      rate: vault.rate,
    });
    const limitUsd = isBuy
      ? amount * unit * (1 + this.p.slippage) + amount * spot * 0.01
      : Math.max(0, amount * unit * (1 - this.p.slippage) - amount * spot * 0.01);
    this.trades++;
    this.held.set(series.index, held + (isBuy ? amount : -amount));
    const deadline = this.genesisTime + Math.floor(view.timeSec) + this.deadlineSec;
    return [{ kind: "option-trade", series: series.index, isBuy, amount, limitUsd, deadline }];
  }
}

/** The option-trader plug-in (agents/registry.ts lists it). */
export const optionTraderPlugin = defineAgent({
  type: "option-trader",
  params: optionTraderParams,
  kinds: ["option-trade"],
  create: ({ id, params, scenario, rng }) => new OptionTrader(id, params, scenario.network.genesisTime!, rng, scenario.network.blockTime),
});
