import type { ChainView } from "../../agents/observation.ts";
import type { Deployment } from "../chain/deploy.ts";
import type { Receipt } from "../chain/chain.ts";
import { fromBase, fromQuote, fromWad, fromWei, weiToGwei } from "../chain/units.ts";
import { SimError } from "../errors.ts";
import { quantile } from "../stats/descriptive.ts";
import type { RunMetrics } from "../metrics/run-metrics.ts";
import type { CsvTable } from "../record/csv-table.ts";
import type { BlockRow, TradeRow, TxRow } from "../record/tables.ts";
import { usToSec } from "../time.ts";
import { decodePriceUpdated, decodeSwap, TOPICS } from "./log-decoder.ts";
import type { TxRecord, TxStatus } from "./types.ts";

export interface Tables {
  blocks: CsvTable<BlockRow>;
  txs: CsvTable<TxRow>;
  trades: CsvTable<TradeRow>;
}

export interface MinedTx {
  tx: TxRecord;
  receipt: Receipt;
  revertReason: string;
}

export interface BlockContext {
  number: number;
  timeUs: number;
  timestamp: number;
  gasUsed: bigint;
  gasLimit: bigint;
  baseFeeWei: bigint;
  refPrice: number;
  gasTokenPriceUsd: number;
  genesisTime: number;
  /** Rollup L1 base fee in force for this block, gwei (0 when there is no L1 data fee). */
  l1BaseFeeGwei: number;
}

/** How many recent blocks with transactions the views keep tips of (for percentile tip policies). */
const TIP_HISTORY_BLOCKS = 100;

/**
 * Turns a mined block's receipts into rows (txs, trades, blocks), metrics and the next chain view.
 * Checks the pool invariant POOL_INV_K (x·y never decreases through a swap) on every swap.
 */
export class BlockRecorder {
  private readonly tables: Tables;
  private readonly metrics: RunMetrics;
  private readonly deployment: Deployment;

  constructor(tables: Tables, metrics: RunMetrics, deployment: Deployment) {
    this.tables = tables;
    this.metrics = metrics;
    this.deployment = deployment;
  }

  /** Records one block (mined with transactions or not) and returns the chain view after it. */
  record(block: BlockContext, mined: readonly MinedTx[], before: ChainView, nextBaseFeeWei: bigint): ChainView {
    let pool = before.pool;
    let oracle = before.oracle;
    const S = block.refPrice;
    let feesUsd = 0;
    const timeSec = usToSec(block.timeUs);
    const tips: number[] = [];
    let l1FeeUsd = 0;
    for (const [position, { tx, receipt, revertReason }] of mined.entries()) {
      // Gas is paid in the gas token: execution gas at the effective price, plus a rollup's L1 data fee.
      const gasCostNative = fromWei(receipt.gasUsed * receipt.effectiveGasPrice + receipt.l1Fee);
      const gasCostUsd = gasCostNative * block.gasTokenPriceUsd;
      const txL1FeeUsd = fromWei(receipt.l1Fee) * block.gasTokenPriceUsd;
      l1FeeUsd += txL1FeeUsd;
      tips.push(weiToGwei(receipt.effectiveGasPrice - block.baseFeeWei));
      const agent = tx.agent;
      agent.included++;
      agent.pending--;
      agent.gasSpentUsd += gasCostUsd;
      if (!receipt.status) agent.reverted++;
      if (tx.intent.kind === "liquidate") {
        this.metrics.margin.keeperGasUsd += gasCostUsd;
        if (!receipt.status) this.metrics.margin.failedLiquidationTxs++;
      }
      const delaySec = usToSec(block.timeUs - tx.intentUs);
      this.metrics.addInclusion(agent.spec.type, agent.roles, delaySec, gasCostUsd, !receipt.status);
      this.writeTx(tx, receipt.status ? "ok" : "reverted", { block, receipt, revertReason, gasCostUsd, gasCostNative, l1FeeUsd: txL1FeeUsd, position });
      for (const log of receipt.logs) {
        const topic = log.topics[0];
        if (topic === TOPICS.swap && log.address.toLowerCase() === this.deployment.pool.toLowerCase()) {
          const e = decodeSwap(log);
          const next = { ...pool, reserveBase: fromBase(e.reserveBase), reserveQuote: fromQuote(e.reserveQuote) };
          if (next.reserveBase * next.reserveQuote < pool.reserveBase * pool.reserveQuote * (1 - 1e-12)) {
            throw new SimError(
              "DL201",
              `POOL_INV_K violated in block ${block.number}: x·y fell from ${pool.reserveBase * pool.reserveQuote} to ${next.reserveBase * next.reserveQuote}`,
            );
          }
          const [fromIn, fromOut] = e.baseIn ? [fromBase, fromQuote] : [fromQuote, fromBase];
          const amountIn = fromIn(e.amountIn);
          const amountOut = fromOut(e.amountOut);
          const amountBase = e.baseIn ? amountIn : amountOut;
          const amountQuote = e.baseIn ? amountOut : amountIn;
          const feeUsd = fromIn(e.feeAmount) * (e.baseIn ? S : 1);
          // What the trader gave minus what it got, both valued at the reference price.
          const costVsRefUsd = e.baseIn ? amountBase * S - amountQuote : amountQuote - amountBase * S;
          feesUsd += feeUsd;
          this.recordTrade(tx, block, e.baseIn, amountBase, amountQuote, feeUsd, costVsRefUsd);
          // Each agent's own swaps, as the chain executed them: what hedgers reconcile with (agents/hedge-ledger.ts).
          const id = tx.agent.spec.id;
          next.baseOf = { ...pool.baseOf, [id]: (pool.baseOf?.[id] ?? 0) + (e.baseIn ? -amountBase : amountBase) };
          pool = next;
        } else if (topic === TOPICS.priceUpdated) {
          const e = decodePriceUpdated(log);
          oracle = { price: fromWad(e.priceX18), updatedAtSec: Number(e.updatedAt) - block.genesisTime, roundId: Number(e.roundId) };
          this.metrics.oracleUpdates++;
        }
      }
    }
    // Loss versus rebalancing over this block (Milionis et al. 2022), fees added back: the value at
    // S_b of the holdings before the block minus those after, plus what the pool earned in fees.
    const valueAfter = pool.reserveBase * S + pool.reserveQuote;
    const lvrUsd = mined.length > 0 ? before.pool.reserveBase * S + before.pool.reserveQuote - valueAfter + feesUsd : 0;
    this.metrics.lvrUsd += lvrUsd;
    this.metrics.lpFeesUsd += feesUsd;
    this.metrics.l1FeeUsd += l1FeeUsd;
    tips.sort((a, b) => a - b);
    const fullness = Number(block.gasUsed) / Number(block.gasLimit);
    const baseFeeGwei = weiToGwei(block.baseFeeWei);
    const oracleErrorBps = (Math.abs(oracle.price - S) / S) * 10_000;
    this.metrics.addBlock(fullness, baseFeeGwei, oracleErrorBps, timeSec - oracle.updatedAtSec);
    this.tables.blocks.append({
      block: block.number,
      time: timeSec,
      timestamp: block.timestamp,
      txCount: mined.length,
      gasUsed: Number(block.gasUsed),
      fullness,
      baseFeeGwei,
      refPrice: S,
      poolPrice: pool.reserveQuote / pool.reserveBase,
      oraclePrice: oracle.price,
      poolValueUsd: valueAfter,
      lvrUsd,
      tipGweiP50: tips.length ? quantile(tips, 0.5) : null,
      tipGweiP90: tips.length ? quantile(tips, 0.9) : null,
      l1BaseFeeGwei: block.l1BaseFeeGwei,
      l1FeeUsd,
    });
    // Tip history changes only with blocks that carried transactions; otherwise the array is shared.
    const recentTipsGwei = tips.length ? [...before.recentTipsGwei.slice(-(TIP_HISTORY_BLOCKS - 1)), tips] : before.recentTipsGwei;
    return {
      blockNumber: block.number,
      blockTimeSec: timeSec,
      baseFeeGwei: weiToGwei(nextBaseFeeWei),
      pool,
      oracle,
      recentTipsGwei,
      book: before.book,
      margin: before.margin,
      vault: before.vault,
    };
  }

