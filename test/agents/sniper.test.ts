import { expect } from "chai";
import { GAS } from "../../agents/gas-estimates.ts";
import type { PricedOutIntent, TakeIntent } from "../../agents/intent.ts";
import { Sniper, type SniperParams } from "../../agents/sniper.ts";
import type { BookView } from "../../agents/observation.ts";
import type { PriorityFeeSpec } from "../../sim/scenario/fields.ts";
import { expectClose } from "../helpers/close.ts";
import { observation, type ViewSpec } from "../helpers/observation.ts";

const NO_TIP: PriorityFeeSpec = { policy: "fixed", tipGwei: 0, maxFeeMultiplier: 2 };
const sniper = (params: Partial<SniperParams> = {}, fee: PriorityFeeSpec = NO_TIP) =>
  new Sniper("sniper", { minProfitUsd: 1, maxSizeBase: 10, ...params }, fee);
/** The sniper's view: reference price 2000 and the top of the book given. */
const view = (book: Partial<BookView>, spec: ViewSpec = {}) => observation({ refPrice: 2000, book, ...spec });
/** Gas priced so that one take costs exactly `gasUsd` (no tip, gas token at 2000 USD). */
const gasCosting = (gasUsd: number): ViewSpec => ({ baseFeeGwei: gasUsd / (GAS.take.typical * 1e-9 * 2000), gasTokenPriceUsd: 2000 });

describe("agents: sniper's choice of stale quotes", () => {
  it("buys an ask below its reference price, at most maxSizeBase, limited at that ask", () => {
    const [take] = sniper().decide(view({ bestAsk: { price: 1998, size: 3 }, bestBid: { price: 1997, size: 3 } })) as TakeIntent[];
    expect(take).to.deep.include({ kind: "take", isBuy: true, size: 3, limitPrice: 1998, fillOrKill: false });
    const [capped] = sniper({ maxSizeBase: 2 }).decide(view({ bestAsk: { price: 1998, size: 3 } })) as TakeIntent[];
    expect(capped.size).to.equal(2);
  });

  it("sells into a bid above its reference price", () => {
    const [take] = sniper().decide(view({ bestBid: { price: 2001.5, size: 4 }, bestAsk: { price: 2002, size: 4 } })) as TakeIntent[];
    expect(take).to.deep.include({ kind: "take", isBuy: false, size: 4, limitPrice: 2001.5 });
  });

  it("leaves fresh quotes alone (bid ≤ S ≤ ask) and an empty or missing book", () => {
    // 0.5 USD either side of S for 100 units: taking either would lose 50 USD against the reference price.
    expect(sniper().decide(view({ bestBid: { price: 1999.5, size: 100 }, bestAsk: { price: 2000.5, size: 100 } }))).to.deep.equal([]);
    expect(sniper().decide(view({}))).to.deep.equal([]);
    expect(sniper().decide(observation())).to.deep.equal([]);
  });

  it("takes only when size × |S − price| beats minProfitUsd, else moves on to the other side", () => {
    // Ask 0.5 USD under S for 1 unit: 0.5 USD ≤ 1; a crossed bid (stale maker) 2 USD over S for 5 units: 10 USD.
    expect(sniper().decide(view({ bestAsk: { price: 1999.5, size: 1 } }))).to.deep.equal([]);
    const [take] = sniper().decide(view({ bestAsk: { price: 1999.5, size: 1 }, bestBid: { price: 2002, size: 5 } })) as TakeIntent[];
    expect(take).to.deep.include({ isBuy: false, size: 5, limitPrice: 2002 });
  });

  it("reports a stale quote priced out when gas takes the profit (profit ≤ gas + minProfitUsd)", () => {
    const book = { bestAsk: { price: 1997, size: 2 } }; // 6 USD profit
    expect(sniper().decide(view(book, gasCosting(4.9)))[0].kind).to.equal("take");
    const [out] = sniper().decide(view(book, gasCosting(5.1))) as PricedOutIntent[];
    expect(out).to.include({ kind: "priced-out", action: "take" });
    expectClose(out.valueUsd, 6, 1e-9, "valueUsd");
    expectClose(out.gasUsd, 5.1, 1e-9, "gasUsd");
  });

  it("keeps one transaction in flight, and races with a profit-share tip", () => {
    expect(sniper().decide(view({ bestAsk: { price: 1990, size: 1 } }, { pendingTxs: 1 }))).to.deep.equal([]);
    const fee: PriorityFeeSpec = { policy: "profit-share", share: 0.3, minTipGwei: 0, maxFeeMultiplier: 2 };
    const [take] = sniper({}, fee).decide(view({ bestAsk: { price: 1990, size: 1 } }, { baseFeeGwei: 1 })) as TakeIntent[];
    // 0.3 × (10 − 1) USD over 90k gas at 2000 USD per gas token.
    expectClose(take.tipGwei!, (0.3 * 9) / (GAS.take.typical * 1e-9 * 2000), 1e-9, "tip gwei");
  });
});
