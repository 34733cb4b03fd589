import { expect } from "chai";
import { network } from "hardhat";
import { blackScholes } from "../../sim/pricing/black-scholes.ts";

const { ethers } = await network.create();

const WAD = 10n ** 18n;
const YEAR = 31_536_000;
const STRIKE = 100;
const toWad = (x: number): bigint => BigInt(Math.round(x * 1e6)) * 10n ** 12n; // exact for 6-decimal inputs
const fromWad = (x: bigint): number => Number(x) / 1e18;

// Grid of the acceptance target: S/K 0.5–2 (13 points, log-spaced), σ 5 %–300 %, T 1 hour–2 years, r ∈ {0, 5 %}.
const MONEYNESS = Array.from({ length: 13 }, (_, i) => 0.5 * 4 ** (i / 12));
const VOLS = [0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3];
const SECONDS = [3600, 86_400, 7 * 86_400, 30 * 86_400, 91 * 86_400, YEAR, 2 * YEAR];
const RATES = [0, 0.05];

interface Point {
  args: [bigint, bigint, bigint, number, bigint];
  spot: number;
  vol: number;
  timeYears: number;
  rate: number;
}

function* grid(): Generator<Point> {
  for (const m of MONEYNESS)
    for (const vol of VOLS)
      for (const t of SECONDS)
        for (const rate of RATES) {
          const spotWad = toWad(STRIKE * m);
          yield { args: [spotWad, BigInt(STRIKE) * WAD, toWad(vol), t, toWad(rate)], spot: fromWad(spotWad), vol, timeYears: t / YEAR, rate };
        }
}

// The yield grid: the same points with a continuous dividend/borrow yield q ∈ {3 %, 50 %} a year.
const YIELDS = [0.03, 0.5];
type Args6 = [bigint, bigint, bigint, number, bigint, bigint];

function* yieldGrid(): Generator<Point & { q: number; args6: Args6 }> {
  for (const p of grid()) for (const q of YIELDS) yield { ...p, q, args6: [...p.args, toWad(q)] };
}

// N(x) and φ(x) × 1e18 rounded to the nearest integer, from mpmath 1.3 at 50 digits. Covers Cody's erf branch
// (|x| ≤ 0.663), both erfc branches (≤ 5.66, ≤ 8.84) and the cut-off beyond.
const NORMAL_WAD: ReadonlyArray<readonly [string, bigint, bigint]> = [
  ["-10", 0n, 0n],
  ["-8.5", 9n, 82n],
  ["-7", 1279813n, 9134720n],
  ["-6", 986587645n, 6075882850n],
  ["-5", 286651571879n, 1486719514734n],
  ["-4", 31671241833120n, 133830225764885n],
  ["-3", 1349898031630095n, 4431848411938007n],
  ["-2", 22750131948179207n, 53990966513188052n],
  ["-1", 158655253931457051n, 241970724519143350n],
  ["-0.6", 274253117750073580n, 333224602891799636n],
  ["-0.3", 382088577811047363n, 381387815460524086n],
  ["0", 500000000000000000n, 398942280401432678n],
  ["0.3", 617911422188952637n, 381387815460524086n],
  ["1", 841344746068542949n, 241970724519143350n],
  ["2", 977249868051820793n, 53990966513188052n],
  ["5", 999999713348428121n, 1486719514734n],
];

