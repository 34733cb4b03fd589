import { id as topicOf, type Result } from "ethers";
import type { BookView, OwnFill } from "../../agents/observation.ts";
import type { Chain } from "../chain/chain.ts";
import type { Deployment } from "../chain/deploy.ts";
import { fromBase, fromQuote } from "../chain/units.ts";
import type { PricePath } from "../market/price-path.ts";
import type { CsvTable } from "../record/csv-table.ts";
import type { FillRow, QuoteRow } from "../record/tables.ts";
import { usToSec } from "../time.ts";
import type { BookMetrics } from "../metrics/book-metrics.ts";
import type { BlockContext, MinedTx } from "./block-recorder.ts";
import type { RunClock } from "./run-clock.ts";
import { FillLog } from "./fill-log.ts";
import { word } from "./log-decoder.ts";
import { tickPrice } from "./tx-encoder.ts";
import type { AgentRuntime } from "./types.ts";

const TOPIC = {
  posted: topicOf("OrderPosted(uint256,address,bool,uint24,uint256)"),
  cancelled: topicOf("OrderCancelled(uint256,uint256)"),
  fill: topicOf("Fill(address,bool,uint24,uint256)"),
};
const MARKOUT_BLOCKS = [1, 5, 30] as const;
const MAX_OWN_FILLS = 500;

interface TrackedOrder {
  id: bigint;
  agent: AgentRuntime;
  isAsk: boolean;
  tick: number;
  lots: bigint;
  filledLots: bigint;
  postedUs: number;
  /** The maker's fair value when it quoted (the reference price it saw); markouts are measured from it. */
  fairValue: number;
}

/**
 * Follows the order book from receipts: which orders are live, whose they are, how much of each has
 * filled (claim-later fills do not name makers, so after a block with fills the engine reads the
 * affected orders with getOrder, and a cancel's event gives the final fill), and the top of the book.
 * Writes quotes.csv (every maker requote) and fills.csv (every maker fill, with markouts against the
 * reference path), and feeds each maker its own fills and inventory.
 */
export class BookTracker {
  private readonly orders = new Map<bigint, TrackedOrder>();
  private readonly fillLogs = new Map<AgentRuntime, FillLog>();
  private fillSeq = 0;
  private readonly d: Deployment;
  private readonly chain: Chain;
  private readonly path: PricePath;
  private readonly clock: RunClock;
  private readonly tables: { quotes: CsvTable<QuoteRow>; fills: CsvTable<FillRow> };
  private readonly metrics: BookMetrics;
  readonly lotBase: number;
  readonly tickUsd: number;

  constructor(
    d: Deployment,
    chain: Chain,
    path: PricePath,
    clock: RunClock,
    tables: { quotes: CsvTable<QuoteRow>; fills: CsvTable<FillRow> },
    metrics: BookMetrics,
  ) {
    this.d = d;
    this.chain = chain;
    this.path = path;
    this.clock = clock;
    this.tables = tables;
    this.metrics = metrics;
    this.lotBase = fromBase(d.bookLotSize);
    this.tickUsd = tickPrice(1, d);
  }

  emptyView(): BookView {
    return { bestBid: null, bestAsk: null, tickUsd: this.tickUsd, lotBase: this.lotBase };
  }

  liveOrdersOf(agent: AgentRuntime): { id: bigint; isAsk: boolean; price: number; size: number }[] {
    const out = [];
    for (const o of this.orders.values()) {
      if (o.agent === agent) out.push({ id: o.id, isAsk: o.isAsk, price: tickPrice(o.tick, this.d), size: Number(o.lots - o.filledLots) * this.lotBase });
    }
    return out;
  }

  /** The agent's fills included by `asOfSec` (the latest ones), and its inventory from every fill by then. */
  ownState(agent: AgentRuntime, asOfSec: number): { fills: OwnFill[]; inventoryBase: number } {
    return this.fillLogs.get(agent)?.asOf(asOfSec) ?? { fills: [], inventoryBase: 0 };
  }

