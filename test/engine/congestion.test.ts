import { expect } from "chai";
import { quantile } from "../../sim/stats/descriptive.ts";
import { runTemp } from "../helpers/run-temp.ts";

/**
 * 3.1M-gas blocks every 12 s hold three 1M-gas transactions (250k gas/s); background demand of
 * 300k gas/s (tips around 2 gwei, willingness to pay around 50 gwei) overfills them. The base fee
 * climbs until priced-out demand brings usage down to EIP-1559's 50 % target, and a low-tip noise
 * trader waits behind higher tips.
 */
function scenario(congested: boolean) {
  return {
    seed: 8,
    duration: "1h",
    network: { blockTime: 12, blockGasLimit: 3_100_000, initialBaseFeeGwei: 1 },
    market: { process: "gbm", sigma: 0.5 },
    agents: [
      {
        type: "noise-trader",
        id: "noise",
        priorityFee: { tipGwei: 0.1, maxFeeMultiplier: 1000 },
        params: { ratePerHour: 120 },
      },
      ...(congested ? [{ type: "congestion-load", id: "load", params: { gasPerSecond: 300_000, txGas: 1_000_000, tipGwei: { median: 2, sigma: 0.3 } } }] : []),
    ],
  };
}

describe("engine: congestion", () => {
  it("fills blocks, raises the base fee and delays low-tip transactions", async () => {
    const calm = await runTemp(scenario(false));
    const busy = await runTemp(scenario(true));
    expect(calm.summary.metrics.blockFullnessMean).to.be.lessThan(0.1);
    expect(busy.summary.metrics.blockFullnessMean).to.be.greaterThan(0.45);
    expect(busy.summary.metrics["txsPricedOut.congestion-load"]).to.be.greaterThan(50);
    expect(busy.summary.metrics.baseFeeGweiP95).to.be.greaterThan(10 * calm.summary.metrics.baseFeeGweiP95);
    const delays = (run: typeof calm) =>
      run
        .csv("txs.csv")
        .filter((t) => t.agent === "noise" && t.status === "ok")
        .map((t) => Number(t.delaySec));
    expect(quantile(delays(busy), 0.95)).to.be.greaterThan(quantile(delays(calm), 0.95) + 12);
    // Burn transactions really consume about their target gas.
    const burns = busy.csv("txs.csv").filter((t) => t.kind === "burn" && t.status === "ok");
    for (const t of burns.slice(0, 20)) expect(Number(t.gasUsed)).to.be.within(980_000, 1_005_000);
  });
});
