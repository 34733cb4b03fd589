import { stringify } from "csv-stringify/sync";
import { displayValue } from "./axis-spec.ts";
import { pointStats } from "../stats/point-stats.ts";
import type { RunSpec, SweepPoint } from "./run-list.ts";
import { writeAtomic } from "./run-store.ts";

/**
 * Wall-clock metrics stay in each run's summary.json but never go into runs.csv or points.csv, so the
 * tables depend only on the scenario and the seeds (a merged sharded sweep equals the unsharded one).
 */
export const WALL_CLOCK_METRICS: ReadonlySet<string> = new Set(["wallSeconds", "loopSeconds", "simSecondsPerWallSecond"]);

export interface RunRecord {
  run: RunSpec;
  status: "ok" | "failed" | "missing";
  /** Error code of a failed run. */
  error?: string;
  metrics?: Record<string, number | null>;
}

type Cell = string | number | boolean | null;

/** Every metric any run reported, in order of first appearance along the run list, without wall-clock ones. */
export function metricColumns(records: readonly RunRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const name of Object.keys(r.metrics ?? {})) if (!WALL_CLOCK_METRICS.has(name)) seen.add(name);
  return [...seen];
}

/** runs.csv: one tidy row per run — runId, point, each swept field, seed, status, error, each metric. */
export function writeRunsCsv(path: string, fields: readonly string[], points: readonly SweepPoint[], records: readonly RunRecord[]): void {
  const metrics = metricColumns(records);
  const rows = records.map((r) => [
    r.run.runId,
    r.run.point,
    ...fields.map((f) => displayValue(points[r.run.point].values[f])),
    r.run.seed,
    r.status,
    r.error ?? "",
    ...metrics.map((m) => number(r.metrics?.[m])),
  ]);
  writeCsv(path, ["runId", "point", ...fields, "seed", "status", "error", ...metrics], rows);
}

/**
 * points.csv: one row per point (with at least one run in `records`) — swept fields, n (completed runs),
 * failed, and for every metric its mean, sd and Student-t 95 % interval across seeds.
 */
export function writePointsCsv(path: string, fields: readonly string[], points: readonly SweepPoint[], records: readonly RunRecord[]): void {
  const metrics = metricColumns(records);
  const byPoint = new Map<number, RunRecord[]>();
  for (const r of records) byPoint.set(r.run.point, [...(byPoint.get(r.run.point) ?? []), r]);
  const rows: Cell[][] = [];
  for (const [point, runs] of [...byPoint].sort(([a], [b]) => a - b)) {
    const ok = runs.filter((r) => r.status === "ok");
    const cells: Cell[] = [point, ...fields.map((f) => displayValue(points[point].values[f])), ok.length, runs.filter((r) => r.status === "failed").length];
    for (const m of metrics) {
      const s = pointStats(ok.map((r) => r.metrics?.[m] ?? Number.NaN));
      cells.push(number(s.mean), number(s.std), number(s.ci95lo), number(s.ci95hi));
    }
    rows.push(cells);
  }
  const statColumns = metrics.flatMap((m) => [`${m}_mean`, `${m}_std`, `${m}_ci95lo`, `${m}_ci95hi`]);
  writeCsv(path, ["point", ...fields, "n", "failed", ...statColumns], rows);
}

function number(value: number | null | undefined): number | string {
  return value === null || value === undefined || !Number.isFinite(value) ? "" : value;
}

function writeCsv(path: string, columns: readonly string[], rows: readonly Cell[][]): void {
  writeAtomic(path, stringify([columns as string[], ...rows], { cast: { boolean: (b) => (b ? "true" : "false") } }));
}