  /** Processes a mined block's book events; returns the new top of book, or undefined if untouched. */
  async afterBlock(block: BlockContext, mined: readonly MinedTx[], before: BookView): Promise<BookView | undefined> {
    const book = this.d.book.toLowerCase();
    const touchedLevels = new Map<string, AgentRuntime[]>(); // "isAsk:tick" of the maker side → takers
    const finalFills = new Map<bigint, bigint>(); // cancelled order → total filled lots
    let touched = false;
    for (const { tx, receipt } of mined) {
      const posted: TrackedOrder[] = [];
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== book) continue;
        touched = true;
        const topic = log.topics[0];
        if (topic === TOPIC.posted) {
          const id = BigInt(log.topics[1]);
          const fairValue = tx.intent.kind === "requote" ? tx.intent.fairValue : block.refPrice;
          const order = {
            id,
            agent: tx.agent,
            isAsk: word(log.data, 0) === 1n,
            tick: Number(word(log.data, 1)),
            lots: word(log.data, 2),
            filledLots: 0n,
            postedUs: block.timeUs,
            fairValue,
          };
          this.orders.set(id, order);
          posted.push(order);
        } else if (topic === TOPIC.cancelled) {
          const id = BigInt(log.topics[1]);
          const order = this.orders.get(id);
          if (order) finalFills.set(id, order.lots - word(log.data, 0));
        } else if (topic === TOPIC.fill) {
          const makerIsAsk = word(log.data, 0) === 1n; // a buying taker fills asks
          const key = `${makerIsAsk}:${Number(word(log.data, 1))}`;
          touchedLevels.set(key, [...(touchedLevels.get(key) ?? []), tx.agent]);
        }
      }
      if (tx.intent.kind === "requote" && receipt.status) this.recordQuote(tx.agent, tx.intentUs, block, posted, tx.intent.fairValue);
    }
    if (!touched) return undefined;
    // Fill deltas: final for cancelled orders, read from the chain for live orders at filled levels.
    const reads: Promise<void>[] = [];
    for (const order of this.orders.values()) {
      const final = finalFills.get(order.id);
      if (final !== undefined) {
        this.addFill(order, final - order.filledLots, block, touchedLevels);
        this.orders.delete(order.id);
      } else if (touchedLevels.has(`${order.isAsk}:${order.tick}`)) {
        reads.push(this.readOrder(order).then((filled) => this.addFill(order, filled - order.filledLots, block, touchedLevels)));
      }
    }
    await Promise.all(reads);
    return this.readTop(before);
  }

  /** Accumulates the time-weighted quoted spread; called for every block, empty or not. */
  onBlock(view: BookView, dtSec: number): void {
    if (view.bestBid && view.bestAsk) {
      const mid = (view.bestBid.price + view.bestAsk.price) / 2;
      this.metrics.addQuotedSpread(((view.bestAsk.price - view.bestBid.price) / mid) * 10_000, dtSec);
    }
  }

  /**
   * What an agent holds inside the book, in token units: its free balance, the escrow of its resting
   * orders and the proceeds of their unclaimed fills (for end-of-run P&L).
   */
  async holdings(agent: AgentRuntime, address: string): Promise<{ base: number; quote: number }> {
    const book = this.d.contracts.book;
    const [freeBase, freeQuote] = await this.chain.read<[bigint, bigint]>(book, "freeBalanceOf", [address]);
    let base = fromBase(freeBase);
    let quote = fromQuote(freeQuote);
    for (const order of this.orders.values()) {
      if (order.agent !== agent) continue;
      const v = await this.chain.read<{ openLots: bigint; claimableLots: bigint }>(book, "getOrder", [order.id]);
      const price = tickPrice(order.tick, this.d);
      const [open, claimable] = [Number(v.openLots) * this.lotBase, Number(v.claimableLots) * this.lotBase];
      if (order.isAsk) {
        base += open;
        quote += claimable * price;
      } else {
        quote += open * price;
        base += claimable;
      }
    }
    return { base, quote };
  }

  private async readOrder(order: TrackedOrder): Promise<bigint> {
    const view = await this.chain.read<{ maker: string; openLots: bigint }>(this.d.contracts.book, "getOrder", [order.id]);
    // A finished order that is no longer live reads as all zeros: it filled completely.
    if (BigInt(view.maker) === 0n) return order.lots;
    return order.lots - view.openLots;
  }

  private addFill(order: TrackedOrder, lots: bigint, block: BlockContext, takers: Map<string, AgentRuntime[]>): void {
    if (lots <= 0n) return;
    order.filledLots += lots;
    const price = tickPrice(order.tick, this.d);
    const size = Number(lots) * this.lotBase;
    const side: 1 | -1 = order.isAsk ? -1 : 1; // maker bought when its bid filled
    const timeSec = usToSec(block.timeUs);
    const F = order.fairValue;
    const fill: OwnFill = { seq: this.fillSeq++, timeSec, side, price, size, fairValue: F };
    let log = this.fillLogs.get(order.agent);
    if (!log) this.fillLogs.set(order.agent, (log = new FillLog(MAX_OWN_FILLS)));
    log.add(fill);
    const S = block.refPrice;
    // Markout: how far the reference moved from the maker's quote-time fair value, k blocks after the
    // fill, signed for the maker (negative = adverse selection; the spread it earned is not included).
    const markouts = MARKOUT_BLOCKS.map((k) => ((side * (this.path.at(block.timeUs + k * this.clock.blockUs) - F)) / F) * 10_000);
    const takerAgents = [...new Set(takers.get(`${order.isAsk}:${order.tick}`) ?? [])];
    const quoteAgeSec = usToSec(block.timeUs - order.postedUs);
    this.metrics.addFill({
      makerRoles: order.agent.roles,
      takerRoles: takerAgents.map((a) => a.roles),
      size,
      price,
      refPrice: S,
      fairValue: F,
      side,
      markouts,
      quoteAgeSec,
      refLater: this.path.at(block.timeUs + 30 * this.clock.blockUs),
    });
    this.tables.fills.append({
      fill: fill.seq,
      block: block.number,
      time: timeSec,
      maker: order.agent.spec.id,
      makerType: order.agent.spec.type,
      taker: takerAgents.map((a) => a.spec.id).join(";"),
      takerSide: order.isAsk ? "buy" : "sell",
      price,
      size,
      notionalUsd: price * size,
      quoteAgeSec,
      fairValue: F,
      refPrice: S,
      markoutBps1: markouts[0],
      markoutBps5: markouts[1],
      markoutBps30: markouts[2],
    });
  }

  private recordQuote(agent: AgentRuntime, intentUs: number, block: BlockContext, posted: readonly TrackedOrder[], fairValue: number): void {
    const bid = posted.find((o) => !o.isAsk);
    const ask = posted.find((o) => o.isAsk);
    this.tables.quotes.append({
      block: block.number,
      maker: agent.spec.id,
      intentTime: usToSec(intentUs),
      inclusionTime: usToSec(block.timeUs),
      fairValue,
      refPrice: block.refPrice,
      bid: bid ? tickPrice(bid.tick, this.d) : null,
      ask: ask ? tickPrice(ask.tick, this.d) : null,
      bidSize: bid ? Number(bid.lots) * this.lotBase : 0,
      askSize: ask ? Number(ask.lots) * this.lotBase : 0,
    });
  }

  private async readTop(before: BookView): Promise<BookView> {
    const [bid, ask] = await Promise.all(["bestBid", "bestAsk"].map((fn) => this.chain.read<Result>(this.d.contracts.book, fn)));
    const side = ([tick, lots]: Result) => (tick === 0n ? null : { price: tickPrice(tick, this.d), size: Number(lots) * this.lotBase });
    return { ...before, bestBid: side(bid), bestAsk: side(ask) };
  }
}
