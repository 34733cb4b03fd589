import type { Rng } from "../sim/random.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

export interface OracleKeeperParams {
  heartbeatSec: number;
  deviationBps: number;
}

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
