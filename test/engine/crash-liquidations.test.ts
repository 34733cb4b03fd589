import { expect } from "chai";
import { runTemp } from "../helpers/run-temp.ts";

const SEEDS = [1, 2, 3, 4];
const SLOW = ["agents.oracle.params.heartbeatSec=3600", "agents.oracle.params.deviationBps=300"];
const FAST = ["agents.oracle.params.heartbeatSec=60", "agents.oracle.params.deviationBps=10"];

/**
 * scenarios/crash-liquidations.yaml with a slow oracle (1 h heartbeat, 3 % deviation) and a fast one
 * (60 s, 0.1 %), paired by seed: each pair shares its price path and accounts, so the oracle is the only
 * difference. The slow oracle must leave accounts underwater longer in every pair (by far: the median
 * gap is the oracle's lag, minutes instead of seconds) and cause at least as much bad debt in every pair,
 * and more in total.
 */
describe("scenario: crash-liquidations (oracle delay, keeper races, bad debt)", () => {
  it("leaves accounts underwater longer and creates more bad debt with a slower oracle", async () => {
    let slowDebt = 0;
    let fastDebt = 0;
    for (const seed of SEEDS) {
      const slow = (await runTemp("scenarios/crash-liquidations.yaml", [`seed=${seed}`, ...SLOW])).summary.metrics;
      const fast = await runTemp("scenarios/crash-liquidations.yaml", [`seed=${seed}`, ...FAST]);
      const f = fast.summary.metrics;
      expect(slow.timeUnderwaterSecP50, `seed ${seed}`).to.be.greaterThan(3 * f.timeUnderwaterSecP50);
      expect(slow.badDebtTotalUsd, `seed ${seed}`).to.be.at.least(f.badDebtTotalUsd);
      console.log(`      seed ${seed}: underwater P50 ${slow.timeUnderwaterSecP50} s vs ${f.timeUnderwaterSecP50} s · bad debt ${slow.badDebtTotalUsd.toFixed(0)} vs ${f.badDebtTotalUsd.toFixed(0)} USD (slow vs fast oracle)`);
      slowDebt += slow.badDebtTotalUsd;
      fastDebt += f.badDebtTotalUsd;
      if (seed === SEEDS[0]) {
        // Keepers race: every liquidation has a loser whose transaction reverted, and each row carries its trace.
        expect(f.failedLiquidationTxs).to.be.greaterThan(0);
        for (const row of fast.csv("liquidations.csv")) {
          expect(Number(row.breachRefTime)).to.be.at.most(Number(row.decisionTime));
          expect(Number(row.decisionTime)).to.be.at.most(Number(row.submitTime));
          expect(Number(row.submitTime)).to.be.at.most(Number(row.inclusionTime));
        }
      }
    }
    expect(slowDebt).to.be.greaterThan(fastDebt);
  });
});
