import { expect } from "chai";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimError } from "../../sim/errors.ts";
import { loadScenario, resolveScenario } from "../../sim/scenario/load.ts";

function problems(raw: Record<string, unknown>, set: string[] = []): string {
  try {
    resolveScenario(raw, process.cwd(), "t", { set });
  } catch (error) {
    expect(error).to.be.instanceOf(SimError);
    return `${(error as SimError).code}: ${(error as SimError).message}`;
  }
  throw new Error("expected the scenario to be rejected");
}

describe("scenario schema", () => {
  it("fills every default so an empty scenario is a valid one-day GBM run", () => {
    const s = resolveScenario({}, process.cwd(), "empty");
    expect(s.name).to.equal("empty");
    expect(s.duration).to.equal(86_400);
    expect(s.network).to.include({ blockTime: 12, blockGasLimit: 30_000_000, ordering: "priority", chainType: "l1" });
    expect(s.market).to.include({ process: "gbm", sigma: 0.6, mu: 0 });
    expect(s.contracts.pool.feeBps).to.equal(30);
  });

  it("reports every problem at once, each with its path and what was given", () => {
    const text = problems({
      network: { blockTime: -2, orderin: "fifo" },
      market: { process: "gbm", sigma: -0.2 },
      agents: [{ type: "arbitrageur", params: { minProfitUsd: -5 } }, { type: "oracle-kepeer" }],
    });
    expect(text).to.match(/^DL100/);
    expect(text).to.include("network.blockTime: must be ≥ 0.01 (got -2)");
    expect(text).to.include('network.orderin: unknown field — did you mean "ordering"?');
    expect(text).to.include("market.sigma: must be ≥ 0.0001 (got -0.2)");
    expect(text).to.include("agents[0].params.minProfitUsd: must be ≥ 0 (got -5)");
    expect(text).to.include(
      'agents[1].type: must be one of "option-trader", "vault-hedger", "arbitrageur", "noise-trader", "oracle-keeper", "congestion-load", "market-maker", "sniper", "leveraged-trader", "liquidation-keeper" (got "oracle-kepeer") — did you mean "oracle-keeper"?',
    );
  });

  it("parses durations with units and numbers agents by type", () => {
    const s = resolveScenario({ duration: "6h", agents: [{ type: "noise-trader" }, { type: "noise-trader" }] }, ".", "t");
    expect(s.duration).to.equal(21_600);
    expect(s.agents.map((a) => a.id)).to.deep.equal(["noise-trader", "noise-trader-2"]);
    expect(problems({ duration: "6 weeks" })).to.include('duration: must be seconds or "<n>s|m|h|d"');
  });

  it("applies --set overrides typed by the schema, addressing list items by id or index", () => {
    const raw = { agents: [{ type: "arbitrageur", id: "arb" }] };
    const s = resolveScenario(raw, ".", "t", { set: ["agents.arb.params.minProfitUsd=3", "network.ordering=fifo", "agents.0.latency.submission=0.5"] });
    const arb = s.agents[0];
    expect(arb.type === "arbitrageur" && arb.params.minProfitUsd).to.equal(3);
    expect(arb.latency.submission).to.equal(0.5);
    expect(s.network.ordering).to.equal("fifo");
    expect(problems(raw, ["network.blockTime=abc"])).to.include('network.blockTime: must be a number (got "abc")');
    expect(() => resolveScenario(raw, ".", "t", { set: ["agents.nobody.params.x=1"] }))
      .to.throw(SimError)
      .with.property("code", "DL103");
    expect(() => resolveScenario(raw, ".", "t", { set: ["novalue"] }))
      .to.throw(SimError)
      .with.property("code", "DL103");
  });

  it("rejects inconsistent latency ranges and duplicate ids", () => {
    expect(problems({ agents: [{ type: "noise-trader", latency: { submission: { dist: "uniform", min: 3, max: 1 } } }] })).to.include(
      "agents.noise-trader.latency.submission: max must be ≥ min (got min 3, max 1)",
    );
    expect(
      problems({
        agents: [
          { type: "noise-trader", id: "a" },
          { type: "arbitrageur", id: "a" },
        ],
      }),
    ).to.include('agents[1].id: "a" is used twice');
  });

  it("names the file and the fix for missing files, bad YAML and bad replay data", () => {
    expect(() => loadScenario("does/not/exist.yaml"))
      .to.throw(SimError)
      .with.property("code", "DL101");
    const dir = mkdtempSync(join(tmpdir(), "deltalag-schema-"));
    writeFileSync(join(dir, "bad.yaml"), "network: [blockTime: 12\n");
    expect(() => loadScenario(join(dir, "bad.yaml")))
      .to.throw(SimError)
      .with.property("code", "DL102");
    writeFileSync(join(dir, "prices.csv"), "timestamp,close\n100,5\n90,6\n");
    writeFileSync(join(dir, "replay.yaml"), "market: { process: replay, file: prices.csv }\n");
    expect(() => loadScenario(join(dir, "replay.yaml")))
      .to.throw(SimError, "prices.csv:3: timestamps must increase")
      .with.property("code", "DL110");
    writeFileSync(join(dir, "missing.yaml"), "market: { process: replay, file: nope.csv }\n");
    expect(() => loadScenario(join(dir, "missing.yaml")))
      .to.throw(SimError, "market.file: cannot read")
      .with.property("code", "DL110");
  });
});
