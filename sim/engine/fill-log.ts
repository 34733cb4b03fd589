import type { OwnFill } from "../../agents/observation.ts";

/**
 * One maker's fills, as its observations show them: the latest `keep` (at least) fills, and its
 * inventory as of any time. The list is pruned from the front to bound memory, so inventory comes from
 * a running total stored with each fill, never from summing what is left.
 */
export class FillLog {
  private readonly fills: OwnFill[] = [];
  private readonly inventoryAfter: number[] = [];
  private readonly keep: number;

  constructor(keep: number) {
    this.keep = keep;
  }

  add(fill: OwnFill): void {
    const last = this.inventoryAfter.length ? this.inventoryAfter[this.inventoryAfter.length - 1] : 0;
    this.fills.push(fill);
    this.inventoryAfter.push(last + fill.side * fill.size);
    if (this.fills.length > 2 * this.keep) {
      this.fills.splice(0, this.fills.length - this.keep);
      this.inventoryAfter.splice(0, this.inventoryAfter.length - this.keep);
    }
  }

  /** Fills with time ≤ `asOfSec` still kept, and the inventory after every fill by then. */
  asOf(asOfSec: number): { fills: OwnFill[]; inventoryBase: number } {
    const all = this.fills;
    let end = all.length;
    while (end > 0 && all[end - 1].timeSec > asOfSec) end--;
    const fills = end === all.length ? all : all.slice(0, end);
    if (end > 0) return { fills, inventoryBase: this.inventoryAfter[end - 1] };
    const first = all[0];
    return { fills, inventoryBase: first ? this.inventoryAfter[0] - first.side * first.size : 0 };
  }
}
