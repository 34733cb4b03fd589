import type { Observation } from "./observation.ts";

/**
 * What a hedging agent holds, kept honest against the chain. Until its delayed view can show the hedges it
 * sent, it assumes they filled as sent; once the view shows them all, it adopts the holdings the chain shows
 * and reports whether a hedge failed (reverted or dropped), so the agent can re-hedge at once instead of
 * staying unhedged.
 *
 * "Shows" is exact, not a timeout: a sender's nonces land or are dropped in order, so at a decision with k
 * transactions pending, all but its last k are resolved, and a view as of that decision time or later
 * contains their outcome. Its other transactions (a market maker's requotes, a settlement) hold no base and
 * never hold the reconciliation back. Agents that send from one wallet only.
 *
 * @example
 * const failed = ledger.reconcile(view, view.chain.pool.baseOf?.[id] ?? 0);
 * const net = delta + ledger.base; // …decide…, then ledger.sent(-net) for the hedge, ledger.sent(0) for others
 */
export class HedgeLedger {
  private believed = 0;
  /** Transactions not yet in its view, oldest first: hedge size (0 for others), decision time it was known resolved. */
  private unseen: { sizeBase: number; resolvedBySec: number | null }[] = [];

  /** Base units the agent believes its hedges hold. */
  get base(): number {
    return this.believed;
  }

  /** True when its view reflects every transaction it sent. */
  get synced(): boolean {
    return this.unseen.length === 0;
  }

  /**
   * Call at the start of each decision with the hedge holdings the (delayed) view shows. Once every hedge it
   * sent is in the view, the chain's figure replaces its own; returns true when that figure is short of what
   * was sent by more than half the smallest of those hedges: one did not fill (a fill differs from the size
   * sent only by price impact and rounding). While a hedge is not in the view yet, it keeps its own figure
   * (the view's holdings may or may not include that hedge, so adding the two could count it twice).
   */
  reconcile(view: Observation, chainBase: number): boolean {
    const resolved = this.unseen.length - view.pendingTxs;
    for (let i = 0; i < resolved; i++) this.unseen[i].resolvedBySec ??= view.timeSec;
    const inView = (tx: { resolvedBySec: number | null }) => (tx.resolvedBySec ?? Number.POSITIVE_INFINITY) <= view.asOfSec + 1e-9;
    const hedges = this.unseen.filter((tx) => tx.sizeBase !== 0);
    if (!hedges.every(inView)) return false;
    const expected = this.believed;
    this.believed = chainBase;
    this.unseen = this.unseen.filter((tx) => !inView(tx)); // only non-hedges can be left: they hold no base
    return hedges.length > 0 && Math.abs(expected - chainBase) > 0.5 * Math.min(...hedges.map((tx) => Math.abs(tx.sizeBase)));
  }

  /** Records a transaction just sent: a hedge of `sizeBase` (bought > 0, sold < 0), or 0 for any other. */
  sent(sizeBase: number): void {
    this.believed += sizeBase;
    this.unseen.push({ sizeBase, resolvedBySec: null });
  }
}
