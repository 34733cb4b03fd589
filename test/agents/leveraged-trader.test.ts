import { expect } from "chai";
import type { MarginDepositIntent, MarginTradeIntent } from "../../agents/intent.ts";
import { LeveragedTrader, type LeveragedTraderParams } from "../../agents/leveraged-trader.ts";
import type { MarginAccountView } from "../../agents/observation.ts";
import { Rng } from "../../sim/random.ts";
import { expectClose } from "../helpers/close.ts";
import { observation } from "../helpers/observation.ts";

const P: LeveragedTraderParams = {
  accounts: 4,
  notionalUsd: { median: 50_000, sigma: 0 },
  leverage: { min: 10, max: 10 },
  longProbability: 1,
  openWithinSec: 60,
  checkSec: 30,
  topUpBelowMaintenance: 1.5,
  topUpProbability: 1,
  topUpFraction: 0.05,
};
const trader = (params: Partial<LeveragedTraderParams> = {}) => new LeveragedTrader("traders", { ...P, ...params }, new Rng("lev"));

describe("agents: leveraged trader", () => {
  it("opens each account once at a uniform time within openWithinSec, in time order", () => {
    const t = trader();
    const twin = new Rng("lev"); // its first draws are the opening times
    const expected = Array.from({ length: 4 }, () => twin.uniform() * 60).sort((a, b) => a - b);
    const wakes: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      now = t.nextWakeSec(now);
      wakes.push(now);
      t.decide(observation({ timeSec: now }));
    }
    expect(wakes).to.deep.equal(expected);
    expect(t.nextWakeSec(now), "then reviews every checkSec").to.equal(now + 30);
  });

  it("deposits notional / leverage with 0.5 % room, then trades notional / oracle price", () => {
    const t = trader({ accounts: 1, longProbability: 0 });
    const intents = t.decide(observation({ timeSec: 60, refPrice: 2100, oracle: { price: 2000 } }));
    expect(intents.map((i) => i.kind)).to.deep.equal(["margin-deposit", "margin-trade"]);
    expectClose((intents[0] as MarginDepositIntent).amountUsd, (50_000 / 10) * 1.005, 1e-9, "collateral");
    // Short (longProbability 0), sized at the oracle price the contract checks the initial margin at.
    expectClose((intents[1] as MarginTradeIntent).sizeBase, -50_000 / 2000, 1e-12, "perp size");
  });

  it("tops up an account whose equity falls below topUpBelowMaintenance × maintenance, at the reference price", () => {
    const t = trader({ accounts: 1 });
    t.decide(observation({ timeSec: 60 })); // opens
    // Long 25 from 2000 with 5025 collateral, mm 3 %. At S: equity 5025 + 25·(S − 2000), maintenance 0.75·S.
    const account = (collateral: number): MarginAccountView => ({ address: "0xa", owner: "traders", wallet: 0, collateral, size: 25, openNotional: 50_000 });
    const margin = (collateral: number) => ({ mmRatio: 0.03, penalty: 0.02, keeperShare: 0.5, maxOracleAgeSec: 3600, accounts: [account(collateral)] });
    // The oracle still says 2000 (equity 5025): the trader watches the market price instead.
    const oracle = { price: 2000 };
    // S = 1880: equity 2025, above maintenance 1410 but below 1.5 × 1410 = 2115 → add 5 % of 25 × 1880.
    const [topUp] = t.decide(observation({ timeSec: 90, refPrice: 1880, oracle, margin: margin(5025) })) as MarginDepositIntent[];
    expect(topUp).to.include({ kind: "margin-deposit", wallet: 0 });
    expectClose(topUp.amountUsd, 0.05 * 25 * 1880, 1e-9, "top-up");
    // S = 1900: equity 2525 ≥ 1.5 × 1425 = 2137.5: left alone.
    expect(t.decide(observation({ timeSec: 120, refPrice: 1900, oracle, margin: margin(5025) }))).to.deep.equal([]);
  });
});
