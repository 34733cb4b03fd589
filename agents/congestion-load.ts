import type { Rng } from "../sim/random.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

export interface CongestionLoadParams {
  /** Mean background demand, gas per second. */
  gasPerSecond: number;
  /** Gas each transaction consumes. */
  txGas: number;
  pattern: "constant" | "bursty" | "volatility";
  burst: { multiplier: number; meanDurationSec: number; meanGapSec: number };
  volatility: { windowSec: number; referenceSigma: number; sensitivity: number; maxMultiplier: number };
  tipGwei: { median: number; sigma: number };
  maxFeeGwei: { median: number; sigma: number };
  wallets: number;
}

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
