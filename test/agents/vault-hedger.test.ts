import { expect } from "chai";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Observation, VaultView } from "../../agents/observation.ts";
import type { SwapIntent } from "../../agents/intent.ts";
import { VaultHedger, vaultHedgerParams, type VaultHedgerParams } from "../../agents/vault-hedger.ts";
import { vaultGreeks } from "../../sim/math/vault-greeks.ts";
import { runTemp } from "../helpers/run-temp.ts";

const EXPIRY = 30 * 86_400;

/** The vault as the hedger sees it, and (the test's shorthand) the base each agent holds from its pool swaps. */
function vault(baseOf: Record<string, number>, settlementRoundId: number | null = null, settled = false): VaultView & { baseOf: Record<string, number> } {
  return {
    baseIv: 0.8,
    skew: { slope: 0, min: 0.5, max: 2 },
    rate: 0,
    nav: 1e6,
    baseOf,
    series: [{ index: 0, type: "call", strike: 2000, expirySec: EXPIRY, openInterest: 1, settled, settlementRoundId }],
  };
}

/** What the hedger sees at `timeSec` through a view `lagSec` old. */
function view(timeSec: number, v: ReturnType<typeof vault>, pendingTxs = 0, lagSec = 0): Observation {
  const { baseOf, ...vaultView } = v;
  return {
    timeSec,
    asOfSec: timeSec - lagSec,
    refPrice: 2000,
    gasTokenPriceUsd: 2000,
    pendingTxs,
    own: { liveOrders: [], fills: [], inventoryBase: 0 },
    chain: {
      blockNumber: 1,
      blockTimeSec: timeSec - lagSec,
      baseFeeGwei: 1,
      recentTipsGwei: [],
      pool: { reserveBase: 1e6, reserveQuote: 2e9, feeBps: 0, baseOf },
      oracle: { price: 2000, updatedAtSec: timeSec - lagSec, roundId: 1 },
      vault: vaultView,
    },
  };
}

/** Base units a swap intent buys (> 0) or sells (< 0) at the view's pool price of 2000. */
const bought = (intent: SwapIntent) => (intent.baseIn ? -intent.amountIn : intent.amountIn / 2000);
const delta = -vaultGreeks(vault({}), 2000, 12).delta; // the short call's hedge: buy ≈ 0.5

