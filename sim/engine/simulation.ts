import type { Observation, ChainView } from "../../agents/observation.ts";
import type { Chain, Receipt } from "../chain/chain.ts";
import type { Deployment } from "../chain/deploy.ts";
import { gweiToWei } from "../chain/units.ts";
import { SimError } from "../errors.ts";
import type { PricePath } from "../market/price-path.ts";
import type { Rng } from "../random.ts";
import type { Scenario } from "../scenario/schema.ts";
import { secToUs, usToSec } from "../time.ts";
import { tipGwei } from "../../agents/tip-policy.ts";
import type { RunMetrics } from "../metrics/run-metrics.ts";
import type { BlockContext, BlockRecorder, MinedTx } from "./block-recorder.ts";
import type { BookTracker } from "./book-tracker.ts";
import type { MarginTracker } from "./margin-tracker.ts";
import type { VaultTracker } from "./vault-tracker.ts";
import { EventQueue } from "./event-queue.ts";
import { GasMarket } from "./gas-market.ts";
import type { L1DataFee } from "./l1-data-fee.ts";
import { drawLatencyUs, latencyBoundUs } from "./latency.ts";
import type { RevertDecoder } from "./revert-decoder.ts";
import type { RunClock } from "./run-clock.ts";
import { StateHistory } from "./state-history.ts";
import { encodeIntent } from "./tx-encoder.ts";
import type { AgentRuntime, SimEvent, TxRecord } from "./types.ts";

/** Transactions still pending this long after reaching the mempool are dropped (with the sender's later ones). */
export const TX_TIMEOUT_US = 600e6;
/** Empty runs longer than this are mined with one hardhat_mine call (≈160 µs), shorter ones block by block (≈70 µs each). */
const BULK_MINE_MIN = 2;

export interface SimulationDeps {
  scenario: Scenario;
  /** Block times, block count and timestamps of the run (built once by runScenario). */
  clock: RunClock;
  chain: Chain;
  deployment: Deployment;
  path: PricePath;
  agents: readonly AgentRuntime[];
  recorder: BlockRecorder;
  decoder: RevertDecoder;
  initialView: ChainView;
  metrics: RunMetrics;
  book: BookTracker;
  margin: MarginTracker;
  vault?: VaultTracker;
  /** Breaks ties between transactions arriving at the same microsecond (stream "arrival-ties"). */
  tieRng: Rng;
  /** The rollup L1 data fee driver (op chains with network.l1DataFee). */
  l1Fee?: L1DataFee;
  onProgress?: (blocksDone: number, blocksTotal: number) => void;
}

/**
 * The block loop of DESIGN.md. For each block b at t_b = b·blockTime: agents decide (block agents just
 * in time for a block, self-timed agents at their own wake times) on views delayed by their
 * observation latency; each intent reaches EDR's mempool after its submission latency; the block is
 * mined at t_b with what has arrived (EDR orders by tip or arrival and enforces the gas limit); the
 * receipts are recorded. Runs of empty blocks are mined in bulk just before the next non-empty one.
 */
export class Simulation {
  private readonly d: SimulationDeps;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly history: StateHistory;
  private readonly clock: RunClock;
  private seq = 0;
  private mempool: TxRecord[] = [];
  private emptyRun = 0;
  private blockNumber: number;
  private readonly gas: GasMarket;
  private readonly gasLimit: bigint;

  constructor(deps: SimulationDeps) {
    this.d = deps;
    const { network } = deps.scenario;
    this.clock = deps.clock;
    // Keep chain views as far back as the slowest observer can look (plus an hour of margin).
    const maxObservationUs = Math.max(0, ...deps.agents.map((rt) => latencyBoundUs(rt.spec.latency.observation)));
    this.history = new StateHistory(deps.initialView, -1e6, maxObservationUs + 3_600e6);
    this.blockNumber = deps.deployment.setupBlock;
    this.gas = new GasMarket(network);
    this.gasLimit = BigInt(network.blockGasLimit);
  }

  get totalBlocks(): number {
    return this.clock.totalBlocks;
  }

  get endUs(): number {
    return this.clock.endUs;
  }

