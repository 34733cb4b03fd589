import type { z } from "zod";
import type { Rng } from "../sim/random.ts";
import type { LatencySpec, PriorityFeeSpec } from "../sim/scenario/fields.ts";
import type { Agent } from "./agent.ts";
import { GAS } from "./gas-estimates.ts";
import type { SendableKind } from "./intent.ts";

/**
 * What metrics attribute to an agent by what it does rather than by its type name: a pool trade of an
 * agent with role "arbitrage" counts as arbitrage profit, one with "market-making" as the maker's hedging
 * cost, one with "noise" as noise-trader slippage; book fills taken by "sniping" agents count as sniped
 * volume; "vault-hedging" swaps are the vault's hedges. A user's own agent declares the roles it plays.
 */
export type AgentRole = "arbitrage" | "market-making" | "sniping" | "noise" | "vault-hedging";

/** What the engine hands an agent plug-in's factory. */
export interface AgentContext<P> {
  /** The agent's id in the scenario (unique). */
  id: string;
  /** Its validated parameters, every default filled. */
  params: P;
  priorityFee: PriorityFeeSpec;
  latency: { observation: LatencySpec; submission: LatencySpec };
  /** The run: network (block time, genesis time), market, contracts. */
  scenario: AgentScenario;
  /** Its own seeded stream ("agent/<id>"): the only randomness it may use. */
  rng: Rng;
}

/** The parts of a scenario an agent may read when it is built. */
export interface AgentScenario {
  network: { blockTime: number; genesisTime: number | null };
  contracts: { margin: { imRatio: number } };
}

/**
 * An agent plug-in: one file declares its type name, its params schema (the TypeScript type derives
 * from it), its factory, how many wallets it sends from, the transaction kinds it sends, the roles metrics
 * attribute to it, and any rule between its params and the rest of the scenario. agents/registry.ts lists
 * the plug-ins; the engine never matches an agent by its type name.
 *
 * @example
 * export const myAgent = defineAgent({
 *   type: "my-agent",
 *   params: z.strictObject({ sizeBase: z.number().min(0.001).max(1e6).default(1) }).prefault({}),
 *   kinds: ["swap"],
 *   create: ({ id, params, rng }) => new MyAgent(id, params, rng),
 * });
 */
export interface AgentPlugin<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** Schema of the scenario entry's `params` (with defaults and bounds; docs/scenario.md documents it). */
  readonly params: S;
  readonly create: (context: AgentContext<z.output<S>>) => Agent;
  /** Transaction kinds it sends, or a function of its params (their gas limits must fit in a block). */
  readonly kinds: readonly SendableKind[] | ((params: z.output<S>) => readonly SendableKind[]);
  /** Wallets it sends from (default 1): a sender's nonces land in order, so parallel flow needs several. */
  readonly wallets?: (params: z.output<S>) => number;
  /** The largest gas one of its transactions may use, when it sets its own (default: from `kinds`). */
  readonly maxGas?: (params: z.output<S>) => number;
  readonly roles?: readonly AgentRole[];
  /** Rules between its params and the scenario; each problem is one line naming the field (`at` is its path). */
  readonly check?: (params: z.output<S>, scenario: AgentScenario, at: string) => string[];
}

/** Declares an agent plug-in (an identity function that keeps the params type). */
export function defineAgent<const T extends string, S extends z.ZodType>(plugin: AgentPlugin<T, S>): AgentPlugin<T, S> {
  return plugin;
}

/** The transaction kinds an agent with these params sends. */
export function kindsOf(plugin: AgentPlugin, params: unknown): readonly SendableKind[] {
  return typeof plugin.kinds === "function" ? plugin.kinds(params) : plugin.kinds;
}

/** The most gas one of its transactions may use: its own `maxGas`, else the largest limit of its kinds (gas-estimates.ts). */
export function maxGasOf(plugin: AgentPlugin, params: unknown): number {
  if (plugin.maxGas) return plugin.maxGas(params);
  return Math.max(0, ...kindsOf(plugin, params).map((kind) => Number(GAS[kind].limit)));
}
