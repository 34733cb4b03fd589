import { basename, dirname, extname, resolve } from "node:path";
import type { z } from "zod";
import { maxGasOf } from "../../agents/define-agent.ts";
import { problemsError } from "../problems.ts";
import { pathStepSeconds } from "../market/build-path.ts";
import { readPriceCsv } from "../market/price-csv.ts";
import { rejectForbiddenKeys } from "./forbidden-keys.ts";
import { formatIssues } from "./issues.ts";
import { knownKeysAt } from "./known-keys.ts";
import { applyEnvironment } from "./environments.ts";
import { applyOverride } from "./overrides.ts";
import { readScenarioYaml } from "./read-yaml.ts";
import { loadPlugins } from "../plugins/load-plugins.ts";
import { agentPlugin, agentSchemaWith, registerAgentPlugins } from "./agent-schemas.ts";
import { buildScenarioSchema, scenarioSchema, type AgentSpec, type ParsedScenario, type Scenario } from "./schema.ts";

export interface LoadOptions {
  /** `key.path=value` overrides, applied before validation. */
  set?: readonly string[];
  /** Overrides `seed`. */
  seed?: number;
}

/** GBM runs start at this unix time unless the scenario says otherwise (fixed, for reproducibility). */
const DEFAULT_GENESIS = Date.UTC(2024, 0, 1) / 1000;
const DEFAULT_GBM_DURATION = 86_400;
const SCENARIO_HINT = "every field, its unit and its default are in docs/scenario.md";

/**
 * Reads, overrides, validates and resolves a scenario file. Throws a SimError (DL100–DL110) listing
 * every problem with its field path.
 *
 * @example
 * const scenario = loadScenario("scenarios/quickstart.yaml", { set: ["network.blockTime=2"] });
 */
export function loadScenario(path: string, options: LoadOptions = {}): Scenario {
  return resolveScenario(readScenarioYaml(path), dirname(path), basename(path, extname(path)), options, path);
}

/** Validates an in-memory scenario object (as read from YAML); `baseDir` resolves relative files. */
export function resolveScenario(raw: Record<string, unknown>, baseDir: string, defaultName: string, options: LoadOptions = {}, source = "scenario"): Scenario {
  rejectForbiddenKeys(raw, source);
  const input = structuredClone(raw);
  // `sweep:` and `assertions:` belong to `deltalag sweep` / `check` (sim/sweep/, which validates them);
  // a single run ignores them, so the same file works with every command.
  delete input.sweep;
  delete input.assertions;
  for (const assignment of options.set ?? []) applyOverride(input, assignment);
  if (options.seed !== undefined) input.seed = options.seed;
  applyEnvironment(input);

  const schema = schemaWithPlugins(input.plugins, baseDir, source);
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues, (p) => knownKeysAt(schema, input, p));
    throw problemsError("DL100", source, lines, { hint: SCENARIO_HINT });
  }
  const s = parsed.data as ParsedScenario;
  const problems: string[] = [];
  const agents = assignAgentIds(s.agents, problems);
  let duration = s.duration ?? DEFAULT_GBM_DURATION;
  let genesisTime = s.network.genesisTime ?? DEFAULT_GENESIS;
  const market = { ...s.market };
  if (market.process === "replay") {
    market.file = resolve(baseDir, market.file);
    const series = readPriceCsv(market.file, market.timeColumn, market.priceColumn, "market.file");
    const span = series.times[series.times.length - 1] - series.times[0] - market.offset;
    if (span <= 0) problems.push(`market.offset: must be below the file's span of ${span + market.offset} s (got ${market.offset})`);
    if (s.duration === undefined) duration = span;
    else if (s.duration > span) problems.push(`duration: the replayed file covers ${span} s after the offset (got ${s.duration})`);
    genesisTime = s.network.genesisTime ?? Math.floor(series.times[0] + market.offset);
  }
  if (s.network.l1DataFee && s.network.chainType !== "op") {
    problems.push(`network.l1DataFee: needs network.chainType op (got ${s.network.chainType})`);
  }
  s.contracts.vault?.series.forEach((series, i) => {
    if ((series.moneyness === undefined) === (series.strike === undefined)) {
      problems.push(`contracts.vault.series[${i}]: give exactly one of moneyness or strike`);
    }
    if (series.expirySec > duration + 86_400 * 365 * 2) problems.push(`contracts.vault.series[${i}].expirySec: at most two years`);
  });
  checkContractRules(s, problems);
  checkRunSize(s, duration, problems);
  for (const agent of agents) {
    const plugin = agentPlugin(agent.type);
    const gas = maxGasOf(plugin, agent.params);
    if (gas > s.network.blockGasLimit) {
      problems.push(
        `network.blockGasLimit: agent ${agent.id} sends transactions of up to ${gas} gas, more than a block holds (got ${s.network.blockGasLimit})`,
      );
    }
    problems.push(...(plugin.check?.(agent.params, s, `agents.${agent.id}.params`) ?? []));
  }
  for (const agent of agents) {
    for (const kind of ["observation", "submission"] as const) {
      const l = agent.latency[kind];
      if (typeof l === "object" && l.dist === "uniform" && l.max < l.min) {
        problems.push(`agents.${agent.id}.latency.${kind}: max must be ≥ min (got min ${l.min}, max ${l.max})`);
      }
    }
  }
  if (problems.length) {
    throw problemsError("DL100", source, problems, { hint: SCENARIO_HINT });
  }
  return {
    ...s,
    name: s.name ?? defaultName,
    duration,
    network: { ...s.network, genesisTime },
    market,
    agents,
  };
}

