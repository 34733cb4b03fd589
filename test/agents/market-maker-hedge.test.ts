import { expect } from "chai";
import type { Intent, SwapIntent } from "../../agents/intent.ts";
import { MarketMaker, type MarketMakerParams } from "../../agents/market-maker.ts";
import type { Observation } from "../../agents/observation.ts";

const PARAMS: MarketMakerParams = {
  sizeBase: 5,
  baseSpreadBps: 2,
  latencySpreadZ: 1,
  sigma: 0.6,
  adverseSelection: { learningRate: 0.05, horizonBlocks: 5, maxBps: 200 },
  skewBpsPerUnit: 1,
  maxInventoryBase: 100,
  requoteSec: 60,
  requoteBps: 5,
  hedgeThresholdBase: 1,
};

/** The maker at `timeSec` with `inventoryBase` from book fills and `poolBase` from its own pool swaps, as of `timeSec − lagSec`. */
function view(timeSec: number, inventoryBase: number, poolBase: number, pendingTxs = 0, lagSec = 0): Observation {
  return {
    timeSec,
    asOfSec: timeSec - lagSec,
    refPrice: 2000,
    gasTokenPriceUsd: 1e-9,
    pendingTxs,
    own: { liveOrders: [], fills: [], inventoryBase },
    chain: {
      blockNumber: 1,
      blockTimeSec: timeSec - lagSec,
      baseFeeGwei: 0,
      recentTipsGwei: [],
      pool: { reserveBase: 1e6, reserveQuote: 2e9, feeBps: 5, baseOf: { mm: poolBase } },
      oracle: { price: 2000, updatedAtSec: 0, roundId: 1 },
      book: { bestBid: null, bestAsk: null, tickUsd: 0.01, lotBase: 0.01 },
    },
  };
}

const swaps = (intents: readonly Intent[]) => intents.filter((i): i is SwapIntent => i.kind === "swap");
const maker = () =>
  new MarketMaker("mm", PARAMS, { policy: "fixed", tipGwei: 1, maxFeeMultiplier: 2 }, { blockTimeSec: 12, observationSec: 0, submissionSec: 0 });

describe("agents: market maker's pool hedge is reconciled with the chain", () => {
  it("sells its inventory on the pool, and sells it again when the chain shows that hedge reverted", () => {
    const mm = maker();
    const [hedge] = swaps(mm.decide(view(12, 5, 0)));
    expect(hedge).to.include({ baseIn: true, amountIn: 5 });
    // Its hedge reverted: the book inventory is still 5 and the pool shows no sale. It used to think it was hedged.
    expect(swaps(mm.decide(view(24, 5, 0))).map((s) => s.amountIn)).to.deep.equal([5]);
  });

  it("does not hedge twice once the chain shows the sale", () => {
    const mm = maker();
    mm.decide(view(12, 5, 0));
    expect(swaps(mm.decide(view(24, 5, -5)))).to.deep.equal([]);
  });

  it("reconciles although it requotes every block and its view lags: requotes hold no base", () => {
    const mm = maker();
    expect(swaps(mm.decide(view(12, 5, 0, 0, 5))).length).to.equal(1); // hedge + requote
    expect(mm.decide(view(24, 5, 0, 2, 5))).to.deep.equal([]); // both in flight
    // Resolved by t = 36, but a view as of 31 may predate them: it keeps its own record (hedged).
    expect(swaps(mm.decide(view(36, 5, 0, 0, 5)))).to.deep.equal([]);
    // Its view (as of 43) now shows the hedge's block while a later requote is still unseen: the sale is missing.
    expect(swaps(mm.decide(view(48, 5, 0, 0, 5))).map((s) => s.amountIn)).to.deep.equal([5]);
  });
});
