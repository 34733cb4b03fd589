import type { Rng } from "../sim/random.ts";
import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import { perpMargin } from "../sim/math/margin.ts";
import type { Agent } from "./agent.ts";
import { gasCostUsd } from "./gas-estimates.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";
import { tipGwei } from "./tip-policy.ts";

/**
 * Watches margin accounts (as of its observation latency) at the on-chain oracle price — the price the
 * contract will use — and liquidates the one with the largest expected reward (its share of the
 * penalty, capped by the equity left) when that beats gas plus `minProfitUsd`. Keepers race: under a
 * priority auction by tip (profit-share bids part of the reward), under FIFO by arrival; losers
 * revert with AccountHealthy and are recorded.
 */
export class LiquidationKeeper implements Agent {
  readonly type = "liquidation-keeper";
  readonly timing = "block";
  readonly id: string;
  private readonly minProfitUsd: number;
  private readonly fee: PriorityFeeSpec;

  constructor(id: string, params: { minProfitUsd: number }, fee: PriorityFeeSpec, _rng?: Rng) {
    this.id = id;
    this.minProfitUsd = params.minProfitUsd;
    this.fee = fee;
  }

  decide(view: Observation): readonly Intent[] {
    const margin = view.chain.margin;
    if (view.pendingTxs > 0 || !margin) return [];
    const { oracle } = view.chain;
    if (view.asOfSec - oracle.updatedAtSec > margin.maxOracleAgeSec) return [];
    let best: { account: string; size: number; reward: number } | undefined;
    for (const a of margin.accounts) {
      if (a.size === 0) continue;
      const { equity, maintenance } = perpMargin(a, oracle.price, margin.mmRatio);
      if (equity >= maintenance) continue;
      const penalty = Math.min(margin.penalty * Math.abs(a.size) * oracle.price, Math.max(equity, 0));
      const reward = penalty * margin.keeperShare;
      if (!best || reward > best.reward) best = { account: a.address, size: Math.abs(a.size), reward };
    }
    if (!best) return [];
    const tip = tipGwei(this.fee, view, "liquidate", best.reward - this.minProfitUsd);
    const gasUsd = gasCostUsd("liquidate", view.chain.baseFeeGwei, tip, view.gasTokenPriceUsd);
    if (best.reward <= gasUsd + this.minProfitUsd) return [{ kind: "priced-out", action: "liquidate", valueUsd: best.reward, gasUsd }];
    return [{ kind: "liquidate", account: best.account, maxSizeBase: best.size, tipGwei: tip }];
  }
}
