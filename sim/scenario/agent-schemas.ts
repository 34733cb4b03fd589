import { z } from "zod";
import type { AgentPlugin } from "../../agents/define-agent.ts";
import { agentPlugins } from "../../agents/registry.ts";
import { SimError } from "../errors.ts";
import { agentEntry } from "./fields.ts";

/**
 * The schema of one scenario `agents[]` entry: the common latency and priority-fee fields (fields.ts)
 * with the `params` each agent plug-in declares (agents/registry.ts), told apart by `type`.
 */
type EntryOf<P> = P extends AgentPlugin<infer T, infer S> ? ReturnType<typeof agentEntry<T, S>> : never;
type Entries<Ps extends readonly unknown[]> = { -readonly [K in keyof Ps]: EntryOf<Ps[K]> };

function entries<const Ps extends readonly AgentPlugin[]>(plugins: Ps): Entries<Ps> {
  return plugins.map((p) => agentEntry(p.type, p.params)) as Entries<Ps>;
}

/** Agent entries of the shipped agents. */
export const agentSchema = z.discriminatedUnion("type", entries(agentPlugins));

/** Agent plug-ins that scenarios brought from outside (sim/plugins/load-plugins.ts), by type. */
const external = new Map<string, AgentPlugin>();

/** Makes plug-in agents known to createAgent and the loader (idempotent per plug-in object). */
export function registerAgentPlugins(plugins: readonly AgentPlugin[]): void {
  for (const plugin of plugins) external.set(plugin.type, plugin);
}

/** Agent entries of the shipped agents and the given plug-ins (a scenario with `plugins:`). */
export function agentSchemaWith(plugins: readonly AgentPlugin[]): z.ZodType {
  if (plugins.length === 0) return agentSchema;
  return z.discriminatedUnion("type", [...agentSchema.options, ...plugins.map((p) => agentEntry(p.type, p.params))]);
}

/** The type names of the shipped agents. */
export function shippedAgentTypes(): string[] {
  return agentPlugins.map((p) => p.type);
}

/** The plug-in of an agent type (shipped, or registered from a scenario's plug-ins). */
export function agentPlugin(type: string): AgentPlugin {
  const plugin = agentPlugins.find((p) => p.type === type) ?? external.get(type);
  // Unreachable for a validated scenario: its types come from the same lists.
  if (!plugin) throw new SimError("DL202", `no agent plug-in "${type}"`);
  return plugin as unknown as AgentPlugin;
}