  private recordTrade(tx: TxRecord, block: BlockContext, baseIn: boolean, amountBase: number, amountQuote: number, feeUsd: number, costVsRefUsd: number): void {
    const type = tx.agent.spec.type;
    const roles = tx.agent.roles;
    if (roles.has("arbitrage")) {
      this.metrics.arbGrossUsd -= costVsRefUsd;
      this.metrics.arbTrades++;
    } else if (roles.has("market-making")) {
      this.metrics.book.hedgingCostUsd += costVsRefUsd;
    } else if (roles.has("noise")) {
      this.metrics.noiseSlippageUsd += costVsRefUsd;
      this.metrics.noiseTrades++;
    }
    this.tables.trades.append({
      block: block.number,
      time: usToSec(block.timeUs),
      tx: tx.seq,
      agent: tx.agent.spec.id,
      agentType: type,
      side: baseIn ? "sell" : "buy",
      amountBase,
      amountQuote,
      price: amountQuote / amountBase,
      refPrice: block.refPrice,
      feeUsd,
      costVsRefUsd,
    });
  }

  /** Writes a tx row; for dropped or never-included transactions `inclusion` is absent. */
  writeTx(tx: TxRecord, status: TxStatus, inclusion?: Inclusion): void {
    const block = inclusion?.block;
    const receipt = inclusion?.receipt;
    this.tables.txs.append({
      tx: tx.seq,
      agent: tx.agent.spec.id,
      agentType: tx.agent.spec.type,
      kind: tx.intent.kind,
      intentTime: usToSec(tx.intentUs),
      viewTime: usToSec(tx.viewUs),
      submitTime: tx.hash ? usToSec(tx.arrivalUs) : null,
      inclusionBlock: block?.number ?? null,
      position: inclusion?.position ?? null,
      inclusionTime: block ? usToSec(block.timeUs) : null,
      delaySec: block ? usToSec(block.timeUs - tx.intentUs) : null,
      status,
      revertReason: inclusion?.revertReason ?? "",
      gasUsed: receipt ? Number(receipt.gasUsed) : null,
      gasPriceGwei: receipt ? weiToGwei(receipt.effectiveGasPrice) : null,
      tipGwei: weiToGwei(tx.tipWei),
      l1FeeUsd: inclusion?.l1FeeUsd ?? 0,
      gasCostNative: inclusion?.gasCostNative ?? 0,
      gasCostUsd: inclusion?.gasCostUsd ?? 0,
      hash: tx.hash ?? null,
    });
  }
}

interface Inclusion {
  block: BlockContext;
  receipt: Receipt;
  revertReason: string;
  position: number;
  gasCostUsd: number;
  gasCostNative: number;
  l1FeeUsd: number;
}
