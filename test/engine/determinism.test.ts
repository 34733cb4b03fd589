import { expect } from "chai";
import { runTemp } from "../helpers/run-temp.ts";

const SHORT = ["duration=2h"];

describe("engine: determinism", () => {
  it("gives byte-identical CSVs for the same scenario and seed", async () => {
    const [a, b] = [await runTemp("scenarios/quickstart.yaml", SHORT), await runTemp("scenarios/quickstart.yaml", SHORT)];
    for (const file of ["blocks.csv", "txs.csv", "trades.csv", "agents.csv"]) {
      expect(a.bytes(file).length, file).to.be.greaterThan(100);
      expect(a.bytes(file).equals(b.bytes(file)), `${file} differs between identical runs`).to.equal(true);
    }
  });

  it("changes the price path with the seed, but not when an agent is added", async () => {
    const base = await runTemp("scenarios/quickstart.yaml", SHORT);
    const otherSeed = await runTemp("scenarios/quickstart.yaml", [...SHORT, "seed=43"]);
    const moreAgents = await runTemp("scenarios/quickstart.yaml", [...SHORT, 'agents.3={"type":"noise-trader","id":"extra","params":{"ratePerHour":300}}']);
    const prices = (run: typeof base) =>
      run
        .csv("blocks.csv")
        .map((r) => r.refPrice)
        .join(",");
    expect(prices(otherSeed)).to.not.equal(prices(base));
    expect(prices(moreAgents)).to.equal(prices(base));
    // ...while the extra agent really traded.
    expect(moreAgents.csv("trades.csv").some((t) => t.agent === "extra")).to.equal(true);
  });
});
