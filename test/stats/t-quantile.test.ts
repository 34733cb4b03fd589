import { expect } from "chai";
import { regularizedBeta, tCdf, tQuantile } from "../../sim/stats/t-quantile.ts";
import { expectClose } from "../helpers/close.ts";

describe("Student-t quantile", () => {
  it("matches published two-sided 95 % table values (t_{0.975, ν}, 3 decimals)", () => {
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [5, 2.571],
      [9, 2.262],
      [10, 2.228],
      [19, 2.093],
      [30, 2.042],
      [60, 2.0],
      [120, 1.98],
    ];
    for (const [nu, t] of table) expectClose(tQuantile(0.975, nu), t, 5e-4, `t(0.975, ${nu})`);
  });

  it("matches SciPy's stats.t.ppf (Boost) to 1e-12 at other levels and degrees of freedom", () => {
    const reference: [number, number, number][] = [
      [0.975, 10, 2.228138851986274],
      [0.975, 30, 2.0422724563012378],
      [0.995, 5, 4.032142983555228],
      [0.9, 7, 1.4149239276505086],
      [0.975, 1000, 1.9623390808264083],
    ];
    for (const [p, nu, t] of reference) expectClose(tQuantile(p, nu), t, 1e-12, `t(${p}, ${nu})`);
    expectClose(tQuantile(0.975, 1e7), 1.959964221767205, 1e-9, "t(0.975, 1e7)");
  });

  it("equals the closed forms for ν = 1 (Cauchy) and ν = 2, and the normal quantile as ν → ∞", () => {
    for (const p of [0.6, 0.9, 0.975, 0.999]) {
      expectClose(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-12 * tQuantile(p, 1), `Cauchy ${p}`);
      expectClose(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-12, `ν=2 ${p}`);
    }
    expectClose(tQuantile(0.975, Number.POSITIVE_INFINITY), 1.959963984540054, 1e-12, "z(0.975)");
  });

  it("inverts its CDF, is odd around p = 0.5 and rejects invalid input with NaN", () => {
    for (const nu of [1.5, 3, 7.5, 25, 200]) {
      for (const p of [0.51, 0.8, 0.975, 0.9999]) expectClose(tCdf(tQuantile(p, nu), nu), p, 1e-13, `cdf(q(${p}, ${nu}))`);
      expect(tQuantile(0.025, nu)).to.equal(-tQuantile(0.975, nu));
    }
    expect(tQuantile(0.5, 4)).to.equal(0);
    expect(tQuantile(1, 4)).to.be.NaN;
    expect(tQuantile(0.9, 0)).to.be.NaN;
  });

  it("computes the regularized incomplete beta function I_x(a, b) against closed forms", () => {
    expectClose(regularizedBeta(0.3, 1, 1), 0.3, 1e-14, "I(1,1)");
    expectClose(regularizedBeta(0.3, 2, 1), 0.09, 1e-14, "I(2,1) = x²");
    expectClose(regularizedBeta(0.3, 1, 3), 1 - 0.7 ** 3, 1e-14, "I(1,3) = 1 − (1−x)³");
  });
});
