import { expect } from "chai";
import { Arbitrageur, type ArbitrageurParams } from "../../agents/arbitrageur.ts";
import { GAS } from "../../agents/gas-estimates.ts";
import type { Intent, PricedOutIntent, SwapIntent } from "../../agents/intent.ts";
import type { PriorityFeeSpec } from "../../sim/scenario/fields.ts";
import { expectClose } from "../helpers/close.ts";
import { observation, type ViewSpec } from "../helpers/observation.ts";

// The pool every test trades: x = 10,000 base, y = 20,000,000 quote (price 2000), fee 30 bps.
const X = 10_000;
const Y = 20_000_000;
const GAMMA = 1 - 30 / 10_000;
const NO_TIP: PriorityFeeSpec = { policy: "fixed", tipGwei: 0, maxFeeMultiplier: 2 };

/** Output of a constant-product swap with the fee taken from the input: rOut·γa / (rIn + γa). */
const cpmmOut = (a: number, rIn: number, rOut: number) => (rOut * GAMMA * a) / (rIn + GAMMA * a);
/** Profit at S of buying base with Δy quote, and of selling Δx base. */
const buyProfit = (dy: number, S: number) => S * cpmmOut(dy, Y, X) - dy;
const sellProfit = (dx: number, S: number) => cpmmOut(dx, X, Y) - S * dx;
/**
 * The optimum: d/dΔy [S·xγΔy/(y + γΔy) − Δy] = S·xyγ/(y + γΔy)² − 1 = 0 ⇒ Δy* = (√(γxyS) − y)/γ;
 * likewise d/dΔx [yγΔx/(x + γΔx) − SΔx] = 0 ⇒ Δx* = (√(γxy/S) − x)/γ.
 */
const optimalBuy = (S: number) => (Math.sqrt(GAMMA * X * Y * S) - Y) / GAMMA;
const optimalSell = (S: number) => (Math.sqrt((GAMMA * X * Y) / S) - X) / GAMMA;

const arb = (params: Partial<ArbitrageurParams> = {}, fee: PriorityFeeSpec = NO_TIP) =>
  new Arbitrageur("arb", { minProfitUsd: 0, maxTradeUsd: null, ...params }, fee);
/** With gas priced so that one swap costs exactly `gasUsd`: base fee = gasUsd / (typical gas · 1e-9 · 2000). */
const gasView = (refPrice: number, gasUsd: number, spec: ViewSpec = {}) =>
  observation({ refPrice, baseFeeGwei: gasUsd / (GAS.swap.typical * 1e-9 * 2000), gasTokenPriceUsd: 2000, ...spec });
const only = <T extends Intent>(intents: readonly Intent[]) => {
  expect(intents).to.have.length(1);
  return intents[0] as T;
};

