import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { LiquidationKeeper } from "../../agents/liquidation-keeper.ts";
import type { Intent, LiquidateIntent } from "../../agents/intent.ts";
import type { MarginAccountView, Observation } from "../../agents/observation.ts";
import { RandomStreams } from "../../sim/random.ts";
import { liquidationChart } from "../../sim/report/optional-charts.ts";
import { readTable } from "../../sim/report/table.ts";
import { runTemp, type TempRun } from "../helpers/run-temp.ts";

const FEE = { policy: "fixed", tipGwei: 1, maxFeeMultiplier: 2 } as const;

/** `n` long accounts of 1 unit bought at 2000 with `collateral` each, seen at oracle price `price`. */
function view(n: number, price: number, pendingTxs = 0, collateral = 100): Observation {
  const accounts: MarginAccountView[] = Array.from({ length: n }, (_, i) => ({
    address: `0x${(i + 1).toString(16).padStart(40, "0")}`,
    owner: "traders",
    wallet: i,
    collateral: collateral + 0.4 * i, // distinct rewards (all below the penalty cap): a strict ranking exists
    size: 1,
    openNotional: 2_000,
  }));
  return {
    timeSec: 100,
    asOfSec: 100,
    refPrice: price,
    gasTokenPriceUsd: 1,
    pendingTxs,
    own: { liveOrders: [], fills: [], inventoryBase: 0 },
    chain: {
      blockNumber: 10,
      blockTimeSec: 96,
      baseFeeGwei: 1,
      recentTipsGwei: [],
      pool: { reserveBase: 1, reserveQuote: 1, feeBps: 30 },
      oracle: { price, updatedAtSec: 90, roundId: 2 },
      margin: { mmRatio: 0.03, penalty: 0.02, keeperShare: 0.5, maxOracleAgeSec: 3_600, accounts },
    },
  };
}

const keeper = (id: string, maxPending: number, preferenceSigma: number, seed = 1) =>
  new LiquidationKeeper(id, { minProfitUsd: 0, maxPending, preferenceSigma }, FEE, new RandomStreams(seed).stream(`agent/${id}`));
const targets = (intents: readonly Intent[]) => intents.filter((i): i is LiquidateIntent => i.kind === "liquidate").map((i) => i.account);

describe("liquidation keepers spread across unhealthy accounts", () => {
  // At 1930 every account (long 1 from 2000, collateral 100–107.6) has equity 30–37.6 < maintenance 57.9:
  // all 20 are liquidatable, none is bankrupt, and the reward (equity-capped penalty) grows with collateral.
  const PRICE = 1_930;

  it("keeps up to maxPending liquidations in flight, each for a different account", () => {
    const intents = keeper("k", 5, 1).decide(view(20, PRICE));
    expect(intents).to.have.length(5);
    expect(new Set(targets(intents)).size).to.equal(5);
    // It asks for at least the whole position, so float rounding of the size cannot leave dust behind.
    for (const i of intents as LiquidateIntent[]) expect(i.maxSizeBase).to.be.at.least(1);
  });

  it("never sends a second liquidation for an account it has one pending for, and waits when its slots are full", () => {
    const k = keeper("k", 5, 1);
    const first = targets(k.decide(view(20, PRICE)));
    // Its first two landed, three are still pending: it fills the two free slots with other accounts.
    const second = targets(k.decide(view(20, PRICE, 3)));
    expect(second).to.have.length(2);
    for (const a of second) expect(first.slice(2)).to.not.include(a);
    expect(k.decide(view(20, PRICE, 5))).to.deep.equal([]);
  });

  it("with preferenceSigma 0 every keeper chases the most rewarding account; with its own preferences they differ", () => {
    const greedy = ["a", "b", "c"].map((id) => targets(keeper(id, 1, 0).decide(view(20, PRICE)))[0]);
    expect(new Set(greedy).size, "all chase the same account").to.equal(1);
    expect(greedy[0], "the most collateral left: the largest capped reward").to.equal(view(20, PRICE).chain.margin!.accounts[19].address);
    const spread = ["a", "b", "c", "d"].map((id) => targets(keeper(id, 1, 1).decide(view(20, PRICE)))[0]);
    expect(new Set(spread).size, "own preferences spread the first choices").to.be.greaterThan(1);
    // The same keeper and seed choose the same way (its preferences come from its own stream).
    expect(targets(keeper("a", 3, 1).decide(view(20, PRICE)))).to.deep.equal(targets(keeper("a", 3, 1).decide(view(20, PRICE))));
  });
});

