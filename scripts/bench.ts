// `npm run bench`: simulator overhead against raw EDR throughput for the quickstart transaction mix.
//   raw-peak   swaps through the fastest path (impersonated senders, explicit gas/fees/nonces), 100 per block
//   raw-mix    the quickstart run's own block structure (same txs per block, same empty gaps) replayed with
//              that fastest path and no reading back — the EVM work the run cannot avoid
//   engine     the quickstart's block loop: agents, latency queue, receipts, decoding, CSVs (setup —
//              compiling nothing, opening the chain, deploying — is reported separately)
// Prints tx/s, their ratios and simulated seconds per wall second. Numbers, not assertions.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { actorAddress } from "../sim/chain/addresses.ts";
import { Chain } from "../sim/chain/chain.ts";
import { deploy, SETUP_TXS_PER_AGENT } from "../sim/chain/deploy.ts";
import { gweiToWei, toRaw } from "../sim/chain/units.ts";
import { runScenario } from "../sim/engine/run-scenario.ts";
import { parse as parseYaml } from "yaml";
import { loadScenario, resolveScenario } from "../sim/scenario/load.ts";

const scenario = loadScenario("scenarios/quickstart.yaml");

async function freshChain() {
  const chain = await Chain.open({
    blockGasLimit: scenario.network.blockGasLimit,
    initialBaseFeeWei: gweiToWei(scenario.network.initialBaseFeeGwei),
    ordering: scenario.network.ordering,
    chainType: scenario.network.chainType,
    genesisTime: scenario.network.genesisTime! - 1,
  });
  const d = await deploy(chain, scenario, 2000, [{ id: "bench", wallets: 1 }]);
  return { chain, d, sender: actorAddress("agent/bench") };
}

/** Sends `perBlock[i]` alternating small swaps before mining block i; returns tx/s. */
async function rawSwaps(perBlock: readonly number[], blockTime: number): Promise<{ txs: number; seconds: number }> {
  const { chain, d, sender } = await freshChain();
  const calls = [true, false].map((baseIn) => d.interfaces.pool.encodeFunctionData("swap", [baseIn, baseIn ? toRaw(0.5, 18) : toRaw(1000, 6), 0n, sender]));
  let nonce = SETUP_TXS_PER_AGENT;
  let txs = 0;
  let empty = 0;
  const t0 = scenario.network.genesisTime!;
  const start = performance.now();
  for (let b = 0; b < perBlock.length; b++) {
    if (perBlock[b] === 0) {
      empty++;
      continue;
    }
    if (empty) {
      await chain.mineMany(empty, t0 + (b - empty + 1) * blockTime, blockTime);
      empty = 0;
    }
    for (let i = 0; i < perBlock[b]; i++) {
      await chain.send({
        from: sender,
        to: d.pool,
        data: calls[nonce % 2],
        gas: 150_000n,
        nonce: nonce++,
        maxFeePerGas: 10n ** 12n,
        maxPriorityFeePerGas: 10n ** 9n,
      });
      txs++;
    }
    await chain.mine(t0 + (b + 1) * blockTime);
  }
  const seconds = (performance.now() - start) / 1000;
  await chain.close();
  return { txs, seconds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const REPEATS = 3;

const engineRuns: { tps: number; simPerWall: number; wall: number; setup: number; txs: number }[] = [];
let structure: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  const out = join(mkdtempSync(join(tmpdir(), "deltalag-bench-")), "run");
  const summary = await runScenario(scenario, { outDir: out });
  const m = summary.metrics;
  engineRuns.push({
    tps: m.txIncluded / m.loopSeconds,
    simPerWall: m.simSecondsPerWallSecond,
    wall: m.wallSeconds,
    setup: m.wallSeconds - m.loopSeconds,
    txs: m.txIncluded,
  });
  structure = (parse(readFileSync(join(out, "blocks.csv")), { columns: true }) as { txCount: string }[]).map((r) => Number(r.txCount));
}
const peak: number[] = [];
const mix: number[] = [];
for (let i = 0; i < REPEATS; i++) {
  const p = await rawSwaps(Array(30).fill(100), 12);
  peak.push(p.txs / p.seconds);
  const r = await rawSwaps(structure, scenario.network.blockTime);
  mix.push(r.txs / r.seconds);
}
const engineTps = median(engineRuns.map((r) => r.tps));
const rawMix = median(mix);
const rows: [string, string][] = [
  ["scenario", `quickstart: ${engineRuns[0].txs} txs in ${structure.length} blocks of ${scenario.network.blockTime} s (1 simulated day)`],
  ["raw EDR peak (100 swaps/block)", `${median(peak).toFixed(0)} tx/s`],
  ["raw EDR, quickstart block structure", `${rawMix.toFixed(0)} tx/s`],
  ["engine block loop", `${engineTps.toFixed(0)} tx/s`],
  ["engine / raw (same structure)", `${((100 * engineTps) / rawMix).toFixed(0)} %`],
  ["engine / raw peak", `${((100 * engineTps) / median(peak)).toFixed(0)} %`],
  [
    "simulated day wall time (run)",
    `${median(engineRuns.map((r) => r.wall)).toFixed(2)} s, of which setup ${median(engineRuns.map((r) => r.setup)).toFixed(2)} s`,
  ],
  ["simulated s per wall s", median(engineRuns.map((r) => r.simPerWall)).toFixed(0)],
];
// Short blocks: the same market and agents for a simulated day on the 12 s and the 250 ms presets.
const presetWall: Record<string, number> = {};
for (const environment of ["ethereum-l1", "arbitrum-style"]) {
  const raw = parseYaml(readFileSync("scenarios/quickstart.yaml", "utf8")) as Record<string, unknown>;
  raw.network = { environment }; // the preset's block time, gas limit, ordering and fees
  const preset = resolveScenario(raw, "scenarios", "quickstart");
  const out = join(mkdtempSync(join(tmpdir(), "deltalag-bench-")), "run");
  presetWall[environment] = (await runScenario(preset, { outDir: out })).metrics.wallSeconds;
}
rows.push([
  "day at 250 ms vs 12 s blocks (presets)",
  `${presetWall["arbitrum-style"].toFixed(2)} s vs ${presetWall["ethereum-l1"].toFixed(2)} s = ${(presetWall["arbitrum-style"] / presetWall["ethereum-l1"]).toFixed(2)}×`,
]);
console.log(`deltalag bench (median of ${REPEATS}, Node ${process.versions.node})`);
for (const [k, v] of rows) console.log(`${k.padEnd(38)} ${v}`);
