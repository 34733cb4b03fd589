import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const congestionLoadParams = z
  .strictObject({
    /** Mean background demand for block space, gas per second. */
    gasPerSecond: z.number().min(1).max(1e10).default(1_000_000),
    /** Gas each background transaction consumes (on the GasBurner contract). */
    txGas: z.number().int().min(30_000).max(16_000_000).default(500_000),
    /** How demand varies: constant, on/off bursts, or rising with realised volatility. */
    pattern: z.enum(["constant", "bursty", "volatility"]).default("constant"),
    burst: z
      .strictObject({
        multiplier: z.number().min(1).max(1_000).default(5),
        meanDurationSec: z.number().min(1).max(31_536_000).default(300),
        meanGapSec: z.number().min(1).max(31_536_000).default(1_800),
      })
      .prefault({}),
    volatility: z
      .strictObject({
        /** Look-back of the realised-volatility estimate, seconds. */
        windowSec: z.number().min(1).max(31_536_000).default(600),
        /** Volatility per √year at which demand is at its mean. */
        referenceSigma: z.number().min(1e-4).max(10).default(0.6),
        /** Demand ∝ (realised / reference)^sensitivity. */
        sensitivity: z.number().min(0).max(10).default(2),
        maxMultiplier: z.number().min(1).max(1_000).default(10),
      })
      .prefault({}),
    /** Tips of background transactions: lognormal with this median (gwei) and log-sd. */
    tipGwei: z.strictObject({ median: z.number().min(0).max(1e6).default(1), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
    /** The most each background transaction pays per gas (base fee + tip): lognormal median (gwei) and log-sd. */
    maxFeeGwei: z.strictObject({ median: z.number().min(1e-6).max(1e6).default(50), sigma: z.number().min(0).max(5).default(1) }).prefault({}),
    /** Distinct sender wallets (one sender's nonces must land in order, so load is spread). */
    wallets: z.number().int().min(1).max(256).default(16),
  })
  .prefault({});
export type CongestionLoadParams = z.output<typeof congestionLoadParams>;

const SECONDS_PER_YEAR = 365 * 86_400;

/**
 * Background demand for block space that other agents compete with: Poisson transactions of `txGas`
 * gas each, at a mean rate of gasPerSecond / txGas, with lognormal tips. The rate is constant, bursty
 * (on/off periods with exponential durations, `multiplier`× during bursts), or rises with the
 * realised volatility it observes (demand for block space spikes when prices move, as on Ethereum).
 * Demand is price-elastic: each transaction draws the most it will pay per gas (lognormal) and is
 * abandoned (priced out) when the base fee it sees plus its tip exceeds that, so under sustained
 * overload the base fee settles where the remaining demand fits the blocks.
 */
export class CongestionLoad implements Agent {
  readonly type = "congestion-load";
  readonly timing = "self";
  readonly id: string;
  private readonly params: CongestionLoadParams;
  private readonly rng: Rng;
  private burstUntilSec = -1;
  private nextBurstSec: number;
  private readonly prices: { t: number; logP: number }[] = [];
  private multiplier = 1;
  private wallet = 0;

  constructor(id: string, params: CongestionLoadParams, rng: Rng) {
    this.id = id;
    this.params = params;
    this.rng = rng;
    this.nextBurstSec = params.pattern === "bursty" ? rng.exponential(params.burst.meanGapSec) : Number.POSITIVE_INFINITY;
  }

  nextWakeSec(afterSec: number): number {
    const meanGapSec = this.params.txGas / (this.params.gasPerSecond * this.rateMultiplier(afterSec));
    return afterSec + this.rng.exponential(meanGapSec);
  }

  decide(view: Observation): readonly Intent[] {
    if (this.params.pattern === "volatility") this.observePrice(view.asOfSec, view.refPrice);
    const { tipGwei, maxFeeGwei, txGas } = this.params;
    const tip = tipGwei.median * Math.exp(tipGwei.sigma * this.rng.normal());
    const maxFee = maxFeeGwei.median * Math.exp(maxFeeGwei.sigma * this.rng.normal());
    if (view.chain.baseFeeGwei + tip > maxFee) {
      const gasUsd = txGas * (view.chain.baseFeeGwei + tip) * 1e-9 * view.gasTokenPriceUsd;
      return [{ kind: "priced-out", action: "burn", valueUsd: txGas * maxFee * 1e-9 * view.gasTokenPriceUsd, gasUsd }];
    }
    this.wallet = (this.wallet + 1) % this.params.wallets;
    return [{ kind: "burn", gas: txGas, wallet: this.wallet, tipGwei: tip, maxFeeGwei: maxFee }];
  }

  private rateMultiplier(tSec: number): number {
    const { pattern, burst } = this.params;
    if (pattern === "bursty") {
      while (tSec >= this.nextBurstSec) {
        this.burstUntilSec = this.nextBurstSec + this.rng.exponential(burst.meanDurationSec);
        this.nextBurstSec = this.burstUntilSec + this.rng.exponential(burst.meanGapSec);
      }
      return tSec < this.burstUntilSec ? burst.multiplier : 1;
    }
    return pattern === "volatility" ? this.multiplier : 1;
  }

  /** Realised volatility of the prices it saw over the window, relative to the reference sigma. */
  private observePrice(tSec: number, price: number): void {
    const { windowSec, referenceSigma, sensitivity, maxMultiplier } = this.params.volatility;
    this.prices.push({ t: tSec, logP: Math.log(price) });
    while (this.prices.length > 2 && this.prices[0].t < tSec - windowSec) this.prices.shift();
    if (this.prices.length < 3) return;
    let sumSq = 0;
    for (let i = 1; i < this.prices.length; i++) sumSq += (this.prices[i].logP - this.prices[i - 1].logP) ** 2;
    const span = this.prices[this.prices.length - 1].t - this.prices[0].t;
    if (span <= 0) return;
    const realised = Math.sqrt(sumSq / (span / SECONDS_PER_YEAR));
    this.multiplier = Math.min(maxMultiplier, Math.max(1 / maxMultiplier, (realised / referenceSigma) ** sensitivity));
  }
}

/** The congestion-load plug-in (agents/registry.ts lists it). */
export const congestionLoadPlugin = defineAgent({
  type: "congestion-load",
  params: congestionLoadParams,
  kinds: ["burn"],
  // Load is spread over many senders (one sender's nonces land in order) and sets its own gas per transaction.
  wallets: (params) => params.wallets,
  maxGas: (params) => params.txGas,
  create: ({ id, params, rng }) => new CongestionLoad(id, params, rng),
});