/** Gives every agent an id (its type, numbered when repeated) and rejects duplicates. */
function assignAgentIds(agents: readonly (Omit<AgentSpec, "id"> & { id?: string })[], problems: string[]): AgentSpec[] {
  const counts = new Map<string, number>();
  const seen = new Set<string>();
  return agents.map((agent, index) => {
    let id = agent.id;
    if (!id) {
      const n = (counts.get(agent.type) ?? 0) + 1;
      counts.set(agent.type, n);
      id = n === 1 ? agent.type : `${agent.type}-${n}`;
    }
    if (seen.has(id)) problems.push(`agents[${index}].id: "${id}" is used twice; ids must be unique`);
    seen.add(id);
    return { ...agent, id } as AgentSpec;
  });
}

/** Most blocks and most price-path grid points one run may have (the path is held in memory: 8 bytes a point). */
const MAX_BLOCKS = 130_000_000;
const MAX_PATH_STEPS = 40_000_000;

/** Sizes that follow from several fields: blocks, path points. */
function checkRunSize(s: ParsedScenario, duration: number, problems: string[]): void {
  const blockTime = s.network.blockTime;
  if (duration < blockTime) problems.push(`duration: must be at least one block of network.blockTime = ${blockTime} s (got ${duration})`);
  const blocks = duration / blockTime;
  if (blocks > MAX_BLOCKS) {
    problems.push(
      `duration: ${duration} s at network.blockTime ${blockTime} s is ${Math.round(blocks)} blocks; at most ${MAX_BLOCKS} (shorten the run or lengthen blockTime)`,
    );
  }
  const step = pathStepSeconds(s);
  const points = duration / step;
  if (points > MAX_PATH_STEPS) {
    problems.push(
      `market.stepSeconds: ${duration} s at a ${step} s price grid is ${Math.round(points)} points; at most ${MAX_PATH_STEPS} (set a coarser market.stepSeconds)`,
    );
  }
}

/**
 * The rules the contracts enforce at deployment (MarginEngine._setRiskParams, OptionsVault._setPricing,
 * OrderBook's constructor), checked here so a scenario that breaks one is reported with the others
 * instead of failing as a reverted setup transaction.
 */
function checkContractRules(s: ParsedScenario, problems: string[]): void {
  const margin = s.contracts.margin;
  if (margin.mmRatio > margin.imRatio) problems.push(`contracts.margin.mmRatio: must be ≤ imRatio ${margin.imRatio} (got ${margin.mmRatio})`);
  if (margin.penalty > margin.mmRatio) {
    problems.push(
      `contracts.margin.penalty: must be ≤ mmRatio ${margin.mmRatio}, or a liquidation could take more than the margin it frees (got ${margin.penalty})`,
    );
  }
  const { tickUsd, lotBase } = s.contracts.book;
  if (tickUsd * lotBase < 1e-6) {
    problems.push(`contracts.book: tickUsd × lotBase must be at least one micro-dollar, the stablecoin's smallest unit (got ${tickUsd * lotBase})`);
  }
  const vault = s.contracts.vault;
  if (!vault) return;
  if (vault.minSkew > vault.maxSkew) problems.push(`contracts.vault.minSkew: must be ≤ maxSkew ${vault.maxSkew} (got ${vault.minSkew})`);
  for (const [field, iv] of [
    ["minSkew", vault.baseIv * vault.minSkew],
    ["maxSkew", vault.baseIv * vault.maxSkew],
  ] as const) {
    if (iv < VOL_MIN || iv > VOL_MAX) {
      problems.push(`contracts.vault.${field}: baseIv × ${field} must be within the on-chain pricer's [${VOL_MIN}, ${VOL_MAX}] (got ${iv})`);
    }
  }
}

/** The Black–Scholes library's volatility range (BlackScholes.MIN_VOL_WAD, MAX_VOL_WAD). */
const VOL_MIN = 0.001;
const VOL_MAX = 10;

/**
 * The schema a scenario is checked against: the shipped one, or, when it names plug-ins (`plugins:`, a
 * list of files relative to its folder), one whose agent types include theirs. The plug-ins are loaded
 * and registered for createAgent here, before validation, so their params are checked like ours.
 */
function schemaWithPlugins(plugins: unknown, baseDir: string, source: string): z.ZodType {
  // A malformed list is reported by the schema itself (plugins: must be a list of paths).
  if (!Array.isArray(plugins) || plugins.length === 0 || !plugins.every((p) => typeof p === "string" && p.length > 0 && p.length <= 4_096)) {
    return scenarioSchema;
  }
  const agents = loadPlugins(plugins as string[], baseDir, source);
  registerAgentPlugins(agents);
  // A sweep resolves its scenario once per point and run: build each plug-in set's schema once.
  const key = (plugins as string[]).map((file) => resolve(baseDir, file)).join("\n");
  let schema = pluginSchemas.get(key);
  if (!schema) pluginSchemas.set(key, (schema = buildScenarioSchema(agentSchemaWith(agents))));
  return schema;
}

/** Scenario schemas by the plug-in files they include (loadPlugins keeps one module per file). */
const pluginSchemas = new Map<string, z.ZodType>();