  async run(): Promise<{ unsent: TxRecord[]; pending: TxRecord[] }> {
    for (const rt of this.d.agents) {
      if (rt.agent.timing === "self") this.scheduleWake(rt, 0);
    }
    const progressEvery = Math.max(1, Math.floor(this.totalBlocks / 200));
    for (let b = 1; b <= this.totalBlocks; b++) {
      const tb = this.clock.timeUs(b);
      this.scheduleBlockDecisions(b);
      for (let e = this.queue.peek(); e && e.timeUs <= tb; e = this.queue.peek()) {
        this.queue.pop();
        if (e.kind === "decide") this.decide(e.agent, e.timeUs);
        else await this.arrive(e.tx, b);
      }
      if (this.mempool.length > 0) await this.mineBlock(b);
      else this.recordEmptyBlock(b);
      if (b % progressEvery === 0) this.d.onProgress?.(b, this.totalBlocks);
    }
    const unsent: TxRecord[] = [];
    for (let e = this.queue.pop(); e; e = this.queue.pop()) if (e.kind === "arrive") unsent.push(e.tx);
    return { unsent, pending: this.mempool };
  }

  /**
   * Under priority ordering a block agent decides once per block, just in time: for block
   * T = b + ⌊L/B⌋ at t_T − L (in (t_{b−1}, t_b]), as searchers bid at the end of a slot. Under FIFO
   * there is no auction to wait for, only a race, so block agents decide at every tick of the
   * reference path and the first to see and send wins.
   */
  private scheduleBlockDecisions(b: number): void {
    const fifo = this.d.scenario.network.ordering === "fifo";
    const { blockUs, tickUs } = this.clock;
    const startUs = this.clock.timeUs(b - 1);
    const endUs = this.clock.timeUs(b);
    for (const rt of this.d.agents) {
      if (rt.agent.timing !== "block") continue;
      if (fifo) {
        for (let t = startUs + tickUs; t < endUs; t += tickUs) this.pushDecision(rt, t);
        this.pushDecision(rt, endUs);
        continue;
      }
      const target = b + Math.floor(rt.nominalSubmitUs / blockUs);
      if (target <= this.totalBlocks) this.pushDecision(rt, this.clock.timeUs(target) - rt.nominalSubmitUs);
    }
  }

  private pushDecision(rt: AgentRuntime, timeUs: number): void {
    this.queue.push({ timeUs, phase: 0, tie: 0, seq: this.seq++, kind: "decide", agent: rt });
  }

  private scheduleWake(rt: AgentRuntime, afterUs: number): void {
    const timeUs = secToUs(rt.agent.nextWakeSec!(usToSec(afterUs)));
    if (timeUs <= this.endUs) this.pushDecision(rt, Math.max(timeUs, afterUs + 1));
  }

  private decide(rt: AgentRuntime, timeUs: number): void {
    if (rt.agent.timing === "self") this.scheduleWake(rt, timeUs);
    const viewUs = Math.max(0, timeUs - drawLatencyUs(rt.spec.latency.observation, rt.latencyRng));
    const view = this.observe(rt, timeUs, viewUs);
    // One tie key per decision: its transactions keep their order among themselves (seq), while
    // against other agents' same-microsecond arrivals the order is a seeded coin toss.
    const tie = this.d.tieRng.uniform();
    for (const intent of rt.agent.decide(view)) {
      if (intent.kind === "priced-out") {
        this.d.metrics.addPricedOut(rt.spec.type);
        continue;
      }
      const tipWei = gweiToWei(intent.tipGwei ?? tipGwei(rt.spec.priorityFee, view, intent.kind));
      const seenBaseFee = gweiToWei(view.chain.baseFeeGwei);
      const multiplied = BigInt(Math.round(Number(seenBaseFee) * rt.spec.priorityFee.maxFeeMultiplier));
      const wallet = "wallet" in intent ? intent.wallet % rt.wallets.length : 0;
      const tx: TxRecord = {
        seq: this.seq++,
        agent: rt,
        wallet,
        intent,
        call: encodeIntent(intent, this.d.deployment, rt.wallets[wallet].address),
        tipWei,
        maxFeeWei: intent.maxFeeGwei !== undefined ? gweiToWei(intent.maxFeeGwei) : (multiplied > seenBaseFee ? multiplied : seenBaseFee) + tipWei,
        intentUs: timeUs,
        viewUs,
        arrivalUs: timeUs + drawLatencyUs(rt.spec.latency.submission, rt.latencyRng),
      };
      rt.pending++;
      rt.sent++;
      this.queue.push({ timeUs: tx.arrivalUs, phase: 1, tie, seq: tx.seq, kind: "arrive", tx });
    }
  }

