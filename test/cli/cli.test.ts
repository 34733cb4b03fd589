import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs the real `deltalag` entry point in a child process, as a user would. */
function cli(args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deltalag.js", ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("CLI: deltalag run", () => {
  it("runs a shipped scenario with --set overrides and writes the results folder", () => {
    const out = join(mkdtempSync(join(tmpdir(), "deltalag-cli-")), "run");
    const r = cli(["run", "scenarios/quickstart.yaml", "--out", out, "--seed", "9", "--set", "duration=30m", "--set", "agents.noise.params.ratePerHour=60"]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include(`results: ${out}`);
    expect(readdirSync(out).sort()).to.deep.equal([
      ".deltalag-result.json",
      "accounts.csv",
      "agents.csv",
      "blocks.csv",
      "fills.csv",
      "liquidations.csv",
      "quotes.csv",
      "report.html",
      "summary.json",
      "trades.csv",
      "txs.csv",
    ]);
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    expect(summary.seed).to.equal(9);
    expect(summary.scenario.duration).to.equal(1_800);
    expect(summary.metrics.blocks).to.equal(150);
    expect(summary.versions).to.have.keys(["deltalag", "hardhat", "edr", "solc", "ethers", "node"]);
  });

  it("exits 2 with the field path on a bad scenario and writes nothing", () => {
    const parent = mkdtempSync(join(tmpdir(), "deltalag-cli-"));
    const out = join(parent, "run");
    const r = cli(["run", "scenarios/quickstart.yaml", "--out", out, "--set", "market.sigma=-0.2"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("error DL100");
    expect(r.stderr).to.match(/market\.sigma: must be .* \(got -0\.2\)/);
    expect(existsSync(out)).to.equal(false);
    expect(readdirSync(parent)).to.deep.equal([]);
  });

  it("exits 2 on a missing scenario file and on bad flags", () => {
    expect(cli(["run", "nope.yaml"]).code).to.equal(2);
    expect(cli(["run", "scenarios/quickstart.yaml", "--seed", "x"]).code).to.equal(2);
    expect(cli(["frobnicate"]).code).to.equal(2);
  });
});
