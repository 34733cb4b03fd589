import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import { quantile } from "../sim/stats/descriptive.ts";
import { GAS } from "./gas-estimates.ts";
import type { SendableKind } from "./intent.ts";
import type { Observation } from "./observation.ts";

/**
 * The tip (gwei per gas) an agent's fee policy gives an action. `expectedProfitUsd` is the action's
 * value when the agent knows it (used by profit-share: bidding away part of the profit is how
 * searchers compete in a priority auction).
 *
 * @example
 * tipGwei({ policy: "fixed", tipGwei: 2, maxFeeMultiplier: 2 }, view, "swap"); // 2
 */
export function tipGwei(spec: PriorityFeeSpec, view: Observation, kind: SendableKind, expectedProfitUsd?: number): number {
  switch (spec.policy) {
    case "fixed":
      return spec.tipGwei;
    case "percentile": {
      const recent = view.chain.recentTipsGwei.slice(-spec.windowBlocks).flat();
      const tip = recent.length ? quantile(recent, spec.percentile / 100) : spec.minTipGwei;
      return Math.min(spec.maxTipGwei, Math.max(spec.minTipGwei, tip));
    }
    case "profit-share": {
      if (expectedProfitUsd === undefined || !(expectedProfitUsd > 0)) return spec.minTipGwei;
      const usdPerGwei = GAS[kind].typical * 1e-9 * view.gasTokenPriceUsd;
      return Math.max(spec.minTipGwei, (spec.share * expectedProfitUsd) / usdPerGwei);
    }
  }
}
