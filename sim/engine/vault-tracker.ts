import { id as topicOf } from "ethers";
import type { VaultView } from "../../agents/observation.ts";
import type { Chain } from "../chain/chain.ts";
import type { Deployment } from "../chain/deploy.ts";
import { fromBase, fromQuote, fromWad, fromWei } from "../chain/units.ts";
import { vaultGreeks } from "../math/vault-greeks.ts";
import type { VaultMetrics } from "../metrics/vault-metrics.ts";
import type { CsvTable } from "../record/csv-table.ts";
import type { HedgeRow, OptionRow, VaultRow } from "../record/tables.ts";
import type { Scenario } from "../scenario/schema.ts";
import { usToSec } from "../time.ts";
import type { BlockContext, MinedTx } from "./block-recorder.ts";
import { decodePriceUpdated, decodeSwap, TOPICS, word } from "./log-decoder.ts";

const TOPIC = {
  traded: topicOf("Traded(address,uint256,bool,uint256,uint256,uint256,uint256,uint256,int256,int256)"),
  settled: topicOf("Settled(uint256,uint256,uint256,uint256,uint256)"),
};

/**
 * Follows the options vault: its trades (options.csv), settlements, open interest per series, its state
 * after each mined block (vault.csv: NAV, cash, locked collateral, utilisation from the contract; net
 * delta and vega by Black–Scholes at the oracle spot) and the hedger's pool trades (hedges.csv). Tracks
 * the hedged book's delta (vault + hedger inventory) on every block for netDeltaAbsMean.
 */
export class VaultTracker {
  private readonly d: Deployment;
  private readonly chain: Chain;
  private readonly metrics: VaultMetrics;
  private readonly tables: { options: CsvTable<OptionRow>; vault: CsvTable<VaultRow>; hedges: CsvTable<HedgeRow> };
  private view: VaultView;
  private hedgeBase = 0;
  private readonly genesis: number;

  constructor(d: Deployment, chain: Chain, scenario: Scenario, tables: VaultTracker["tables"], metrics: VaultMetrics) {
    this.d = d;
    this.chain = chain;
    this.metrics = metrics;
    this.tables = tables;
    this.genesis = scenario.network.genesisTime!;
    const v = scenario.contracts.vault!;
    this.view = {
      baseIv: v.baseIv,
      skew: { slope: v.skewSlope, min: v.minSkew, max: v.maxSkew },
      rate: v.rate,
      nav: v.lpDepositUsd,
      series: d.vaultSeries.map((s, index) => ({
        index,
        type: s.type,
        strike: s.strike,
        expirySec: s.expiry - this.genesis,
        openInterest: 0,
        settled: false,
        settlementRoundId: null,
      })),
    };
  }

  get current(): VaultView {
    return this.view;
  }

  async start(): Promise<void> {
    this.metrics.navStart = (await this.state()).nav;
  }

