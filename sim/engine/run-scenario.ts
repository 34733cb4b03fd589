import { writeFileSync } from "node:fs";
import { createAgent } from "../../agents/create-agent.ts";
import { agentPlugin } from "../scenario/agent-schemas.ts";
import type { ChainView } from "../../agents/observation.ts";
import { loadArtifact } from "../chain/artifacts.ts";
import { Chain, type ContractRef } from "../chain/chain.ts";
import { deploy, SETUP_TXS_PER_AGENT, walletAddress, type Deployment } from "../chain/deploy.ts";
import { fromBase, fromQuote, fromWad, gweiToWei } from "../chain/units.ts";
import { buildPricePath } from "../market/build-path.ts";
import { RunMetrics } from "../metrics/run-metrics.ts";
import { RandomStreams } from "../random.ts";
import { CsvTable, type Cell } from "../record/csv-table.ts";
import { assertFiniteResults } from "../record/finite-check.ts";
import { ResultsDir } from "../record/results-dir.ts";
import {
  AGENT_COLUMNS,
  BLOCK_COLUMNS,
  ACCOUNT_COLUMNS,
  FILL_COLUMNS,
  HEDGE_COLUMNS,
  OPTION_COLUMNS,
  VAULT_COLUMNS,
  LIQUIDATION_COLUMNS,
  QUOTE_COLUMNS,
  TRADE_COLUMNS,
  TX_COLUMNS,
  type AgentRow,
  type AccountRow,
  type FillRow,
  type HedgeRow,
  type OptionRow,
  type VaultRow,
  type LiquidationRow,
  type QuoteRow,
} from "../record/tables.ts";
import type { Scenario } from "../scenario/schema.ts";
import { BlockRecorder, type Tables } from "./block-recorder.ts";
import { BookTracker } from "./book-tracker.ts";
import { MarginTracker } from "./margin-tracker.ts";
import { VaultTracker } from "./vault-tracker.ts";
import { nominalLatencyUs } from "./latency.ts";
import { L1DataFee } from "./l1-data-fee.ts";
import { RevertDecoder } from "./revert-decoder.ts";
import { runClock } from "./run-clock.ts";
import { Simulation } from "./simulation.ts";
import type { AgentRuntime } from "./types.ts";
import { versions } from "./versions.ts";

export interface RunOptions {
  outDir: string;
  onProgress?: (blocksDone: number, blocksTotal: number) => void;
}

export interface RunSummary {
  scenario: Scenario;
  seed: number;
  versions: Record<string, string>;
  metrics: Record<string, number>;
  outDir: string;
}

/**
 * Runs one scenario end to end on a fresh in-process chain and writes its results folder (the CSVs
 * and summary.json of docs/outputs.md). The folder appears only if the run succeeds.
 *
 * @example
 * const summary = await runScenario(loadScenario("scenarios/quickstart.yaml"), { outDir: "results/q" });
 */
