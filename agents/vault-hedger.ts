import type { Rng } from "../sim/random.ts";
import { vaultGreeks } from "../sim/math/vault-greeks.ts";
import type { Agent } from "./agent.ts";
import { hedgeSwap } from "./hedge-swap.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

export interface VaultHedgerParams {
  thresholdBase: number | null;
  rebalancesToExpiry: number | null;
  slippage: number;
}

/**
 * Keeps the vault's book delta-neutral on the spot pool. It computes the vault's net delta itself
 * (Black–Scholes at the reference price it sees, for the open interest it sees) and trades the pool to
 * bring vault delta + its own hedge to zero — when that exceeds `thresholdBase`, and/or on a schedule
 * of N rebalances to the first series' expiry. It settles expired series so holders can redeem.
 * Its transactions take the same latency and mempool path as everyone's.
 */
export class VaultHedger implements Agent {
  readonly type = "vault-hedger";
  readonly timing = "block";
  readonly id: string;
  private readonly p: VaultHedgerParams;
  private hedgeBase = 0;
  private nextRebalance = 0;

  constructor(id: string, params: VaultHedgerParams, _rng?: Rng) {
    this.id = id;
    this.p = params;
  }

  decide(view: Observation): readonly Intent[] {
    const vault = view.chain.vault;
    if (!vault || view.pendingTxs > 0) return [];
    const expired = vault.series.find((s) => !s.settled && s.expirySec <= view.chain.oracle.updatedAtSec);
    if (expired) return [{ kind: "vault-settle", series: expired.index }];

    // Delta at the market price it sees (hedgers hedge against the market, not the oracle).
    const { delta } = vaultGreeks(vault, view.refPrice, view.timeSec);
    if (delta === 0 && this.hedgeBase === 0) return []; // nothing sold yet: the schedule waits for a book
    // After expiry the book has no delta: the hedge is unwound.
    const net = delta + this.hedgeBase;
    if (!this.due(view, vault.series[0]?.expirySec) && (this.p.thresholdBase === null || Math.abs(net) <= this.p.thresholdBase)) return [];
    if (Math.abs(net) < 1e-9) return [];
    this.hedgeBase -= net;
    return [hedgeSwap(net, view.chain.pool, this.p.slippage)];
  }

  /** True at the next of N evenly spaced rebalancing times before the first expiry. */
  private due(view: Observation, expirySec: number | undefined): boolean {
    const n = this.p.rebalancesToExpiry;
    if (n === null || expirySec === undefined || this.nextRebalance >= n) return false;
    if (view.timeSec + 1e-9 < (this.nextRebalance * expirySec) / n) return false;
    while (this.nextRebalance < n && view.timeSec + 1e-9 >= (this.nextRebalance * expirySec) / n) this.nextRebalance++;
    return true;
  }
}