describe("agents: vault hedger reconciles its hedge with the chain", () => {
  const threshold: VaultHedgerParams = vaultHedgerParams.parse({ thresholdBase: 0.2, rebalancesToExpiry: null, slippage: 0.01 });

  it("re-hedges at the next decision after its hedge reverted (it used to believe it was hedged)", () => {
    const h = new VaultHedger("hedger", threshold);
    const [first] = h.decide(view(12, vault({}))) as SwapIntent[];
    expect(first.kind).to.equal("swap");
    expect(Math.abs(bought(first) - delta), "buys the delta").to.be.below(1e-5);
    expect(h.decide(view(24, vault({}), 1))).to.deep.equal([]); // in flight
    // Included and reverted: the chain shows no hedge. The hedger buys the delta again.
    const [retry] = h.decide(view(36, vault({}))) as SwapIntent[];
    expect(retry?.kind, "re-hedged").to.equal("swap");
    expect(Math.abs(bought(retry) - delta), "buys the delta").to.be.below(1e-5);
  });

  it("does not hedge twice when the hedge filled, and adopts the chain's fill", () => {
    const h = new VaultHedger("hedger", threshold);
    h.decide(view(12, vault({})));
    expect(h.decide(view(36, vault({ hedger: delta * 0.999 })))).to.deep.equal([]);
    // Another hedger's holdings are not its own.
    const other = new VaultHedger("hedger", threshold);
    other.decide(view(12, vault({})));
    expect(other.decide(view(36, vault({ someoneElse: delta }))).length).to.equal(1);
  });

  it("waits until its delayed view could show the hedge before it trusts the chain's figure", () => {
    const h = new VaultHedger("hedger", threshold);
    h.decide(view(12, vault({}), 0, 5));
    expect(h.decide(view(24, vault({}), 1, 5))).to.deep.equal([]);
    // Nothing pending from t = 36 on, but a view as of 31 predates the inclusion: no conclusion yet.
    expect(h.decide(view(36, vault({}), 0, 5))).to.deep.equal([]);
    expect(h.decide(view(40, vault({}), 0, 5))).to.deep.equal([]);
    // As of 36 the view shows what happened: still no hedge, so the hedge failed.
    const [retry] = h.decide(view(41, vault({}), 0, 5)) as SwapIntent[];
    expect(retry?.kind).to.equal("swap");
  });

  it("retries a failed scheduled rebalance at once instead of waiting for the next date", () => {
    const h = new VaultHedger("hedger", vaultHedgerParams.parse({ thresholdBase: null, rebalancesToExpiry: 4, slippage: 0.01 }));
    expect(h.decide(view(12, vault({}))).length, "the first scheduled rebalance").to.equal(1);
    expect(h.decide(view(36, vault({}))).length, "not due, but the chain shows it failed").to.equal(1);
    expect(h.decide(view(48, vault({ hedger: delta })))).to.deep.equal([]);
  });

  it("settles with the oracle's first round at or after expiry, once, from a view that shows its last transaction", () => {
    const h = new VaultHedger("hedger", threshold);
    expect(h.decide(view(EXPIRY + 12, vault({}, null)))).to.deep.equal([]); // no round at or after expiry yet
    expect(h.decide(view(EXPIRY + 24, vault({}, 57)))).to.deep.equal([{ kind: "vault-settle", series: 0, roundId: 57 }]);
    // Included, but the view (5 s old) cannot show it yet: no second settle.
    expect(h.decide(view(EXPIRY + 36, vault({}, 57), 0, 5))).to.deep.equal([]);
    expect(h.decide(view(EXPIRY + 48, vault({}, 57, true), 0, 5))).to.deep.equal([]);
  });

  it("on the chain: a hedge that reverts on a price jump is sent again once the hedger's view shows it", async () => {
    // Price 2000, then a 3 % step at t = 30 s; the hedger sees the pool 24 s late, so its first hedge
    // (sent at t = 36 s on the view as of 12 s) fills at the new price, beyond its 0.5 % slippage: reverted.
    const dir = mkdtempSync(join(tmpdir(), "deltalag-hedger-"));
    const t0 = 1_704_067_200;
    const rows = Array.from({ length: 41 }, (_, k) => `${t0 + 12 * k},${12 * k < 30 ? 2000 : 2060}`);
    writeFileSync(join(dir, "step.csv"), `timestamp,close\n${rows.join("\n")}\n`);
    const run = await runTemp({
      name: "hedger-retry",
      seed: 1,
      duration: 240,
      network: { blockTime: 12, initialBaseFeeGwei: 0, gasTokenPriceUsd: 1e-9 },
      market: { process: "replay", file: join(dir, "step.csv"), priceColumn: "close", interpolation: "hold" },
      contracts: {
        pool: { feeBps: 0, liquidityUsd: 2e9 },
        vault: { lpDepositUsd: 1e6, baseIv: 0.8, fees: { option: 0, spot: 0, delta: 0, vega: 0 }, series: [{ type: "call", moneyness: 1, expirySec: EXPIRY }] },
      },
      agents: [
        { type: "oracle-keeper", id: "oracle", priorityFee: { tipGwei: 3 }, params: { heartbeatSec: 12, deviationBps: 0 } },
        { type: "arbitrageur", id: "arb", priorityFee: { tipGwei: 2 } },
        { type: "option-trader", id: "buyer", params: { ratePerHour: 3600, size: { median: 1, sigma: 0 }, buyProbability: 1, slippage: 1, maxTrades: 1 } },
        { type: "vault-hedger", id: "hedger", latency: { observation: 24 }, priorityFee: { tipGwei: 1 }, params: { thresholdBase: 0.2, slippage: 0.005 } },
      ],
    });
    const swaps = run.csv("txs.csv").filter((t) => t.agent === "hedger" && t.kind === "swap");
    expect(swaps[0].status, "the first hedge reverts on the jump").to.equal("reverted");
    expect(swaps[1]?.status, "and is sent again").to.equal("ok");
    // Sent at the first decision whose view (as of t − 24 s) shows the failed hedge's block.
    expect(Number(swaps[1].intentTime) - 24).to.be.at.least(Number(swaps[0].inclusionTime));
    const last = run.csv("vault.csv").at(-1)!;
    expect(Math.abs(Number(last.netDelta) + Number(last.hedgeBase)), "hedged at the end").to.be.lessThan(0.05);
    expect(Number(last.hedgeBase)).to.be.greaterThan(0.4);
  });
});
