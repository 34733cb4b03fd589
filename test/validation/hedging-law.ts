import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { runScenario } from "../../sim/engine/run-scenario.ts";
import { SECONDS_PER_YEAR } from "../../sim/time.ts";
import { mean, std } from "../../sim/stats/descriptive.ts";
import { blackScholes } from "../../sim/pricing/black-scholes.ts";
import { Rng } from "../../sim/random.ts";
import { loadScenario } from "../../sim/scenario/load.ts";
import type { Scenario } from "../../sim/scenario/schema.ts";

/**
 * The discrete-hedging law (Derman & Kamal 1999) measured through scenarios/hedging-error.yaml, shared by
 * test/validation/hedging-error.test.ts (32 seeds) and scripts/hedging-law.ts (as many as asked).
 *
 * The measured quantity is the P&L, from its first hedge to expiry, of the vault's short call delta-hedged
 * by the hedger: E = V(t₀) − payout + Σᵢ sizeᵢ·(S_T − fillᵢ), with V(t₀) the Black–Scholes value at the
 * reference price when the first hedge was placed, the payout the vault actually paid (its NAV change less
 * the premium) and the fills the pool's. Starting at the first hedge leaves out the unhedged block between
 * the sale and the hedger seeing it (a first-order P&L of Δ·σS√B, ≈ 1.4× the N = 256 law itself): that is
 * latency, not discrete hedging.
 */
export const FILE = "scenarios/hedging-error.yaml";
export const NS = [4, 16, 64, 256] as const;

/**
 * The discrete-hedging model of this scenario's schedule (12 s blocks, expiry 256 blocks, first hedge in
 * block 2, dates k·T/N), by Monte Carlo over 48,000 paths (`node scripts/hedging-law.ts --model` re-derives
 * it): the hedging error's kurtosis is 4.4–4.8 (5 used), corr(E_N², E_4N²) on common paths 0.28–0.35 (0.25
 * used), and the exact SD is below the asymptotic formula by 9 %, 5.6 %, 3 % and 1.7 % at N = 4 … 256.
 */
export const MODEL = {
  kurtosis: 5,
  rhoSquares: 0.25,
  exactOverFormula: { 4: 0.909, 16: 0.944, 64: 0.969, 256: 0.983 } as Record<number, number>,
  /** SD of the fitted log-log slope over the four N, × √n (model MC: 0.294, 0.291, 0.291 at n = 32, 40, 48). */
  slopeSdRootN: 0.3,
};

export interface LawRun {
  seed: number;
  hedges: number;
  errorUsd: number;
  /** The same P&L with Black–Scholes deltas and reference prices at the same hedge times (the model's). */
  modelErrorUsd: number;
  payoutUsd: number;
  /** max(S_T − K, 0) at the reference price at expiry: what the settlement rule must pay here. */
  payoutAtExpiryUsd: number;
}

/** The option and market the law is about, from the scenario. */
export function lawInputs(s: Scenario) {
  const sigma = s.market.process === "gbm" ? s.market.sigma : Number.NaN;
  const startPrice = s.market.process === "gbm" ? s.market.startPrice : Number.NaN;
  const series = s.contracts.vault!.series[0];
  const strike = series.strike ?? series.moneyness! * startPrice;
  const expirySec = series.expirySec;
  const vega = blackScholes({ type: "call", spot: startPrice, strike, vol: sigma, timeYears: expirySec / SECONDS_PER_YEAR, rate: 0 }).vega;
  return { sigma, startPrice, strike, expirySec, vega, theory: (n: number) => (Math.sqrt(Math.PI / 4) * vega * sigma) / Math.sqrt(n) };
}

