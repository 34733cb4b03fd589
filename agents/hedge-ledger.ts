import type { Observation } from "./observation.ts";

/**
 * What a hedging agent holds, kept honest against the chain. Between decisions it assumes its hedges
 * filled as sent (it cannot see their receipts before its delayed view does); once its view has caught
 * up with everything it sent, it adopts the holdings the chain shows and reports whether a hedge failed
 * (reverted or dropped), so the agent can re-hedge at once instead of staying unhedged.
 *
 * "Caught up" is exact, not a timeout: a transaction is resolved (included or dropped) by the first
 * decision at which the agent has nothing pending, so a view as of that decision time or later shows it.
 *
 * @example
 * const failed = ledger.reconcile(view, view.chain.vault!.hedgeBaseOf[id] ?? 0);
 * const net = delta + ledger.base; // …decide…, then ledger.sent(-net)
 */
export class HedgeLedger {
  private believed = 0;
  /** Base sizes of hedges sent since the last reconciliation (0 for other transactions). */
  private unconfirmed: number[] = [];
  /** First decision time with nothing pending since the last send (null: still pending or nothing sent). */
  private clearSinceSec: number | null = null;

  /** Base units the agent believes its hedges hold. */
  get base(): number {
    return this.believed;
  }

  /** True when its view reflects every transaction it sent. */
  get synced(): boolean {
    return this.unconfirmed.length === 0;
  }

  /**
   * Call at the start of each decision with the hedge holdings the (delayed) view shows. Returns true
   * when the chain disagrees with what was sent by more than half the smallest unconfirmed hedge: a
   * hedge did not fill (fills differ from the size sent only by price impact and rounding).
   */
  reconcile(view: Observation, chainBase: number): boolean {
    if (view.pendingTxs > 0) {
      this.clearSinceSec = null;
      return false;
    }
    if (this.unconfirmed.length === 0) {
      this.believed = chainBase;
      return false;
    }
    this.clearSinceSec ??= view.timeSec;
    if (view.asOfSec + 1e-9 < this.clearSinceSec) return false;
    const hedges = this.unconfirmed.filter((size) => size !== 0).map(Math.abs);
    const failed = hedges.length > 0 && Math.abs(chainBase - this.believed) > 0.5 * Math.min(...hedges);
    this.believed = chainBase;
    this.unconfirmed = [];
    this.clearSinceSec = null;
    return failed;
  }

  /** Records a transaction just sent: a hedge of `sizeBase` (bought > 0, sold < 0), or 0 for any other. */
  sent(sizeBase: number): void {
    this.believed += sizeBase;
    this.unconfirmed.push(sizeBase);
    this.clearSinceSec = null;
  }
}
