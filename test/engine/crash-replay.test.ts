import { expect } from "chai";
import { runTemp } from "../helpers/run-temp.ts";

const SCENARIO = "scenarios/crash-replay.yaml";

/**
 * The flagship liquidation study: ETH's real crash of 13 June 2022 with crash-liquidations' 150 leveraged
 * accounts, keepers and slow oracle (1 h heartbeat, 3 % deviation), on 12 s blocks as shipped, then with a
 * 60 s heartbeat and on 2 s blocks (same seed: same day, bridge and accounts). The README's table comes
 * from these runs over seeds 1–3; here seed 1 checks the findings that hold in every seed measured.
 */
describe("scenario: crash-replay (the real crash day as a liquidation study)", () => {
  it("liquidates most leveraged longs on the real day, with time underwater set by the oracle and the block time", async () => {
    const shipped = (await runTemp(SCENARIO)).summary.metrics;
    const heartbeat60 = (await runTemp(SCENARIO, ["agents.oracle.params.heartbeatSec=60"])).summary.metrics;
    const blocks2 = (await runTemp(SCENARIO, ["network.blockTime=2"])).summary.metrics;
    for (const [name, m] of Object.entries({ shipped, heartbeat60, blocks2 })) {
      console.log(
        `      ${name}: ${m.liquidations} liquidations (${m.liquidationsHealthyAtRef} healthy at the market), underwater P50 ${m.timeUnderwaterSecP50} s / P95 ${m.timeUnderwaterSecP95} s, ` +
          `bad debt ${m.badDebtTotalUsd.toFixed(0)} USD booked+unliquidated, peak open ${m.badDebtOpenPeakUsd.toFixed(0)} USD, max ${m.liquidationsPerBlockMax}/block, ${m.wallSeconds.toFixed(1)} s wall`,
      );
    }
    // The day's −17 % breaches most of the 150 accounts (80 % long, 5–18×) and the keepers liquidate them.
    expect(shipped.marginAccounts).to.equal(150);
    expect(shipped.accountsBreached).to.be.greaterThan(100);
    expect(shipped.liquidations).to.be.greaterThan(100);
    expect(shipped.liquidationsPerBlockMax, "an oracle push makes many accounts liquidatable at once").to.be.greaterThan(1);
    // A slow oracle leaves accounts underwater for minutes and lets some go bankrupt at the market unbooked.
    expect(shipped.timeUnderwaterSecP50).to.be.greaterThan(120);
    expect(shipped.badDebtOpenPeakUsd).to.be.greaterThan(0);
    // A 60 s heartbeat cuts the median time underwater by more than half and the unbooked bad debt with it.
    expect(heartbeat60.timeUnderwaterSecP50).to.be.lessThan(shipped.timeUnderwaterSecP50 / 2);
    expect(heartbeat60.badDebtOpenPeakUsd).to.be.lessThan(shipped.badDebtOpenPeakUsd);
    // Faster blocks: the oracle and the keepers land sooner.
    expect(blocks2.timeUnderwaterSecP50).to.be.lessThan(shipped.timeUnderwaterSecP50);
    expect(blocks2.timeUnderwaterSecP95).to.be.lessThan(shipped.timeUnderwaterSecP95);
  });
});
