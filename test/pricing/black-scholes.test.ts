/* eslint-disable no-loss-of-precision -- reference values keep the 17 digits mpmath printed; the rule flags digits the nearest double does not hold exactly */
import { expect } from "chai";
import { erf } from "mathjs";
import { blackScholes, blackScholesPrice } from "../../sim/pricing/black-scholes.ts";
import type { OptionInputs, OptionType } from "../../sim/pricing/black-scholes.ts";
import { impliedVol } from "../../sim/pricing/implied-vol.ts";
import { normalCdf, normalPdf } from "../../sim/pricing/normal.ts";
import { SimError } from "../../sim/errors.ts";

/** The code of the SimError `f` throws (every pricing failure is a SimError), or undefined if it returns. */
function errorCode(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(SimError);
    return (e as SimError).code;
  }
  return undefined;
}

// Reference values of N(x) and φ(x), computed with mpmath 1.3 at 40 significant digits (ncdf, npdf).
const NORMAL_REFERENCE: ReadonlyArray<readonly [number, number, number]> = [
  [-37, 5.7255712225245768e-300, 2.1200065515246056e-298],
  [-20, 2.7536241186062337e-89, 5.5209483621597632e-88],
  [-10, 7.6198530241605261e-24, 7.6945986267064193e-23],
  [-8, 6.2209605742717841e-16, 5.0522710835368923e-15],
  [-6, 9.8658764503769814e-10, 6.0758828498232855e-9],
  [-5, 2.8665157187919391e-7, 1.4867195147342977e-6],
  [-3, 0.0013498980316300945, 0.0044318484119380072],
  [-2, 0.022750131948179207, 0.053990966513188052],
  [-1, 0.15865525393145705, 0.24197072451914335],
  [-0.5, 0.3085375387259869, 0.35206532676429948],
  [-0.1, 0.46017216272297102, 0.39695254747701177],
  [0, 0.5, 0.39894228040143268],
  [0.5, 0.6914624612740131, 0.35206532676429948],
  [1.96, 0.97500210485177956, 0.058440944333451464],
  [3, 0.99865010196836991, 0.0044318484119380072],
];

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);
/** |actual − expected| ≤ tolerance (Hardhat's chai matchers make `closeTo` bigint-only). */
function near(actual: number, expected: number, tolerance: number, what = "value"): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).to.be.at.most(tolerance);
}
const MONEYNESS = [0.5, 0.6, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const VOLS = [0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3];
const YEARS = [1 / 8760, 1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2];
const RATES = [0, 0.05];
const YIELDS = [0, 0.04]; // continuous dividend/borrow yield q

function* grid(type: OptionType): Generator<OptionInputs> {
  for (const m of MONEYNESS)
    for (const vol of VOLS)
      for (const timeYears of YEARS)
        for (const rate of RATES)
          for (const dividendYield of YIELDS) {
            yield { type, spot: 100 * m, strike: 100, vol, timeYears, rate, dividendYield };
          }
}
/** S·e^{−qT}, the spot leg of Black–Scholes–Merton. */
const prepaidForward = (o: OptionInputs): number => o.spot * Math.exp(-(o.dividendYield ?? 0) * o.timeYears);

describe("normal distribution (sim/pricing/normal.ts)", () => {
  it("matches 40-digit mpmath values of N(x) and φ(x) to 1e-15 relative, tails included", () => {
    for (const [x, cdf, pdf] of NORMAL_REFERENCE) {
      expect(relErr(normalCdf(x), cdf), `N(${x})`).to.be.at.most(1e-15);
      expect(relErr(normalPdf(x), pdf), `φ(${x})`).to.be.at.most(1e-15);
    }
  });

  it("agrees with mathjs erf to 1e-15 absolute on [-6, 6] and is symmetric", () => {
    for (let x = -6; x <= 6; x += 0.01) {
      expect(Math.abs(normalCdf(x) - 0.5 * (1 + erf(x / Math.SQRT2)))).to.be.at.most(1e-15);
      expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).to.be.at.most(2e-16);
    }
  });
});

