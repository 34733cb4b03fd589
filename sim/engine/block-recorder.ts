import type { ChainView } from "../../agents/observation.ts";
import { BASE_DECIMALS, QUOTE_DECIMALS, type Deployment } from "../chain/deploy.ts";
import type { Receipt } from "../chain/chain.ts";
import { fromRaw } from "../chain/units.ts";
import { SimError } from "../errors.ts";
import type { RunMetrics } from "../metrics/run-metrics.ts";
import type { CsvTable } from "../record/csv-table.ts";
import type { BlockRow, TradeRow, TxRow } from "../record/tables.ts";
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
}

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
    const timeSec = block.timeUs / 1e6;
    for (const [position, { tx, receipt, revertReason }] of mined.entries()) {
      const gasCostUsd = fromRaw(receipt.gasUsed * receipt.effectiveGasPrice, 18) * block.gasTokenPriceUsd;
      const agent = tx.agent;
      agent.included++;
      agent.pending--;
      agent.gasSpentUsd += gasCostUsd;
      if (!receipt.status) agent.reverted++;
      const delaySec = (block.timeUs - tx.intentUs) / 1e6;
      this.metrics.addInclusion(agent.spec.type, delaySec, gasCostUsd, !receipt.status);
      this.writeTx(tx, receipt.status ? "ok" : "reverted", block, receipt, revertReason, gasCostUsd, position);
      for (const log of receipt.logs) {
        const topic = log.topics[0];
        if (topic === TOPICS.swap && log.address.toLowerCase() === this.deployment.pool.toLowerCase()) {
          const e = decodeSwap(log);
          const next = { ...pool, reserveBase: fromRaw(e.reserveBase, BASE_DECIMALS), reserveQuote: fromRaw(e.reserveQuote, QUOTE_DECIMALS) };
          if (next.reserveBase * next.reserveQuote < pool.reserveBase * pool.reserveQuote * (1 - 1e-12)) {
            throw new SimError("DL201", `POOL_INV_K violated in block ${block.number}: x·y fell from ${pool.reserveBase * pool.reserveQuote} to ${next.reserveBase * next.reserveQuote}`);
          }
          const [inDec, outDec] = e.baseIn ? [BASE_DECIMALS, QUOTE_DECIMALS] : [QUOTE_DECIMALS, BASE_DECIMALS];
          const amountIn = fromRaw(e.amountIn, inDec);
          const amountOut = fromRaw(e.amountOut, outDec);
          const amountBase = e.baseIn ? amountIn : amountOut;
          const amountQuote = e.baseIn ? amountOut : amountIn;
          const feeUsd = fromRaw(e.feeAmount, inDec) * (e.baseIn ? S : 1);
          // What the trader gave minus what it got, both valued at the reference price.
          const costVsRefUsd = e.baseIn ? amountBase * S - amountQuote : amountQuote - amountBase * S;
          feesUsd += feeUsd;
          this.recordTrade(tx, block, e.baseIn, amountBase, amountQuote, feeUsd, costVsRefUsd);
          pool = next;
        } else if (topic === TOPICS.priceUpdated) {
          const e = decodePriceUpdated(log);
          oracle = { price: fromRaw(e.priceX18, 18), updatedAtSec: Number(e.updatedAt) - block.genesisTime, roundId: Number(e.roundId) };
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
    const fullness = Number(block.gasUsed) / Number(block.gasLimit);
    const baseFeeGwei = Number(block.baseFeeWei) / 1e9;
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
    });
    return { blockNumber: block.number, blockTimeSec: timeSec, baseFeeGwei: Number(nextBaseFeeWei) / 1e9, pool, oracle };
  }

  private recordTrade(tx: TxRecord, block: BlockContext, baseIn: boolean, amountBase: number, amountQuote: number, feeUsd: number, costVsRefUsd: number): void {
    const type = tx.agent.spec.type;
    if (type === "arbitrageur") {
      this.metrics.arbGrossUsd -= costVsRefUsd;
      this.metrics.arbTrades++;
    } else if (type === "noise-trader") {
      this.metrics.noiseSlippageUsd += costVsRefUsd;
      this.metrics.noiseTrades++;
    }
    this.tables.trades.append({
      block: block.number,
      time: block.timeUs / 1e6,
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

  /** Writes a tx row; for dropped or never-included transactions `block` and `receipt` are absent. */
  writeTx(tx: TxRecord, status: TxStatus, block?: BlockContext, receipt?: Receipt, revertReason = "", gasCostUsd = 0, position?: number): void {
    this.tables.txs.append({
      tx: tx.seq,
      agent: tx.agent.spec.id,
      agentType: tx.agent.spec.type,
      kind: tx.intent.kind,
      intentTime: tx.intentUs / 1e6,
      viewTime: tx.viewUs / 1e6,
      submitTime: tx.hash ? tx.arrivalUs / 1e6 : null,
      inclusionBlock: block?.number ?? null,
      position: position ?? null,
      inclusionTime: block ? block.timeUs / 1e6 : null,
      delaySec: block ? (block.timeUs - tx.intentUs) / 1e6 : null,
      status,
      revertReason,
      gasUsed: receipt ? Number(receipt.gasUsed) : null,
      gasPriceGwei: receipt ? Number(receipt.effectiveGasPrice) / 1e9 : null,
      tipGwei: Number(tx.tipWei) / 1e9,
      gasCostUsd,
      hash: tx.hash ?? null,
    });
  }
}
