import { definedOnly, meanOf } from "./defined.ts";

/** Options-vault and hedging metrics (docs/outputs.md). */
export class VaultMetrics {
  navStart = Number.NaN;
  navEnd = Number.NaN;
  hedgeValueEnd = 0;
  hedgeQuote = 0;
  staleOracleRejects = 0;
  invAViolations = 0;
  private trades = 0;
  private feesUsd = 0;
  private premiumUsd = 0;
  private hedges = 0;
  private hedgeGasUsd = 0;
  private hedgeSlippageUsd = 0;
  private readonly deltas: number[] = [];

  addTrade(premium: number, fee: number): void {
    this.trades++;
    this.premiumUsd += premium;
    this.feesUsd += fee;
  }

  addHedge(quote: number, slippage: number, gasUsd: number): void {
    this.hedges++;
    this.hedgeQuote += quote;
    this.hedgeSlippageUsd += slippage;
    this.hedgeGasUsd += gasUsd;
  }

  addDelta(absDelta: number): void {
    this.deltas.push(absDelta);
  }

  finish(): Record<string, number> {
    if (Number.isNaN(this.navStart)) return {};
    return definedOnly({
      vaultNavStartUsd: this.navStart,
      vaultNavEndUsd: this.navEnd,
      vaultLpReturn: this.navEnd / this.navStart - 1,
      optionTrades: this.trades,
      optionPremiumUsd: this.premiumUsd,
      optionFeesUsd: this.feesUsd,
      hedgeCount: this.hedges,
      hedgeGasUsd: this.hedgeGasUsd,
      hedgeSlippageUsd: this.hedgeSlippageUsd,
      netDeltaAbsMean: meanOf(this.deltas),
      // The hedged short-option book's P&L beyond its fee income: vault NAV change + the hedge's value
      // at the end price − fees earned − hedging gas. Zero for a continuously hedged, fairly priced book.
      hedgeErrorUsd: this.navEnd - this.navStart + this.hedgeValueEnd - this.feesUsd - this.hedgeGasUsd,
      staleOracleRejects: this.staleOracleRejects,
      vaultInvAViolationBlocks: this.invAViolations,
    });
  }
}