describe("BlackScholes library (via BlackScholesHarness)", () => {
  const harness = ethers.deployContract("BlackScholesHarness");

  it("computes N(x) and φ(x) within 5 wei of 50-digit values in every branch", async () => {
    const h = await harness;
    for (const [x, cdf, pdf] of NORMAL_WAD) {
      const xWad = BigInt(Math.round(Number(x) * 10)) * 10n ** 17n;
      const [gotCdf, gotPdf] = await Promise.all([h.normalCdf(xWad), h.normalPdf(xWad)]);
      expect(gotCdf - cdf, `N(${x})`).to.be.within(-5n, 5n);
      expect(gotPdf - pdf, `φ(${x})`).to.be.within(-5n, 5n);
    }
  });

  it("agrees with the TypeScript pricer over the grid: price error / max(price, 1e-9·S) ≤ 1e-6, delta ≤ 1e-12", async () => {
    const h = await harness;
    let maxPriceErr = 0;
    let maxDeltaErr = 0;
    let points = 0;
    for (const p of grid()) {
      const [call, put, callPrice, putPrice, callDelta, putDelta] = await Promise.all([
        h.priceAndDelta(true, ...p.args),
        h.priceAndDelta(false, ...p.args),
        h.callPrice(...p.args),
        h.putPrice(...p.args),
        h.callDelta(...p.args),
        h.putDelta(...p.args),
      ]);
      // The single-purpose functions agree with the hot path: prices exactly; deltas to 2 wei, because
      // priceAndDelta derives one of exp(−d1²/2), exp(−d2²/2) from the other while callDelta evaluates it.
      expect([callPrice, putPrice]).to.deep.equal([call[0], put[0]]);
      expect(callDelta - BigInt(call[1])).to.be.within(-2n, 2n);
      expect(putDelta - put[1]).to.be.within(-2n, 2n);
      for (const [type, [price, delta]] of [
        ["call", call],
        ["put", put],
      ] as const) {
        const ref = blackScholes({ type, spot: p.spot, strike: STRIKE, vol: p.vol, timeYears: p.timeYears, rate: p.rate });
        maxPriceErr = Math.max(maxPriceErr, Math.abs(fromWad(price) - ref.price) / Math.max(ref.price, 1e-9 * p.spot));
        maxDeltaErr = Math.max(maxDeltaErr, Math.abs(fromWad(delta) - ref.delta));
        points++;
      }
    }
    console.log(`      ${points} prices: max relative price error ${maxPriceErr.toExponential(2)}, max delta error ${maxDeltaErr.toExponential(2)}`);
    expect(points).to.equal(13 * 7 * 7 * 2 * 2);
    expect(maxPriceErr).to.be.at.most(1e-6);
    expect(maxDeltaErr).to.be.at.most(1e-12);
  });

  it("agrees with the TypeScript gamma and vega to 1e-6 (floors 1e-9/(S·σ√T) and 1e-9·S)", async () => {
    const h = await harness;
    let maxGammaErr = 0;
    let maxVegaErr = 0;
    for (const p of grid()) {
      const [gamma, vega] = await Promise.all([h.gamma(...p.args), h.vega(...p.args)]);
      const ref = blackScholes({ type: "call", spot: p.spot, strike: STRIKE, vol: p.vol, timeYears: p.timeYears, rate: p.rate });
      const gammaScale = 1e-9 / (p.spot * p.vol * Math.sqrt(p.timeYears)); // 1e-9 of an at-the-money gamma
      maxGammaErr = Math.max(maxGammaErr, Math.abs(fromWad(gamma) - ref.gamma) / Math.max(ref.gamma, gammaScale));
      maxVegaErr = Math.max(maxVegaErr, Math.abs(fromWad(vega) - ref.vega) / Math.max(ref.vega, 1e-9 * p.spot));
    }
    expect(maxGammaErr).to.be.at.most(1e-6);
    expect(maxVegaErr).to.be.at.most(1e-6);
  });

  it("satisfies put–call parity on chain to 1e-14·S and keeps prices and deltas in their bands", async () => {
    const h = await harness;
    for (const p of grid()) {
      const [[call, callDelta], [put, putDelta]]: [bigint, bigint][] = await Promise.all([h.priceAndDelta(true, ...p.args), h.priceAndDelta(false, ...p.args)]);
      const kd = STRIKE * Math.exp(-p.rate * p.timeYears);
      expect(Math.abs(fromWad(call - put) - (p.spot - kd)), JSON.stringify(p.args.map(String))).to.be.at.most(1e-14 * p.spot);
      expect(call <= p.args[0], "call ≤ S").to.equal(true);
      expect(fromWad(put)).to.be.at.most(kd * (1 + 1e-15));
      expect(callDelta).to.be.within(0n, WAD);
      expect(putDelta).to.be.within(-WAD, 0n);
      expect(callDelta - putDelta).to.equal(WAD); // N(d1) − (N(d1) − 1) exactly
    }
  });

  it("reverts out-of-range inputs with custom errors carrying the offending value and the bounds", async () => {
    const h = await harness;
    const ok: [bigint, bigint, bigint, number, bigint] = [100n * WAD, 100n * WAD, WAD / 5n, 86_400, 0n];
    const PRICE = [10n ** 6n, 10n ** 36n] as const;
    await expect(h.callPrice(0n, ...ok.slice(1)))
      .to.be.revertedWithCustomError(h, "BlackScholesSpotOutOfRange")
      .withArgs(0n, ...PRICE);
    await expect(h.putPrice(ok[0], 10n ** 37n, ...ok.slice(2)))
      .to.be.revertedWithCustomError(h, "BlackScholesStrikeOutOfRange")
      .withArgs(10n ** 37n, ...PRICE);
    await expect(h.callDelta(ok[0], ok[1], 0n, ok[3], ok[4]))
      .to.be.revertedWithCustomError(h, "BlackScholesVolOutOfRange")
      .withArgs(0n, 10n ** 15n, 10n * WAD);
    await expect(h.priceAndDelta(true, ok[0], ok[1], 11n * WAD, ok[3], ok[4])).to.be.revertedWithCustomError(h, "BlackScholesVolOutOfRange");
    await expect(h.putDelta(ok[0], ok[1], ok[2], 0, ok[4]))
      .to.be.revertedWithCustomError(h, "BlackScholesExpiryOutOfRange")
      .withArgs(0, 1, 10 * YEAR);
    await expect(h.gamma(ok[0], ok[1], ok[2], 10 * YEAR + 1, ok[4])).to.be.revertedWithCustomError(h, "BlackScholesExpiryOutOfRange");
    await expect(h.vega(...ok.slice(0, 4), WAD + 1n))
      .to.be.revertedWithCustomError(h, "BlackScholesRateOutOfRange")
      .withArgs(WAD + 1n, WAD);
    await expect(h.callPrice(10n ** 6n, 10n ** 16n, ...ok.slice(2)))
      .to.be.revertedWithCustomError(h, "BlackScholesMoneynessOutOfRange")
      .withArgs(10n ** 6n, 10n ** 16n, 10n ** 9n, 10n ** 27n);
    // The edges of every range are accepted.
    await h.callPrice(10n ** 6n, 10n ** 6n, 10n ** 15n, 1, 0n);
    await h.putPrice(10n ** 36n, 10n ** 36n, 10n * WAD, 10 * YEAR, WAD);
  });

  it("prices Hull's index call (q = 3 %: 51.83) and Haug's put (q = 5 %: 4.0870) on chain, within 1e-12 of the TypeScript pricer", async () => {
    const h = await harness;
    const cases = [
      { type: "call", spot: 930, strike: 900, vol: 0.2, sec: YEAR / 6, rate: 0.08, q: 0.03, published: 51.83, digits: 0.005 },
      { type: "put", spot: 75, strike: 70, vol: 0.35, sec: YEAR / 2, rate: 0.1, q: 0.05, published: 4.087, digits: 0.00005 },
    ] as const;
    for (const c of cases) {
      const args: Args6 = [toWad(c.spot), toWad(c.strike), toWad(c.vol), c.sec, toWad(c.rate), toWad(c.q)];
      const [price] = await h.priceAndDeltaWithYield(c.type === "call", ...args);
      const ref = blackScholes({ type: c.type, spot: c.spot, strike: c.strike, vol: c.vol, timeYears: c.sec / YEAR, rate: c.rate, dividendYield: c.q });
      expect(Math.abs(fromWad(price) - c.published), c.type).to.be.at.most(c.digits);
      expect(Math.abs(fromWad(price) - ref.price) / ref.price, c.type).to.be.at.most(1e-12);
    }
  });

  it("agrees with the TypeScript pricer with q ≠ 0 over the grid: price error / max(price, 1e-9·S) ≤ 1e-6, delta ≤ 1e-12", async () => {
    const h = await harness;
    let maxPriceErr = 0;
    let maxDeltaErr = 0;
    let points = 0;
    for (const p of yieldGrid()) {
      const [call, put, callPrice, putPrice, callDelta, putDelta] = await Promise.all([
        h.priceAndDeltaWithYield(true, ...p.args6),
        h.priceAndDeltaWithYield(false, ...p.args6),
        h.callPriceWithYield(...p.args6),
        h.putPriceWithYield(...p.args6),
        h.callDeltaWithYield(...p.args6),
        h.putDeltaWithYield(...p.args6),
      ]);
      expect([callPrice, putPrice]).to.deep.equal([call[0], put[0]]);
      expect(callDelta - BigInt(call[1])).to.be.within(-2n, 2n);
      expect(putDelta - put[1]).to.be.within(-2n, 2n);
      for (const [type, [price, delta]] of [
        ["call", call],
        ["put", put],
      ] as const) {
        const ref = blackScholes({ type, spot: p.spot, strike: STRIKE, vol: p.vol, timeYears: p.timeYears, rate: p.rate, dividendYield: p.q });
        maxPriceErr = Math.max(maxPriceErr, Math.abs(fromWad(price) - ref.price) / Math.max(ref.price, 1e-9 * p.spot));
        maxDeltaErr = Math.max(maxDeltaErr, Math.abs(fromWad(delta) - ref.delta));
        points++;
      }
    }
    console.log(`      ${points} prices with q ≠ 0: max relative price error ${maxPriceErr.toExponential(2)}, max delta error ${maxDeltaErr.toExponential(2)}`);
    expect(points).to.equal(13 * 7 * 7 * 2 * 2 * 2);
    expect(maxPriceErr).to.be.at.most(1e-6);
    expect(maxDeltaErr).to.be.at.most(1e-12);
  });

  it("agrees with the TypeScript gamma and vega with q ≠ 0 to 1e-6 (floors 1e-9/(S·σ√T) and 1e-9·S)", async () => {
    const h = await harness;
    let maxGammaErr = 0;
    let maxVegaErr = 0;
    for (const p of yieldGrid()) {
      const [gamma, vega] = await Promise.all([h.gammaWithYield(...p.args6), h.vegaWithYield(...p.args6)]);
      const ref = blackScholes({ type: "call", spot: p.spot, strike: STRIKE, vol: p.vol, timeYears: p.timeYears, rate: p.rate, dividendYield: p.q });
      const gammaScale = 1e-9 / (p.spot * p.vol * Math.sqrt(p.timeYears));
      maxGammaErr = Math.max(maxGammaErr, Math.abs(fromWad(gamma) - ref.gamma) / Math.max(ref.gamma, gammaScale));
      maxVegaErr = Math.max(maxVegaErr, Math.abs(fromWad(vega) - ref.vega) / Math.max(ref.vega, 1e-9 * p.spot));
    }
    console.log(`      gamma error ${maxGammaErr.toExponential(2)}, vega error ${maxVegaErr.toExponential(2)} (q ≠ 0)`);
    expect(maxGammaErr).to.be.at.most(1e-6);
    expect(maxVegaErr).to.be.at.most(1e-6);
  });

  it("satisfies put–call parity with q on chain, C − P = S·e^{−qT} − K·e^{−rT} to 1e-14·S, with deltas in [0, ±e^{−qT}]", async () => {
    const h = await harness;
    for (const p of yieldGrid()) {
      const [[call, callDelta], [put, putDelta]]: [bigint, bigint][] = await Promise.all([
        h.priceAndDeltaWithYield(true, ...p.args6),
        h.priceAndDeltaWithYield(false, ...p.args6),
      ]);
      const carry = Math.exp(-p.q * p.timeYears);
      const kd = STRIKE * Math.exp(-p.rate * p.timeYears);
      const where = JSON.stringify(p.args6.map(String));
      expect(Math.abs(fromWad(call - put) - (p.spot * carry - kd)), where).to.be.at.most(1e-14 * p.spot);
      expect(fromWad(call), where).to.be.at.most(p.spot * carry * (1 + 1e-15));
      expect(fromWad(put), where).to.be.at.most(kd * (1 + 1e-15));
      expect(callDelta).to.be.at.least(0n);
      expect(putDelta).to.be.at.most(0n);
      // Each delta is N·e^{−qT} rounded toward zero, so the two differ from e^{−qT} by at most a wei or two.
      expect(Math.abs(fromWad(callDelta - putDelta) - carry), where).to.be.at.most(1e-15);
    }
  });

  it("returns exactly the q-free results from the yield overloads when q = 0", async () => {
    const h = await harness;
    let i = 0;
    for (const p of grid()) {
      if (i++ % 7 !== 0) continue; // a sample coprime with the grid strides
      const zero: Args6 = [...p.args, 0n];
      const got = await Promise.all([
        h.priceAndDeltaWithYield(true, ...zero),
        h.priceAndDeltaWithYield(false, ...zero),
        h.callPriceWithYield(...zero),
        h.putPriceWithYield(...zero),
        h.callDeltaWithYield(...zero),
        h.putDeltaWithYield(...zero),
        h.gammaWithYield(...zero),
        h.vegaWithYield(...zero),
      ]);
      const want = await Promise.all([
        h.priceAndDelta(true, ...p.args),
        h.priceAndDelta(false, ...p.args),
        h.callPrice(...p.args),
        h.putPrice(...p.args),
        h.callDelta(...p.args),
        h.putDelta(...p.args),
        h.gamma(...p.args),
        h.vega(...p.args),
      ]);
      expect(got.map(String)).to.deep.equal(want.map(String));
    }
  });

  it("reverts a yield above 100 % and, when q > 0, an out-of-range spot or expiry with the offending value", async () => {
    const h = await harness;
    const ok: Args6 = [100n * WAD, 100n * WAD, WAD / 5n, 86_400, 0n, WAD / 20n];
    const PRICE = [10n ** 6n, 10n ** 36n] as const;
    await expect(h.callPriceWithYield(...(ok.slice(0, 5) as [bigint, bigint, bigint, number, bigint]), WAD + 1n))
      .to.be.revertedWithCustomError(h, "BlackScholesYieldOutOfRange")
      .withArgs(WAD + 1n, WAD);
    await expect(h.priceAndDeltaWithYield(false, ...(ok.slice(0, 5) as [bigint, bigint, bigint, number, bigint]), 2n ** 255n)).to.be.revertedWithCustomError(
      h,
      "BlackScholesYieldOutOfRange",
    );
    await expect(h.putPriceWithYield(10n ** 37n, ...ok.slice(1)))
      .to.be.revertedWithCustomError(h, "BlackScholesSpotOutOfRange")
      .withArgs(10n ** 37n, ...PRICE);
    await expect(h.gammaWithYield(ok[0], ok[1], ok[2], 0, ok[4], ok[5]))
      .to.be.revertedWithCustomError(h, "BlackScholesExpiryOutOfRange")
      .withArgs(0, 1, 10 * YEAR);
    // q·T would overflow without the expiry check first: a custom error, not a panic.
    await expect(h.vegaWithYield(ok[0], ok[1], ok[2], 2n ** 256n - 1n, ok[4], WAD)).to.be.revertedWithCustomError(h, "BlackScholesExpiryOutOfRange");
    // The forward S·e^{−qT} must itself be a valid spot: 1e-12 quote units at q = 100 % for a year is below the floor.
    const forward = (10n ** 6n * 367879441171442321n) / WAD; // e^{−1} in WAD
    await expect(h.callDeltaWithYield(10n ** 6n, 10n ** 6n, ok[2], YEAR, 0n, WAD))
      .to.be.revertedWithCustomError(h, "BlackScholesSpotOutOfRange")
      .withArgs(forward, ...PRICE);
    // The edges of the new range are accepted.
    await h.putPriceWithYield(10n ** 36n, 10n ** 36n, 10n * WAD, 10 * YEAR, WAD, WAD);
    await h.callPriceWithYield(10n ** 6n, 10n ** 6n, 10n ** 15n, 1, 0n, 1n);
  });

  it("stays within the 8k-gas budget with q ≠ 0, and q = 0 through the yield overload adds under 150 gas", async () => {
    const h = await harness;
    let maxGas = 0n;
    let maxOverhead = 0n;
    let i = 0;
    for (const p of yieldGrid()) {
      if (i++ % 3 !== 0) continue; // a third of the grid (3 is coprime with its strides) keeps the test short
      const [[gasCall], [gasPut]] = await Promise.all([h.priceAndDeltaWithYieldGas(true, ...p.args6), h.priceAndDeltaWithYieldGas(false, ...p.args6)]);
      maxGas = [maxGas, gasCall, gasPut].reduce((a, b) => (b > a ? b : a));
      if (p.q !== YIELDS[0]) continue;
      const [withZero] = await h.priceAndDeltaWithYieldGas(true, ...p.args, 0n);
      const [without] = await h.priceAndDeltaGas(true, ...p.args);
      const overhead = BigInt(withZero) - BigInt(without);
      if (overhead > maxOverhead) maxOverhead = overhead;
    }
    console.log(`      max library gas with q ≠ 0: ${maxGas}; max overhead of the overload at q = 0: ${maxOverhead}`);
    expect(maxGas).to.be.above(1000n);
    expect(maxGas).to.be.at.most(8000n);
    expect(maxOverhead).to.be.at.most(150n); // measured 115: one more internal call and a comparison
  });

  it("stays within the 8k-gas budget for priceAndDelta over the grid (library gas, measured with gasleft)", async () => {
    const h = await harness;
    let maxGas = 0n;
    for (const p of grid()) {
      const [[gasCall], [gasPut]] = await Promise.all([h.priceAndDeltaGas(true, ...p.args), h.priceAndDeltaGas(false, ...p.args)]);
      maxGas = [maxGas, gasCall, gasPut].reduce((a, b) => (b > a ? b : a));
    }
    expect(maxGas).to.be.above(1000n); // the probe measured something
    expect(maxGas).to.be.at.most(8000n);
  });
});
