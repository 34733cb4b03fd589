import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/**
 * Every agent is a small class behind this interface: synchronous, with no side effects beyond its own
 * seeded random stream, so it is testable without a chain.
 *
 * Timing: a "block" agent decides once per block, just in time for it (at the block's time minus its
 * nominal submission latency), as searchers, keepers and arbitrageurs do; a "self" agent decides at
 * wake times it draws itself (for example Poisson arrivals).
 */
export interface Agent {
  readonly id: string;
  readonly type: string;
  readonly timing: "block" | "self";
  /** For "self" agents: the next wake time in seconds, strictly after `afterSec`. */
  nextWakeSec?(afterSec: number): number;
  decide(view: Observation): readonly Intent[];
}
