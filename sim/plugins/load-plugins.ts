import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { AgentPlugin } from "../../agents/define-agent.ts";
import { GAS } from "../../agents/gas-estimates.ts";
import { SimError } from "../errors.ts";
import { shippedAgentTypes } from "../scenario/agent-schemas.ts";
import { pluginApi } from "./plugin-api.ts";
import type { PluginDefinition } from "./plugin-module.ts";

const requireModule = createRequire(import.meta.url);
/** Loaded plug-ins by absolute path: a sweep loads its scenario many times, a plug-in once. */
const loaded = new Map<string, PluginDefinition>();

/**
 * Loads the plug-in modules a scenario names (`plugins:`, relative to its folder) and returns the agents
 * they add. Modules are TypeScript or JavaScript files whose default export is a function of the plug-in
 * API (plugin-module.ts); Node loads them synchronously (require of an ES module, types stripped). Every
 * problem names the file and what is wrong, as DL104 (exit 2).
 */
export function loadPlugins(files: readonly string[], baseDir: string, source: string): AgentPlugin[] {
  const agents: AgentPlugin[] = [];
  const seen = new Map<string, string>(shippedAgentTypes().map((t) => [t, "deltalag"]));
  for (const [i, file] of files.entries()) {
    const path = resolve(baseDir, file);
    const at = `${source}: plugins[${i}] (${file})`;
    const definition = loaded.get(path) ?? importPlugin(path, at);
    loaded.set(path, definition);
    for (const [k, agent] of (definition.agents ?? []).entries()) {
      checkAgent(agent, `${at}: agents[${k}]`);
      const owner = seen.get(agent.type);
      if (owner) fail(`${at}: agents[${k}]: type "${agent.type}" is already defined by ${owner}`, "give the agent a type name of its own");
      seen.set(agent.type, file);
      agents.push(agent);
    }
  }
  return agents;
}

function importPlugin(path: string, at: string): PluginDefinition {
  if (!existsSync(path) || !statSync(path).isFile()) fail(`${at}: file not found: ${path}`, "plug-in paths are relative to the scenario file");
  let module: { default?: unknown };
  try {
    module = requireModule(path) as { default?: unknown };
  } catch (cause) {
    const first = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new SimError("DL104", `${at}: the module failed to load: ${first}`, {
      hint: "a plug-in imports deltalag only as `import type` and takes the rest from the API it is given (docs/api.md)",
      cause,
    });
  }
  if (typeof module.default !== "function") {
    fail(`${at}: the default export must be a function (api) => ({ name, agents }) (got ${typeof module.default})`, "see examples/ and docs/api.md");
  }
  let definition: unknown;
  try {
    definition = (module.default as (api: typeof pluginApi) => unknown)(pluginApi);
  } catch (cause) {
    throw new SimError("DL104", `${at}: the plug-in function threw: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  if (!definition || typeof definition !== "object") fail(`${at}: the plug-in function must return { name, agents } (got ${typeof definition})`);
  const d = definition as Partial<PluginDefinition>;
  if (typeof d.name !== "string" || d.name === "") fail(`${at}: the returned object has no name`);
  if (d.agents !== undefined && !Array.isArray(d.agents)) fail(`${at}: agents must be a list`);
  return d as PluginDefinition;
}

/** An agent plug-in has the parts the engine calls, with usable values. */
function checkAgent(agent: unknown, at: string): asserts agent is AgentPlugin {
  const a = (agent ?? {}) as Partial<AgentPlugin>;
  const missing: string[] = [];
  if (typeof a.type !== "string" || !/^[a-z][a-z0-9-]{0,63}$/.test(a.type)) missing.push("type (lower-case letters, digits and '-', e.g. \"twap-trader\")");
  if (!a.params || typeof (a.params as { safeParse?: unknown }).safeParse !== "function") missing.push("params (a zod schema from api.z)");
  if (typeof a.create !== "function") missing.push("create (a function of the agent context)");
  if (!Array.isArray(a.kinds) && typeof a.kinds !== "function") missing.push("kinds (the transaction kinds it sends)");
  if (Array.isArray(a.kinds)) {
    const unknown = a.kinds.filter((k) => !(k in GAS));
    if (unknown.length) missing.push(`kinds: unknown kind ${unknown.join(", ")} (known: ${Object.keys(GAS).join(", ")})`);
  }
  if (missing.length) fail(`${at}: ${missing.length === 1 ? "needs" : "needs these"}: ${missing.join("; ")}`, "defineAgent in docs/api.md lists every part");
}

function fail(message: string, hint?: string): never {
  throw new SimError("DL104", message, { hint });
}
