import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const oracleKeeperParams = z
  .strictObject({
    /** Push at least this often, seconds. */
    heartbeatSec: z.number().min(1).max(31_536_000).default(3_600),
    /** Push when the reference price moved this much from the on-chain price, basis points. */
    deviationBps: z.number().min(0).max(1_000_000).default(50),
  })
  .prefault({});
export type OracleKeeperParams = z.output<typeof oracleKeeperParams>;

/**
 * Pushes the reference price it sees to the oracle when the on-chain price is older than the
 * heartbeat or deviates by more than the threshold (Chainlink's two triggers). With its latency, this
 * sets how stale the protocol's view of the market is.
 */
export class OracleKeeper implements Agent {
  readonly type = "oracle-keeper";
  readonly timing = "block";
  readonly id: string;
  private readonly params: OracleKeeperParams;

  constructor(id: string, params: OracleKeeperParams, _rng?: Rng) {
    this.id = id;
    this.params = params;
  }

  decide(view: Observation): readonly Intent[] {
    if (view.pendingTxs > 0) return [];
    const { oracle } = view.chain;
    const age = view.asOfSec - oracle.updatedAtSec;
    const deviationBps = (Math.abs(view.refPrice - oracle.price) / oracle.price) * 10_000;
    if (age >= this.params.heartbeatSec || deviationBps >= this.params.deviationBps) {
      return [{ kind: "oracle-push", price: view.refPrice }];
    }
    return [];
  }
}

/** The oracle-keeper plug-in (agents/registry.ts lists it). */
export const oracleKeeperPlugin = defineAgent({
  type: "oracle-keeper",
  params: oracleKeeperParams,
  kinds: ["oracle-push"],
  create: ({ id, params, rng }) => new OracleKeeper(id, params, rng),
});
