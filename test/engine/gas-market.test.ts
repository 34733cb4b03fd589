import { expect } from "chai";
import { nextBaseFee } from "../../sim/engine/base-fee.ts";
import { runTemp } from "../helpers/run-temp.ts";

describe("engine: gas market", () => {
  it("follows EIP-1559's published update rule (±12.5 % on L1, +2 %/−0.4 % on OP)", () => {
    const gwei = 10n ** 9n;
    expect(nextBaseFee("l1", gwei, 30_000_000n, 30_000_000n)).to.equal(1_125_000_000n);
    expect(nextBaseFee("l1", gwei, 0n, 30_000_000n)).to.equal(875_000_000n);
    expect(nextBaseFee("l1", gwei, 15_000_000n, 30_000_000n)).to.equal(gwei);
    expect(nextBaseFee("op", gwei, 30_000_000n, 30_000_000n)).to.equal(1_020_000_000n);
    expect(nextBaseFee("op", gwei, 0n, 30_000_000n)).to.equal(996_000_000n);
  });

  it("raises the base fee after full blocks and makes transactions wait for space", async () => {
    // Room for about three swaps per block against demand of ~8 per block.
    const run = await runTemp({
      seed: 11,
      duration: "1h",
      network: { blockTime: 12, blockGasLimit: 220_000, initialBaseFeeGwei: 1 },
      market: { process: "gbm", sigma: 0.3 },
      agents: [
        {
          type: "noise-trader",
          id: "crowd",
          latency: { observation: 1, submission: 1 },
          priorityFee: { tipGwei: 1, maxFeeMultiplier: 1000 },
          params: { ratePerHour: 2400 },
        },
      ],
    });
    const blocks = run.csv("blocks.csv");
    let rises = 0;
    for (let i = 1; i < blocks.length; i++) {
      const prev = blocks[i - 1];
      const expected = nextBaseFee("l1", BigInt(Math.round(Number(prev.baseFeeGwei) * 1e9)), BigInt(prev.gasUsed), 220_000n);
      expect(Math.round(Number(blocks[i].baseFeeGwei) * 1e9)).to.equal(Number(expected));
      if (Number(prev.fullness) > 0.5 && Number(blocks[i].baseFeeGwei) > Number(prev.baseFeeGwei)) rises++;
    }
    expect(rises).to.be.greaterThan(50);
    const last = Number(blocks[blocks.length - 1].baseFeeGwei);
    expect(last).to.be.greaterThan(5);
    const delays = run
      .csv("txs.csv")
      .filter((t) => t.status === "ok")
      .map((t) => Number(t.delaySec));
    expect(Math.max(...delays)).to.be.greaterThan(60);
  });
});