/**
 * Replays of a dip to −8.5 % around the oracle's first heartbeat push, on 12 s blocks (hold interpolation).
 * The oracle keeper (3 s observation latency, 290 s heartbeat, no deviation trigger) pushes the price it
 * sees at t = 296 in block 300: 1830. 40 accounts long at 10× are then liquidatable at the oracle, all at
 * once; keepers liquidate them from block 312. The reference price at blocks 300 and 312 decides how
 * each liquidation is classified:
 * - "between-blocks": 1830 only on [292, 298): 2000 at every block, healthy at the market throughout;
 * - "long": 1830 from 292 on: underwater at the market from block 300;
 * - "recovered": 1830 on [292, 305): underwater at block 300, healthy again at 312 when they land;
 * - "late": 1830 on [292, 298) and again from 305: healthy at 300, underwater from 312, the landing block.
 */
type Dip = "between-blocks" | "long" | "recovered" | "late";
const DIPS: Record<Dip, [number, number][]> = {
  "between-blocks": [
    [0, 2_000],
    [292, 1_830],
    [298, 2_000],
    [1_200, 2_000],
  ],
  long: [
    [0, 2_000],
    [292, 1_830],
    [1_200, 1_830],
  ],
  recovered: [
    [0, 2_000],
    [292, 1_830],
    [305, 2_000],
    [1_200, 2_000],
  ],
  late: [
    [0, 2_000],
    [292, 1_830],
    [298, 2_000],
    [305, 1_830],
    [1_200, 1_830],
  ],
};

function dipScenario(keeperParams: Record<string, number>, dip: Dip = "between-blocks"): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), "deltalag-dip-"));
  const t0 = 1_700_000_000;
  writeFileSync(join(dir, "dip.csv"), `timestamp,close\n${DIPS[dip].map(([t, p]) => `${t0 + t},${p}`).join("\n")}\n`);
  const keeperEntry = (id: string, observation: number) => ({
    type: "liquidation-keeper",
    id,
    latency: { observation, submission: 0.2 },
    priorityFee: { policy: "profit-share", share: 0.2, minTipGwei: 1 },
    params: keeperParams,
  });
  return {
    name: "dip",
    seed: 5,
    network: { blockTime: 12, initialBaseFeeGwei: 1 },
    market: { process: "replay", file: join(dir, "dip.csv"), timeColumn: "timestamp", priceColumn: "close", interpolation: "hold" },
    contracts: { margin: { imRatio: 0.05, mmRatio: 0.03, penalty: 0.02, keeperShare: 0.5, maxOracleAgeSec: 7_200, insuranceFundUsd: 20_000 } },
    agents: [
      { type: "oracle-keeper", id: "oracle", latency: { observation: 3, submission: 1 }, params: { heartbeatSec: 290, deviationBps: 5_000 } },
      {
        type: "leveraged-trader",
        id: "traders",
        params: { accounts: 40, notionalUsd: { median: 50_000, sigma: 0.5 }, leverage: { min: 10, max: 10 }, longProbability: 1, openWithinSec: 10 },
      },
      keeperEntry("keeper-a", 0.2),
      keeperEntry("keeper-b", 0.5),
      keeperEntry("keeper-c", 1),
    ],
  };
}

