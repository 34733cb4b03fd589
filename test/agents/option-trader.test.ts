import { expect } from "chai";
import type { Observation } from "../../agents/observation.ts";
import type { OptionTradeIntent } from "../../agents/intent.ts";
import { defaultDeadlineSec, OptionTrader } from "../../agents/option-trader.ts";
import { Rng } from "../../sim/random.ts";
import { runTemp } from "../helpers/run-temp.ts";

const GENESIS = 1_704_067_200;

function view(timeSec: number): Observation {
  return {
    timeSec,
    asOfSec: timeSec,
    refPrice: 2000,
    gasTokenPriceUsd: 2000,
    pendingTxs: 0,
    own: { liveOrders: [], fills: [], inventoryBase: 0 },
    chain: {
      blockNumber: 1,
      blockTimeSec: timeSec,
      baseFeeGwei: 1,
      recentTipsGwei: [],
      pool: { reserveBase: 1e6, reserveQuote: 2e9, feeBps: 0 },
      oracle: { price: 2000, updatedAtSec: timeSec, roundId: 1 },
      vault: {
        baseIv: 0.8,
        skew: { slope: 0, min: 0.5, max: 2 },
        rate: 0,
        nav: 1e6,
        series: [{ index: 0, type: "call", strike: 2000, expirySec: 86_400, openInterest: 0, settled: false, settlementRoundId: null }],
      },
    },
  };
}

const params = { ratePerHour: 20, size: { median: 1, sigma: 0 }, buyProbability: 1, slippage: 0.2, maxTrades: null };
const deadlineOf = (trader: OptionTrader, t: number) => (trader.decide(view(t))[0] as OptionTradeIntent).deadline - GENESIS - Math.floor(t);

describe("agents: option trader deadline", () => {
  it("defaults to max(600 s, 10 blocks) and honours deadlineSec", () => {
    expect(defaultDeadlineSec(12)).to.equal(600);
    expect(defaultDeadlineSec(60)).to.equal(600);
    expect(defaultDeadlineSec(900)).to.equal(9000);
    expect(deadlineOf(new OptionTrader("t", { ...params, deadlineSec: null }, GENESIS, new Rng("a"), 2), 100.7)).to.equal(600);
    expect(deadlineOf(new OptionTrader("t", { ...params, deadlineSec: null }, GENESIS, new Rng("a"), 900), 100.7)).to.equal(9000);
    expect(deadlineOf(new OptionTrader("t", { ...params, deadlineSec: 45 }, GENESIS, new Rng("a"), 900), 100.7)).to.equal(45);
  });

  it("on 15-minute blocks its sales land by default, and revert with DeadlineExpired when the deadline is shorter than the wait", async () => {
    const scenario = (deadlineSec: number | null) => ({
      name: "slow-blocks",
      seed: 3,
      duration: "6h",
      network: { blockTime: 900, initialBaseFeeGwei: 0, gasTokenPriceUsd: 1e-9 },
      market: { process: "gbm", sigma: 0.5 },
      contracts: { vault: { lpDepositUsd: 1e6, series: [{ type: "call", moneyness: 1, expirySec: 86_400 }] } },
      agents: [
        { type: "oracle-keeper", id: "oracle", priorityFee: { tipGwei: 3 }, params: { heartbeatSec: 60, deviationBps: 0 } },
        { type: "option-trader", id: "buyer", params: { ...params, deadlineSec } },
      ],
    });
    const outcome = async (deadlineSec: number | null) => {
      const txs = (await runTemp(scenario(deadlineSec))).csv("txs.csv").filter((t) => t.kind === "option-trade");
      return { ok: txs.filter((t) => t.status === "ok").length, expired: txs.filter((t) => /DeadlineExpired/.test(t.revertReason)).length };
    };
    const byDefault = await outcome(null);
    expect(byDefault.ok, JSON.stringify(byDefault)).to.be.greaterThan(10);
    expect(byDefault.expired, JSON.stringify(byDefault)).to.equal(0);
    // 600 s (the old fixed deadline) is shorter than a 900 s block wait for about a third of the trades.
    const fixed600 = await outcome(600);
    expect(fixed600.expired, JSON.stringify(fixed600)).to.be.greaterThan(0);
    expect(fixed600.ok + fixed600.expired).to.equal(byDefault.ok);
  });
});
