import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import type { Agent } from "./agent.ts";
import { gasCostUsd } from "./gas-estimates.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";
import { tipGwei } from "./tip-policy.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const sniperParams = z
  .strictObject({
    /** Take a stale quote only when the profit against its reference price exceeds gas plus this, USD. */
    minProfitUsd: z.number().min(0).max(1e9).default(1),
    /** Largest size taken at once, units of the underlying. */
    maxSizeBase: z.number().min(1e-6).max(1e9).default(50),
  })
  .prefault({});
export type SniperParams = z.output<typeof sniperParams>;

/**
 * A latency arbitrageur: takes a resting quote that is stale against the reference price it sees
 * (an ask below it, a bid above it) when the profit exceeds gas plus `minProfitUsd`, with a limit at
 * that quote's price so it never pays more than it saw. Bids for priority with its fee policy
 * (profit-share makes snipers race with tips). One transaction in flight.
 */
export class Sniper implements Agent {
  readonly type = "sniper";
  readonly timing = "block";
  readonly id: string;
  private readonly p: SniperParams;
  private readonly fee: PriorityFeeSpec;

  constructor(id: string, params: SniperParams, fee: PriorityFeeSpec, _rng?: Rng) {
    this.id = id;
    this.p = params;
    this.fee = fee;
  }

  decide(view: Observation): readonly Intent[] {
    const book = view.chain.book;
    if (view.pendingTxs > 0 || !book) return [];
    const S = view.refPrice;
    const candidates = [
      book.bestAsk && book.bestAsk.price < S ? { isBuy: true, price: book.bestAsk.price, size: book.bestAsk.size } : undefined,
      book.bestBid && book.bestBid.price > S ? { isBuy: false, price: book.bestBid.price, size: book.bestBid.size } : undefined,
    ];
    for (const c of candidates) {
      if (!c) continue;
      const size = Math.min(c.size, this.p.maxSizeBase);
      const profit = size * Math.abs(S - c.price);
      if (profit <= this.p.minProfitUsd) continue;
      const tip = tipGwei(this.fee, view, "take", profit - this.p.minProfitUsd);
      const gasUsd = gasCostUsd("take", view.chain.baseFeeGwei, tip, view.gasTokenPriceUsd);
      if (profit <= gasUsd + this.p.minProfitUsd) return [{ kind: "priced-out", action: "take", valueUsd: profit, gasUsd }];
      return [{ kind: "take", isBuy: c.isBuy, size, limitPrice: c.price, fillOrKill: false, tipGwei: tip }];
    }
    return [];
  }
}

/** The sniper plug-in (agents/registry.ts lists it). */
export const sniperPlugin = defineAgent({
  type: "sniper",
  params: sniperParams,
  kinds: ["take"],
  roles: ["sniping"],
  create: ({ id, params, priorityFee, rng }) => new Sniper(id, params, priorityFee, rng),
});
