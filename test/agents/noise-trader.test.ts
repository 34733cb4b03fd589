import { expect } from "chai";
import type { SwapIntent, TakeIntent } from "../../agents/intent.ts";
import { NoiseTrader, type NoiseTraderParams } from "../../agents/noise-trader.ts";
import { Rng } from "../../sim/random.ts";
import { expectClose } from "../helpers/close.ts";
import { observation } from "../helpers/observation.ts";

const P: NoiseTraderParams = { ratePerHour: 120, sizeUsd: { median: 2000, sigma: 0 }, buyProbability: 0.5, slippageBps: 100, venue: "pool" };
const trader = (params: Partial<NoiseTraderParams> = {}, seed = "noise") => new NoiseTrader("noise", { ...P, ...params }, new Rng(seed));
/** Output of a constant-product swap with a 30 bps fee taken from the input. */
const cpmmOut = (a: number, rIn: number, rOut: number) => (rOut * 0.997 * a) / (rIn + 0.997 * a);

describe("agents: noise trader's Poisson arrivals", () => {
  it("draws each gap by inversion, −(3600 / ratePerHour)·ln U, from its own seeded stream", () => {
    const t = trader();
    const twin = new Rng("noise"); // the same seed: the same uniforms
    let now = 0;
    for (let i = 0; i < 100; i++) {
      const next = t.nextWakeSec(now);
      expectClose(next - now, -30 * Math.log(twin.uniform()), 1e-9, `gap ${i}`);
      now = next;
    }
  });

  it("arrives at ratePerHour with Poisson counts per hour (mean = variance), the same for the same seed", () => {
    const hours = 500;
    const counts = new Array<number>(hours).fill(0);
    const t = trader();
    for (let now = t.nextWakeSec(0); now < hours * 3600; now = t.nextWakeSec(now)) counts[Math.floor(now / 3600)]++;
    const mean = counts.reduce((a, b) => a + b, 0) / hours;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (hours - 1);
    // Standard errors over 500 hours of 120 arrivals: the mean ±0.49, the variance ±7.6 (√((μ + 2μ²)/n)).
    expect(mean).to.be.within(120 - 2, 120 + 2);
    expect(variance / mean, "index of dispersion").to.be.within(0.75, 1.25);
    const gaps = (seed: string) => {
      const a = trader({}, seed);
      return Array.from({ length: 5 }, (_, i) => a.nextWakeSec(i));
    };
    expect(gaps("noise")).to.deep.equal(gaps("noise"));
    expect(gaps("noise")).to.not.deep.equal(gaps("other"));
  });
});

describe("agents: noise trader's orders", () => {
  it("buys on the pool with its USD size and a slippage limit under the CPMM output it saw", () => {
    const [swap] = trader({ buyProbability: 1 }).decide(observation()) as SwapIntent[];
    expect(swap).to.include({ kind: "swap", baseIn: false, amountIn: 2000 });
    expectClose(swap.minAmountOut, cpmmOut(2000, 20_000_000, 10_000) * 0.99, 1e-12, "min base out");
  });

  it("sells on the pool the base worth its USD size at the pool price (not the reference price)", () => {
    const [swap] = trader({ buyProbability: 0 }).decide(observation({ refPrice: 2500 })) as SwapIntent[];
    expect(swap).to.include({ baseIn: true });
    expectClose(swap.amountIn, 2000 / 2000, 1e-12, "base in at pool price 2000");
    expectClose(swap.minAmountOut, cpmmOut(1, 10_000, 20_000_000) * 0.99, 1e-9, "min quote out");
  });

  it("on the book, takes the touch it saw with its slippage as the limit, and skips an empty side", () => {
    const book = { bestAsk: { price: 2001, size: 10 }, bestBid: { price: 1999, size: 10 } };
    const [buy] = trader({ buyProbability: 1, venue: "book" }).decide(observation({ book })) as TakeIntent[];
    expect(buy).to.include({ kind: "take", isBuy: true, fillOrKill: false });
    expectClose(buy.size, 2000 / 2001, 1e-12, "size at the ask");
    expectClose(buy.limitPrice, 2001 * 1.01, 1e-9, "limit");
    const [sell] = trader({ buyProbability: 0, venue: "book" }).decide(observation({ book })) as TakeIntent[];
    expectClose(sell.limitPrice, 1999 * 0.99, 1e-9, "sell limit");
    expect(trader({ buyProbability: 1, venue: "book" }).decide(observation({ book: { bestBid: book.bestBid } }))).to.deep.equal([]);
  });

  it("buys with buyProbability and draws lognormal sizes around the median", () => {
    const t = trader({ buyProbability: 0.3, sizeUsd: { median: 2000, sigma: 1 } });
    const n = 4000;
    let buys = 0;
    const logs: number[] = [];
    for (let i = 0; i < n; i++) {
      const [swap] = t.decide(observation()) as SwapIntent[];
      if (!swap.baseIn) buys++;
      logs.push(Math.log((swap.baseIn ? swap.amountIn * 2000 : swap.amountIn) / 2000));
    }
    // 4 standard errors: √(0.3·0.7/4000) = 0.0072 for the share, σ/√n = 0.016 for the mean log size.
    expect(buys / n).to.be.within(0.3 - 0.029, 0.3 + 0.029);
    const meanLog = logs.reduce((a, b) => a + b, 0) / n;
    const sdLog = Math.sqrt(logs.reduce((a, l) => a + (l - meanLog) ** 2, 0) / (n - 1));
    expect(meanLog).to.be.within(-0.064, 0.064);
    expect(sdLog).to.be.within(0.95, 1.05);
  });
});
