import { expect } from "chai";
import { loadScenario } from "../../sim/scenario/load.ts";
import { mean } from "../../sim/stats/descriptive.ts";
import { FILE, formatTable, lawInputs, lawRow, lawRun, logLogSlope, NS, tolerances, type LawRow } from "./hedging-law.ts";

/**
 * Derman & Kamal (1999): the P&L of an option delta-hedged N times to expiry has standard deviation
 * ≈ √(π/4)·vega·σ/√N. The vault sells one ATM call at fair value; the hedger rebalances N = 4, 16, 64 and
 * 256 times (256 = every block) on the same seeds 1…n (n = validationSeeds, 32); test/validation/hedging-law.ts
 * says what is measured. The runs are paired (one price path per seed for every N), which lowers the noise
 * of the ratios; each SD is still estimated from n independent paths.
 *
 * Tolerances, in log units, z = 3 standard errors plus the formula's own error:
 * - SD(N) vs √(π/4)·vega·σ/√N: the relative SE of a sample SD is √((κ − 1)/(4(n − 1))) — 1/√(2(n − 1)) for a
 *   normal (κ = 3); the hedging error's kurtosis is κ ≈ 4.4–4.8 (model Monte Carlo; 5 used), so SE = 18 % at
 *   n = 32. The asymptotic formula itself overstates the exact discrete SD by 9 % at N = 4 … 1.7 % at N = 256.
 *   Allowed: |ln(sd/theory)| ≤ 3·SE + |ln(exact/formula)|, e.g. 0.54–1.82 × theory at N = 4.
 * - SD(N)/SD(4N) vs 2: Var ln(s_N/s_4N) = [2(κ − 1) − 2ρ(κ − 1)]/(4(n − 1)) with ρ = corr(E_N², E_4N²) ≥ 0.25
 *   on common paths (independent seed sets: ρ = 0, √2 × the SD's SE); SE = 22 % at n = 32, plus the exact
 *   ratio's distance from 2 (1.93, 1.95, 1.97). Allowed ≈ 1.0–4.0: it rejects no gain (1), not yet 1/N (4).
 * - The slope of ln SD against ln N over 4…256 is where the law is sharp: SE 0.3/√n = 0.053 (model MC),
 *   so −0.5 ± 0.18; a 1/N law (−1) or half the rebalances counting (−0.25) fail.
 * - Path by path the chain's P&L must equal the model's (Black–Scholes deltas and reference prices at the
 *   chain's hedge times): RMS gap < 5 % of the theory SD. This is what catches a wrong settlement price,
 *   stale fills or lost hedges at any n; the SD checks then test the law itself.
 * scripts/hedging-law.ts runs the same with more seeds (the README's deeper table).
 */
describe("validation: discrete delta-hedging error (scenarios/hedging-error.yaml)", () => {
  it("the hedging P&L's spread falls like 1/√N and matches √(π/4)·vega·σ/√N for N = 4 … 256", async () => {
    const base = loadScenario(FILE);
    const hedger = base.agents.find((a) => a.type === "vault-hedger");
    const seeds = hedger?.type === "vault-hedger" ? hedger.params.validationSeeds : 0;
    const { theory, expirySec } = lawInputs(base);
    expect(expirySec % (base.network.blockTime * 256), "T/N is a whole number of blocks for N ≤ 256").to.equal(0);
    const rows: LawRow[] = [];
    for (const n of NS) {
      const runs = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const run = await lawRun(n, seed);
        // N scheduled dates, two of them before the first hedge when N = 256 (the trade lands in block 1); one is
        // skipped only when there is nothing to trade (deep out of the money).
        expect(run.hedges, `N=${n} seed ${seed}`).to.be.within(n / 2, n);
        // Settlement by rule: the payout is at the oracle round pushed at expiry, i.e. the reference price at T.
        expect(Math.abs(run.payoutUsd - run.payoutAtExpiryUsd), `N=${n} seed ${seed}: payout ${run.payoutUsd}`).to.be.below(2e-6);
        runs.push(run);
      }
      rows.push(lawRow(n, runs, theory(n)));
    }
    console.log(formatTable(rows, seeds));
    const tol = tolerances(seeds);
    const slope = logLogSlope(rows);
    console.log(`      log-log slope ${slope.toFixed(3)} (allowed −0.5 ± ${tol.slope.toFixed(3)})`);
    rows.forEach((r, i) => {
      expect(r.rmsModelGap, `N=${r.n}: chain vs model P&L`).to.be.below(0.05 * r.theory);
      const errors = r.runs.map((x) => x.errorUsd);
      expect(Math.abs(mean(errors)), `N=${r.n}: mean P&L (fair price)`).to.be.below((3.5 * r.sd) / Math.sqrt(seeds));
      expect(Math.abs(Math.log(r.sd / r.theory)), `N=${r.n}: sd ${r.sd} vs ${r.theory}`).to.be.at.most(tol.sd(r.n));
      const next = rows[i + 1];
      if (next) expect(Math.abs(Math.log(r.sd / next.sd / 2)), `sd(${r.n})/sd(${next.n})`).to.be.at.most(tol.ratio(r.n));
    });
    expect(Math.abs(slope + 0.5), `slope ${slope}`).to.be.at.most(tol.slope);
  });
});