describe("agents: arbitrageur's trade", () => {
  it("buys base with the quote amount that maximises profit against its reference price", () => {
    const S = 2100;
    const swap = only<SwapIntent>(arb().decide(observation({ refPrice: S })));
    const dy = optimalBuy(S); // ≈ 464,531 quote
    expect(swap.baseIn).to.equal(false);
    expectClose(swap.amountIn, dy, 1e-6 * dy, "Δy*");
    // It is the maximum: 0.1 % more or less earns less.
    expect(buyProfit(dy, S)).to.be.greaterThan(Math.max(buyProfit(dy * 0.999, S), buyProfit(dy * 1.001, S)));
    // Its limit is break-even at its reference price: it cannot trade at a loss against what it saw.
    expect(swap.minAmountOut).to.be.within((dy / S) * (1 - 1e-6), dy / S);
    expect(swap.minAmountOut).to.be.below(cpmmOut(dy, Y, X), "the trade clears against the pool it saw");
  });

  it("sells base when the pool is above the reference price, Δx = (√(γxy/S) − x)/γ", () => {
    const S = 1900;
    const swap = only<SwapIntent>(arb().decide(observation({ refPrice: S })));
    const dx = optimalSell(S);
    expect(swap.baseIn).to.equal(true);
    expectClose(swap.amountIn, dx, 1e-6 * dx, "Δx*");
    expect(sellProfit(dx, S)).to.be.greaterThan(Math.max(sellProfit(dx * 0.999, S), sellProfit(dx * 1.001, S)));
    expect(swap.minAmountOut).to.be.within(dx * S * (1 - 1e-6), dx * S);
  });

  it("does nothing inside the no-arbitrage band [γ·P, P/γ] around the pool price", () => {
    // P = 2000: the band is [1994.00, 2006.02].
    expect(arb().decide(observation({ refPrice: 2000 * GAMMA + 0.01 }))).to.deep.equal([]);
    expect(arb().decide(observation({ refPrice: 2000 / GAMMA - 0.01 }))).to.deep.equal([]);
    expect(only<SwapIntent>(arb().decide(observation({ refPrice: 2000 / GAMMA + 0.05 }))).baseIn).to.equal(false);
    expect(only<SwapIntent>(arb().decide(observation({ refPrice: 2000 * GAMMA - 0.05 }))).baseIn).to.equal(true);
  });

  it("trades when profit > gas + minProfitUsd, reports the trade priced out when gas alone stops it", () => {
    const S = 2010;
    const profit = buyProfit(optimalBuy(S), S); // ≈ 19.74 USD
    expect(profit).to.be.within(15, 25);
    expect(arb({ minProfitUsd: profit + 0.01 }).decide(observation({ refPrice: S })), "below minProfit: silent").to.deep.equal([]);
    const minProfitUsd = 5;
    const sent = arb({ minProfitUsd }).decide(gasView(S, profit - minProfitUsd - 0.01));
    expect(only<SwapIntent>(sent).kind).to.equal("swap");
    const out = only<PricedOutIntent>(arb({ minProfitUsd }).decide(gasView(S, profit - minProfitUsd + 0.01)));
    expect(out).to.include({ kind: "priced-out", action: "swap" });
    expectClose(out.valueUsd, profit, 1e-6, "valueUsd");
    expectClose(out.gasUsd, profit - minProfitUsd + 0.01, 1e-9, "gasUsd");
  });

  it("caps one trade at maxTradeUsd (a smaller step toward the band edge), valuing it conservatively", () => {
    const S = 2100;
    const buy = only<SwapIntent>(arb({ maxTradeUsd: 10_000 }).decide(observation({ refPrice: S })));
    expect(buy).to.include({ baseIn: false });
    expectClose(buy.amountIn, 10_000, 1e-6, "quote in");
    const sell = only<SwapIntent>(arb({ maxTradeUsd: 10_000 }).decide(observation({ refPrice: 1900 })));
    expect(sell).to.include({ baseIn: true });
    expectClose(sell.amountIn, 10_000 / 1900, 1e-9, "base in");
    // Priced out at the cap: it values the capped trade at the full trade's profit × the scale, which the
    // concave profit curve (profit(0) = 0) makes a lower bound of the capped trade's true profit.
    const scale = 10_000 / optimalBuy(S);
    const out = only<PricedOutIntent>(arb({ maxTradeUsd: 10_000 }).decide(gasView(S, 1e6)));
    expectClose(out.valueUsd, scale * buyProfit(optimalBuy(S), S), 1e-6, "scaled value");
    expect(out.valueUsd).to.be.below(buyProfit(10_000, S));
  });

  it("keeps one transaction in flight, and bids its profit-share tip over the swap's gas", () => {
    expect(arb().decide(observation({ refPrice: 2100, pendingTxs: 1 }))).to.deep.equal([]);
    const S = 2100;
    const fee: PriorityFeeSpec = { policy: "profit-share", share: 0.25, minTipGwei: 0, maxFeeMultiplier: 2 };
    const swap = only<SwapIntent>(arb({ minProfitUsd: 5 }, fee).decide(observation({ refPrice: S, baseFeeGwei: 1, gasTokenPriceUsd: 2000 })));
    const tip = (0.25 * (buyProfit(optimalBuy(S), S) - 5)) / (GAS.swap.typical * 1e-9 * 2000);
    expectClose(swap.tipGwei!, tip, 1e-6 * tip, "tip gwei");
  });
});
