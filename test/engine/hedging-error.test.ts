import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { runScenario } from "../../sim/engine/run-scenario.ts";
import { SECONDS_PER_YEAR } from "../../sim/market/gbm.ts";
import { std } from "../../sim/metrics/quantile.ts";
import { blackScholes } from "../../sim/pricing/black-scholes.ts";
import { loadScenario } from "../../sim/scenario/load.ts";

const FILE = "scenarios/hedging-error.yaml";
const NS = [4, 16, 64];

/**
 * Derman & Kamal (1999): the P&L of an option delta-hedged N times to expiry has standard deviation
 * ≈ √(π/4)·vega·σ/√N. The vault sells one ATM call at fair value; across `validationSeeds` seeds (a field
 * of the scenario's hedger) we measure the standard deviation of hedgeErrorUsd at N = 4, 16, 64.
 * Tolerance: with n seeds the sample sd has a relative standard error ≈ 1/√(2(n−1)) (13 % at n = 30),
 * a little more for the fat-tailed hedging error; we allow ±40 % (≈ 3 SE) at each N, and require the
 * log-log slope of sd against N to be −0.5 ± 0.2 — the 1/√N law itself.
 */
/**
 * The hedged book's P&L with the hedge valued at the settlement price S_T (the oracle price pushed at
 * expiry): vault NAV change (premium − payoff) + Σ hedge size × (S_T − fill price). Valuing the hedge at
 * the run's last reference price instead would add the price noise of the minutes after expiry.
 */
function hedgedPnlAtExpiry(dir: string, expirySec: number, metrics: Record<string, number>): number {
  const read = (f: string) => parse(readFileSync(join(dir, f)), { columns: true }) as Record<string, string>[];
  const settlement = read("blocks.csv").find((b) => Number(b.time) >= expirySec)!;
  const sT = Number(settlement.oraclePrice);
  const hedge = read("hedges.csv").reduce((pnl, h) => pnl + Number(h.sizeBase) * (sT - Number(h.price)), 0);
  return metrics.vaultNavEndUsd - metrics.vaultNavStartUsd + hedge;
}

describe("validation: discrete delta-hedging error (scenarios/hedging-error.yaml)", () => {
  it("the hedging P&L's spread falls like 1/√N and matches √(π/4)·vega·σ/√N", async () => {
    const base = loadScenario(FILE);
    const hedger = base.agents.find((a) => a.type === "vault-hedger");
    const seeds = hedger?.type === "vault-hedger" ? hedger.params.validationSeeds : 0;
    const sigma = base.market.process === "gbm" ? base.market.sigma : Number.NaN;
    const series = base.contracts.vault!.series[0];
    const vega = blackScholes({ type: "call", spot: 2000, strike: 2000 * series.moneyness!, vol: sigma, timeYears: series.expirySec / SECONDS_PER_YEAR, rate: 0 }).vega;
    const out = mkdtempSync(join(tmpdir(), "deltalag-hedging-"));
    const sds: number[] = [];
    for (const n of NS) {
      const errors: number[] = [];
      for (let seed = 1; seed <= seeds; seed++) {
        const scenario = loadScenario(FILE, { seed, set: [`agents.hedger.params.rebalancesToExpiry=${n}`] });
        const dir = join(out, `n${n}-s${seed}`);
        const summary = await runScenario(scenario, { outDir: dir });
        // N scheduled rebalances; one is skipped only when there is nothing to trade (deep out of the money).
        expect(summary.metrics.hedgeCount, `N=${n} seed ${seed}`).to.be.within(n / 2, n);
        errors.push(hedgedPnlAtExpiry(dir, series.expirySec, summary.metrics));
      }
      const sd = std(errors);
      const theory = (Math.sqrt(Math.PI / 4) * vega * sigma) / Math.sqrt(n);
      sds.push(sd);
      console.log(`      N=${n}: sd of hedged P&L ${sd.toFixed(3)} USD vs √(π/4)·vega·σ/√N = ${theory.toFixed(3)} (ratio ${(sd / theory).toFixed(3)})`);
      expect(sd / theory, `N=${n}: sd ${sd.toFixed(3)} vs theory ${theory.toFixed(3)}`).to.be.within(0.6, 1.4);
    }
    const slope = Math.log(sds[2] / sds[0]) / Math.log(NS[2] / NS[0]);
    expect(slope, `slope ${slope}`).to.be.within(-0.7, -0.3);
  });
});
