import type { AgentType } from "../sim/scenario/schema.ts";
import { GAS } from "./gas-estimates.ts";
import type { SendableKind } from "./intent.ts";

/**
 * The transaction kinds each agent type sends. The scenario loader uses it to refuse a block gas limit
 * that one of an agent's transactions could never fit in (EDR would reject the transaction mid-run).
 */
export const KINDS_SENT: Record<AgentType, readonly SendableKind[]> = {
  arbitrageur: ["swap"],
  "noise-trader": ["swap", "take"],
  "oracle-keeper": ["oracle-push"],
  "congestion-load": ["burn"],
  "market-maker": ["requote", "swap"],
  sniper: ["take"],
  "leveraged-trader": ["margin-deposit", "margin-trade"],
  "liquidation-keeper": ["liquidate"],
  "option-trader": ["option-trade"],
  "vault-hedger": ["swap", "vault-settle"],
};

/** The largest gas limit among the transactions an agent type sends (burns carry their own, see congestion-load). */
export function maxGasLimit(type: AgentType): number {
  return Math.max(0, ...KINDS_SENT[type].map((kind) => Number(GAS[kind].limit)));
}
