import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { runScenario } from "../../sim/engine/run-scenario.ts";
import { continuousBarrierProbability, discreteBarrierProbability } from "../../sim/math/barrier.ts";
import { Rng } from "../../sim/random.ts";
import { loadScenario } from "../../sim/scenario/load.ts";

const SEEDS = 400;
const YEARS = 1 / 365;
const DT = 6 / (24 * 365);
const SIGMA = 1.0;
const NU = -(SIGMA * SIGMA) / 2; // driftless price: log drift −σ²/2

/** Direct simulation of the four-date monitored probability (200,000 paths, SE ≈ 0.001). */
function simulatedDiscreteProbability(logBarrier: number): number {
  const rng = new Rng("bgk-check");
  let hits = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    let x = 0;
    for (let k = 0; k < 4; k++) {
      x += NU * DT + SIGMA * Math.sqrt(DT) * rng.normal();
      if (x <= logBarrier) {
        hits++;
        break;
      }
    }
  }
  return hits / n;
}

describe("validation: discretely monitored barrier (scenarios/barrier-validation.yaml)", () => {
  it("the BGK formula is within its known small-m error of a direct simulation of four dates", () => {
    // BGK's correction is asymptotic in the number of dates m; at m = 4 it is off by ~1.5 points.
    const b = Math.log(0.95);
    expect(Math.abs(simulatedDiscreteProbability(b) - discreteBarrierProbability(b, NU, SIGMA, YEARS, DT))).to.be.lessThan(0.025);
  });

  /**
   * One account per seed, its breach at the oracle price (pushed every 6 h) recorded by the engine.
   * With p ≈ 0.22 and 400 seeds the frequency's standard error is ≈ 0.021. Tolerance: 3 SE plus BGK's
   * own error at four dates (measured against a direct simulation here). The frequency must also sit
   * 3 SE below the continuously monitored probability (≈ 0.35), so the test fails if the chain did not
   * see the discrete monitoring the oracle imposes.
   */
  it("breach frequency across seeds matches the BGK-corrected probability", async () => {
    let breaches = 0;
    let logBarrier = Number.NaN;
    const out = mkdtempSync(join(tmpdir(), "deltalag-barrier-"));
    for (let seed = 1; seed <= SEEDS; seed++) {
      const scenario = loadScenario("scenarios/barrier-validation.yaml", { seed });
      const dir = join(out, `s${seed}`);
      const summary = await runScenario(scenario, { outDir: dir });
      const [account] = parse(readFileSync(join(dir, "accounts.csv")), { columns: true }) as Record<string, string>[];
      if (account.breachedAtOracle === "true") breaches++;
      // Barrier of this account: C + q(S − S₀) = mm·q·S  ⇒  S_b = (q·S₀ − C) / (q·(1 − mm)).
      const s0 = summary.metrics.refPriceStart;
      const q = Number(account.openNotionalUsd) / s0;
      const sB = (Number(account.openNotionalUsd) - Number(account.openCollateralUsd)) / (q * (1 - scenario.contracts.margin.mmRatio));
      logBarrier = Math.log(sB / s0);
    }
    const freq = breaches / SEEDS;
    const bgk = discreteBarrierProbability(logBarrier, NU, SIGMA, YEARS, DT);
    const continuous = continuousBarrierProbability(logBarrier, NU, SIGMA, YEARS);
    const se = Math.sqrt((bgk * (1 - bgk)) / SEEDS);
    const bgkError = Math.abs(simulatedDiscreteProbability(logBarrier) - bgk);
    console.log(
      `      breach frequency ${freq.toFixed(4)} (SE ${se.toFixed(4)}) · BGK ${bgk.toFixed(4)} · BGK error at 4 dates ${bgkError.toFixed(4)} · continuous ${continuous.toFixed(4)}`,
    );
    expect(Math.abs(logBarrier - Math.log(0.951))).to.be.lessThan(0.005);
    expect(Math.abs(freq - bgk), `frequency ${freq} vs BGK ${bgk} (SE ${se}, BGK error ${bgkError})`).to.be.lessThan(3 * se + bgkError);
    expect(freq, `frequency ${freq} vs continuous ${continuous}`).to.be.lessThan(continuous - 3 * se);
  });
});
