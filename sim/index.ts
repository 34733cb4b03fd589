/**
 * deltalag's public API (package entry point `deltalag`): run scenarios and sweeps from code, and define
 * agents as plug-ins. docs/api.md documents each export with examples.
 */
export { runScenario, type RunOptions, type RunSummary } from "./engine/run-scenario.ts";
export { loadScenario, resolveScenario, type LoadOptions } from "./scenario/load.ts";
export type { Scenario, AgentSpec } from "./scenario/schema.ts";
export { runSweep } from "./sweep/run-sweep.ts";
export { SimError, isSimError, ERROR_CODES, type ErrorCode } from "./errors.ts";
export { defineAgent, type AgentPlugin, type AgentContext, type AgentRole, type AgentScenario } from "../agents/define-agent.ts";
export type { Agent } from "../agents/agent.ts";
export type { Intent, SendableKind } from "../agents/intent.ts";
export type { Observation, ChainView } from "../agents/observation.ts";
export type { PluginModule, PluginDefinition } from "./plugins/plugin-module.ts";
export type { PluginApi } from "./plugins/plugin-api.ts";