  async afterBlock(block: BlockContext, mined: readonly MinedTx[], oracle: { price: number; updatedAtSec: number }): Promise<VaultView> {
    const vault = this.d.vault!.toLowerCase();
    const oracleAddress = this.d.oracle.toLowerCase();
    const series = this.view.series.map((s) => ({ ...s }));
    for (const { tx, receipt, revertReason } of mined) {
      if (tx.intent.kind === "option-trade" && !receipt.status && /Stale/.test(revertReason)) this.metrics.staleOracleRejects++;
      for (const log of receipt.logs) {
        const address = log.address.toLowerCase();
        if (address === vault && log.topics[0] === TOPIC.traded) {
          const index = Number(BigInt(log.topics[2])) - 1;
          const isBuy = word(log.data, 0) === 1n;
          const amount = fromWad(word(log.data, 1));
          const premium = fromQuote(word(log.data, 2));
          const fee = fromQuote(word(log.data, 3));
          series[index].openInterest += isBuy ? amount : -amount;
          this.metrics.addTrade(premium, fee);
          this.tables.options.append({
            block: block.number,
            time: usToSec(block.timeUs),
            trader: tx.agent.spec.id,
            series: index,
            side: isBuy ? "buy" : "sell",
            size: amount,
            premiumUsd: premium,
            feeUsd: fee,
            iv: fromWad(word(log.data, 4)),
            spotUsed: fromWad(word(log.data, 5)),
            oracleAgeSec: usToSec(block.timeUs) - oracle.updatedAtSec,
            refPrice: block.refPrice,
          });
        } else if (address === vault && log.topics[0] === TOPIC.settled) {
          series[Number(BigInt(log.topics[1])) - 1].settled = true;
        } else if (address === oracleAddress && log.topics[0] === TOPICS.priceUpdated) {
          // Logs arrive in chain order, so the first round seen at or after an expiry is its settlement round.
          const round = decodePriceUpdated(log);
          const atSec = Number(round.updatedAt) - this.genesis;
          for (const s of series) if (s.settlementRoundId === null && atSec >= s.expirySec) s.settlementRoundId = Number(round.roundId);
        } else if (tx.agent.roles.has("vault-hedging") && log.topics[0] === TOPICS.swap && receipt.status) {
          this.recordHedge(block, tx.agent.spec.id, decodeSwap(log), receipt.gasUsed * receipt.effectiveGasPrice);
        }
      }
    }
    const state = await this.state();
    this.view = { ...this.view, series, nav: state.nav };
    const { delta, vega } = vaultGreeks(this.view, oracle.price, usToSec(block.timeUs));
    this.tables.vault.append({
      block: block.number,
      time: usToSec(block.timeUs),
      navUsd: state.nav,
      cashUsd: state.cash,
      lockedCollateralUsd: state.locked,
      utilisation: state.utilisation,
      netDelta: delta,
      netVega: vega,
      hedgeBase: this.hedgeBase,
      spot: oracle.price,
      invA: state.invA,
    });
    if (!state.invA) this.metrics.invAViolations++;
    return this.view;
  }

  /** Hedged-book delta on every block (vault delta at the oracle spot + the hedger's inventory). */
  onBlock(timeSec: number, oraclePrice: number): void {
    this.metrics.addDelta(Math.abs(vaultGreeks(this.view, oraclePrice, timeSec).delta + this.hedgeBase));
  }

  async finish(endPrice: number): Promise<void> {
    this.metrics.navEnd = (await this.state()).nav;
    this.metrics.hedgeValueEnd = this.hedgeBase * endPrice + this.metrics.hedgeQuote;
  }

  private recordHedge(block: BlockContext, hedger: string, e: ReturnType<typeof decodeSwap>, gasWei: bigint): void {
    const base = e.baseIn ? -fromBase(e.amountIn) : fromBase(e.amountOut);
    const quote = e.baseIn ? fromQuote(e.amountOut) : -fromQuote(e.amountIn);
    this.hedgeBase += base;
    const slippage = -(base * block.refPrice + quote);
    const gasUsd = fromWei(gasWei) * block.gasTokenPriceUsd;
    this.metrics.addHedge(quote, slippage, gasUsd);
    this.tables.hedges.append({
      block: block.number,
      time: usToSec(block.timeUs),
      hedger,
      sizeBase: base,
      price: Math.abs(quote / base),
      refPrice: block.refPrice,
      slippageUsd: slippage,
      gasUsd,
      hedgeBaseAfter: this.hedgeBase,
    });
  }

  /**
   * One read per block: `vaultState`. VAULT_INV_A is cash ≥ lockedCollateral of that same state — exactly what the
   * vault's `checkInvariants()` returns (it evaluates the same `_state()`), without a second pricer sweep.
   */
  private async state(): Promise<{ nav: number; cash: number; locked: number; utilisation: number; invA: boolean }> {
    const s = await this.chain.read<{ nav: bigint; cash: bigint; lockedCollateral: bigint; utilisationWad: bigint }>(this.d.contracts.vault!, "vaultState");
    return {
      nav: fromQuote(s.nav),
      cash: fromQuote(s.cash),
      locked: fromQuote(s.lockedCollateral),
      utilisation: fromWad(s.utilisationWad),
      invA: s.cash >= s.lockedCollateral,
    };
  }
}