  private observe(rt: AgentRuntime, timeUs: number, viewUs: number): Observation {
    const refPrice = this.d.path.at(viewUs);
    return {
      timeSec: usToSec(timeUs),
      asOfSec: usToSec(viewUs),
      refPrice,
      chain: this.history.at(viewUs),
      gasTokenPriceUsd: this.d.scenario.network.gasTokenPriceUsd ?? refPrice,
      pendingTxs: rt.pending,
      own: { liveOrders: this.d.book.liveOrdersOf(rt), ...this.d.book.ownState(rt, usToSec(viewUs)) },
    };
  }

  private async arrive(tx: TxRecord, b: number): Promise<void> {
    await this.flushEmptyBlocks(b);
    const wallet = tx.agent.wallets[tx.wallet];
    tx.nonce = wallet.nextNonce++;
    tx.hash = await this.d.chain.send({
      from: wallet.address,
      to: tx.call.to,
      data: tx.call.data,
      gas: tx.call.gas,
      nonce: tx.nonce,
      maxFeePerGas: tx.maxFeeWei,
      maxPriorityFeePerGas: tx.tipWei,
    });
    this.mempool.push(tx);
  }

  private recordEmptyBlock(b: number): void {
    this.emptyRun++;
    this.blockNumber++;
    const context = this.context(b, 0n);
    this.endBlock(context, this.d.recorder.record(context, [], this.history.latest, this.gas.advance(0n)));
  }

  /** Every block, empty or mined: per-block tracker state (spread, breaches, hedged delta), then the view history. */
  private endBlock(context: BlockContext, view: ChainView): void {
    const timeSec = usToSec(context.timeUs);
    this.d.book.onBlock(view.book!, this.clock.blockSec);
    this.d.margin.onBlock(timeSec, context.refPrice, view.oracle.price);
    this.d.vault?.onBlock(timeSec, view.oracle.price);
    this.history.push(context.timeUs, view);
  }

  private async mineBlock(b: number): Promise<void> {
    const { chain } = this.d;
    await this.flushEmptyBlocks(b);
    await this.d.l1Fee?.update(chain, this.clock.timeUs(b));
    await this.gas.beforeMine(chain);
    await chain.mine(this.clock.timestamp(b));
    this.blockNumber++;
    // Our own mempool is the only source of transactions, so asking for its receipts finds exactly
    // what the block included (null = still pending), without a block-header round trip.
    const receipts = await Promise.all(this.mempool.map((tx) => chain.receipt(tx.hash!)));
    const mined: MinedTx[] = [];
    let gasUsed = 0n;
    for (let i = 0; i < receipts.length; i++) {
      const receipt = receipts[i];
      if (!receipt) continue;
      const tx = this.mempool[i];
      this.checkInclusion(tx, receipt);
      gasUsed += receipt.gasUsed;
      const revertReason = receipt.status ? "" : this.d.decoder.decode(await chain.revertData(receipt.transactionHash));
      mined.push({ tx, receipt, revertReason });
    }
    if (mined.length) {
      mined.sort((a, b) => a.receipt.transactionIndex - b.receipt.transactionIndex);
      this.mempool = this.mempool.filter((_, i) => !receipts[i]);
    }
    const context = this.context(b, gasUsed);
    let view = this.d.recorder.record(context, mined, this.history.latest, this.gas.advance(gasUsed));
    const top = await this.d.book.afterBlock(context, mined, view.book!);
    if (top) view = { ...view, book: top };
    const margin = await this.d.margin.afterBlock(context, mined);
    if (margin) view = { ...view, margin };
    if (this.d.vault) view = { ...view, vault: await this.d.vault.afterBlock(context, mined, view.oracle) };
    this.endBlock(context, view);
    await this.dropExpired(this.clock.timeUs(b));
  }

