import { z } from "zod";
import { defineAgent } from "../../agents/define-agent.ts";
import { gasCostUsd } from "../../agents/gas-estimates.ts";
import { tipGwei } from "../../agents/tip-policy.ts";
import { SimError } from "../errors.ts";

/**
 * What a plug-in module's default export receives: everything it needs from deltalag at run time, so a
 * plug-in folder works wherever it is, with nothing installed (its types come from `import type`, which
 * Node erases). docs/api.md documents each member.
 */
export const pluginApi = { z, defineAgent, gasCostUsd, tipGwei, SimError } as const;
export type PluginApi = typeof pluginApi;
