import type { Rng } from "../sim/random.ts";
import { amountOut } from "../sim/math/constant-product.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

export interface NoiseTraderParams {
  ratePerHour: number;
  sizeUsd: { median: number; sigma: number };
  buyProbability: number;
  slippageBps: number;
  venue: "pool" | "book";
}

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
