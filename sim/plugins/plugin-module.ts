import type { AgentPlugin } from "../../agents/define-agent.ts";
import type { PluginApi } from "./plugin-api.ts";

/** What a plug-in module returns: the agents it adds (protocols follow the same shape in a later version). */
export interface PluginDefinition {
  /** A name for messages, e.g. "my-desk". */
  name: string;
  agents?: readonly AgentPlugin[];
}

/**
 * A plug-in module's default export: a function of the plug-in API.
 *
 * @example
 * // my-desk/plugin.ts
 * import type { PluginModule } from "deltalag";
 * const plugin: PluginModule = (api) => ({ name: "my-desk", agents: [api.defineAgent({ ... })] });
 * export default plugin;
 */
export type PluginModule = (api: PluginApi) => PluginDefinition;
