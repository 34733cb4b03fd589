import { z } from "zod";
import { nominalLatencyUs } from "../sim/engine/latency.ts";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { PriorityFeeSpec } from "../sim/scenario/fields.ts";
import type { Agent } from "./agent.ts";
import { HedgeLedger } from "./hedge-ledger.ts";
import { hedgeSwap } from "./hedge-swap.ts";
import { gasCostUsd } from "./gas-estimates.ts";
import type { Intent } from "./intent.ts";
import type { Observation, OwnFill } from "./observation.ts";
import { quoteWidth } from "./quote-width.ts";
import { tipGwei } from "./tip-policy.ts";
import { VolEstimator } from "./vol-estimator.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const marketMakerParams = z
  .strictObject({
    /** Size quoted on each side, units of the underlying. */
    sizeBase: z.number().min(1e-6).max(1e9).default(5),
    /** Fixed part of the half-spread, basis points. */
    baseSpreadBps: z.number().min(0).max(10_000).default(2),
    /** z in the latency term z·σ·√τ of the half-spread (τ = observation + submission latency + one block). */
    latencySpreadZ: z.number().min(0).max(10).default(1),
    /** Volatility per √year it assumes; null: estimated from the prices it observes. */
    sigma: z.number().min(1e-4).max(10).nullable().default(null),
    adverseSelection: z
      .strictObject({
        /** Weight of each new markout in the learned adverse-selection term (EWMA). */
        learningRate: z.number().min(0).max(1).default(0.05),
        /** Blocks after a fill at which its markout is measured. */
        horizonBlocks: z.number().int().min(1).max(10_000).default(5),
        /** Cap on the learned term, basis points. */
        maxBps: z.number().min(0).max(10_000).default(200),
      })
      .prefault({}),
    /** Inventory skew: the quote midpoint moves by this many bps per unit of inventory (Avellaneda–Stoikov style). */
    skewBpsPerUnit: z.number().min(0).max(10_000).default(1),
    /** Stop quoting the side that would grow |inventory| beyond this, units of the underlying. */
    maxInventoryBase: z.number().min(1e-6).max(1e9).default(100),
    /** Requote at least this often, seconds. */
    requoteSec: z.number().min(0.01).max(86_400).default(60),
    /** Requote when its fair value moved this far from the quoted midpoint, basis points. */
    requoteBps: z.number().min(0).max(10_000).default(5),
    /** Delta-hedge inventory on the spot pool when |inventory| exceeds this, units; null: never. */
    hedgeThresholdBase: z.number().min(1e-6).max(1e9).nullable().default(20),
  })
  .prefault({});
export type MarketMakerParams = z.output<typeof marketMakerParams>;

/** What the maker knows about its environment: the block time and its own nominal latencies (seconds). */
export interface MakerContext {
  blockTimeSec: number;
  observationSec: number;
  submissionSec: number;
}

/**
 * Quotes a bid and an ask on the order book around its fair value (the reference price it sees), and
 * delta-hedges its inventory on the spot pool (its hedge is what the chain says once its view shows its hedges:
 * one that reverted or was dropped is sent again at the next decision past the threshold, agents/hedge-ledger.ts).
 * - half-spread (bps) = base + z·σ·√τ (τ = its observation + submission latency + one block: how long a
 *   quote can stand stale before a replacement lands) + a learned adverse-selection term (EWMA of its
 *   own fills' markouts after `horizonBlocks`) + its running costs per unit filled (gas of requotes and
 *   hedges, hedging fees and impact), so that spread capture pays for all three;
 * - the midpoint is skewed against inventory (Avellaneda & Stoikov 2008: reservation price
 *   r = S − q·γσ²(T−t), here linearised as r = S·(1 − q·skewBpsPerUnit));
 * - it requotes (one batch transaction: cancel both, post both) on a cadence or when its fair value
 *   leaves the quoted midpoint by `requoteBps`, but skips a requote whose gas exceeds its expected value.
 */
export class MarketMaker implements Agent {
  readonly type = "market-maker";
  readonly timing = "block";
  readonly id: string;
  private readonly p: MarketMakerParams;
  private readonly fee: PriorityFeeSpec;
  private readonly ctx: MakerContext;
  private readonly vol: VolEstimator;
  private adverseBps = 0;
  private lastFillSeq = -1;
  private readonly awaitingMarkout: OwnFill[] = [];
  private lastQuote: { timeSec: number; mid: number; inventory: number } | null = null;
  /** Its pool hedge: its own record until its view shows the hedges it sent, then the chain's (reverted ones re-sent). */
  private readonly ledger = new HedgeLedger();
  /** Its running costs (estimated gas of what it sent, hedging fees and impact) and filled notional. */
  private costUsd = 0;
  private filledUsd = 0;

  constructor(id: string, params: MarketMakerParams, fee: PriorityFeeSpec, ctx: MakerContext, _rng?: Rng) {
    this.id = id;
    this.p = params;
    this.fee = fee;
    this.ctx = ctx;
    this.vol = new VolEstimator(params.sigma ?? 0.6, params.sigma === null);
  }

  /** The learned adverse-selection term, basis points (exposed for tests and reports). */
  get learnedAdverseBps(): number {
    return this.adverseBps;
  }