describe("Black–Scholes pricer (sim/pricing/black-scholes.ts)", () => {
  it("reproduces Hull's Example 15.6: S=42, K=40, r=10%, σ=20%, T=0.5 gives c=4.76, p=0.81", () => {
    const o = { spot: 42, strike: 40, vol: 0.2, timeYears: 0.5, rate: 0.1 };
    const call = blackScholesPrice({ type: "call", ...o });
    const put = blackScholesPrice({ type: "put", ...o });
    near(call, 4.76, 0.005);
    near(put, 0.81, 0.005);
    // Full-precision values from mpmath at 40 digits.
    expect(relErr(call, 4.7594223928715334)).to.be.at.most(1e-14);
    expect(relErr(put, 0.80859937290009365)).to.be.at.most(1e-14);
  });

  it("reproduces Hull's Greeks example (ch. 19): S=49, K=50, r=5%, σ=20%, T=20 weeks", () => {
    const g = blackScholes({ type: "call", spot: 49, strike: 50, vol: 0.2, timeYears: 20 / 52, rate: 0.05 });
    near(g.price, 2.4, 0.005); // the bank's option is worth $240,000 for 100,000 options
    near(g.delta, 0.522, 0.0005);
    near(g.gamma, 0.066, 0.0005);
    near(g.vega, 12.1, 0.05);
    near(g.theta, -4.31, 0.005);
    near(g.rho, 8.91, 0.005); // "a 1 % increase in the risk-free rate increases the value of the option by 0.0891"
  });

  it("reproduces Hull's index option with a 3 % dividend yield: S=930, K=900, r=8%, σ=20%, T=2 months gives c=51.83", () => {
    const c = blackScholesPrice({ type: "call", spot: 930, strike: 900, vol: 0.2, timeYears: 2 / 12, rate: 0.08, dividendYield: 0.03 });
    near(c, 51.83, 0.005);
    expect(relErr(c, 51.832956796490851)).to.be.at.most(1e-14); // mpmath, 40 digits
  });

  it("reproduces Hull's index put theta with q = 3 %: S=305, K=300, r=8%, σ=25%, T=4 months gives Θ=−18.15 a year", () => {
    const g = blackScholes({ type: "put", spot: 305, strike: 300, vol: 0.25, timeYears: 4 / 12, rate: 0.08, dividendYield: 0.03 });
    near(g.theta, -18.15, 0.005);
    near(g.theta / 365, -0.0497, 0.00005); // Hull's "−0.0497 per calendar day"
    expect(relErr(g.theta, -18.15280710529215)).to.be.at.most(1e-13); // mpmath, 40 digits
  });

  it("reproduces Haug's generalized Black–Scholes–Merton values with a yield q (Option Pricing Formulas, pp. 2–8, 27)", () => {
    // [type, S, K, T, r, q, σ, published value (4 decimals)], as also tabulated in QuantLib's europeanoption.cpp test.
    const cases: ReadonlyArray<readonly [OptionType, number, number, number, number, number, number, number]> = [
      ["put", 75, 70, 0.5, 0.1, 0.05, 0.35, 4.087], // generalized BSM, b = r − q = 5 %
      ["put", 100, 95, 0.5, 0.1, 0.05, 0.2, 2.4648], // Merton (1973), dividend yield 5 %
      ["call", 19, 19, 0.75, 0.1, 0.1, 0.28, 1.7011], // Black (1976) futures option: q = r
      ["put", 19, 19, 0.75, 0.1, 0.1, 0.28, 1.7011],
      ["call", 1.56, 1.6, 0.5, 0.06, 0.08, 0.12, 0.0291], // Garman–Kohlhagen FX option: q = foreign rate
      ["call", 42, 40, 0.75, 0.04, 0.08, 0.35, 5.0975],
    ];
    for (const [type, spot, strike, timeYears, rate, dividendYield, vol, published] of cases) {
      const price = blackScholesPrice({ type, spot, strike, vol, timeYears, rate, dividendYield });
      near(price, published, 0.00005, `${type} S=${spot} K=${strike} q=${dividendYield}`);
    }
  });

  it("reproduces Haug's Greeks: delta with q = r, theta with q = 5 % (a year and a day) and rho (pp. 11–16)", () => {
    const fut = { spot: 105, strike: 100, vol: 0.36, timeYears: 0.5, rate: 0.1, dividendYield: 0.1 };
    near(blackScholes({ type: "call", ...fut }).delta, 0.5946, 0.00005);
    near(blackScholes({ type: "put", ...fut }).delta, -0.3566, 0.00005);
    const index = blackScholes({ type: "put", spot: 430, strike: 405, vol: 0.2, timeYears: 1 / 12, rate: 0.07, dividendYield: 0.05 });
    near(index.theta, -31.1924, 0.00005);
    near(index.theta / 365, -0.0855, 0.00005);
    near(blackScholes({ type: "call", spot: 72, strike: 75, vol: 0.19, timeYears: 1, rate: 0.09 }).rho, 38.7325, 0.00005);
  });

  it("reproduces Haug's generalized Black–Scholes example: S=60, K=65, T=0.25, r=8%, σ=30% gives c=2.1334", () => {
    const c = blackScholesPrice({ type: "call", spot: 60, strike: 65, vol: 0.3, timeYears: 0.25, rate: 0.08 });
    near(c, 2.1334, 0.00005);
  });

  it("satisfies put–call parity C − P = S·e^{−qT} − K·e^{−rT} over the grid, and for negative and large yields", () => {
    const extra = [-0.05, 0.5].map((dividendYield) => ({ type: "call" as const, spot: 90, strike: 100, vol: 0.3, timeYears: 2, rate: 0.05, dividendYield }));
    for (const o of [...grid("call"), ...extra]) {
      const parity = blackScholesPrice(o) - blackScholesPrice({ ...o, type: "put" });
      const forward = prepaidForward(o) - o.strike * Math.exp(-o.rate * o.timeYears);
      expect(Math.abs(parity - forward), JSON.stringify(o)).to.be.at.most(1e-13 * o.strike);
    }
  });

  it("prices with a yield q exactly as without one on the prepaid forward S·e^{−qT}, with delta and gamma scaled by e^{−qT}", () => {
    for (const o of grid("put")) {
      if (o.dividendYield === 0) continue;
      const carry = Math.exp(-o.dividendYield! * o.timeYears);
      const g = blackScholes(o);
      const onForward = blackScholes({ ...o, spot: prepaidForward(o), dividendYield: 0 });
      const scale = 1e-13 * o.strike;
      near(g.price, onForward.price, scale, "price");
      near(g.delta, carry * onForward.delta, 1e-13, "delta");
      near(g.gamma, carry * carry * onForward.gamma, 1e-11 * Math.max(onForward.gamma, 1e-3), "gamma");
      near(g.vega, onForward.vega, scale, "vega");
    }
  });

  it("keeps prices in the no-arbitrage band and deltas, gammas, vegas in range", () => {
    for (const type of ["call", "put"] as const) {
      for (const o of grid(type)) {
        const g = blackScholes(o);
        const kd = o.strike * Math.exp(-o.rate * o.timeYears);
        const sd = prepaidForward(o);
        const carry = Math.exp(-(o.dividendYield ?? 0) * o.timeYears);
        const lower = Math.max(type === "call" ? sd - kd : kd - sd, 0);
        expect(g.price).to.be.within(lower, type === "call" ? sd : kd);
        expect(g.delta).to.be.within(type === "call" ? 0 : -carry, type === "call" ? carry : 0);
        expect(g.gamma).to.be.at.least(0);
        expect(g.vega).to.be.at.least(0);
        expect(g.rho * (type === "call" ? 1 : -1)).to.be.at.least(0);
      }
    }
  });

  it("is non-decreasing in volatility and strictly increasing once the time value is visible", () => {
    for (const type of ["call", "put"] as const) {
      for (const o of grid(type)) {
        if (o.vol !== VOLS[0]) continue;
        const kd = o.strike * Math.exp(-o.rate * o.timeYears);
        const sd = prepaidForward(o);
        const lower = Math.max(type === "call" ? sd - kd : kd - sd, 0);
        let previous = blackScholesPrice(o);
        for (const vol of VOLS.slice(1)) {
          const price = blackScholesPrice({ ...o, vol });
          expect(price).to.be.at.least(previous);
          if (previous - lower > 1e-6 * o.spot) expect(price).to.be.above(previous);
          previous = price;
        }
      }
    }
  });

  it("has Greeks (theta and rho included, with and without q) equal to central finite differences of the price", () => {
    let maxThetaErr = 0;
    let maxRhoErr = 0;
    for (const type of ["call", "put"] as const) {
      for (const o of grid(type)) {
        if (o.timeYears < 7 / 365) continue; // keep the difference steps well inside the option's life
        const g = blackScholes(o);
        const at = (p: Partial<OptionInputs>) => blackScholesPrice({ ...o, ...p });
        const h = 1e-4 * o.spot;
        const dt = 1e-5;
        const hd = 1e-6 * o.spot;
        near(g.delta, (at({ spot: o.spot + hd }) - at({ spot: o.spot - hd })) / (2 * hd), 1e-7);
        const fdGamma = (at({ spot: o.spot + h }) - 2 * g.price + at({ spot: o.spot - h })) / (h * h);
        near(g.gamma, fdGamma, 1e-4 * Math.max(g.gamma, 1e-3));
        near(g.vega, (at({ vol: o.vol + 1e-6 }) - at({ vol: o.vol - 1e-6 })) / 2e-6, 1e-5 * o.spot);
        // Theta is −∂price/∂T with S, K, r, q and σ fixed: the q·S·e^{−qT} term comes from the spot leg's decay.
        const fdTheta = -(at({ timeYears: o.timeYears + dt }) - at({ timeYears: o.timeYears - dt })) / (2 * dt);
        near(g.theta, fdTheta, 1e-4 * o.spot, `theta ${JSON.stringify(o)}`);
        const fdRho = (at({ rate: o.rate + 1e-6 }) - at({ rate: o.rate - 1e-6 })) / 2e-6;
        near(g.rho, fdRho, 1e-6 * o.spot, `rho ${JSON.stringify(o)}`);
        maxThetaErr = Math.max(maxThetaErr, Math.abs(g.theta - fdTheta) / o.spot);
        maxRhoErr = Math.max(maxRhoErr, Math.abs(g.rho - fdRho) / o.spot);
      }
    }
    console.log(`      max |theta − FD|/S ${maxThetaErr.toExponential(2)}, max |rho − FD|/S ${maxRhoErr.toExponential(2)}`);
  });

  it("returns discounted intrinsic value at expiry and rejects invalid inputs with SimError DL111", () => {
    const o = { spot: 110, strike: 100, vol: 0.3, timeYears: 0, rate: 0.05 };
    expect(blackScholes({ type: "call", ...o })).to.include({ price: 10, delta: 1, gamma: 0, vega: 0, rho: 0 });
    expect(blackScholes({ type: "put", ...o })).to.include({ price: 0, delta: 0, theta: 0, rho: 0 });
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, spot: -1 }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, strike: 0 }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, vol: Number.NaN }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, timeYears: -1 }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, rate: Number.NaN }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, dividendYield: Number.POSITIVE_INFINITY }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "straddle" as OptionType, ...o }))).to.equal("DL111");
    expect(errorCode(() => blackScholesPrice({ type: "call", ...o, vol: 0 }))).to.equal(undefined);
  });

  it("gives the zero-vol limit with a yield: delta ±e^{−qT}, theta and rho of the intrinsic value, halved at the forward", () => {
    const o = { spot: 110, strike: 100, vol: 0, timeYears: 2, rate: 0.05, dividendYield: 0.03 };
    const sd = 110 * Math.exp(-0.06);
    const kd = 100 * Math.exp(-0.1);
    const call = blackScholes({ type: "call", ...o });
    near(call.price, sd - kd, 1e-13);
    near(call.delta, Math.exp(-0.06), 1e-15);
    near(call.theta, 0.03 * sd - 0.05 * kd, 1e-13); // −∂(S·e^{−qT} − K·e^{−rT})/∂T
    near(call.rho, 2 * kd, 1e-13);
    expect(blackScholes({ type: "put", ...o })).to.include({ price: 0, delta: 0, theta: 0, rho: 0 });
    // At the money-forward the one-sided derivatives are averaged, as delta's ½: with r = ln 2 and T = 1,
    // K·e^{−rT} = 50 exactly, so S = 50 sits on the kink.
    const put = blackScholes({ type: "put", spot: 50, strike: 100, vol: 0, timeYears: 1, rate: Math.LN2 });
    expect(put).to.include({ price: 0, delta: -0.5 });
    near(put.theta, 0.5 * Math.LN2 * 50, 1e-13); // half of the in-the-money put's r·K·e^{−rT}
    near(put.rho, -0.5 * 50, 1e-13);
  });
});

