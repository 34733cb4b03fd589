import { SECONDS_PER_YEAR } from "../sim/time.ts";
export interface QuoteWidthParams {
  baseSpreadBps: number;
  latencySpreadZ: number;
}

/**
 * A maker's half-spread in basis points:
 *   base + z·σ·√(τ / year)·10⁴ + adverse + cost,
 * where σ·√τ is the standard deviation of the reference price over the time τ a quote can stand stale
 * (latency + one block) — the price risk a sniper can take from it — `adverse` the learned
 * adverse-selection term and `cost` the maker's running costs (gas, hedging) per unit filled, in bps.
 * Pure, for tests and agents.
 */
export function quoteWidth(p: QuoteWidthParams, state: { sigma: number; tauSec: number; adverseBps: number; costBps: number }): number {
  const latencyBps = p.latencySpreadZ * state.sigma * Math.sqrt(state.tauSec / SECONDS_PER_YEAR) * 10_000;
  return p.baseSpreadBps + latencyBps + state.adverseBps + state.costBps;
}
