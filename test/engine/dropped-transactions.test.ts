import { expect } from "chai";
import { runTemp } from "../helpers/run-temp.ts";

/**
 * A trader whose fee cap is exactly the base fee it saw is priced out as congestion drives the base
 * fee up: its transactions sit in the mempool, are dropped after 600 s together with its later nonces,
 * and — because the engine rewinds that wallet's nonce — the trader's later transactions still land
 * once the base fee falls back.
 */
describe("engine: transactions stuck in the mempool", () => {
  it("drops them after the timeout with their later nonces, and the sender recovers", async () => {
    const run = await runTemp({
      seed: 21,
      duration: "3h",
      network: { blockTime: 12, blockGasLimit: 3_100_000, initialBaseFeeGwei: 1 },
      market: { process: "gbm", sigma: 0.5 },
      agents: [
        { type: "noise-trader", id: "tight", priorityFee: { tipGwei: 0.01, maxFeeMultiplier: 1 }, params: { ratePerHour: 60 } },
        {
          type: "congestion-load",
          id: "load",
          params: {
            gasPerSecond: 400_000,
            txGas: 1_000_000,
            pattern: "bursty",
            burst: { multiplier: 4, meanDurationSec: 1200, meanGapSec: 2400 },
            tipGwei: { median: 2, sigma: 0.3 },
          },
        },
      ],
    });
    const txs = run.csv("txs.csv").filter((t) => t.agent === "tight");
    const dropped = txs.filter((t) => t.status === "dropped");
    expect(dropped.length).to.be.greaterThan(0);
    const firstDrop = Math.min(...dropped.map((t) => Number(t.submitTime)));
    const landedLater = txs.filter((t) => t.status === "ok" && Number(t.submitTime) > firstDrop + 600);
    expect(landedLater.length, "the sender's later transactions still land").to.be.greaterThan(0);
    const allDropped = run.csv("txs.csv").filter((t) => t.status === "dropped").length;
    expect(run.summary.metrics.txDropped).to.equal(allDropped);
  });
});