describe("implied volatility (sim/pricing/implied-vol.ts)", () => {
  it("recovers Hull's example: c=1.875, S=21, K=20, r=10%, T=0.25 gives σ ≈ 23.5%", () => {
    const iv = impliedVol({ type: "call", price: 1.875, spot: 21, strike: 20, timeYears: 0.25, rate: 0.1 });
    near(iv, 0.235, 0.0005);
    near(blackScholesPrice({ type: "call", spot: 21, strike: 20, vol: iv, timeYears: 0.25, rate: 0.1 }), 1.875, 1e-12);
  });

  it("recovers σ = 20 % from Hull's index call with q = 3 % (c = 51.83 to two decimals)", () => {
    const o = { spot: 930, strike: 900, timeYears: 2 / 12, rate: 0.08, dividendYield: 0.03 };
    const exact = blackScholesPrice({ type: "call", vol: 0.2, ...o });
    expect(Math.abs(impliedVol({ type: "call", price: exact, ...o }) - 0.2)).to.be.at.most(1e-12);
    near(impliedVol({ type: "call", price: 51.83, ...o }), 0.2, 0.0005); // the rounded published price
    // Without the yield the same price implies a clearly different vol.
    expect(Math.abs(impliedVol({ type: "call", price: exact, ...o, dividendYield: 0 }) - 0.2)).to.be.above(0.01);
  });

  it("round-trips every grid vol (q = 0 and 4 %) to 1e-10 where vega ≥ 1e-4·S, and every price to 1e-14·S elsewhere", () => {
    let checkedVols = 0;
    for (const type of ["call", "put"] as const) {
      for (const o of grid(type)) {
        const { price, vega } = blackScholes(o);
        const iv = impliedVol({ ...o, price });
        if (vega >= 1e-4 * o.spot) {
          expect(Math.abs(iv - o.vol), JSON.stringify(o)).to.be.at.most(1e-10);
          checkedVols++;
        } else {
          // The price carries too little information about σ; the solver must still reproduce it.
          expect(Math.abs(blackScholesPrice({ ...o, vol: iv }) - price), JSON.stringify(o)).to.be.at.most(1e-14 * o.spot);
        }
      }
    }
    expect(checkedVols).to.be.above(2000); // 2162 of the 3920 points are informative (vega ≥ 1e-4·S)
  });

  it("rejects prices outside the no-arbitrage bounds with a coded error", () => {
    const o = { spot: 100, strike: 100, timeYears: 0.5, rate: 0.05 };
    expect(errorCode(() => impliedVol({ type: "call", price: 100, ...o }))).to.equal("DL113");
    expect(errorCode(() => impliedVol({ type: "put", price: 98, ...o }))).to.equal("DL113"); // > K·e^{−rT}
    expect(errorCode(() => impliedVol({ type: "call", price: 2, ...o }))).to.equal("DL112"); // < S − K·e^{−rT}
    expect(errorCode(() => impliedVol({ type: "call", price: -1, ...o }))).to.equal("DL111");
    expect(errorCode(() => impliedVol({ type: "call", price: 10, ...o, timeYears: 0 }))).to.equal("DL111");
    expect(errorCode(() => impliedVol({ type: "call", price: 10, ...o, dividendYield: Number.NaN }))).to.equal("DL111");
    // With q = 4 % the call's upper bound is S·e^{−qT} = 98.02, not S.
    expect(errorCode(() => impliedVol({ type: "call", price: 99, ...o, dividendYield: 0.04 }))).to.equal("DL113");
    expect(impliedVol({ type: "call", price: 100 - 100 * Math.exp(-0.025), ...o })).to.equal(0);
    // Inside a run the pricer's inputs come from a validated scenario and the chain: a pricing error is a failed run.
    expect(() => impliedVol({ type: "call", price: 100, ...o }))
      .to.throw(SimError)
      .with.property("exitCode", 1);
  });
});