  decide(view: Observation): readonly Intent[] {
    const S = view.refPrice;
    this.vol.observe(view.asOfSec, S);
    this.learn(view);
    this.ledger.reconcile(view, view.chain.pool.baseOf?.[this.id] ?? 0);
    if (view.pendingTxs > 0) return [];
    const book = view.chain.book;
    if (!book) return [];
    const intents: Intent[] = [];
    const q = view.own.inventoryBase;

    const hedge = this.hedge(view, q);
    if (hedge) intents.push(hedge);

    const tip = tipGwei(this.fee, view, "requote");
    const gasUsd = gasCostUsd("requote", view.chain.baseFeeGwei, tip, view.gasTokenPriceUsd);
    // Costs to recover per unit filled: its own running ratio once it has filled a few quotes' worth,
    // before that one requote's gas over one quoted size.
    const quotedUsd = this.p.sizeBase * S;
    const costBps = this.filledUsd > 4 * quotedUsd ? (this.costUsd / this.filledUsd) * 10_000 : (gasUsd / quotedUsd) * 10_000;
    const halfBps = quoteWidth(this.p, {
      sigma: this.vol.sigma,
      tauSec: this.ctx.observationSec + this.ctx.submissionSec + this.ctx.blockTimeSec,
      adverseBps: this.adverseBps,
      costBps,
    });
    const mid = S * (1 - (q * this.p.skewBpsPerUnit) / 10_000);
    if (!this.shouldRequote(view, mid, q, gasUsd)) return intents;

    const tick = book.tickUsd;
    let bid = Math.floor((mid * (1 - halfBps / 10_000)) / tick) * tick;
    let ask = Math.ceil((mid * (1 + halfBps / 10_000)) / tick) * tick;
    // Post-only: never cross someone else's resting quote (ours are cancelled in the same batch).
    const ownPrices = new Set(view.own.liveOrders.map((o) => o.price));
    if (book.bestAsk && !ownPrices.has(book.bestAsk.price) && bid >= book.bestAsk.price) bid = book.bestAsk.price - tick;
    if (book.bestBid && !ownPrices.has(book.bestBid.price) && ask <= book.bestBid.price) ask = book.bestBid.price + tick;
    const orders: { isAsk: boolean; price: number; size: number }[] = [];
    if (q < this.p.maxInventoryBase && bid > 0) orders.push({ isAsk: false, price: bid, size: this.p.sizeBase });
    if (q > -this.p.maxInventoryBase) orders.push({ isAsk: true, price: ask, size: this.p.sizeBase });
    this.lastQuote = { timeSec: view.timeSec, mid, inventory: q };
    this.costUsd += gasUsd;
    intents.push({ kind: "requote", cancelIds: view.own.liveOrders.map((o) => o.id), orders, fairValue: S, tipGwei: tip });
    this.ledger.sent(0);
    return intents;
  }

  /** Requote on the cadence, after a fill, or when the fair value moved — unless gas exceeds the value. */
  private shouldRequote(view: Observation, mid: number, q: number, gasUsd: number): boolean {
    const last = this.lastQuote;
    if (!last || view.own.liveOrders.length === 0) return true;
    if (q !== last.inventory) return true;
    const movedBps = (Math.abs(mid - last.mid) / last.mid) * 10_000;
    const due = view.timeSec - last.timeSec >= this.p.requoteSec;
    if (!due && movedBps < this.p.requoteBps) return false;
    // What standing still would cost: the quoted size picked off at the fair-value move.
    const valueUsd = this.p.sizeBase * Math.abs(mid - last.mid);
    return due || valueUsd > gasUsd;
  }

  /** Updates the adverse-selection estimate from fills whose markout horizon has passed. */
  private learn(view: Observation): void {
    for (const fill of view.own.fills) {
      if (fill.seq <= this.lastFillSeq) continue;
      this.lastFillSeq = fill.seq;
      this.awaitingMarkout.push(fill);
      this.filledUsd += fill.size * fill.price;
    }
    const horizonSec = this.p.adverseSelection.horizonBlocks * this.ctx.blockTimeSec;
    const { learningRate, maxBps } = this.p.adverseSelection;
    while (this.awaitingMarkout.length && this.awaitingMarkout[0].timeSec + horizonSec <= view.asOfSec) {
      const fill = this.awaitingMarkout.shift()!;
      const later = this.vol.priceAt(fill.timeSec + horizonSec) ?? view.refPrice;
      // How far the price had moved against the maker from the fair value it quoted at, bps.
      const against = ((-fill.side * (later - fill.fairValue)) / fill.fairValue) * 10_000;
      this.adverseBps = Math.min(maxBps, Math.max(0, (1 - learningRate) * this.adverseBps + learningRate * against));
    }
  }

  /** A pool trade that brings net exposure (book inventory + hedges) back to zero past the threshold. */
  private hedge(view: Observation, q: number): Intent | undefined {
    const threshold = this.p.hedgeThresholdBase;
    const net = q + this.ledger.base;
    if (threshold === null || Math.abs(net) <= threshold) return undefined;
    const { pool } = view.chain;
    this.ledger.sent(-net);
    // Expected cost of the hedge: the pool fee, the price impact (≈ size / reserve) and gas.
    const notional = (Math.abs(net) * pool.reserveQuote) / pool.reserveBase;
    this.costUsd +=
      notional * (pool.feeBps / 10_000 + Math.abs(net) / pool.reserveBase) +
      gasCostUsd("swap", view.chain.baseFeeGwei, tipGwei(this.fee, view, "swap"), view.gasTokenPriceUsd);
    return hedgeSwap(net, pool, 0.02);
  }
}

/** The market-maker plug-in (agents/registry.ts lists it). */
export const marketMakerPlugin = defineAgent({
  type: "market-maker",
  params: marketMakerParams,
  kinds: ["requote", "swap"],
  roles: ["market-making"],
  create: ({ id, params, priorityFee, latency, scenario, rng }) =>
    new MarketMaker(
      id,
      params,
      priorityFee,
      {
        blockTimeSec: scenario.network.blockTime,
        observationSec: nominalLatencyUs(latency.observation) / 1e6,
        submissionSec: nominalLatencyUs(latency.submission) / 1e6,
      },
      rng,
    ),
});
