import { expect } from "chai";
import { simulateGbm } from "../../sim/market/gbm.ts";
import { SECONDS_PER_YEAR } from "../../sim/time.ts";
import { realisedSigma, resample } from "../../sim/market/replay.ts";
import { mean, std } from "../../sim/stats/descriptive.ts";
import { Rng } from "../../sim/random.ts";
import { expectClose } from "../helpers/close.ts";

describe("market: reference price paths", () => {
  it("GBM log returns have mean (μ − σ²/2)·dt and sd σ·√dt (exact discretisation)", () => {
    const dt = 60;
    const prices = simulateGbm({ startPrice: 100, mu: 0.5, sigma: 0.8 }, dt, 200_000, new Rng("gbm"));
    const r = Array.from({ length: prices.length - 1 }, (_, i) => Math.log(prices[i + 1] / prices[i]));
    const years = dt / SECONDS_PER_YEAR;
    const sd = 0.8 * Math.sqrt(years);
    // Sample-mean SE = sd/√n ≈ 3.3e-6; sample-sd relative SE = 1/√(2n) ≈ 0.16 %.
    expect(Math.abs(mean(r) - (0.5 - 0.32) * years)).to.be.lessThan(4 * (sd / Math.sqrt(r.length)));
    expect(Math.abs(std(r) / sd - 1)).to.be.lessThan(0.01);
  });

  it("Merton jumps are compensated: E[S_T] = S₀·e^{μT} with or without them", () => {
    const paths = 4_000;
    const rng = new Rng("jumps");
    const ends: number[] = [];
    for (let i = 0; i < paths; i++) {
      const p = simulateGbm({ startPrice: 1, mu: 0, sigma: 0.3, jumps: { ratePerYear: 50, meanLog: -0.05, sdLog: 0.05 } }, 86_400, 30, rng);
      ends.push(p[p.length - 1]);
    }
    // 30 days: E = 1; the sample mean's SE is sd/√n ≈ 0.003.
    expect(Math.abs(mean(ends) - 1)).to.be.lessThan(4 * (std(ends) / Math.sqrt(paths)));
  });

  const series = { times: Float64Array.from([0, 60, 120]), prices: Float64Array.from([100, 110, 99]) };

  it("replay: hold keeps the last row, linear interpolates, both pass through every row", () => {
    const hold = resample(series, 0, 15, 8, "hold", 0, new Rng("x"));
    expect([...hold]).to.deep.equal([100, 100, 100, 100, 110, 110, 110, 110, 99]);
    const linear = resample(series, 0, 15, 8, "linear", 0, new Rng("x"));
    expect([...linear]).to.deep.equal([100, 102.5, 105, 107.5, 110, 107.25, 104.5, 101.75, 99]);
  });

  it("replay: the Brownian bridge passes through every recorded price and wanders between them", () => {
    const bridge = resample(series, 0, 1, 120, "bridge", 2.0, new Rng("bridge"));
    expectClose(bridge[0], 100, 1e-9, "first row");
    expectClose(bridge[60], 110, 1e-9, "second row");
    expectClose(bridge[120], 99, 1e-9, "last row");
    const linear = resample(series, 0, 1, 120, "linear", 0, new Rng("x"));
    expect(
      bridge.some((p, i) => Math.abs(p - linear[i]) > 0.1),
      "the bridge is not a straight line",
    ).to.equal(true);
  });

  it("realised volatility of a series recovers the GBM σ that made it", () => {
    const prices = simulateGbm({ startPrice: 100, mu: 0, sigma: 0.6 }, 60, 50_000, new Rng("rv"));
    const times = Float64Array.from(prices, (_, i) => i * 60);
    expect(Math.abs(realisedSigma({ times, prices }) / 0.6 - 1)).to.be.lessThan(0.02);
  });
});