export async function runScenario(scenario: Scenario, options: RunOptions): Promise<RunSummary> {
  const wallStart = performance.now();
  const dir = new ResultsDir(options.outDir);
  let chain: Chain | undefined;
  const tables: Partial<Tables> = {};
  const extraTables: CsvTable<never>[] = [];
  try {
    const streams = new RandomStreams(scenario.seed);
    const path = buildPricePath(scenario, streams);
    const startPrice = path.at(0);
    chain = await Chain.open({
      blockGasLimit: scenario.network.blockGasLimit,
      initialBaseFeeWei: gweiToWei(scenario.network.initialBaseFeeGwei),
      ordering: scenario.network.ordering,
      chainType: scenario.network.chainType,
      genesisTime: scenario.network.genesisTime! - 1,
    });
    const walletCounts = scenario.agents.map((spec) => ({ id: spec.id, wallets: walletsOf(spec) }));
    const deployment = await deploy(chain, scenario, startPrice, walletCounts);
    const l1Fee = scenario.network.l1DataFee ? new L1DataFee(scenario.network.l1DataFee, streams.stream("l1-fee")) : undefined;
    await l1Fee?.setup(chain);
    const agents: AgentRuntime[] = scenario.agents.map((spec, i) => ({
      agent: createAgent(spec, scenario, streams),
      spec,
      roles: new Set(agentPlugin(spec.type).roles ?? []),
      // Every wallet sent its token approvals at setup (nonces 0 … SETUP_TXS_PER_AGENT − 1).
      wallets: Array.from({ length: walletCounts[i].wallets }, (_, k) => ({ address: walletAddress(spec.id, k), nextNonce: SETUP_TXS_PER_AGENT })),
      latencyRng: streams.stream(`latency/${spec.id}`),
      nominalSubmitUs: nominalLatencyUs(spec.latency.submission),
      pending: 0,
      sent: 0,
      included: 0,
      reverted: 0,
      dropped: 0,
      gasSpentUsd: 0,
    }));
    const startBalances = await balances(chain, deployment, agents);
    tables.blocks = new CsvTable(dir.file("blocks.csv"), BLOCK_COLUMNS);
    tables.txs = new CsvTable(dir.file("txs.csv"), TX_COLUMNS);
    tables.trades = new CsvTable(dir.file("trades.csv"), TRADE_COLUMNS);
    const quotes = new CsvTable<QuoteRow>(dir.file("quotes.csv"), QUOTE_COLUMNS);
    const fills = new CsvTable<FillRow>(dir.file("fills.csv"), FILL_COLUMNS);
    const liquidations = new CsvTable<LiquidationRow>(dir.file("liquidations.csv"), LIQUIDATION_COLUMNS);
    extraTables.push(quotes, fills, liquidations);
    const metrics = new RunMetrics();
    const clock = runClock({
      blockTime: scenario.network.blockTime,
      genesisTime: scenario.network.genesisTime!,
      duration: scenario.duration,
      pathStepUs: path.stepUs,
    });
    const book = new BookTracker(deployment, chain, path, clock, { quotes, fills }, metrics.book);
    const margin = new MarginTracker(deployment, chain, scenario, agents, liquidations, metrics.margin);
    let vault: VaultTracker | undefined;
    if (deployment.vault) {
      const vaultTables = {
        options: new CsvTable<OptionRow>(dir.file("options.csv"), OPTION_COLUMNS),
        vault: new CsvTable<VaultRow>(dir.file("vault.csv"), VAULT_COLUMNS),
        hedges: new CsvTable<HedgeRow>(dir.file("hedges.csv"), HEDGE_COLUMNS),
      };
      extraTables.push(vaultTables.options, vaultTables.vault, vaultTables.hedges);
      vault = new VaultTracker(deployment, chain, scenario, vaultTables, metrics.vault);
      await vault.start();
    }
    const recorder = new BlockRecorder(tables as Tables, metrics, deployment);
    const decoder = new RevertDecoder(
      await Promise.all(
        ["ConstantProductPool", "PriceOracle", "TestToken", "GasBurner", "OrderBook", "MarginEngine", "OptionsVault"].map(
          async (n) => (await loadArtifact(n)).iface,
        ),
      ),
    );
    const initialView = { ...(await readInitialView(chain, deployment, scenario)), book: book.emptyView(), margin: margin.current, vault: vault?.current };
    const loopStart = performance.now();
    const sim = new Simulation({
      scenario,
      clock,
      chain,
      deployment,
      path,
      agents,
      recorder,
      decoder,
      initialView,
      metrics,
      book,
      margin,
      vault,
      l1Fee,
      tieRng: streams.stream("arrival-ties"),
      onProgress: options.onProgress,
    });
    const { unsent, pending } = await sim.run();
    const loopSeconds = (performance.now() - loopStart) / 1000;
    for (const tx of [...pending, ...unsent]) recorder.writeTx(tx, "pending");

    const endPrice = path.at(sim.endUs);
    const endBalances = await balances(chain, deployment, agents);
    for (const [i, rt] of agents.entries()) {
      const inBook = await book.holdings(rt, rt.wallets[0].address);
      endBalances[i].base += inBook.base;
      endBalances[i].quote += inBook.quote + margin.equityOf(rt, endPrice);
    }
    await vault?.finish(endPrice);
    const accountTable = new CsvTable<AccountRow>(dir.file("accounts.csv"), ACCOUNT_COLUMNS);
    await margin.finish(accountTable, endPrice);
    accountTable.close();
    const agentTable = new CsvTable<AgentRow>(dir.file("agents.csv"), AGENT_COLUMNS);
    const agentPnl: number[] = [];
    agents.forEach((rt, i) => {
      const baseChange = endBalances[i].base - startBalances[i].base;
      const quoteChange = endBalances[i].quote - startBalances[i].quote;
      agentPnl[i] = baseChange * endPrice + quoteChange - rt.gasSpentUsd;
      agentTable.append({
        agent: rt.spec.id,
        agentType: rt.spec.type,
        address: rt.wallets[0].address,
        txSent: rt.sent,
        txIncluded: rt.included,
        txReverted: rt.reverted,
        txDropped: rt.dropped,
        txPending: rt.pending,
        gasSpentUsd: rt.gasSpentUsd,
        baseChange,
        quoteChange,
        pnlUsd: agentPnl[i],
      });
    });
    agentTable.close();
    const mmPnlUsd = agents.reduce((sum, rt, i) => (rt.roles.has("market-making") ? sum + agentPnl[i] : sum), 0);
    for (const table of [...Object.values(tables), ...extraTables]) table.close();

    const [poolBase, poolQuote] = await poolReserves(chain, deployment);
    const wallSeconds = (performance.now() - wallStart) / 1000;
    const summary: RunSummary = {
      scenario,
      seed: scenario.seed,
      versions: versions(),
      metrics: metrics.finish({
        durationSec: sim.endUs / 1e6,
        txSent: agents.reduce((n, a) => n + a.sent, 0),
        txPending: agents.reduce((n, a) => n + a.pending, 0),
        txDropped: agents.reduce((n, a) => n + a.dropped, 0),
        wallSeconds,
        loopSeconds,
        simSecondsPerWallSecond: sim.endUs / 1e6 / wallSeconds,
        poolValueUsdStart: scenario.contracts.pool.liquidityUsd,
        poolValueUsdEnd: poolBase * endPrice + poolQuote,
        refPriceStart: startPrice,
        refPriceEnd: endPrice,
        ...(agents.some((rt) => rt.roles.has("market-making")) ? { mmPnlUsd } : {}),
      }),
      outDir: options.outDir,
    };
    assertFiniteResults(summary.metrics, [...Object.values(tables), ...extraTables, accountTable, agentTable] as CsvTable<Record<string, Cell>>[]);
    writeFileSync(dir.file("summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    dir.commit();
    return summary;
  } catch (error) {
    for (const table of [...Object.values(tables), ...extraTables]) {
      try {
        table.close();
      } catch {
        // already closed
      }
    }
    dir.abort();
    throw error;
  } finally {
    await chain?.close();
  }
}

async function readInitialView(chain: Chain, d: Deployment, scenario: Scenario): Promise<ChainView> {
  const [reserveBase, reserveQuote] = await poolReserves(chain, d);
  const [roundId, priceX18, updatedAt] = await chain.read<[bigint, bigint, bigint]>(d.contracts.oracle, "latestRound");
  const block = await chain.latestBlock();
  return {
    blockNumber: block.number,
    blockTimeSec: -1,
    baseFeeGwei: Math.max(scenario.network.initialBaseFeeGwei, scenario.network.baseFeeFloorGwei),
    pool: { reserveBase, reserveQuote, feeBps: scenario.contracts.pool.feeBps },
    oracle: { price: fromWad(priceX18), updatedAtSec: Number(updatedAt) - scenario.network.genesisTime!, roundId: Number(roundId) },
    recentTipsGwei: [],
  };
}

async function poolReserves(chain: Chain, d: Deployment): Promise<[number, number]> {
  const [reserveBase, reserveQuote] = await chain.read<[bigint, bigint]>(d.contracts.pool, "getReserves");
  return [fromBase(reserveBase), fromQuote(reserveQuote)];
}

async function balances(chain: Chain, d: Deployment, agents: readonly AgentRuntime[]): Promise<{ base: number; quote: number }[]> {
  const balanceOf = (token: ContractRef, owner: string) => chain.read<bigint>(token, "balanceOf", [owner]);
  // All of an agent's wallets count (a leveraged trader holds one account per wallet).
  return Promise.all(
    agents.map(async (a) => {
      let base = 0;
      let quote = 0;
      for (const w of a.wallets) {
        base += fromBase(await balanceOf(d.contracts.base, w.address));
        quote += fromQuote(await balanceOf(d.contracts.quote, w.address));
      }
      return { base, quote };
    }),
  );
}

/** Sending wallets of an agent, as its plug-in declares (congestion spreads load over many, a leveraged trader has one per account). */
function walletsOf(spec: Scenario["agents"][number]): number {
  return agentPlugin(spec.type).wallets?.(spec.params) ?? 1;
}
