import { id as topicOf } from "ethers";
import type { MarginAccountView, MarginView } from "../../agents/observation.ts";
import type { Chain } from "../chain/chain.ts";
import type { Deployment } from "../chain/deploy.ts";
import { fromQuote, fromWad } from "../chain/units.ts";
import { SimError } from "../errors.ts";
import { perpMargin } from "../math/margin.ts";
import type { MarginMetrics } from "../metrics/margin-metrics.ts";
import type { CsvTable } from "../record/csv-table.ts";
import type { AccountRow, LiquidationRow } from "../record/tables.ts";
import type { Scenario } from "../scenario/schema.ts";
import { usToSec } from "../time.ts";
import type { BlockContext, MinedTx } from "./block-recorder.ts";
import { word } from "./log-decoder.ts";
import type { AgentRuntime } from "./types.ts";

const TOPIC = {
  deposited: topicOf("Deposited(address,uint256)"),
  withdrawn: topicOf("Withdrawn(address,uint256)"),
  traded: topicOf("PerpTraded(address,int256,uint256,uint256,int256,int256)"),
  liquidated: topicOf("Liquidated(address,address,uint256,uint256,int256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)"),
};
const INVARIANT_NAMES = ["MARGIN_INV_A", "MARGIN_INV_B", "MARGIN_INV_C"];

interface TrackedAccount extends MarginAccountView {
  /** Start of the current stretch under maintenance at the reference / oracle price, seconds. */
  refBreachSec: number | null;
  oracleBreachSec: number | null;
  everBreachedRef: boolean;
  everBreachedOracle: boolean;
  liquidations: number;
  badDebt: number;
  openedSec: number | null;
  openSize: number;
  openNotionalUsd: number;
  openCollateral: number;
}

/**
 * Follows the margin engine: account state after every block that touched it (read exactly with
 * accountOf), when each account first fell under maintenance at the reference price and at the oracle
 * price (the causal trace of a liquidation), every liquidation (liquidations.csv), a per-account summary
 * (accounts.csv), and the engine's named invariants after each block that touched it.
 */
export class MarginTracker {
  private readonly accounts = new Map<string, TrackedAccount>();
  private readonly owners = new Map<string, { agent: AgentRuntime; wallet: number }>();
  private readonly d: Deployment;
  private readonly chain: Chain;
  private readonly params: Scenario["contracts"]["margin"];
  private readonly metrics: MarginMetrics;
  private readonly liquidations: CsvTable<LiquidationRow>;
  private view: MarginView;

  constructor(
    d: Deployment,
    chain: Chain,
    scenario: Scenario,
    agents: readonly AgentRuntime[],
    liquidations: CsvTable<LiquidationRow>,
    metrics: MarginMetrics,
  ) {
    this.d = d;
    this.chain = chain;
    this.params = scenario.contracts.margin;
    this.metrics = metrics;
    this.liquidations = liquidations;
    for (const agent of agents) agent.wallets.forEach((w, wallet) => this.owners.set(w.address.toLowerCase(), { agent, wallet }));
    const { mmRatio, penalty, keeperShare, maxOracleAgeSec } = this.params;
    this.view = { mmRatio, penalty, keeperShare, maxOracleAgeSec, accounts: [] };
  }

  get current(): MarginView {
    return this.view;
  }

  /** Processes a mined block; returns the new margin view when the engine was touched. */
  async afterBlock(block: BlockContext, mined: readonly MinedTx[]): Promise<MarginView | undefined> {
    const engine = this.d.margin.toLowerCase();
    const touched = new Set<string>();
    for (const { tx, receipt } of mined) {
      for (const log of receipt.logs) {
        if (log.address.toLowerCase() !== engine) continue;
        const topic = log.topics[0];
        if (topic === TOPIC.deposited || topic === TOPIC.withdrawn || topic === TOPIC.traded || topic === TOPIC.liquidated) {
          touched.add(`0x${log.topics[1].slice(26)}`.toLowerCase());
        }
        if (topic === TOPIC.liquidated) this.recordLiquidation(log.topics, log.data, tx, block);
      }
    }
    if (touched.size === 0) return undefined;
    await Promise.all([...touched].map((address) => this.refresh(address, block)));
    await this.checkInvariants(block);
    this.view = {
      ...this.view,
      accounts: [...this.accounts.values()].map((a) => ({
        address: a.address,
        owner: a.owner,
        wallet: a.wallet,
        collateral: a.collateral,
        size: a.size,
        openNotional: a.openNotional,
      })),
    };
    return this.view;
  }

  /**
   * Tracks when each open account is under maintenance at the reference and oracle prices, and the
   * open accounts' total negative equity at the reference price (bad debt not yet booked); every block.
   */
  onBlock(timeSec: number, refPrice: number, oraclePrice: number): void {
    let negativeEquity = 0;
    for (const a of this.accounts.values()) {
      if (a.size === 0) {
        a.refBreachSec = a.oracleBreachSec = null;
        continue;
      }
      const atRef = perpMargin(a, refPrice, this.params.mmRatio);
      if (atRef.equity < 0) negativeEquity -= atRef.equity;
      if (atRef.equity < atRef.maintenance) {
        if (a.refBreachSec === null) a.refBreachSec = timeSec;
        a.everBreachedRef = true;
      } else a.refBreachSec = null;
      const atOracle = perpMargin(a, oraclePrice, this.params.mmRatio);
      if (atOracle.equity < atOracle.maintenance) {
        a.oracleBreachSec ??= timeSec;
        a.everBreachedOracle = true;
      } else a.oracleBreachSec = null;
    }
    this.metrics.addNegativeEquity(negativeEquity);
  }

