import { SECONDS_PER_YEAR } from "../sim/time.ts";
/**
 * An agent's own volatility estimate from the prices it observes: an EWMA of squared log returns per
 * second (RiskMetrics-style, weight 0.02 per observation), and a short memory of what it saw so it can
 * look back to the price at an earlier time (for markouts). With `adaptive` false it keeps `sigma`.
 */
export class VolEstimator {
  private variancePerSec: number;
  private readonly adaptive: boolean;
  private readonly times: number[] = [];
  private readonly prices: number[] = [];

  constructor(sigma: number, adaptive: boolean) {
    this.variancePerSec = (sigma * sigma) / SECONDS_PER_YEAR;
    this.adaptive = adaptive;
  }

  get sigma(): number {
    return Math.sqrt(this.variancePerSec * SECONDS_PER_YEAR);
  }

  observe(tSec: number, price: number): void {
    const n = this.times.length;
    if (n > 0 && tSec <= this.times[n - 1]) return;
    if (this.adaptive && n > 0) {
      const dt = tSec - this.times[n - 1];
      const r = Math.log(price / this.prices[n - 1]);
      this.variancePerSec = 0.98 * this.variancePerSec + 0.02 * ((r * r) / dt);
    }
    this.times.push(tSec);
    this.prices.push(price);
    if (this.times.length > 20_000) {
      this.times.splice(0, 10_000);
      this.prices.splice(0, 10_000);
    }
  }

  /** The last price it saw at or before `tSec`, if it still remembers that far back. */
  priceAt(tSec: number): number | undefined {
    let lo = 0;
    let hi = this.times.length - 1;
    if (hi < 0 || this.times[0] > tSec) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.times[mid] <= tSec) lo = mid;
      else hi = mid - 1;
    }
    return this.prices[lo];
  }
}
