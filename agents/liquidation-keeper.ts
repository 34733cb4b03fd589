import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import { perpMargin } from "../sim/math/margin.ts";
import type { Agent } from "./agent.ts";
import { gasCostUsd } from "./gas-estimates.ts";
import type { Intent } from "./intent.ts";
import type { MarginAccountView, Observation } from "./observation.ts";
import { tipGwei } from "./tip-policy.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const liquidationKeeperParams = z
  .strictObject({
    /** Liquidate only when the expected reward exceeds gas plus this, USD. */
    minProfitUsd: z.number().min(0).max(1e9).default(0),
    /** Most liquidations it keeps in flight at once, each for a different account. */
    maxPending: z.number().int().min(1).max(50).default(5),
    /** Log-sd of its own fixed preference per account: it ranks by reward × e^(σ·z); 0 = by reward alone. */
    preferenceSigma: z.number().min(0).max(5).default(1),
  })
  .prefault({});
export type LiquidationKeeperParams = z.output<typeof liquidationKeeperParams>;

interface Candidate {
  account: string;
  size: number;
  reward: number;
  score: number;
}

/**
 * Watches margin accounts (as of its observation latency) at the on-chain oracle price — the price the
 * contract will use — and liquidates the liquidatable ones whose expected reward (its share of the
 * penalty, capped by the equity left) beats gas plus `minProfitUsd`.
 *
 * Real keepers do not all chase the single most rewarding account: each watches its own list, in its
 * own order. Here each keeper ranks accounts by reward × e^(σ·z), z a standard normal it draws once per
 * account from its own stream (σ = `preferenceSigma`; 0 ranks by reward alone, so every keeper chases
 * the same account), keeps up to `maxPending` liquidations in flight, each for a different account,
 * and never sends a second one for an account it already has a pending liquidation for. Keepers still
 * race where their choices overlap: under a priority auction by tip (profit-share bids part of the
 * reward), under FIFO by arrival; losers revert with AccountHealthy and are recorded.
 */
export class LiquidationKeeper implements Agent {
  readonly type = "liquidation-keeper";
  readonly timing = "block";
  readonly id: string;
  private readonly p: LiquidationKeeperParams;
  private readonly fee: PriorityFeeSpec;
  private readonly rng: Rng;
  /** Its fixed preference multiplier e^(σ·z) per account address, drawn on first sight. */
  private readonly preference = new Map<string, number>();
  /** The accounts of the liquidations it sent, oldest first; the last `pendingTxs` of them are still pending. */
  private sent: string[] = [];

  constructor(id: string, params: LiquidationKeeperParams, fee: PriorityFeeSpec, rng: Rng) {
    this.id = id;
    this.p = params;
    this.fee = fee;
    this.rng = rng;
  }

  decide(view: Observation): readonly Intent[] {
    const margin = view.chain.margin;
    if (!margin) return [];
    // It sends only liquidations, from one wallet: nonces land (or are dropped) in order, so its
    // pending transactions are exactly the last `pendingTxs` it sent.
    if (this.sent.length > view.pendingTxs) this.sent = this.sent.slice(this.sent.length - view.pendingTxs);
    const free = this.p.maxPending - view.pendingTxs;
    if (free <= 0) return [];
    const { oracle } = view.chain;
    if (view.asOfSec - oracle.updatedAtSec > margin.maxOracleAgeSec) return [];
    const pending = new Set(this.sent);
    const candidates: Candidate[] = [];
    for (const a of margin.accounts) {
      const preference = this.preferenceOf(a);
      if (a.size === 0 || pending.has(a.address)) continue;
      const { equity, maintenance } = perpMargin(a, oracle.price, margin.mmRatio);
      if (equity >= maintenance) continue;
      const penalty = Math.min(margin.penalty * Math.abs(a.size) * oracle.price, Math.max(equity, 0));
      const reward = penalty * margin.keeperShare;
      candidates.push({ account: a.address, size: Math.abs(a.size), reward, score: reward * preference });
    }
    if (candidates.length === 0) return [];
    // Highest score first; equal scores (bankrupt accounts all score 0) by reward, then address, so the order never depends on the view's.
    candidates.sort((x, y) => y.score - x.score || y.reward - x.reward || (x.account < y.account ? -1 : 1));
    const intents: Intent[] = [];
    let pricedOut: Intent | undefined;
    for (const c of candidates) {
      if (intents.length >= free) break;
      const tip = tipGwei(this.fee, view, "liquidate", c.reward - this.p.minProfitUsd);
      const gasUsd = gasCostUsd("liquidate", view.chain.baseFeeGwei, tip, view.gasTokenPriceUsd);
      if (c.reward <= gasUsd + this.p.minProfitUsd) {
        pricedOut ??= { kind: "priced-out", action: "liquidate", valueUsd: c.reward, gasUsd };
        continue;
      }
      // The whole perp: the size it sees is a float of the WAD amount and can round a few wei short, which
      // left dust the next keeper "liquidated" for nothing. The engine closes min(size, max), so ask a bit more.
      intents.push({ kind: "liquidate", account: c.account, maxSizeBase: c.size * (1 + 1e-9), tipGwei: tip });
      this.sent.push(c.account);
    }
    // One priced-out record per decision that sent nothing although accounts were liquidatable.
    return intents.length || !pricedOut ? intents : [pricedOut];
  }

  /** e^(σ·z) for this account, z drawn from its own stream the first time it sees the account. */
  private preferenceOf(a: MarginAccountView): number {
    let m = this.preference.get(a.address);
    if (m === undefined) {
      m = Math.exp(this.p.preferenceSigma * this.rng.normal());
      this.preference.set(a.address, m);
    }
    return m;
  }
}

/** The liquidation-keeper plug-in (agents/registry.ts lists it). */
export const liquidationKeeperPlugin = defineAgent({
  type: "liquidation-keeper",
  params: liquidationKeeperParams,
  kinds: ["liquidate"],
  create: ({ id, params, priorityFee, rng }) => new LiquidationKeeper(id, params, priorityFee, rng),
});
