import { SimError } from "../errors.ts";
import type { Axis } from "./axis-spec.ts";

/** One parameter point: a value for every swept field. */
export interface SweepPoint {
  index: number;
  /** field → parsed value, in axis order. */
  values: Record<string, unknown>;
  /** `field=yaml` assignments, applied after `--set` through the same machinery. */
  assignments: string[];
}

/** One run: a point and a seed. `index` = point·seeds + j; the run list is in index order. */
export interface RunSpec {
  index: number;
  runId: string;
  point: number;
  seed: number;
}

export interface Shard {
  /** 0-based shard index (matches Kubernetes' JOB_COMPLETION_INDEX and Slurm's SLURM_ARRAY_TASK_ID from 0). */
  index: number;
  count: number;
}

/**
 * The cartesian product of the axes, first axis slowest (like nested loops). No axes: one point, the
 * scenario itself.
 *
 * @example
 * expandPoints(axes).map((p) => p.values); // [{ "network.blockTime": 2, ... }, ...]
 */
export function expandPoints(axes: readonly Axis[]): SweepPoint[] {
  let combos: number[][] = [[]];
  for (const axis of axes) combos = combos.flatMap((c) => axis.rows.map((_, k) => [...c, k]));
  return combos.map((combo, index) => {
    const values: Record<string, unknown> = {};
    const assignments: string[] = [];
    axes.forEach((axis, a) => {
      axis.fields.forEach((field, f) => {
        const v = axis.rows[combo[a]][f];
        values[field] = v.value;
        assignments.push(`${field}=${v.text}`);
      });
    });
    return { index, values, assignments };
  });
}

/** A run's folder name: stable for a given point index and seed, whatever the shard or worker. */
export function runIdOf(point: number, seed: number): string {
  return `p${String(point).padStart(4, "0")}-s${seed}`;
}

/** Every run of the sweep: for each point, seeds base + 0 … base + seeds − 1. */
export function buildRunList(pointCount: number, baseSeed: number, seeds: number): RunSpec[] {
  const runs: RunSpec[] = [];
  for (let point = 0; point < pointCount; point++) {
    for (let j = 0; j < seeds; j++) runs.push({ index: runs.length, runId: runIdOf(point, baseSeed + j), point, seed: baseSeed + j });
  }
  return runs;
}

/**
 * Parses `--shard i/n` (0-based: shards 0/2 and 1/2 split a sweep in two). Throws DL400 with the text
 * when it is malformed or out of range.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SimError("DL400", `--shard ${text}: expected i/n, e.g. --shard 0/4`, { hint: "shards are 0-based: 0/n … (n−1)/n" });
  const [index, count] = [Number(m[1]), Number(m[2])];
  if (count < 1) throw new SimError("DL400", `--shard ${text}: n must be ≥ 1`);
  if (index >= count) {
    throw new SimError("DL400", `--shard ${text}: index ${index} is out of range for ${count} shards`, {
      hint: `shards are 0-based: 0/${count} … ${count - 1}/${count}`,
    });
  }
  return { index, count };
}

/** The runs of one shard: those whose index % n == i. The shards of a sweep partition its run list. */
export function selectShard<T extends { index: number }>(runs: readonly T[], shard: Shard | undefined): T[] {
  return shard ? runs.filter((r) => r.index % shard.count === shard.index) : [...runs];
}
