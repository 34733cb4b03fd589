import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

/** The real `deltalag` entry point in a child process, run from the repo as a user's shell would. */
function cli(args: string[]) {
  const result = spawnSync(process.execPath, ["bin/deltalag.js", ...args], { encoding: "utf8", env: { ...process.env, CI: "true" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of examples/twap-trader in a fresh folder outside the repo. */
function copyExample(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "deltalag-plugin-")), "my-desk");
  cpSync("examples/twap-trader", dir, { recursive: true });
  return dir;
}

describe("plug-ins: a user's own agent from outside the repo", () => {
  it("runs examples/twap-trader copied to a temporary folder: its twelve slices land on the pool", () => {
    const dir = copyExample();
    const out = join(dir, "results");
    const r = cli(["run", join(dir, "scenario.yaml"), "--out", out, "--quiet", "--no-report"]);
    expect(r.code, r.stderr).to.equal(0);
    const txs = parse(readFileSync(join(out, "txs.csv")), { columns: true }) as Record<string, string>[];
    const twap = txs.filter((t) => t.agentType === "twap-trader");
    expect(twap.map((t) => t.kind)).to.deep.equal(Array(12).fill("swap"));
    expect(
      twap.every((t) => t.status === "ok"),
      JSON.stringify(twap.map((t) => t.revertReason)),
    ).to.equal(true);
    const trades = parse(readFileSync(join(out, "trades.csv")), { columns: true }) as Record<string, string>[];
    const bought = trades.filter((t) => t.agent === "twap").reduce((sum, t) => sum + Number(t.amountBase), 0);
    // 120 base over 12 slices, each bought with 10 × ref quote: within the pool's fee and drift of 120.
    expect(bought).to.be.within(110, 121);
    const agents = parse(readFileSync(join(out, "agents.csv")), { columns: true }) as Record<string, string>[];
    expect(agents.find((a) => a.agent === "twap")?.agentType).to.equal("twap-trader");
  });

  it("checks a plug-in agent's params like a shipped agent's: the path and the bound, exit 2, nothing written", () => {
    const dir = copyExample();
    const out = join(dir, "results");
    const r = cli(["run", join(dir, "scenario.yaml"), "--out", out, "--set", "agents.twap.params.slices=0"]);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include("agents[1].params.slices: must be ≥ 1 (got 0)");
    expect(existsSync(out)).to.equal(false);
    const typo = cli(["run", join(dir, "scenario.yaml"), "--out", out, "--set", "agents.twap.type=twap-trade"]);
    expect(typo.code).to.equal(2);
    expect(typo.stderr).to.include('did you mean "twap-trader"?');
  });

  it("names the plug-in file and what is missing for a bad plug-in (DL104, exit 2)", () => {
    const dir = copyExample();
    const scenario = join(dir, "scenario.yaml");
    const cases: [string, string][] = [
      ["export default 42;\n", "the default export must be a function"],
      [
        'export default (api) => ({ name: "x", agents: [api.defineAgent({ type: "y", params: api.z.strictObject({}), kinds: ["swap"] })] });\n',
        "needs: create",
      ],
      [
        'export default (api) => ({ name: "x", agents: [{ type: "arbitrageur", params: api.z.strictObject({}), kinds: ["swap"], create: () => null }] });\n',
        'type "arbitrageur" is already defined by deltalag',
      ],
      [
        'export default (api) => ({ name: "x", agents: [{ type: "z", params: api.z.strictObject({}), kinds: ["teleport"], create: () => null }] });\n',
        "unknown kind teleport",
      ],
      ["import { nope } from './missing.ts';\nexport default () => ({ name: 'x' });\n", "the module failed to load"],
    ];
    for (const [source, expected] of cases) {
      writeFileSync(join(dir, "plugin.ts"), source);
      const r = cli(["run", scenario, "--out", join(dir, "results"), "--quiet"]);
      expect(r.code, `${source}: ${r.stderr}`).to.equal(2);
      expect(r.stderr, source).to.include("error DL104");
      expect(r.stderr, source).to.include("plugins[0] (./plugin.ts)");
      expect(r.stderr, source).to.include(expected);
    }
    writeFileSync(scenario, readFileSync(scenario, "utf8").replace("plugins: [./plugin.ts]", "plugins: [./nowhere.ts]"));
    const missing = cli(["run", scenario, "--out", join(dir, "results"), "--quiet"]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include("plugins[0] (./nowhere.ts): file not found");
  });

  it("exports the public API by package name", async () => {
    const api = await import("deltalag");
    expect(api.runScenario).to.be.a("function");
    expect(api.loadScenario).to.be.a("function");
    expect(api.defineAgent).to.be.a("function");
    expect(api.ERROR_CODES.DL104).to.equal("plug-in invalid");
  });
});
