import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import { vaultGreeks } from "../sim/math/vault-greeks.ts";
import type { Agent } from "./agent.ts";
import { HedgeLedger } from "./hedge-ledger.ts";
import { hedgeSwap } from "./hedge-swap.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const vaultHedgerParams = z
  .strictObject({
    /** Rebalance when |vault delta + hedge| exceeds this, units of the underlying; null: only on schedule. */
    thresholdBase: z.number().min(1e-6).max(1e9).nullable().default(1),
    /** Also rebalance N times, evenly, from t = 0 to the first series' expiry (discrete-hedging studies); null: off. */
    rebalancesToExpiry: z.number().int().min(1).max(1_000_000).nullable().default(null),
    /** Seeds the hedging-error validation runs (read by test/validation/hedging-error.test.ts only). */
    validationSeeds: z.number().int().min(1).max(10_000).default(40),
    /** Slippage limit of its pool trades, fraction. */
    slippage: z.number().min(0).max(1).default(0.01),
  })
  .prefault({});
export type VaultHedgerParams = z.output<typeof vaultHedgerParams>;

/**
 * Keeps the vault's book delta-neutral on the spot pool. It computes the vault's net delta itself
 * (Black–Scholes at the reference price it sees, for the open interest it sees) and trades the pool to
 * bring vault delta + its own hedge to zero — when that exceeds `thresholdBase`, and/or on a schedule
 * of N rebalances to the first series' expiry. Its hedge is what the chain says it holds (HedgeLedger):
 * a hedge that reverted or was dropped is re-sent at the first decision whose view shows it. It settles
 * expired series, naming the oracle's first round at or after expiry, so holders can redeem.
 * Its transactions take the same latency and mempool path as everyone's.
 */
export class VaultHedger implements Agent {
  readonly type = "vault-hedger";
  readonly timing = "block";
  readonly id: string;
  private readonly p: VaultHedgerParams;
  private readonly ledger = new HedgeLedger();
  private nextRebalance = 0;

  constructor(id: string, params: VaultHedgerParams, _rng?: Rng) {
    this.id = id;
    this.p = params;
  }

  decide(view: Observation): readonly Intent[] {
    const vault = view.chain.vault;
    if (!vault || view.pendingTxs > 0) return [];
    const failed = this.ledger.reconcile(view, view.chain.pool.baseOf?.[this.id] ?? 0);
    // Settle only from a view that shows its earlier transactions (else it could settle twice).
    const expired = this.ledger.synced ? vault.series.find((s) => !s.settled && s.settlementRoundId !== null) : undefined;
    if (expired) {
      this.ledger.sent(0);
      return [{ kind: "vault-settle", series: expired.index, roundId: expired.settlementRoundId! }];
    }

    // Delta at the market price it sees (hedgers hedge against the market, not the oracle).
    const { delta } = vaultGreeks(vault, view.refPrice, view.timeSec);
    const hedge = this.ledger.base;
    if (delta === 0 && hedge === 0) return []; // nothing sold yet: the schedule waits for a book
    // After expiry the book has no delta: the hedge is unwound.
    const net = delta + hedge;
    const due = this.due(view, vault.series[0]?.expirySec);
    if (!failed && !due && (this.p.thresholdBase === null || Math.abs(net) <= this.p.thresholdBase)) return [];
    if (Math.abs(net) < 1e-9) return [];
    this.ledger.sent(-net);
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

/** The vault-hedger plug-in (agents/registry.ts lists it). */
export const vaultHedgerPlugin = defineAgent({
  type: "vault-hedger",
  params: vaultHedgerParams,
  kinds: ["swap", "vault-settle"],
  roles: ["vault-hedging"],
  create: ({ id, params, rng }) => new VaultHedger(id, params, rng),
});
