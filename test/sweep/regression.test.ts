import { expect } from "chai";
import { spawnSync } from "node:child_process";

/**
 * The CI regression gate: `deltalag check scenarios/regression-pool.yaml`, exactly as a pipeline runs it
 * (same command, same code path). A change that moves a guarded metric out of its bounds fails `npm test`;
 * docs/sweeps.md says how the bounds were measured and how to re-baseline them after an intended change.
 */
describe("regression gate: scenarios/regression-pool.yaml", () => {
  it("passes every assertion (LVR, noise slippage, arbitrage profit, noise inclusion delay)", () => {
    const r = spawnSync(process.execPath, ["bin/deltalag.js", "check", "scenarios/regression-pool.yaml", "--no-compile", "--quiet"], {
      encoding: "utf8",
      env: { ...process.env, CI: "true" },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).to.equal(0);
    for (const metric of ["lvrUsd", "noiseSlippageUsd", "arbProfitUsd", "inclusionDelaySecP95.noise-trader"]) {
      expect(r.stdout).to.match(new RegExp(`${metric.replace(".", "\\.")} \\w+ .*PASS`));
    }
    expect(r.stdout).to.include("check passed: 5 assertions");
  });
});
