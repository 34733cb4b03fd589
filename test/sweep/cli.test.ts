import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Runs the real `deltalag` entry point in a child process, as a user or a CI job would. */
function cli(args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deltalag.js", ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const quickstart = readFileSync("scenarios/quickstart.yaml", "utf8");

/** The quickstart for 30 minutes, one seed, with these assertion lines. */
function scenarioWith(dir: string, name: string, assertions: string[]): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(
    path,
    `${quickstart}\nduration: 30m\nsweep:\n  seeds: 1\nassertions:\n${assertions.map((a) => `  - ${a}`).join("\n")}\n`.replace(/^duration: 1d\n/m, ""),
  );
  return path;
}

describe("CLI: deltalag sweep, check and merge", () => {
  const dir = mkdtempSync(join(tmpdir(), "deltalag-cli-sweep-"));

  it("exits 2 with the offending text on malformed grids, unknown fields and shards out of range", () => {
    const cases: [string[], string][] = [
      [["--grid", "network.blockTime="], "--grid network.blockTime=: no values"],
      [["--grid", "network.blokTime=1,2"], 'network.blokTime: unknown field — did you mean "blockTime"?'],
      [["--shard", "2/2"], "--shard 2/2: index 2 is out of range for 2 shards"],
      [["--zip", "network.blockTime=1,2", "--zip", "market.sigma=0.5"], "same number of values"],
    ];
    for (const [args, text] of cases) {
      const r = cli(["sweep", "scenarios/quickstart.yaml", "--out", join(dir, "never"), "--no-compile", ...args]);
      expect(r.code, args.join(" ")).to.equal(2);
      expect(r.stderr).to.include("error DL400");
      expect(r.stderr).to.include(text);
    }
    expect(existsSync(join(dir, "never"))).to.equal(false);
  });

  it("exits 1 when a run fails, after finishing the others", () => {
    const out = join(dir, "failing");
    const r = cli(["sweep", "scenarios/quickstart.yaml", "--grid", "network.blockTime=-1,12", "--set", "duration=30m", "--out", out, "--no-compile"]);
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stderr).to.include("error DL300: 1 of 2 runs failed: p0000-s42 (DL100)");
    expect(r.stdout).to.include("ok 1, failed 1");
    expect(existsSync(join(out, "runs", "p0001-s42", "summary.json"))).to.equal(true);
  });

  it("check exits 0 when every assertion holds and 1 when one fails, reusing completed runs with --out", () => {
    const out = join(dir, "check");
    const pass = scenarioWith(dir, "pass", [
      "{ metric: blocks, aggregate: min, op: '>=', value: 150 }",
      "{ metric: lvrUsd, aggregate: mean, op: between, value: [0, 1000000] }",
    ]);
    const ok = cli(["check", pass, "--out", out, "--no-compile"]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.match(/blocks min >= 150\s+-\s+1\s+150\s+PASS/);
    expect(ok.stdout).to.include("check passed: 2 assertions");

    const fail = scenarioWith(dir, "pass", ["{ metric: blocks, aggregate: max, op: '<', value: 150 }"]);
    const bad = cli(["check", fail, "--out", out, "--no-compile"]);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.match(/blocks max < 150\s+-\s+1\s+150\s+FAIL/);
    expect(bad.stderr).to.include("error DL300: check failed: 1 of 1 assertions failed");
  });

  it("check exits 2 on an unknown metric (with the nearest name) and on a malformed assertion", () => {
    const out = join(dir, "check");
    const unknown = cli(["check", scenarioWith(dir, "pass", ["{ metric: lvrUSD, op: '<', value: 1 }"]), "--out", out, "--no-compile"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.include('unknown metric "lvrUSD" — did you mean "lvrUsd"?');
    const malformed = cli(["check", scenarioWith(dir, "malformed", ["{ metric: lvrUsd, op: between, value: 3 }"]), "--no-compile"]);
    expect(malformed.code).to.equal(2);
    expect(malformed.stderr).to.include('assertions[0].value: "between" needs [lo, hi]');
  });

  it("merge exits 2 on a folder that is not a sweep", () => {
    const r = cli(["merge", join(dir, "merged"), dir]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("not a sweep folder");
  });
});
