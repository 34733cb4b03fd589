import { expect } from "chai";
import { ENVIRONMENTS } from "../../sim/scenario/environments.ts";
import { resolveScenario } from "../../sim/scenario/load.ts";
import { expectClose } from "../helpers/close.ts";
import { runTemp } from "../helpers/run-temp.ts";

/** A small market every preset runs: a pool, an arbitrageur and noise flow for a few minutes. */
function market(environment: string, extra: Record<string, unknown> = {}) {
  return {
    seed: 4,
    duration: "10m",
    network: { environment, ...extra },
    market: { process: "gbm", sigma: 0.8 },
    agents: [
      { type: "arbitrageur", id: "arb", latency: { observation: 0.05, submission: 0.05 } },
      { type: "noise-trader", id: "noise", params: { ratePerHour: 600 } },
    ],
  };
}

describe("environments: presets", () => {
  it("fills the documented fields, and fields the scenario sets win", () => {
    for (const [name, preset] of Object.entries(ENVIRONMENTS)) {
      const s = resolveScenario({ network: { environment: name } }, ".", "t");
      for (const [key, value] of Object.entries(preset)) {
        if (key === "l1DataFee") expect(s.network.l1DataFee, name).to.not.equal(null);
        else expect((s.network as Record<string, unknown>)[key], `${name}.${key}`).to.equal(value);
      }
    }
    const s = resolveScenario({ network: { environment: "op-rollup", blockTime: 1 } }, ".", "t");
    expect(s.network.blockTime).to.equal(1);
    expect(s.network.chainType).to.equal("op");
  });

  it("ethereum-l1: 12 s blocks under EIP-1559's ±12.5 %", async () => {
    const run = await runTemp(market("ethereum-l1"));
    const blocks = run.csv("blocks.csv");
    expect(Number(blocks[1].time) - Number(blocks[0].time)).to.equal(12);
    expect(Number(blocks[1].baseFeeGwei) / Number(blocks[0].baseFeeGwei)).to.be.within(0.875, 1.125);
  });

  it("op-rollup: 2 s blocks, OP's base-fee rule, and a non-zero L1 data fee on every transaction", async () => {
    const run = await runTemp(market("op-rollup"));
    const blocks = run.csv("blocks.csv");
    expect(Number(blocks[1].time) - Number(blocks[0].time)).to.equal(2);
    // An empty block lowers the base fee by 1/250 (0.4 %), as on OP mainnet.
    const empty = blocks.findIndex((b, i) => i > 0 && b.txCount === "0");
    expectClose(Number(blocks[empty + 1].baseFeeGwei) / Number(blocks[empty].baseFeeGwei), 0.996, 1e-6, "OP empty-block decay");
    const txs = run.csv("txs.csv").filter((t) => t.status === "ok");
    expect(txs.length).to.be.greaterThan(20);
    for (const t of txs) expect(Number(t.l1FeeUsd), `tx ${t.tx}`).to.be.greaterThan(0);
    expect(run.summary.metrics.l1FeeUsd).to.be.greaterThan(0);
    expect(new Set(blocks.map((b) => b.l1BaseFeeGwei)).size, "the L1 base fee moves").to.be.greaterThan(5);
  });

  it("arbitrum-style: 250 ms blocks, FIFO, and a base fee that never falls below its floor", async () => {
    const run = await runTemp(market("arbitrum-style"));
    const blocks = run.csv("blocks.csv");
    expect(blocks.length).to.equal(2_400);
    expect(Math.min(...blocks.map((b) => Number(b.baseFeeGwei)))).to.equal(0.01);
    expect(run.summary.scenario.network.ordering).to.equal("fifo");
  });

  it("fast-appchain: 100 ms blocks at a fixed base fee", async () => {
    const run = await runTemp(market("fast-appchain"));
    const blocks = run.csv("blocks.csv");
    expect(blocks.length).to.equal(6_000);
    expect(new Set(blocks.map((b) => b.baseFeeGwei))).to.deep.equal(new Set(["0.1"]));
  });
});
