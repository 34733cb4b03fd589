import { expect } from "chai";
import { SECONDS_PER_YEAR } from "../../sim/time.ts";
import { runTemp } from "../helpers/run-temp.ts";

/**
 * Milionis, Moallemi, Roughgarden & Zhang (2022), "Automated Market Making and Loss-Versus-Rebalancing":
 * for a constant-product pool with no fee, arbitraged to the reference price every block, the expected
 * LVR of a block is V·(1 − e^(−σ_b²/8)), σ_b = σ·√Δt, V the pool value at the block's start.
 *
 * Tolerance: the per-block ratio LVR_b / E[LVR_b] is ≈ χ²₁-distributed (mean 1, sd √2), so over n
 * blocks the mean ratio has standard error ≈ √(2/n) (1.2 % at n = 14,400); we measure that standard
 * error from the data and require |mean − 1| < 4 SE (a 1-in-15,000 false alarm), and SE < 2 % so the
 * bound means something.
 */
describe("validation: loss-versus-rebalancing (scenarios/amm-lvr.yaml)", () => {
  it("matches V·(1 − e^(−σ_b²/8)) per block within four standard errors", async () => {
    const run = await runTemp("scenarios/amm-lvr.yaml");
    const { scenario } = run.summary;
    const sigma = scenario.market.process === "gbm" ? scenario.market.sigma : Number.NaN;
    const expectedFraction = 1 - Math.exp(-(sigma * sigma * scenario.network.blockTime) / SECONDS_PER_YEAR / 8);
    const blocks = run.csv("blocks.csv");
    const ratios: number[] = [];
    let start = Number(run.summary.metrics.poolValueUsdStart);
    for (const block of blocks) {
      ratios.push(Number(block.lvrUsd) / (start * expectedFraction));
      start = Number(block.poolValueUsd);
    }
    const n = ratios.length;
    const mean = ratios.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(ratios.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1) / n);
    console.log(`      measured LVR / V(1 − e^(−σ_b²/8)) = ${mean.toFixed(4)} ± ${se.toFixed(4)} (SE) over ${n} blocks`);
    expect(n).to.equal(14_400);
    expect(run.summary.metrics.txReverted).to.equal(0);
    expect(
      blocks.every((b) => b.txCount === "1"),
      "the arbitrageur must trade in every block",
    ).to.equal(true);
    expect(se).to.be.lessThan(0.02);
    expect(Math.abs(mean - 1), `mean ratio ${mean} (SE ${se})`).to.be.lessThan(4 * se);
  });
});