  private async refresh(address: string, block: BlockContext): Promise<void> {
    const v = await this.chain.read<{ collateral: bigint; perpSizeWad: bigint; perpOpenNotionalWad: bigint; badDebt: bigint }>(
      this.d.contracts.margin,
      "accountOf",
      [address],
    );
    let a = this.accounts.get(address);
    if (!a) {
      const owner = this.owners.get(address);
      a = {
        address,
        owner: owner?.agent.spec.id ?? "unknown",
        wallet: owner?.wallet ?? 0,
        collateral: 0,
        size: 0,
        openNotional: 0,
        refBreachSec: null,
        oracleBreachSec: null,
        everBreachedRef: false,
        everBreachedOracle: false,
        liquidations: 0,
        badDebt: 0,
        openedSec: null,
        openSize: 0,
        openNotionalUsd: 0,
        openCollateral: 0,
      };
      this.accounts.set(address, a);
    }
    a.collateral = fromQuote(v.collateral);
    a.size = fromWad(v.perpSizeWad);
    a.openNotional = fromWad(v.perpOpenNotionalWad);
    a.badDebt = fromQuote(v.badDebt);
    if (a.openedSec === null && a.size !== 0) {
      a.openedSec = usToSec(block.timeUs);
      a.openSize = a.size;
      a.openNotionalUsd = Math.abs(a.openNotional);
      a.openCollateral = a.collateral;
    }
  }

  private recordLiquidation(topics: string[], data: string, tx: MinedTx["tx"], block: BlockContext): void {
    const address = `0x${topics[1].slice(26)}`.toLowerCase();
    const a = this.accounts.get(address);
    const w = (i: number) => word(data, i);
    const usd = (i: number) => fromQuote(w(i));
    const closed = BigInt.asIntN(256, w(2));
    const timeSec = usToSec(block.timeUs);
    const refBreach = breachAtInclusion(a, block.refPrice, timeSec, this.params.mmRatio);
    const row: LiquidationRow = {
      block: block.number,
      time: timeSec,
      account: address,
      owner: a?.owner ?? "unknown",
      keeper: tx.agent.spec.id,
      tx: tx.seq,
      breachRefTime: refBreach,
      breachOracleTime: a?.oracleBreachSec ?? null,
      decisionTime: usToSec(tx.intentUs),
      submitTime: usToSec(tx.arrivalUs),
      inclusionTime: timeSec,
      timeUnderwaterSec: refBreach === null ? null : timeSec - refBreach,
      oraclePrice: fromWad(w(1)),
      refPrice: block.refPrice,
      closedSizeBase: fromWad(closed),
      closedNotionalUsd: usd(4),
      penaltyUsd: usd(5),
      keeperRewardUsd: usd(6),
      insuranceUsd: usd(7),
      badDebtUsd: usd(8),
    };
    if (a) a.liquidations++;
    this.metrics.addLiquidation(row);
    this.liquidations.append(row);
  }

  private async checkInvariants(block: BlockContext): Promise<void> {
    const violations = Number(await this.chain.read<bigint>(this.d.contracts.margin, "checkInvariants", [[...this.accounts.keys()]]));
    if (violations !== 0) {
      const names = INVARIANT_NAMES.filter((_, i) => violations & (1 << i));
      throw new SimError("DL201", `${names.join(", ")} violated after block ${block.number}`, { hint: "definitions in docs/margin-engine.md" });
    }
  }

  /** Per-account summary rows and the engine's end totals. */
  async finish(accounts: CsvTable<AccountRow>, endPrice: number): Promise<void> {
    for (const a of this.accounts.values()) {
      const { equity } = perpMargin(a, endPrice, this.params.mmRatio);
      accounts.append({
        account: a.address,
        owner: a.owner,
        openedTime: a.openedSec,
        side: a.openSize > 0 ? "long" : a.openSize < 0 ? "short" : "",
        openNotionalUsd: a.openNotionalUsd,
        openCollateralUsd: a.openCollateral,
        breachedAtRef: a.everBreachedRef,
        breachedAtOracle: a.everBreachedOracle,
        liquidations: a.liquidations,
        badDebtUsd: a.badDebt,
        collateralEndUsd: a.collateral,
        sizeEnd: a.size,
        equityEndUsd: equity,
      });
      this.metrics.addAccount(a.everBreachedRef, a.liquidations > 0, a.size !== 0 ? Math.max(0, -equity) : 0);
    }
    const totals = await this.chain.read<{ insuranceFund: bigint; badDebt: bigint; badDebtUncovered: bigint }>(this.d.contracts.margin, "totals");
    this.metrics.setTotals(fromQuote(totals.insuranceFund), fromQuote(totals.badDebt), fromQuote(totals.badDebtUncovered));
  }

  /** Equity of every margin account an agent owns at `price` (for its end-of-run P&L). */
  equityOf(agent: AgentRuntime, price: number): number {
    let total = 0;
    for (const a of this.accounts.values()) if (a.owner === agent.spec.id) total += perpMargin(a, price, this.params.mmRatio).equity;
    return total;
  }
}

/**
 * Start of the account's stretch under maintenance at the reference price as of a liquidation in the
 * block at `timeSec`, judged at that block's reference price — the market when the liquidation
 * executed — on the account's state before the liquidation. Null: the account was healthy at the
 * market price (liquidated only because the oracle lagged); such liquidations have no time underwater
 * and are counted apart (liquidationsHealthyAtRef). A breach that began within this block is not yet
 * stamped (onBlock runs after the block), so it starts now and the time underwater is 0.
 */
function breachAtInclusion(a: TrackedAccount | undefined, refPrice: number, timeSec: number, mmRatio: number): number | null {
  if (!a) return null;
  const { equity, maintenance } = perpMargin(a, refPrice, mmRatio);
  return equity < maintenance ? (a.refBreachSec ?? timeSec) : null;
}
