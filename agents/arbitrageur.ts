import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import { arbToBandEdge } from "../sim/math/constant-product.ts";
import type { Agent } from "./agent.ts";
import { gasCostUsd } from "./gas-estimates.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";
import { tipGwei } from "./tip-policy.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const arbitrageurParams = z
  .strictObject({
    /** Trade only when expected profit after fee exceeds gas cost plus this, USD. */
    minProfitUsd: z.number().min(0).max(1e9).default(0),
    /** Cap on one trade's size, USD; null = unlimited. */
    maxTradeUsd: z.number().min(1).max(1e12).nullable().default(null),
  })
  .prefault({});
export type ArbitrageurParams = z.output<typeof arbitrageurParams>;

/**
 * Trades the pool to the edge of its no-arbitrage band against the reference price it sees, when the
 * profit after the pool fee exceeds its gas cost plus `minProfitUsd` (Milionis et al. 2022's
 * arbitrageur). Its limit is its own reference price, so a stale view can make the swap revert but
 * never makes it trade at a loss against what it saw. One transaction in flight at a time. When gas
 * alone makes a worthwhile trade unprofitable it reports the trade as priced out.
 */
export class Arbitrageur implements Agent {
  readonly type = "arbitrageur";
  readonly timing = "block";
  readonly id: string;
  private readonly params: ArbitrageurParams;
  private readonly fee: PriorityFeeSpec;

  constructor(id: string, params: ArbitrageurParams, fee: PriorityFeeSpec, _rng?: Rng) {
    this.id = id;
    this.params = params;
    this.fee = fee;
  }

  decide(view: Observation): readonly Intent[] {
    if (view.pendingTxs > 0) return [];
    const { pool } = view.chain;
    let trade = arbToBandEdge(pool.reserveBase, pool.reserveQuote, pool.feeBps, view.refPrice);
    if (!trade) return [];
    const { maxTradeUsd, minProfitUsd } = this.params;
    const tradeUsd = trade.baseIn ? trade.amountIn * view.refPrice : trade.amountIn;
    if (maxTradeUsd !== null && tradeUsd > maxTradeUsd) {
      // Scale down: a smaller trade towards the band edge is still profitable (the cost curve is convex).
      const scale = maxTradeUsd / tradeUsd;
      trade = { ...trade, amountIn: trade.amountIn * scale, amountOut: trade.amountOut * scale, profit: trade.profit * scale };
    }
    if (trade.profit <= minProfitUsd) return [];
    const tip = tipGwei(this.fee, view, "swap", trade.profit - minProfitUsd);
    const gasUsd = gasCostUsd("swap", view.chain.baseFeeGwei, tip, view.gasTokenPriceUsd);
    if (trade.profit <= gasUsd + minProfitUsd) return [{ kind: "priced-out", action: "swap", valueUsd: trade.profit, gasUsd }];
    // Break-even at its reference price, less 1e-7 and two micro-dollars, so float error and the
    // stablecoin's 6-decimal rounding of a near-zero-profit trade cannot turn it into a revert.
    const dustUsd = 2e-6;
    const minAmountOut = trade.baseIn
      ? trade.amountIn * view.refPrice * (1 - 1e-7) - dustUsd
      : (trade.amountIn / view.refPrice) * (1 - 1e-7) - dustUsd / view.refPrice;
    return [{ kind: "swap", baseIn: trade.baseIn, amountIn: trade.amountIn, minAmountOut, tipGwei: tip }];
  }
}

/** The arbitrageur plug-in (agents/registry.ts lists it). */
export const arbitrageurPlugin = defineAgent({
  type: "arbitrageur",
  params: arbitrageurParams,
  kinds: ["swap"],
  roles: ["arbitrage"],
  create: ({ id, params, priorityFee, rng }) => new Arbitrageur(id, params, priorityFee, rng),
});
