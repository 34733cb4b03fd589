import { expect } from "chai";
import { GAS } from "../../agents/gas-estimates.ts";
import type { LiquidateIntent, PricedOutIntent } from "../../agents/intent.ts";
import { LiquidationKeeper, type LiquidationKeeperParams } from "../../agents/liquidation-keeper.ts";
import type { MarginAccountView, MarginView } from "../../agents/observation.ts";
import { Rng } from "../../sim/random.ts";
import type { PriorityFeeSpec } from "../../sim/scenario/fields.ts";
import { expectClose } from "../helpers/close.ts";
import { observation, type ViewSpec } from "../helpers/observation.ts";

// Target spreading and maxPending are tested in test/engine/crash-keepers.test.ts; here: whom it judges
// liquidatable, the reward it expects and when gas prices it out.
const NO_TIP: PriorityFeeSpec = { policy: "fixed", tipGwei: 0, maxFeeMultiplier: 2 };
const keeper = (params: Partial<LiquidationKeeperParams> = {}, fee: PriorityFeeSpec = NO_TIP) =>
  new LiquidationKeeper("k", { minProfitUsd: 0, maxPending: 5, preferenceSigma: 0, ...params }, fee, new Rng("k"));

/** A long of 1 unit bought at 2000 (openNotional 2000) with `collateral` USD. */
const long = (collateral: number, address = "0x01"): MarginAccountView => ({ address, owner: "traders", wallet: 0, collateral, size: 1, openNotional: 2000 });
const margin = (accounts: MarginAccountView[]): MarginView => ({ mmRatio: 0.03, penalty: 0.02, keeperShare: 0.5, maxOracleAgeSec: 3600, accounts });
/** The keeper's view: oracle at `oraclePrice` pushed at t = 90, decision at t = 100. */
const view = (oraclePrice: number, accounts: MarginAccountView[], spec: ViewSpec = {}) =>
  observation({ timeSec: 100, refPrice: oraclePrice, oracle: { price: oraclePrice, updatedAtSec: 90 }, margin: margin(accounts), ...spec });
/** Gas priced so that one liquidation costs exactly `gasUsd` (no tip, gas token at 2000 USD). */
const gasCosting = (gasUsd: number): ViewSpec => ({ baseFeeGwei: gasUsd / (GAS.liquidate.typical * 1e-9 * 2000), gasTokenPriceUsd: 2000 });

/** Keeper reward: keeperShare × min(penalty·|size|·P, max(equity, 0)), equity = collateral + size·P − openNotional. */
const reward = (collateral: number, P: number) => 0.5 * Math.min(0.02 * P, Math.max(collateral + P - 2000, 0));

describe("agents: liquidation keeper's judgement", () => {
  it("liquidates an account below maintenance (equity < mmRatio·|size|·P) at the oracle price, whole perp", () => {
    // At 1930: equity 100 + 1930 − 2000 = 30 < 57.9 maintenance.
    const [liq] = keeper().decide(view(1930, [long(100)])) as LiquidateIntent[];
    expect(liq).to.include({ kind: "liquidate", account: "0x01" });
    expect(liq.maxSizeBase).to.be.within(1, 1 + 1e-6);
    // Collateral 200: equity 130 ≥ 57.9, healthy.
    expect(keeper().decide(view(1930, [long(200)]))).to.deep.equal([]);
  });

  it("uses the oracle price the contract will use, not its reference price", () => {
    // The market is at 1800 (underwater) but the oracle still says 1990: equity 90 ≥ 59.7.
    expect(keeper().decide(view(1990, [long(100)], { refPrice: 1800 }))).to.deep.equal([]);
  });

  it("waits while the oracle price is older than maxOracleAgeSec (the contract would refuse it)", () => {
    expect(keeper().decide(view(1930, [long(100)], { oracle: { price: 1930, updatedAtSec: 100 - 3601 } }))).to.deep.equal([]);
    expect(keeper().decide(view(1930, [long(100)], { oracle: { price: 1930, updatedAtSec: 100 - 3600 } }))).to.have.length(1);
  });

  it("expects keeperShare × the penalty capped by the equity left, and is priced out when gas takes it", () => {
    // Collateral 100: equity 30 caps the 38.6 penalty, reward 15. Collateral 110: equity 40, penalty 38.6, reward 19.3.
    for (const [collateral, expected] of [
      [100, 15],
      [110, 19.3],
    ]) {
      expectClose(reward(collateral, 1930), expected, 1e-9, "closed form");
      const accounts = [long(collateral)];
      expect(keeper().decide(view(1930, accounts, gasCosting(expected - 0.01)))[0].kind, `sent at reward ${expected}`).to.equal("liquidate");
      const [out] = keeper().decide(view(1930, accounts, gasCosting(expected + 0.01))) as PricedOutIntent[];
      expect(out).to.include({ kind: "priced-out", action: "liquidate" });
      expectClose(out.valueUsd, expected, 1e-9, "valueUsd = reward");
    }
    // minProfitUsd adds to gas: reward 15 against 10 of gas and 5.01 of minimum profit is not enough.
    expect(keeper({ minProfitUsd: 5.01 }).decide(view(1930, [long(100)], gasCosting(10)))[0].kind).to.equal("priced-out");
  });

  it("reports a bankrupt account (no equity, no reward) priced out rather than liquidating it for nothing", () => {
    // At 1850: equity 100 − 150 < 0, so the reward is 0 and even free gas does not beat it.
    const [out] = keeper().decide(view(1850, [long(100)])) as PricedOutIntent[];
    expect(out).to.include({ kind: "priced-out", valueUsd: 0 });
  });

  it("bids its profit-share of the reward over the liquidation's gas", () => {
    const fee: PriorityFeeSpec = { policy: "profit-share", share: 0.2, minTipGwei: 0.5, maxFeeMultiplier: 2 };
    const [liq] = keeper({ minProfitUsd: 1 }, fee).decide(view(1930, [long(110)], { baseFeeGwei: 1 })) as LiquidateIntent[];
    expectClose(liq.tipGwei!, (0.2 * (19.3 - 1)) / (GAS.liquidate.typical * 1e-9 * 2000), 1e-9, "tip gwei");
  });
});
