import type { AgentRole } from "../../agents/define-agent.ts";
import { BookMetrics } from "./book-metrics.ts";
import { MarginMetrics } from "./margin-metrics.ts";
import { VaultMetrics } from "./vault-metrics.ts";
import { definedOnly, meanOf, quantileOf } from "./defined.ts";
import { quantile } from "../stats/descriptive.ts";
/**
 * Accumulates the headline metrics of one run as rows are recorded. docs/metrics.md defines each
 * metric (unit, formula, source). Only sums and the samples percentiles need are kept.
 */
export class RunMetrics {
  blocks = 0;
  txIncluded = 0;
  txReverted = 0;
  gasSpentUsd = 0;
  lvrUsd = 0;
  lpFeesUsd = 0;
  arbGrossUsd = 0;
  arbGasUsd = 0;
  arbTrades = 0;
  noiseSlippageUsd = 0;
  noiseTrades = 0;
  oracleUpdates = 0;
  l1FeeUsd = 0;
  readonly book = new BookMetrics();
  readonly margin = new MarginMetrics();
  readonly vault = new VaultMetrics();
  private readonly pricedOut = new Map<string, number>();
  private readonly oracleErrorBps: number[] = [];
  private readonly oracleAgeSec: number[] = [];
  private readonly fullness: number[] = [];
  private readonly baseFeeGwei: number[] = [];
  private readonly delays = new Map<string, number[]>();
  private readonly gasByType = new Map<string, number>();

  addInclusion(agentType: string, roles: ReadonlySet<AgentRole>, delaySec: number, gasUsd: number, reverted: boolean): void {
    this.txIncluded++;
    if (reverted) this.txReverted++;
    this.gasSpentUsd += gasUsd;
    this.gasByType.set(agentType, (this.gasByType.get(agentType) ?? 0) + gasUsd);
    if (roles.has("arbitrage")) this.arbGasUsd += gasUsd;
    let list = this.delays.get(agentType);
    if (!list) this.delays.set(agentType, (list = []));
    list.push(delaySec);
  }

  /** An intent abandoned because its gas cost exceeded its value. */
  addPricedOut(agentType: string): void {
    this.pricedOut.set(agentType, (this.pricedOut.get(agentType) ?? 0) + 1);
  }

  addBlock(fullness: number, baseFeeGwei: number, oracleErrorBps: number, oracleAgeSec: number): void {
    this.blocks++;
    this.fullness.push(fullness);
    this.baseFeeGwei.push(baseFeeGwei);
    this.oracleErrorBps.push(oracleErrorBps);
    this.oracleAgeSec.push(oracleAgeSec);
  }

  /** Flat name → number, ready for summary.json. */
  finish(extra: Record<string, number>): Record<string, number> {
    const out = definedOnly({
      blocks: this.blocks,
      txIncluded: this.txIncluded,
      txReverted: this.txReverted,
      ...extra,
      lvrUsd: this.lvrUsd,
      lpFeesUsd: this.lpFeesUsd,
      arbProfitUsd: this.arbGrossUsd - this.arbGasUsd,
      arbTrades: this.arbTrades,
      noiseSlippageUsd: this.noiseSlippageUsd,
      noiseTrades: this.noiseTrades,
      gasSpentUsd: this.gasSpentUsd,
      l1FeeUsd: this.l1FeeUsd,
      txsPricedOut: [...this.pricedOut.values()].reduce((a, b) => a + b, 0),
      ...this.book.finish(),
      ...this.margin.finish(),
      ...this.vault.finish(),
      oracleUpdates: this.oracleUpdates,
      oracleErrorBpsMean: meanOf(this.oracleErrorBps),
      oracleAgeSecMean: meanOf(this.oracleAgeSec),
      blockFullnessMean: meanOf(this.fullness),
      baseFeeGweiP50: quantileOf(this.baseFeeGwei, 0.5),
      baseFeeGweiP95: quantileOf(this.baseFeeGwei, 0.95),
    });
    for (const [type, list] of [...this.delays].sort(([a], [b]) => a.localeCompare(b))) {
      out[`inclusionDelaySecP50.${type}`] = quantile(list, 0.5);
      out[`inclusionDelaySecP95.${type}`] = quantile(list, 0.95);
    }
    for (const [type, n] of [...this.pricedOut].sort(([a], [b]) => a.localeCompare(b))) out[`txsPricedOut.${type}`] = n;
    for (const [type, usd] of [...this.gasByType].sort(([a], [b]) => a.localeCompare(b))) out[`gasSpentUsd.${type}`] = usd;
    return out;
  }
}
