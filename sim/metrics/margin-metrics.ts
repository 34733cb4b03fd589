import type { LiquidationRow } from "../record/tables.ts";
import { quantile } from "./quantile.ts";

/** Liquidation and bad-debt metrics (docs/outputs.md). */
export class MarginMetrics {
  private count = 0;
  private volumeUsd = 0;
  private badDebtUsd = 0;
  private keeperRewardUsd = 0;
  private readonly underwater: number[] = [];
  private readonly oracleLag: number[] = [];
  private accounts = 0;
  private breached = 0;
  private liquidated = 0;
  private totals = { insuranceFund: 0, badDebt: 0, uncovered: 0 };
  private unliquidatedBadDebt = 0;
  failedLiquidationTxs = 0;
  keeperGasUsd = 0;

  addLiquidation(row: LiquidationRow): void {
    this.count++;
    this.volumeUsd += Number(row.closedNotionalUsd);
    this.badDebtUsd += Number(row.badDebtUsd);
    this.keeperRewardUsd += Number(row.keeperRewardUsd);
    if (row.timeUnderwaterSec !== null) this.underwater.push(Number(row.timeUnderwaterSec));
    if (row.breachRefTime !== null && row.breachOracleTime !== null) this.oracleLag.push(Number(row.breachOracleTime) - Number(row.breachRefTime));
  }

  /** `negativeEquityUsd`: how far an account still open at the end is below zero equity (unliquidated bad debt). */
  addAccount(breached: boolean, liquidated: boolean, negativeEquityUsd: number): void {
    this.accounts++;
    this.unliquidatedBadDebt += negativeEquityUsd;
    if (breached) this.breached++;
    if (liquidated) this.liquidated++;
  }

  setTotals(insuranceFund: number, badDebt: number, uncovered: number): void {
    this.totals = { insuranceFund, badDebt, uncovered };
  }

  finish(): Record<string, number> {
    if (this.accounts === 0) return {};
    return {
      marginAccounts: this.accounts,
      accountsBreached: this.breached,
      accountsLiquidated: this.liquidated,
      liquidations: this.count,
      liquidationVolumeUsd: this.volumeUsd,
      timeUnderwaterSecP50: quantile(this.underwater, 0.5),
      timeUnderwaterSecP95: quantile(this.underwater, 0.95),
      oracleLagSecP50: quantile(this.oracleLag, 0.5),
      badDebtUsd: this.totals.badDebt,
      badDebtUncoveredUsd: this.totals.uncovered,
      badDebtUnliquidatedUsd: this.unliquidatedBadDebt,
      badDebtTotalUsd: this.totals.badDebt + this.unliquidatedBadDebt,
      insuranceFundUsd: this.totals.insuranceFund,
      keeperProfitUsd: this.keeperRewardUsd - this.keeperGasUsd,
      failedLiquidationTxs: this.failedLiquidationTxs,
    };
  }
}
