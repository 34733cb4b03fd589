import { expect } from "chai";
import { CongestionLoad, type CongestionLoadParams } from "../../agents/congestion-load.ts";
import type { BurnIntent, PricedOutIntent } from "../../agents/intent.ts";
import { Rng } from "../../sim/random.ts";
import { expectClose } from "../helpers/close.ts";
import { observation, YEAR_SEC } from "../helpers/observation.ts";

const P: CongestionLoadParams = {
  gasPerSecond: 1_000_000,
  txGas: 500_000,
  pattern: "constant",
  burst: { multiplier: 5, meanDurationSec: 300, meanGapSec: 1_800 },
  volatility: { windowSec: 600, referenceSigma: 0.6, sensitivity: 2, maxMultiplier: 10 },
  tipGwei: { median: 1, sigma: 0 },
  maxFeeGwei: { median: 50, sigma: 0 },
  wallets: 3,
};
const load = (params: Partial<CongestionLoadParams> = {}, seed = "load") => new CongestionLoad("load", { ...P, ...params }, new Rng(seed));

/** Gas per second it demands over `durationSec` of wake-ups (each wake-up sends one txGas transaction). */
function demandGasPerSec(agent: CongestionLoad, txGas: number, durationSec: number): number {
  let n = 0;
  for (let t = agent.nextWakeSec(0); t < durationSec; t = agent.nextWakeSec(t)) n++;
  return (n * txGas) / durationSec;
}

describe("agents: congestion load's demand", () => {
  it("constant: exponential gaps of mean txGas / gasPerSecond from its own seeded stream", () => {
    const agent = load();
    const twin = new Rng("load");
    let now = 0;
    for (let i = 0; i < 100; i++) {
      const next = agent.nextWakeSec(now);
      expectClose(next - now, -0.5 * Math.log(twin.uniform()), 1e-12, `gap ${i}`);
      now = next;
    }
    // 200,000 arrivals at 2 per second: the demand's standard error is 0.22 %.
    expectClose(demandGasPerSec(load(), P.txGas, 100_000), 1_000_000, 10_000, "gas per second");
  });

  it("bursty: on/off periods raise the mean demand by (multiplier − 1)·D/(D + G)", () => {
    // Gaps (1 s, 0.2 s in bursts) far shorter than bursts (300 s) and pauses (1800 s), so a gap rarely
    // straddles a switch. ~950 cycles: the share of time in bursts, 1/7, has a standard error of 0.0056,
    // the mean multiplier 0.022 (1.4 %).
    const params = { pattern: "bursty" as const, gasPerSecond: 500_000 };
    const expected = 500_000 * (1 + (5 - 1) * (300 / (300 + 1_800)));
    expectClose(demandGasPerSec(load(params), P.txGas, 2_000_000), expected, 0.05 * expected, "mean demand");
  });

  it("volatility: demand × (realised σ / referenceSigma)^sensitivity, clamped to [1/max, max]", () => {
    // Prices with log returns of ±r each second have realised σ = r·√year exactly.
    const r = 1e-4;
    const realised = r * Math.sqrt(YEAR_SEC);
    const gapRatio = (referenceSigma: number) => {
      // Twins on the same seed draw the same numbers; only the volatility pattern reacts to prices.
      const vol = load({ pattern: "volatility", volatility: { ...P.volatility, referenceSigma } });
      const flat = load();
      for (let i = 0; i <= 20; i++) {
        const view = observation({ timeSec: i, refPrice: 2000 * Math.exp(i % 2 ? r : 0) });
        vol.decide(view);
        flat.decide(view);
      }
      return (flat.nextWakeSec(20) - 20) / (vol.nextWakeSec(20) - 20);
    };
    expectClose(gapRatio(realised / 2), 4, 1e-9, "twice the reference: 2² = 4× demand");
    expectClose(gapRatio(realised * 2), 0.25, 1e-9, "half the reference: ¼ demand");
    expectClose(gapRatio(realised / 10), 10, 1e-9, "capped at maxMultiplier");
    expectClose(gapRatio(realised * 10), 0.1, 1e-9, "floored at 1 / maxMultiplier");
  });

  it("is price-elastic: a transaction whose base fee + tip exceeds its fee cap is priced out", () => {
    // Tip 1 gwei, fee cap 50 gwei (sigma 0): at a 49 gwei base fee it still fits, at 49.5 it is abandoned.
    const [burn] = load().decide(observation({ baseFeeGwei: 49 })) as BurnIntent[];
    expect(burn).to.include({ kind: "burn", gas: 500_000, tipGwei: 1, maxFeeGwei: 50 });
    const [out] = load().decide(observation({ baseFeeGwei: 49.5, gasTokenPriceUsd: 2000 })) as PricedOutIntent[];
    expect(out).to.include({ kind: "priced-out", action: "burn" });
    expectClose(out.valueUsd, 500_000 * 50e-9 * 2000, 1e-9, "what it would pay");
    expectClose(out.gasUsd, 500_000 * 50.5e-9 * 2000, 1e-9, "what it would cost");
  });

  it("draws lognormal tips and spreads its transactions over its wallets in turn", () => {
    const agent = load({ tipGwei: { median: 2, sigma: 0.5 }, maxFeeGwei: { median: 1e6, sigma: 0 } });
    const burns = Array.from({ length: 4000 }, () => agent.decide(observation())[0] as BurnIntent);
    expect(burns.slice(0, 4).map((b) => b.wallet)).to.deep.equal([1, 2, 0, 1]);
    const logs = burns.map((b) => Math.log(b.tipGwei! / 2));
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    // 4 standard errors of the mean log tip: 4·0.5/√4000 = 0.032.
    expect(mean).to.be.within(-0.032, 0.032);
  });
});
