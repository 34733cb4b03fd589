import { basename, dirname, extname, resolve } from "node:path";
import { SimError } from "../errors.ts";
import { readPriceCsv } from "../market/price-csv.ts";
import { formatIssues } from "./issues.ts";
import { knownKeysAt } from "./known-keys.ts";
import { applyEnvironment } from "./environments.ts";
import { applyOverride } from "./overrides.ts";
import { readScenarioYaml } from "./read-yaml.ts";
import { scenarioSchema, type AgentSpec, type Scenario } from "./schema.ts";

export interface LoadOptions {
  /** `key.path=value` overrides, applied before validation. */
  set?: readonly string[];
  /** Overrides `seed`. */
  seed?: number;
}

/** GBM runs start at this unix time unless the scenario says otherwise (fixed, for reproducibility). */
const DEFAULT_GENESIS = Date.UTC(2024, 0, 1) / 1000;
const DEFAULT_GBM_DURATION = 86_400;

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
export function resolveScenario(
  raw: Record<string, unknown>,
  baseDir: string,
  defaultName: string,
  options: LoadOptions = {},
  source = "scenario",
): Scenario {
  const input = structuredClone(raw);
  // `sweep:` and `assertions:` belong to `deltalag sweep` / `check` (sim/sweep/, which validates them);
  // a single run ignores them, so the same file works with every command.
  delete input.sweep;
  delete input.assertions;
  for (const assignment of options.set ?? []) applyOverride(input, assignment);
  if (options.seed !== undefined) input.seed = options.seed;
  applyEnvironment(input);

  const parsed = scenarioSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues, (p) => knownKeysAt(scenarioSchema, input, p));
    throw new SimError("DL100", `${source}: ${lines.length} problem${lines.length > 1 ? "s" : ""}\n  ${lines.join("\n  ")}`, {
      hint: "every field, its unit and its default are in docs/scenario.md",
    });
  }
  const s = parsed.data;
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
  const margin = s.contracts.margin;
  if (margin.mmRatio > margin.imRatio) problems.push(`contracts.margin.mmRatio: must be ≤ imRatio ${margin.imRatio} (got ${margin.mmRatio})`);
  for (const agent of agents) {
    if (agent.type === "leveraged-trader") {
      const { min, max } = agent.params.leverage;
      if (max < min) problems.push(`agents.${agent.id}.params.leverage: max must be ≥ min (got min ${min}, max ${max})`);
      if (max > 1 / margin.imRatio) problems.push(`agents.${agent.id}.params.leverage.max: must be ≤ 1 / contracts.margin.imRatio = ${1 / margin.imRatio} (got ${max})`);
    }
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
    throw new SimError("DL100", `${source}: ${problems.length} problem${problems.length > 1 ? "s" : ""}\n  ${problems.join("\n  ")}`, {
      hint: "every field, its unit and its default are in docs/scenario.md",
    });
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