  /**
   * Every receipt must come from the block just mined and show the base fee our EIP-1559 model
   * predicted (effective price = base fee + tip when the fee cap allows): a divergence would make the
   * recorded base fees of bulk-mined empty blocks wrong, so it stops the run.
   */
  private checkInclusion(tx: TxRecord, receipt: Receipt): void {
    const baseFee = this.gas.baseFeeWei;
    const uncapped = tx.maxFeeWei >= baseFee + tx.tipWei;
    if (receipt.blockNumber !== this.blockNumber || (uncapped && receipt.effectiveGasPrice !== baseFee + tx.tipWei)) {
      throw new SimError(
        "DL202",
        `block ${receipt.blockNumber}: expected block ${this.blockNumber} with base fee ${baseFee} wei, the receipt of ${receipt.transactionHash} says otherwise`,
        {
          hint: "the engine's block or base-fee bookkeeping (sim/engine/base-fee.ts) diverged from EDR",
        },
      );
    }
  }

  /**
   * Mines the deferred empty blocks before block b. Must run before any transaction enters the
   * mempool, because hardhat_mine puts pending transactions into the first block it mines.
   * EDR's bulk-mined blocks all carry the base fee of the first of them (measured: no per-block
   * decay), so the EIP-1559 decay over the run is computed here and written into the next block:
   * every transaction pays exactly the base fee it would after mining the empty blocks one by one.
   */
  private async flushEmptyBlocks(b: number): Promise<void> {
    if (this.emptyRun === 0) return;
    const first = b - this.emptyRun;
    // EDR's OP block builder panics on a parent made by hardhat_mine (its header lacks the Holocene
    // extra-data byte), so OP chains always mine empty blocks one by one.
    const bulk = this.d.scenario.network.chainType !== "op" && (this.emptyRun > BULK_MINE_MIN || this.gas.overridesEdr);
    if (!bulk) {
      // Short runs: one evm_mine each (~30 µs) is cheaper than the three calls of a bulk mine.
      for (let k = first; k < b; k++) await this.d.chain.mine(this.clock.timestamp(k));
    } else {
      await this.d.chain.mineMany(this.emptyRun, this.clock.timestamp(first), this.clock.mineIntervalSec);
      await this.d.chain.setNextBaseFee(this.gas.baseFeeWei);
    }
    this.emptyRun = 0;
  }

  private context(b: number, gasUsed: bigint) {
    const refPrice = this.d.path.at(this.clock.timeUs(b));
    return {
      number: this.blockNumber,
      timeUs: this.clock.timeUs(b),
      timestamp: this.clock.timestamp(b),
      gasUsed,
      gasLimit: this.gasLimit,
      baseFeeWei: this.gas.baseFeeWei,
      l1BaseFeeGwei: this.d.l1Fee?.baseFeeGwei ?? 0,
      refPrice,
      gasTokenPriceUsd: this.d.scenario.network.gasTokenPriceUsd ?? refPrice,
      genesisTime: this.clock.genesisTime,
    };
  }

  /** Drops transactions stuck past TX_TIMEOUT_US, with the same wallet's later nonces (they could never land). */
  private async dropExpired(nowUs: number): Promise<void> {
    const expired = this.mempool.filter((tx) => tx.arrivalUs < nowUs - TX_TIMEOUT_US);
    if (expired.length === 0) return;
    const dropped = new Set<TxRecord>();
    for (const stale of expired) {
      for (const tx of this.mempool) {
        if (tx.agent === stale.agent && tx.wallet === stale.wallet && tx.nonce! >= stale.nonce!) dropped.add(tx);
      }
    }
    for (const tx of dropped) {
      await this.d.chain.dropTransaction(tx.hash!);
      const wallet = tx.agent.wallets[tx.wallet];
      tx.agent.pending--;
      tx.agent.dropped++;
      wallet.nextNonce = Math.min(wallet.nextNonce, tx.nonce!);
      this.d.recorder.writeTx(tx, "dropped");
    }
    this.mempool = this.mempool.filter((tx) => !dropped.has(tx));
  }
}
