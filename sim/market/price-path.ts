/**
 * A reference price path sampled on a regular grid (`stepUs` microseconds) from t = 0. Between grid
 * points the price is held (the path is càdlàg): an observer at time t sees the last grid value ≤ t.
 */
export class PricePath {
  readonly stepUs: number;
  readonly prices: Float64Array;

  constructor(stepUs: number, prices: Float64Array) {
    this.stepUs = stepUs;
    this.prices = prices;
  }

  /** Price at simulated time `tUs` (clamped to the path's ends). */
  at(tUs: number): number {
    const index = Math.floor(tUs / this.stepUs);
    if (index <= 0) return this.prices[0];
    return this.prices[Math.min(index, this.prices.length - 1)];
  }

  get endUs(): number {
    return (this.prices.length - 1) * this.stepUs;
  }
}
