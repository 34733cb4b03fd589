import { secToUs, US_PER_SEC, usToSec } from "../time.ts";

/**
 * The run's clock, built once per run from the scenario: block b is at t_b = b·blockUs (integer µs
 * since t = 0) and carries the Unix timestamp genesisTime + ⌊t_b⌋ s. Everything that needs the block
 * time in µs, the number of blocks or a block's timestamp asks this, so they can never disagree.
 */
export interface RunClock {
  /** Block time, µs (network.blockTime rounded to the µs). */
  readonly blockUs: number;
  /** Block time, s, as the engine uses it (blockUs / 10^6: equal to network.blockTime up to the µs rounding). */
  readonly blockSec: number;
  /** Decision cadence of block agents under FIFO: the reference path's step, at most one block. µs. */
  readonly tickUs: number;
  /** Blocks simulated: ⌊duration / block time⌋ (the last one at or before the end of the run). */
  readonly totalBlocks: number;
  /** Time of the last block, µs. */
  readonly endUs: number;
  /** Unix seconds at t = 0 (network.genesisTime). */
  readonly genesisTime: number;
  /** Timestamp step for bulk-mined empty blocks: the block time when it is a whole number of seconds, else 0. */
  readonly mineIntervalSec: number;
  /** Time of block b, µs. */
  timeUs(b: number): number;
  /** Unix timestamp of block b, s (block times below one second repeat a timestamp). */
  timestamp(b: number): number;
}

export interface RunClockInput {
  /** Seconds between blocks (network.blockTime). */
  blockTime: number;
  /** Unix seconds at t = 0 (network.genesisTime, resolved by the loader). */
  genesisTime: number;
  /** Length of the run, s (scenario.duration). */
  duration: number;
  /** Step of the reference price path, µs (PricePath.stepUs). */
  pathStepUs: number;
}

/**
 * @example
 * const clock = runClock({ blockTime: 12, genesisTime: 1_704_067_200, duration: 86_400, pathStepUs: 1e6 });
 * clock.totalBlocks; // 7200
 * clock.timestamp(2); // 1704067224
 */
export function runClock(input: RunClockInput): RunClock {
  const blockUs = secToUs(input.blockTime);
  // Unrounded duration in µs: a run ends at the last block at or before its end, not at the nearest µs.
  const totalBlocks = Math.floor((input.duration * US_PER_SEC) / blockUs);
  const { genesisTime } = input;
  return {
    blockUs,
    blockSec: usToSec(blockUs),
    tickUs: Math.min(blockUs, input.pathStepUs),
    totalBlocks,
    endUs: totalBlocks * blockUs,
    genesisTime,
    mineIntervalSec: Number.isInteger(input.blockTime) ? input.blockTime : 0,
    timeUs: (b) => b * blockUs,
    timestamp: (b) => genesisTime + Math.floor(usToSec(b * blockUs)),
  };
}
