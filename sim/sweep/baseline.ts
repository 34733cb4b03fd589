import { existsSync, readFileSync } from "node:fs";
import { parse as parseCsv } from "csv-parse/sync";
import { SimError } from "../errors.ts";
import { displayValue } from "./axis-spec.ts";
import { pointStats } from "../stats/point-stats.ts";
import type { SweepPoint } from "./run-list.ts";
import { WALL_CLOCK_METRICS, type RunRecord } from "./sweep-tables.ts";

/** A metric outside the tolerance (or present on one side only). */
export interface Deviation {
  metric: string;
  pointLabel: string;
  baseline: number | null;
  current: number | null;
  /** (current − baseline) / |baseline|; Infinity when the baseline is 0 and the current is not. */
  relative: number;
}

export interface BaselineComparison {
  /** What was compared with what, e.g. "seed 42" or "mean of 4 seeds". */
  basis: string;
  compared: number;
  deviations: Deviation[];
}

/**
 * Parses `--tolerance`: "5%" or a fraction "0.05". Throws DL400 on anything else.
 *
 * @example
 * parseTolerance("5%"); // 0.05
 */
export function parseTolerance(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/.exec(text);
  if (!m) throw new SimError("DL400", `--tolerance ${text}: expected a percentage such as 5% or a fraction such as 0.05`);
  return Number(m[1]) / (m[2] ? 100 : 1);
}

/**
 * Compares every metric with a baseline within a relative tolerance.
 * - `summary.json` (one run): needs a one-point sweep; compared with the run of the same seed if it was
 *   run, else with the mean across seeds.
 * - `points.csv` (an earlier sweep or check): each row is matched to a point by its swept fields, and
 *   every `<metric>_mean` is compared with the current mean.
 * Wall-clock metrics are never compared.
 */
export function compareBaseline(
  path: string,
  fields: readonly string[],
  points: readonly SweepPoint[],
  records: readonly RunRecord[],
  tolerance: number,
): BaselineComparison {
  if (!existsSync(path)) throw new SimError("DL400", `--baseline ${path}: file not found`);
  const text = readFileSync(path, "utf8");
  const ok = (point: number) => records.filter((r) => r.run.point === point && r.status === "ok");
  const currentMean = (point: number, metric: string) => finite(pointStats(ok(point).map((r) => r.metrics?.[metric] ?? Number.NaN)).mean);
  const deviations: Deviation[] = [];
  let compared = 0;
  const compare = (metric: string, pointLabel: string, baseline: number | null, current: number | null) => {
    if (WALL_CLOCK_METRICS.has(metric)) return;
    compared++;
    const d = deviation(baseline, current, tolerance);
    if (d !== undefined) deviations.push({ metric, pointLabel, baseline, current, relative: d });
  };

  if (path.endsWith(".json")) {
    let summary: { seed?: number; metrics?: Record<string, number | null> };
    try {
      summary = JSON.parse(text);
    } catch (cause) {
      throw new SimError("DL400", `--baseline ${path}: not valid JSON`, { cause });
    }
    if (!summary.metrics) throw new SimError("DL400", `--baseline ${path}: no "metrics" (expected a run's summary.json)`);
    if (points.length !== 1)
      throw new SimError("DL400", `--baseline ${path}: a summary.json baseline needs a one-point scenario (this one has ${points.length})`, {
        hint: "use the points.csv of a sweep as the baseline",
      });
    const same = ok(0).find((r) => r.run.seed === summary.seed);
    const basis = same ? `seed ${summary.seed}` : `mean of ${ok(0).length} seeds`;
    for (const [metric, value] of Object.entries(summary.metrics)) {
      compare(metric, "", finite(value), same ? finite(same.metrics?.[metric]) : currentMean(0, metric));
    }
    return { basis, compared, deviations };
  }

  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true }) as Record<string, string>[];
  } catch (cause) {
    throw new SimError("DL400", `--baseline ${path}: not a valid CSV`, { cause });
  }
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = fields.filter((f) => !header.includes(f));
  if (!header.includes("n") || missing.length) {
    throw new SimError(
      "DL400",
      `--baseline ${path}: not the points.csv of this sweep (missing columns: ${["n", ...fields].filter((c) => !header.includes(c)).join(", ")})`,
    );
  }
  const metrics = header.filter((c) => c.endsWith("_mean")).map((c) => c.slice(0, -5));
  for (const row of rows) {
    const label = fields.map((f) => `${f}=${row[f]}`).join(", ");
    const point = points.find((p) => fields.every((f) => String(displayValue(p.values[f])) === row[f]));
    for (const metric of metrics) {
      const baseline = row[`${metric}_mean`] === "" ? null : Number(row[`${metric}_mean`]);
      compare(metric, label, baseline, point && ok(point.index).length ? currentMean(point.index, metric) : null);
    }
  }
  return { basis: "means across seeds", compared, deviations };
}

/** The relative deviation when outside the tolerance, undefined when within it. */
function deviation(baseline: number | null, current: number | null, tolerance: number): number | undefined {
  if (baseline === null && current === null) return undefined;
  if (baseline === null || current === null) return Number.NaN;
  const diff = current - baseline;
  if (Math.abs(diff) <= tolerance * Math.abs(baseline) || Math.abs(diff) <= 1e-12) return undefined;
  return baseline === 0 ? Math.sign(diff) * Number.POSITIVE_INFINITY : diff / Math.abs(baseline);
}

function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
