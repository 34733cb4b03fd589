import type { ChainView } from "../../agents/observation.ts";

/**
 * The chain views after each block, kept for as long as the slowest observer may look back, so an
 * agent with observation latency L sees the state after the latest block at or before t − L.
 */
export class StateHistory {
  private readonly timesUs: number[] = [];
  private readonly views: ChainView[] = [];
  private head = 0;
  private readonly keepUs: number;

  constructor(initial: ChainView, initialTimeUs: number, keepUs: number) {
    this.keepUs = keepUs;
    this.push(initialTimeUs, initial);
  }

  get latest(): ChainView {
    return this.views[this.views.length - 1];
  }

  push(timeUs: number, view: ChainView): void {
    this.timesUs.push(timeUs);
    this.views.push(view);
    // Forget views nobody can look back to any more; compact the arrays now and then.
    while (this.head < this.timesUs.length - 1 && this.timesUs[this.head + 1] < timeUs - this.keepUs) this.head++;
    if (this.head > 4096) {
      this.timesUs.splice(0, this.head);
      this.views.splice(0, this.head);
      this.head = 0;
    }
  }

  /** The view after the latest block with time ≤ tUs (the oldest kept view if none). */
  at(tUs: number): ChainView {
    let lo = this.head;
    let hi = this.timesUs.length - 1;
    if (this.timesUs[hi] <= tUs) return this.views[hi];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.timesUs[mid] <= tUs) lo = mid;
      else hi = mid - 1;
    }
    return this.views[lo];
  }
}
