import type { LiquidationRow } from "../record/tables.ts";
import { definedOnly, quantileOf, ratioOf } from "./defined.ts";

/** Liquidation and bad-debt metrics (docs/outputs.md). */
export class MarginMetrics {
  private count = 0;
  private volumeUsd = 0;
  private badDebtUsd = 0;
  private keeperRewardUsd = 0;
  private readonly underwater: number[] = [];
  private readonly oracleLag: number[] = [];
  private healthyAtRef = 0;
  private healthyAtRefVolumeUsd = 0;
  /** Liquidations per block, over blocks that had at least one (rows arrive in block order). */
  private readonly perBlock: number[] = [];
  private lastBlock = -1;
  private accounts = 0;
  private breached = 0;
  private liquidated = 0;
  private totals = { insuranceFund: 0, badDebt: 0, uncovered: 0 };
  private unliquidatedBadDebt = 0;
  private negativeEquityPeak = 0;
  failedLiquidationTxs = 0;
  keeperGasUsd = 0;

  addLiquidation(row: LiquidationRow): void {
    this.count++;
    this.volumeUsd += Number(row.closedNotionalUsd);
    this.badDebtUsd += Number(row.badDebtUsd);
    this.keeperRewardUsd += Number(row.keeperRewardUsd);
    // Null time underwater: healthy at the reference price when it landed (see MarginTracker). Such
    // liquidations have no place in the underwater percentiles, so they are counted on their own.
    if (row.timeUnderwaterSec !== null) this.underwater.push(Number(row.timeUnderwaterSec));
    else {
      this.healthyAtRef++;
      this.healthyAtRefVolumeUsd += Number(row.closedNotionalUsd);
    }
    const block = Number(row.block);
    if (block === this.lastBlock) this.perBlock[this.perBlock.length - 1]++;
    else this.perBlock.push(1);
    this.lastBlock = block;
    if (row.breachRefTime !== null && row.breachOracleTime !== null) this.oracleLag.push(Number(row.breachOracleTime) - Number(row.breachRefTime));
  }

  /** `negativeEquityUsd`: how far an account still open at the end is below zero equity (unliquidated bad debt). */
  addAccount(breached: boolean, liquidated: boolean, negativeEquityUsd: number): void {
    this.accounts++;
    this.unliquidatedBadDebt += negativeEquityUsd;
    if (breached) this.breached++;
    if (liquidated) this.liquidated++;
  }

  /** Σ negative equity at the reference price of the accounts open after a block (every block). */
  addNegativeEquity(usd: number): void {
    if (usd > this.negativeEquityPeak) this.negativeEquityPeak = usd;
  }

  setTotals(insuranceFund: number, badDebt: number, uncovered: number): void {
    this.totals = { insuranceFund, badDebt, uncovered };
  }

  finish(): Record<string, number> {
    if (this.accounts === 0) return {};
    return definedOnly({
      marginAccounts: this.accounts,
      accountsBreached: this.breached,
      accountsLiquidated: this.liquidated,
      liquidations: this.count,
      liquidationVolumeUsd: this.volumeUsd,
      liquidationsHealthyAtRef: this.healthyAtRef,
      liquidationVolumeHealthyAtRefUsd: this.healthyAtRefVolumeUsd,
      liquidationBlocks: this.perBlock.length,
      liquidationsPerBlockMax: this.perBlock.reduce((m, n) => Math.max(m, n), 0),
      blocksWithMultipleLiquidations: this.perBlock.filter((n) => n >= 2).length,
      timeUnderwaterSecP50: quantileOf(this.underwater, 0.5),
      timeUnderwaterSecP95: quantileOf(this.underwater, 0.95),
      oracleLagSecP50: quantileOf(this.oracleLag, 0.5),
      badDebtUsd: this.totals.badDebt,
      badDebtUncoveredUsd: this.totals.uncovered,
      badDebtUnliquidatedUsd: this.unliquidatedBadDebt,
      badDebtTotalUsd: this.totals.badDebt + this.unliquidatedBadDebt,
      badDebtOpenPeakUsd: this.negativeEquityPeak,
      insuranceFundUsd: this.totals.insuranceFund,
      keeperProfitUsd: this.keeperRewardUsd - this.keeperGasUsd,
      failedLiquidationTxs: this.failedLiquidationTxs,
      // Every included liquidation transaction either reverted or emitted exactly one Liquidated event.
      liquidationRevertShare: ratioOf(this.failedLiquidationTxs, this.failedLiquidationTxs + this.count),
    });
  }
}
