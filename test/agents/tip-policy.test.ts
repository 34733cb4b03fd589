import { expect } from "chai";
import type { Observation } from "../../agents/observation.ts";
import { tipGwei } from "../../agents/tip-policy.ts";
import { GAS } from "../../agents/gas-estimates.ts";
import { expectClose } from "../helpers/close.ts";

function view(recentTipsGwei: number[][], gasTokenPriceUsd = 2000): Observation {
  return {
    timeSec: 0,
    asOfSec: 0,
    refPrice: 2000,
    gasTokenPriceUsd,
    pendingTxs: 0,
    own: { liveOrders: [], fills: [], inventoryBase: 0 },
    chain: {
      blockNumber: 1,
      blockTimeSec: 0,
      baseFeeGwei: 1,
      recentTipsGwei,
      pool: { reserveBase: 1, reserveQuote: 1, feeBps: 0 },
      oracle: { price: 1, updatedAtSec: 0, roundId: 1 },
    },
  };
}

describe("agents: priority-fee policies", () => {
  it("fixed: always the configured tip", () => {
    expect(tipGwei({ policy: "fixed", tipGwei: 3, maxFeeMultiplier: 2 }, view([]), "swap")).to.equal(3);
  });

  it("percentile: the chosen percentile of recent tips over the window, clamped", () => {
    const spec = { policy: "percentile", percentile: 50, windowBlocks: 2, minTipGwei: 0.5, maxTipGwei: 8, maxFeeMultiplier: 2 } as const;
    // Only the last two blocks count: tips 1..5 → median 3.
    expect(
      tipGwei(
        spec,
        view([
          [100, 100],
          [1, 2, 3],
          [4, 5],
        ]),
        "swap",
      ),
    ).to.equal(3);
    expect(tipGwei({ ...spec, percentile: 100 }, view([[1], [20]]), "swap")).to.equal(8);
    expect(tipGwei(spec, view([]), "swap"), "no history: the minimum").to.equal(0.5);
  });

  it("profit-share: bids the given share of the expected profit over the action's gas", () => {
    const spec = { policy: "profit-share", share: 0.5, minTipGwei: 0.1, maxFeeMultiplier: 2 } as const;
    const usdPerGwei = GAS.swap.typical * 1e-9 * 2000;
    expectClose(tipGwei(spec, view([]), "swap", 10), (0.5 * 10) / usdPerGwei, 1e-9, "profit-share tip");
    expect(tipGwei(spec, view([]), "swap"), "unknown profit: the minimum").to.equal(0.1);
  });
});
