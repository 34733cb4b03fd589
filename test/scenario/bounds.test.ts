import { expect } from "chai";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimError } from "../../sim/errors.ts";
import { boundsTable } from "../../sim/scenario/bounds-table.ts";
import { fieldBounds } from "../../sim/scenario/field-bounds.ts";
import { loadScenario, resolveScenario } from "../../sim/scenario/load.ts";
import { scenarioSchema } from "../../sim/scenario/schema.ts";

/** The SimError a scenario is rejected with (code + message). */
function rejection(raw: Record<string, unknown>, set: string[] = []): { code: string; message: string } {
  try {
    resolveScenario(raw, process.cwd(), "t", { set });
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(SimError);
    return { code: (error as SimError).code, message: (error as SimError).message };
  }
  throw new Error(`expected ${JSON.stringify(raw)} ${set.join(" ")} to be rejected`);
}

describe("scenario bounds", () => {
  it("gives every number a finite minimum and maximum and every text a maximum length", () => {
    const rows = fieldBounds(scenarioSchema);
    expect(rows.length).to.be.above(100);
    const unbounded = rows.filter((r) => r.max === null || (r.kind !== "text" && r.min === null)).map((r) => r.path);
    expect(unbounded).to.deep.equal([]);
  });

  it("documents every bound in docs/scenario.md (npm run docs:bounds regenerates the table)", () => {
    expect(readFileSync("docs/scenario.md", "utf8")).to.include(boundsTable(scenarioSchema));
  });

  it("refuses huge, tiny and absurd values with the field and the bound instead of a RangeError", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ network: { blockTime: 1e-9 } }, "network.blockTime: must be ≥ 0.01"],
      [{ duration: 1e12 }, "duration: must be ≤ 31622400"],
      [{ duration: "99999999d" }, "duration: must be ≤ 31622400"],
      [{ market: { process: "gbm", sigma: 1e308 } }, "market.sigma: must be ≤ 10"],
      [{ market: { process: "gbm", startPrice: 1e308 } }, "market.startPrice: must be ≤ 10000000"],
      [{ market: { process: "gbm", stepSeconds: 1e-9 } }, "market.stepSeconds: must be ≥ 0.001"],
      [{ contracts: { pool: { liquidityUsd: 1e308 } } }, "contracts.pool.liquidityUsd: must be ≤ 1000000000000"],
      [{ agents: [{ type: "noise-trader", params: { ratePerHour: 1e308 } }] }, "agents[0].params.ratePerHour: must be ≤ 1000000"],
      [{ agents: [{ type: "arbitrageur", latency: { submission: 1e308 } }] }, "agents[0].latency.submission: must be ≤ 86400"],
      [{ agents: [{ type: "leveraged-trader", params: { accounts: 1e9 } }] }, "agents[0].params.accounts: must be ≤ 500"],
    ];
    for (const [raw, expected] of cases) {
      const { code, message } = rejection(raw);
      expect(code, JSON.stringify(raw)).to.equal("DL100");
      expect(message, JSON.stringify(raw)).to.include(expected);
    }
  });

  it("checks sizes that follow from several fields: blocks, path points and gas per block", () => {
    expect(rejection({ duration: 5, network: { blockTime: 12 } }).message).to.include("duration: must be at least one block");
    expect(rejection({ duration: "366d", network: { blockTime: 0.01 } }).message).to.include("blocks; at most 130000000");
    expect(rejection({ duration: "300d", market: { process: "gbm", stepSeconds: 0.01 }, network: { blockTime: 1 } }).message).to.include("market.stepSeconds:");
    const gas = rejection({ network: { blockGasLimit: 100_000 }, agents: [{ type: "arbitrageur", id: "arb" }] });
    expect(gas.message).to.include("network.blockGasLimit: agent arb sends transactions of up to 150000 gas");
  });

  it("checks the rules the contracts enforce when the scenario is loaded, not at deployment", () => {
    const margin = rejection({ contracts: { margin: { mmRatio: 0.05, penalty: 0.2 } } });
    expect(margin.code).to.equal("DL100");
    expect(margin.message).to.include("contracts.margin.penalty: must be ≤ mmRatio 0.05");
    const vault = rejection({ contracts: { vault: { baseIv: 8, maxSkew: 2, minSkew: 3, series: [{ type: "call", moneyness: 1, expirySec: 3600 }] } } });
    expect(vault.message).to.include("contracts.vault.minSkew: must be ≤ maxSkew 2");
    expect(vault.message).to.include("contracts.vault.maxSkew: baseIv × maxSkew must be within");
    expect(rejection({ contracts: { book: { tickUsd: 0.001, lotBase: 0.0001 } } }).message).to.include("contracts.book: tickUsd × lotBase");
    // Collected together: both problems in one report.
    expect(rejection({ contracts: { margin: { penalty: 0.5 }, book: { tickUsd: 0.001, lotBase: 0.0001 } } }).message).to.include("2 problems");
  });

  it("refuses __proto__, constructor and prototype keys in --set and in YAML, and leaves Object.prototype alone", () => {
    for (const key of ["__proto__.polluted=1", "constructor.prototype.polluted=1", "network.__proto__.polluted=1", "agents.0.prototype=1"]) {
      expect(rejection({ agents: [{ type: "arbitrageur" }] }, [key]).code, key).to.equal("DL103");
    }
    expect(rejection({}, ["network={__proto__: {polluted: 1}}"]).code).to.equal("DL103");
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    const dir = mkdtempSync(join(tmpdir(), "deltalag-proto-"));
    writeFileSync(join(dir, "p.yaml"), "network:\n  __proto__: { blockTime: 1 }\n");
    expect(() => loadScenario(join(dir, "p.yaml")))
      .to.throw(SimError, "network.__proto__")
      .with.property("code", "DL100");
    writeFileSync(join(dir, "c.yaml"), "agents:\n  - type: arbitrageur\n    constructor: 1\n");
    expect(() => loadScenario(join(dir, "c.yaml")))
      .to.throw(SimError, "agents.0.constructor")
      .with.property("code", "DL100");
  });

  it("requires a name that is a safe folder name and refuses oversized text", () => {
    for (const name of ["..", ".", "../x", "a/b", ".hidden", ""]) {
      expect(rejection({ name }).message, name).to.match(/name: /);
    }
    expect(rejection({ description: "x".repeat(10_001) }).message).to.include("description: ");
    expect(rejection({ agents: [{ type: "arbitrageur", id: `a${"b".repeat(80)}` }] }).message).to.include("agents[0].id: ");
    const dir = mkdtempSync(join(tmpdir(), "deltalag-big-"));
    writeFileSync(join(dir, "big.yaml"), `description: "${"x".repeat(1_100_000)}"\n`);
    expect(() => loadScenario(join(dir, "big.yaml")))
      .to.throw(SimError, "at most 1 MiB")
      .with.property("code", "DL100");
  });

  it("says which shapes a latency accepts, and names the field inside the shape that is wrong", () => {
    const shapes = rejection({ agents: [{ type: "arbitrageur", latency: { submission: "fast" } }] }).message;
    expect(shapes).to.include("agents[0].latency.submission: must be seconds ≥ 0, or one of { dist: uniform, min, max }");
    expect(shapes).not.to.include("Invalid input");
    const inner = rejection({ agents: [{ type: "arbitrageur", latency: { submission: { dist: "uniform", min: -1, max: 2 } } }] }).message;
    expect(inner).to.include("agents[0].latency.submission.min: must be ≥ 0 (got -1)");
    const tag = rejection({ agents: [{ type: "arbitrageur", latency: { submission: { dist: "gamma", mean: 1 } } }] }).message;
    expect(tag).to.include('agents[0].latency.submission.dist: must be one of "uniform", "exponential", "lognormal"');
    // A priority fee without `policy` is `fixed` unless it has another policy's fields: then the policy is missing.
    expect(rejection({ agents: [{ type: "arbitrageur", priorityFee: { share: 0.5 } }] }).message).to.include("agents[0].priorityFee.policy: must be one of");
    expect(rejection({ agents: [{ type: "arbitrageur", priorityFee: { tipGwie: 1 } }] }).message).to.include(
      'agents[0].priorityFee.tipGwie: unknown field — did you mean "tipGwei"?',
    );
  });

  it("refuses replay prices that are infinite, overflow, empty or not numbers, naming the file, line and column", () => {
    const dir = mkdtempSync(join(tmpdir(), "deltalag-replay-"));
    writeFileSync(join(dir, "s.yaml"), "market: { process: replay, file: p.csv }\n");
    for (const [cell, expected] of [
      ["Infinity", 'p.csv:3: column 2 (close) "Infinity" is not a finite number'],
      ["1e400", 'p.csv:3: column 2 (close) "1e400" is not a finite number'],
      ["", 'p.csv:3: column 2 (close) "" is not a finite number'],
      ["-5", 'p.csv:3: column 2 (close) "-5" must be a positive price'],
      ["1e15", 'p.csv:3: column 2 (close) "1e15" must be a positive price ≤ 1000000000000'],
    ]) {
      writeFileSync(join(dir, "p.csv"), `timestamp,close\n1000,2000\n1060,${cell}\n1120,2001\n`);
      expect(() => loadScenario(join(dir, "s.yaml")), cell)
        .to.throw(SimError, expected)
        .with.property("code", "DL110");
    }
    writeFileSync(join(dir, "p.csv"), "timestamp,close\n1000,2000\n,2001\n1120,2001\n");
    expect(() => loadScenario(join(dir, "s.yaml"))).to.throw(SimError, 'p.csv:3: column 1 (timestamp) "" is not a finite number');
  });
});