/** One run at N rebalances: its hedged P&L from the CSVs it wrote (the folder is removed afterwards). */
export async function lawRun(n: number, seed: number): Promise<LawRun> {
  const scenario = loadScenario(FILE, { seed, set: [`agents.hedger.params.rebalancesToExpiry=${n}`] });
  const { sigma, strike, expirySec } = lawInputs(scenario);
  const root = mkdtempSync(join(tmpdir(), "deltalag-law-"));
  try {
    const summary = await runScenario(scenario, { outDir: join(root, "run") });
    const read = (f: string) => parse(readFileSync(join(root, "run", f)), { columns: true }) as Record<string, string>[];
    const atExpiry = read("blocks.csv").find((b) => Number(b.time) === expirySec);
    if (!atExpiry) throw new Error(`seed ${seed}: no block at expiry ${expirySec}`);
    const sT = Number(atExpiry.refPrice);
    const hedges = read("hedges.csv").map((h) => ({ time: Number(h.time), size: Number(h.sizeBase), fill: Number(h.price), ref: Number(h.refPrice) }));
    const premium = read("options.csv").reduce((p, o) => p + Number(o.premiumUsd), 0);
    const payoutUsd = premium - (summary.metrics.vaultNavEndUsd - summary.metrics.vaultNavStartUsd);
    const t0 = hedges[0];
    const value = (spot: number, t: number) => blackScholes({ type: "call", spot, strike, vol: sigma, timeYears: (expirySec - t) / SECONDS_PER_YEAR, rate: 0 });
    const v0 = value(t0.ref, t0.time).price;
    const errorUsd = v0 - payoutUsd + hedges.reduce((pnl, h) => pnl + h.size * (sT - h.fill), 0);
    let modelErrorUsd = v0 - Math.max(sT - strike, 0);
    hedges.forEach((h, i) => {
      const next = i + 1 < hedges.length ? hedges[i + 1].ref : sT;
      modelErrorUsd += value(h.ref, h.time).delta * (next - h.ref);
    });
    return { seed, hedges: hedges.length, errorUsd, modelErrorUsd, payoutUsd, payoutAtExpiryUsd: Math.max(sT - strike, 0) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Tolerances (in log units) of the checks for n seeds; see hedging-error.test.ts for the reasoning. */
export function tolerances(n: number, z = 3) {
  const { kurtosis: k, rhoSquares: rho, exactOverFormula: b, slopeSdRootN } = MODEL;
  const seSd = Math.sqrt((k - 1) / (4 * (n - 1)));
  const seRatio = Math.sqrt(((k - 1) * (1 - rho)) / (2 * (n - 1)));
  return {
    seSd,
    seRatio,
    seSlope: slopeSdRootN / Math.sqrt(n),
    sd: (N: number) => z * seSd + Math.abs(Math.log(b[N])),
    ratio: (N: number) => z * seRatio + Math.abs(Math.log(b[N] / b[4 * N])),
    slope: z * (slopeSdRootN / Math.sqrt(n)) + Math.abs(Math.log(b[256] / b[4]) / Math.log(64)),
  };
}

export interface LawRow {
  n: number;
  runs: LawRun[];
  sd: number;
  theory: number;
  /** RMS of (chain P&L − model P&L) over the seeds, USD. */
  rmsModelGap: number;
  kurtosis: number;
}

export function lawRow(n: number, runs: LawRun[], theory: number): LawRow {
  const errors = runs.map((r) => r.errorUsd);
  const m = mean(errors);
  const sd = std(errors);
  const kurtosis = mean(errors.map((e) => (e - m) ** 4)) / sd ** 4;
  const rmsModelGap = Math.sqrt(mean(runs.map((r) => (r.errorUsd - r.modelErrorUsd) ** 2)));
  return { n, runs, sd, theory, rmsModelGap, kurtosis };
}

/** Slope of log SD against log N (least squares). */
export function logLogSlope(rows: readonly LawRow[]): number {
  const xs = rows.map((r) => Math.log(r.n));
  const ys = rows.map((r) => Math.log(r.sd));
  const mx = mean(xs);
  const my = mean(ys);
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
}

/** The measured table, one line per N. */
export function formatTable(rows: readonly LawRow[], seeds: number): string {
  const tol = tolerances(seeds);
  const lines = ["    N   seeds  sd(USD)  theory  sd/theory (allowed)      sd(N)/sd(4N) (allowed)   kurtosis  rms(chain−model)"];
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    const band = (t: number, c: number) => `${(c * Math.exp(-t)).toFixed(2)}–${(c * Math.exp(t)).toFixed(2)}`;
    const ratio = next ? `${(r.sd / next.sd).toFixed(3)} (${band(tol.ratio(r.n), 2)})` : "–";
    lines.push(
      `  ${String(r.n).padStart(3)}  ${String(r.runs.length).padStart(5)}  ${r.sd.toFixed(4).padStart(7)}  ${r.theory.toFixed(4)}  ` +
        `${(r.sd / r.theory).toFixed(3)} (${band(tol.sd(r.n), 1)})`.padEnd(25) +
        `${ratio.padEnd(25)}${r.kurtosis.toFixed(2).padStart(8)}  ${r.rmsModelGap.toFixed(5)}`,
    );
  });
  return lines.join("\n");
}

/**
 * Pure Monte Carlo of the same discrete hedge (no chain): the constants of `MODEL`. Paths on the block grid,
 * first hedge in block `firstBlock`, dates k·T/N rounded to blocks, P&L from the first hedge.
 */
export function modelMonteCarlo(paths: number, seed = "hedging-law/model") {
  const s = loadScenario(FILE);
  const { sigma, startPrice, strike, theory } = lawInputs(s);
  const block = s.network.blockTime;
  const blocks = Math.round(lawInputs(s).expirySec / block);
  const firstBlock = 2;
  const rng = new Rng(seed);
  const dt = block / SECONDS_PER_YEAR;
  const value = (spot: number, b: number) => blackScholes({ type: "call", spot, strike, vol: sigma, timeYears: (blocks - b) * dt, rate: 0 });
  const dates = NS.map((N) => new Set([firstBlock, ...Array.from({ length: N }, (_, k) => (k * blocks) / N).filter((b) => b > firstBlock)]));
  const errors = NS.map(() => [] as number[]);
  for (let p = 0; p < paths; p++) {
    const path = [startPrice];
    for (let b = 0; b < blocks; b++) path.push(path[b] * Math.exp(-0.5 * sigma * sigma * dt + sigma * Math.sqrt(dt) * rng.normal()));
    NS.forEach((_, j) => {
      let e = value(path[firstBlock], firstBlock).price - Math.max(path[blocks] - strike, 0);
      let delta = 0;
      for (let b = firstBlock; b < blocks; b++) {
        if (dates[j].has(b)) delta = value(path[b], b).delta;
        e += delta * (path[b + 1] - path[b]);
      }
      errors[j].push(e);
    });
  }
  const kurt = (a: number[]) => {
    const m = mean(a);
    return mean(a.map((x) => (x - m) ** 4)) / std(a) ** 4;
  };
  const corrSq = (a: number[], b: number[]) => {
    const [x, y] = [a.map((v) => v * v), b.map((v) => v * v)];
    const [mx, my] = [mean(x), mean(y)];
    return (
      x.reduce((acc, v, i) => acc + (v - mx) * (y[i] - my), 0) /
      Math.sqrt(x.reduce((acc, v) => acc + (v - mx) ** 2, 0) * y.reduce((acc, v) => acc + (v - my) ** 2, 0))
    );
  };
  return NS.map((N, j) => ({
    n: N,
    hedges: dates[j].size,
    sd: std(errors[j]),
    exactOverFormula: std(errors[j]) / theory(N),
    kurtosis: kurt(errors[j]),
    rhoSquaresWith4N: j + 1 < NS.length ? corrSq(errors[j], errors[j + 1]) : Number.NaN,
  }));
}
