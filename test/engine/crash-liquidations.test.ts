import { expect } from "chai";
import { runTemp } from "../helpers/run-temp.ts";

const SEEDS = [1, 2, 3, 4];
const SLOW = ["agents.oracle.params.heartbeatSec=3600", "agents.oracle.params.deviationBps=300"];
const FAST = ["agents.oracle.params.heartbeatSec=60", "agents.oracle.params.deviationBps=10"];

/**
 * scenarios/crash-liquidations.yaml with a slow oracle (1 h heartbeat, 3 % deviation) and a fast one
 * (60 s, 0.1 %), paired by seed: each pair shares its price path and accounts, so the oracle is the only
 * difference. The slow oracle must leave accounts underwater longer in every pair — by far in the slowest
 * 5 % (the oracle's lag: most of an hour instead of under a minute), and at least twice as long at the
 * median (in seed 4 a jump trips the deviation trigger at once, so its median is only 3× the fast one's,
 * 36 s vs 12 s, since the keepers no longer clear such a batch one account per block) — and cause at
 * least as much bad debt in every pair, and more in total.
 */
describe("scenario: crash-liquidations (oracle delay, keeper races, bad debt)", () => {
  it("leaves accounts underwater longer and creates more bad debt with a slower oracle", async () => {
    let slowDebt = 0;
    let fastDebt = 0;
    for (const seed of SEEDS) {
      const slow = (await runTemp("scenarios/crash-liquidations.yaml", [`seed=${seed}`, ...SLOW])).summary.metrics;
      const fast = await runTemp("scenarios/crash-liquidations.yaml", [`seed=${seed}`, ...FAST]);
      const f = fast.summary.metrics;
      expect(slow.timeUnderwaterSecP50, `seed ${seed}`).to.be.greaterThan(2 * f.timeUnderwaterSecP50);
      expect(slow.timeUnderwaterSecP95, `seed ${seed}`).to.be.greaterThan(10 * f.timeUnderwaterSecP95);
      expect(slow.badDebtTotalUsd, `seed ${seed}`).to.be.at.least(f.badDebtTotalUsd);
      console.log(
        `      seed ${seed}: underwater P50 ${slow.timeUnderwaterSecP50} s vs ${f.timeUnderwaterSecP50} s, P95 ${slow.timeUnderwaterSecP95} s vs ${f.timeUnderwaterSecP95} s · ` +
          `bad debt ${slow.badDebtTotalUsd.toFixed(0)} vs ${f.badDebtTotalUsd.toFixed(0)} USD · keeper revert share ${slow.liquidationRevertShare.toFixed(2)} vs ${f.liquidationRevertShare.toFixed(2)} (slow vs fast oracle)`,
      );
      slowDebt += slow.badDebtTotalUsd;
      fastDebt += f.badDebtTotalUsd;
      if (seed === SEEDS[0]) {
        // Keepers spread across accounts, so several liquidations land in one block and fewer keeper
        // transactions lose races than the half they lost when every keeper chased the same account; where
        // their choices overlap they still race. Each row carries its trace.
        expect(slow.liquidationsPerBlockMax).to.be.greaterThan(1);
        expect(slow.liquidationRevertShare).to.be.lessThan(0.4);
        expect(f.failedLiquidationTxs).to.be.greaterThan(0);
        expect(f.liquidationRevertShare).to.be.lessThan(0.5);
        for (const row of fast.csv("liquidations.csv")) {
          // Judged at the landing block's reference price: the breach began at or before inclusion, or never (healthy at the market).
          if (row.breachRefTime !== "") expect(Number(row.breachRefTime)).to.be.at.most(Number(row.inclusionTime));
          expect(row.timeUnderwaterSec === "").to.equal(row.breachRefTime === "");
          expect(Number(row.decisionTime)).to.be.at.most(Number(row.submitTime));
          expect(Number(row.submitTime)).to.be.at.most(Number(row.inclusionTime));
        }
      }
    }
    expect(slowDebt).to.be.greaterThan(fastDebt);
  });
});
