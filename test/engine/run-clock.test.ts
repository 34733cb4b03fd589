import { expect } from "chai";
import { runClock } from "../../sim/engine/run-clock.ts";
import { runTemp } from "../helpers/run-temp.ts";

const GENESIS = 1_704_067_200;

describe("engine: the run clock", () => {
  it("places block b at b·blockTime with timestamp genesis + ⌊t_b⌋ and counts the blocks that fit in the run", () => {
    const clock = runClock({ blockTime: 12, genesisTime: GENESIS, duration: 86_400, pathStepUs: 1_000_000 });
    expect(clock.blockUs).to.equal(12_000_000);
    expect(clock.blockSec).to.equal(12);
    expect(clock.totalBlocks).to.equal(7200);
    expect(clock.endUs).to.equal(86_400_000_000);
    expect(clock.timeUs(3)).to.equal(36_000_000);
    expect(clock.timestamp(0)).to.equal(GENESIS);
    expect(clock.timestamp(2)).to.equal(GENESIS + 24);
    expect(clock.tickUs).to.equal(1_000_000); // FIFO decisions at every path step inside a block
    expect(clock.mineIntervalSec).to.equal(12);
  });

  it("stops at the last whole block, and sub-second blocks share timestamps and mine empty runs with interval 0", () => {
    const clock = runClock({ blockTime: 0.4, genesisTime: GENESIS, duration: 10.9, pathStepUs: 1_000_000 });
    expect(clock.blockUs).to.equal(400_000);
    expect(clock.totalBlocks).to.equal(27); // 27 × 0.4 = 10.8 ≤ 10.9 < 11.2
    expect(clock.endUs).to.equal(10_800_000);
    expect([1, 2, 3, 4, 5].map((b) => clock.timestamp(b) - GENESIS)).to.deep.equal([0, 0, 1, 1, 2]);
    expect(clock.tickUs).to.equal(400_000); // the path step is longer than a block: one decision per block
    expect(clock.mineIntervalSec).to.equal(0);
  });

  it("rounds the block time to the microsecond once, and every block time is a multiple of it", () => {
    const clock = runClock({ blockTime: 1 / 3, genesisTime: GENESIS, duration: 60, pathStepUs: 250_000 });
    expect(clock.blockUs).to.equal(333_333);
    expect(clock.blockSec).to.equal(0.333333);
    expect(clock.totalBlocks).to.equal(180); // 60 s / 0.333333 s = 180.00018
    expect(clock.timeUs(180)).to.equal(59_999_940);
    expect(clock.timestamp(180)).to.equal(GENESIS + 59);
    expect(clock.tickUs).to.equal(250_000);
  });

  it("is the clock a run's blocks follow: blocks.csv times and timestamps on 0.4 s blocks", async () => {
    const run = await runTemp({
      seed: 3,
      duration: 30,
      network: { blockTime: 0.4 },
      market: { process: "gbm", sigma: 0.5 },
      agents: [{ type: "noise-trader", id: "flow", params: { ratePerHour: 3600 } }],
    });
    const clock = runClock({ blockTime: 0.4, genesisTime: run.summary.scenario.network.genesisTime!, duration: 30, pathStepUs: 400_000 });
    const blocks = run.csv("blocks.csv");
    expect(blocks.length).to.equal(clock.totalBlocks);
    expect(run.summary.metrics.durationSec).to.equal(clock.endUs / 1e6);
    blocks.forEach((row, i) => {
      expect(Number(row.time), `block ${i + 1} time`).to.equal(clock.timeUs(i + 1) / 1e6);
      expect(Number(row.timestamp), `block ${i + 1} timestamp`).to.equal(clock.timestamp(i + 1));
    });
    // Transactions did land, so the comparison covered mined blocks as well as deferred empty ones.
    expect(run.csv("txs.csv").filter((t) => t.status === "ok").length).to.be.greaterThan(0);
  });
});