describe("scenario: many accounts unhealthy at once (keepers spreading, liquidations healthy at the market)", () => {
  let spread: TempRun;
  let chase: TempRun;
  before(async () => {
    spread = await runTemp(dipScenario({}));
    // Today's keepers before this change: one liquidation in flight, all chasing the most rewarding account.
    chase = await runTemp(dipScenario({ maxPending: 1, preferenceSigma: 0 }));
  });

  it("lands several liquidations in one block and wastes fewer keeper transactions on lost races", () => {
    const s = spread.summary.metrics;
    const c = chase.summary.metrics;
    console.log(
      `      spreading keepers: ${s.liquidations} liquidations in ${s.liquidationBlocks} blocks (max ${s.liquidationsPerBlockMax}/block), revert share ${s.liquidationRevertShare.toFixed(2)}; ` +
        `chasing: ${c.liquidations} in ${c.liquidationBlocks} blocks (max ${c.liquidationsPerBlockMax}), revert share ${c.liquidationRevertShare.toFixed(2)}`,
    );
    expect(c.liquidationsPerBlockMax, "chasing keepers: one lands, the others revert").to.equal(1);
    expect(s.liquidationsPerBlockMax).to.be.greaterThan(1);
    expect(s.blocksWithMultipleLiquidations).to.be.at.least(1);
    expect(s.liquidationRevertShare).to.be.lessThan(c.liquidationRevertShare);
    expect(s.liquidations).to.be.greaterThan(c.liquidations); // the chasers run out of time before the oracle recovers
    // The per-block metrics agree with liquidations.csv.
    const perBlock = new Map<string, number>();
    for (const row of spread.csv("liquidations.csv")) perBlock.set(row.block, (perBlock.get(row.block) ?? 0) + 1);
    expect(Math.max(...perBlock.values())).to.equal(s.liquidationsPerBlockMax);
    expect([...perBlock.values()].filter((n) => n >= 2).length).to.equal(s.blocksWithMultipleLiquidations);
    expect(perBlock.size).to.equal(s.liquidationBlocks);
  });

  it("closes each whole position in one liquidation (no wei of dust left for a second, rewardless one)", () => {
    for (const run of [spread, chase]) {
      const rows = run.csv("liquidations.csv");
      expect(new Set(rows.map((r) => r.account)).size, "one liquidation per account").to.equal(rows.length);
      for (const row of rows) expect(Math.abs(Number(row.closedSizeBase))).to.be.greaterThan(1);
      for (const row of run.csv("accounts.csv")) if (row.liquidations === "1") expect(Number(row.sizeEnd)).to.equal(0);
    }
  });

  it("counts liquidations of accounts healthy at the reference price on their own instead of dropping them", () => {
    const s = spread.summary.metrics;
    const rows = spread.csv("liquidations.csv");
    expect(s.liquidations).to.be.greaterThan(0);
    // The market never fell at a block: every liquidation hit an account healthy at the reference price.
    expect(s.liquidationsHealthyAtRef).to.equal(s.liquidations);
    expect(Math.abs(s.liquidationVolumeHealthyAtRefUsd - s.liquidationVolumeUsd)).to.be.lessThan(1e-6);
    for (const row of rows) {
      expect(row.timeUnderwaterSec).to.equal("");
      expect(Number(row.refPrice)).to.equal(2_000);
      expect(Number(row.oraclePrice)).to.equal(1_830);
    }
    expect(s.timeUnderwaterSecP50, "no time underwater to take a median of: left out").to.equal(undefined);
  });

  it("judges each liquidation at the reference price of the block it landed in", async () => {
    const long = await runTemp(dipScenario({}, "long"));
    const recovered = await runTemp(dipScenario({}, "recovered"));
    const late = await runTemp(dipScenario({}, "late"));
    // Underwater at the market since block 300: none healthy, each underwater ≥ 12 s.
    expect(long.summary.metrics.liquidationsHealthyAtRef).to.equal(0);
    expect(long.summary.metrics.liquidationVolumeHealthyAtRefUsd).to.equal(0);
    for (const row of long.csv("liquidations.csv")) expect(Number(row.timeUnderwaterSec)).to.be.at.least(12);
    // Breached at the market at block 300 but healthy again when the liquidations landed: healthy at ref.
    const r = recovered.summary.metrics;
    expect(r.liquidations).to.be.greaterThan(0);
    expect(r.liquidationsHealthyAtRef).to.equal(r.liquidations);
    for (const row of recovered.csv("liquidations.csv")) expect(row.breachRefTime).to.equal("");
    // Healthy at block 300, underwater in the landing block 312: underwater for 0 s, not dropped.
    const l = late.summary.metrics;
    const first = late.csv("liquidations.csv").filter((row) => row.time === "312");
    expect(first.length).to.be.greaterThan(0);
    for (const row of first) {
      expect(row.breachRefTime).to.equal("312");
      expect(row.timeUnderwaterSec).to.equal("0");
    }
    expect(l.liquidationsHealthyAtRef).to.equal(0);
    expect(l.timeUnderwaterSecP50).to.be.at.least(0);
  });
});

describe("report: liquidations per block", () => {
  it("adds bars of how many liquidations each block held to the liquidation chart", () => {
    const dir = mkdtempSync(join(tmpdir(), "deltalag-liq-chart-"));
    const rows = [
      [27, 312],
      [27, 312],
      [27, 312],
      [28, 324],
      [40, 480],
      [40, 480],
    ];
    writeFileSync(join(dir, "liquidations.csv"), `block,time,closedNotionalUsd,badDebtUsd\n${rows.map(([b, t]) => `${b},${t},50000,0`).join("\n")}\n`);
    const chart = liquidationChart(readTable(dir, "liquidations.csv")!, undefined, { label: "min", scale: 1 / 60 })!;
    const bars = (chart.option.series as { name: string; data: unknown }[]).find((s) => s.name === "liquidations in the block");
    expect(bars?.data).to.deep.equal([
      [5.2, 3],
      [5.4, 1],
      [8, 2],
    ]);
    expect(chart.caption).to.include("at most 3 in one block, 2 of 3 blocks held two or more");
  });
});
