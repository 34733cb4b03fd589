import { z } from "zod";
import { sizeUsd } from "../sim/scenario/fields.ts";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import { amountOut } from "../sim/math/constant-product.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const noiseTraderParams = z
  .strictObject({
    /** Mean trades per hour (Poisson arrivals). */
    ratePerHour: z.number().min(1e-6).max(1e6).default(30),
    sizeUsd,
    /** Probability that a trade buys the underlying. */
    buyProbability: z.number().min(0).max(1).default(0.5),
    /** Slippage tolerance against the pool price the trader saw, basis points. */
    slippageBps: z.number().min(0).max(10_000).default(100),
    /** Where it trades: the constant-product pool or the order book (immediate-or-cancel at the limit). */
    venue: z.enum(["pool", "book"]).default("pool"),
  })
  .prefault({});
export type NoiseTraderParams = z.output<typeof noiseTraderParams>;

/**
 * Uninformed flow: Poisson arrivals at `ratePerHour`, a random side and a lognormal USD size, with a
 * slippage limit against the pool price it saw (so a stale view or a front-running trade can make it
 * revert, which is recorded).
 */
export class NoiseTrader implements Agent {
  readonly type = "noise-trader";
  readonly timing = "self";
  readonly id: string;
  private readonly params: NoiseTraderParams;
  private readonly rng: Rng;

  constructor(id: string, params: NoiseTraderParams, rng: Rng) {
    this.id = id;
    this.params = params;
    this.rng = rng;
  }

  nextWakeSec(afterSec: number): number {
    return afterSec + this.rng.exponential(3600 / this.params.ratePerHour);
  }

  decide(view: Observation): readonly Intent[] {
    const { pool, book } = view.chain;
    const buy = this.rng.bernoulli(this.params.buyProbability);
    const usd = this.params.sizeUsd.median * Math.exp(this.params.sizeUsd.sigma * this.rng.normal());
    if (this.params.venue === "book") {
      // Immediate-or-cancel against the quote it saw, with its slippage allowance as the limit.
      const touch = buy ? book?.bestAsk : book?.bestBid;
      if (!touch) return [];
      const slip = this.params.slippageBps / 10_000;
      const limitPrice = buy ? touch.price * (1 + slip) : touch.price * (1 - slip);
      return [{ kind: "take", isBuy: buy, size: usd / touch.price, limitPrice, fillOrKill: false }];
    }
    const poolPrice = pool.reserveQuote / pool.reserveBase;
    const amountIn = buy ? usd : usd / poolPrice;
    const expected = buy
      ? amountOut(amountIn, pool.reserveQuote, pool.reserveBase, pool.feeBps)
      : amountOut(amountIn, pool.reserveBase, pool.reserveQuote, pool.feeBps);
    const minAmountOut = expected * (1 - this.params.slippageBps / 10_000);
    return [{ kind: "swap", baseIn: !buy, amountIn, minAmountOut }];
  }
}

/** The noise-trader plug-in (agents/registry.ts lists it). */
export const noiseTraderPlugin = defineAgent({
  type: "noise-trader",
  params: noiseTraderParams,
  kinds: (params) => (params.venue === "book" ? ["take"] : ["swap"]),
  roles: ["noise"],
  create: ({ id, params, rng }) => new NoiseTrader(id, params, rng),
});
