import type { AgentRole } from "../../agents/define-agent.ts";
import type { Agent } from "../../agents/agent.ts";
import type { Intent } from "../../agents/intent.ts";

export type SendableIntent = Exclude<Intent, { kind: "priced-out" }>;
import type { Rng } from "../random.ts";
import type { AgentSpec } from "../scenario/schema.ts";
import type { EncodedCall } from "./tx-encoder.ts";

/** An agent as the engine runs it: the pure strategy plus its wallet, latency stream and counters. */
export interface AgentRuntime {
  agent: Agent;
  spec: AgentSpec;
  /** What metrics attribute to it (its plug-in's roles). */
  roles: ReadonlySet<AgentRole>;
  /** Sending wallets; the first holds the agent's tokens. Nonces are tracked here, one sequence each. */
  wallets: { address: string; nextNonce: number }[];
  latencyRng: Rng;
  /** The submission latency it plans with (µs): block agents decide this long before the block. */
  nominalSubmitUs: number;
  /** Decided and not yet included or dropped. */
  pending: number;
  sent: number;
  included: number;
  reverted: number;
  dropped: number;
  gasSpentUsd: number;
}

export type TxStatus = "ok" | "reverted" | "dropped" | "pending";

/** One transaction's life: decided, sent to the mempool after its submission latency, mined or not. */
export interface TxRecord {
  seq: number;
  agent: AgentRuntime;
  /** Index into agent.wallets of the sender. */
  wallet: number;
  intent: SendableIntent;
  call: EncodedCall;
  tipWei: bigint;
  maxFeeWei: bigint;
  intentUs: number;
  viewUs: number;
  arrivalUs: number;
  nonce?: number;
  hash?: string;
}

export type SimEvent =
  | { timeUs: number; phase: 0; tie: 0; seq: number; kind: "decide"; agent: AgentRuntime }
  | { timeUs: number; phase: 1; tie: number; seq: number; kind: "arrive"; tx: TxRecord };
