import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { SimError } from "../errors.ts";
import { FolderLock } from "../record/folder-lock.ts";
import { checkOutputFolder } from "../record/output-folder.ts";
import { writeMarker } from "../record/result-marker.ts";
import { canonicalJson } from "./canonical-json.ts";
import { selectShard, type RunSpec, type Shard, type SweepPoint } from "./run-list.ts";
import { readRunSummary, removePartialRuns, runDir, runState, writeAtomic, writeRunError } from "./run-store.ts";
import type { SweepPlan } from "./sweep-plan.ts";
import { sweepProgress } from "./sweep-progress.ts";
import { writePointsCsv, writeRunsCsv, type RunRecord } from "./sweep-tables.ts";
import { WorkerPool, type JobResult, type RunJob } from "./worker-pool.ts";

export interface SweepRunOptions {
  /** The sweep folder: runs/<runId>/, runs.csv, points.csv, sweep.json. */
  out: string;
  shard?: Shard;
  workers: number;
  /** Runs per worker process before it is replaced (default 20). */
  recycleAfter?: number;
  /** Worker memory above which it is replaced after its current run, MiB (default 1500). */
  maxRssMb?: number;
  /** Progress on stderr (default true). */
  progress?: boolean;
  /** Only the runs of these points (check runs what its assertions need). */
  pointFilter?: (point: SweepPoint) => boolean;
  /**
   * Aborting it (the CLI does on SIGINT/SIGTERM, with the signal's name as reason) stops the workers,
   * waits for them to exit, removes the partial folders of the runs in flight and rejects with DL500;
   * completed runs are kept, and runs.csv and points.csv are not written.
   */
  signal?: AbortSignal;
}

export interface SweepCounts {
  points: number;
  runs: number;
  selected: number;
  /** Already complete before this invocation (resumed). */
  skipped: number;
  ran: number;
  ok: number;
  failed: number;
}

export interface SweepResult {
  out: string;
  records: RunRecord[];
  counts: SweepCounts;
}

/**
 * Runs the plan's runs (of one shard, if given) in K worker processes, skipping runs already complete in
 * `out`, and writes runs.csv, points.csv and sweep.json. Failed runs are recorded in
 * runs/<runId>/error.json and counted; they do not stop the others. `out` must be new, empty or a
 * deltalag sweep or merge result (DL301), and is locked while the sweep writes into it (DL302).
 *
 * @example
 * const result = await runSweep(planSweep("scenarios/quickstart.yaml", { seeds: 4 }), { out: "results/s", workers: 2 });
 */
export async function runSweep(plan: SweepPlan, options: SweepRunOptions): Promise<SweepResult> {
  const out = resolve(options.out);
  checkOutputFolder(out, SWEEP_KINDS, "--out");
  mkdirSync(out, { recursive: true });
  const lock = FolderLock.acquire(out, "sweep");
  try {
    // Under the lock: what was checked above may have changed before it was taken.
    if (checkOutputFolder(out, SWEEP_KINDS, "--out").state !== "previous") writeMarker(out, "sweep");
    return await runLocked(plan, options, out);
  } finally {
    lock.release();
  }
}

/** A sweep folder is resumed; a merged one too (it is the same sweep, gaps filled). */
const SWEEP_KINDS = ["sweep", "merge"] as const;

async function runLocked(plan: SweepPlan, options: SweepRunOptions, out: string): Promise<SweepResult> {
  mkdirSync(join(out, "runs"), { recursive: true });
  removePartialRuns(out);
  const selected = selectShard(plan.runs, options.shard).filter((r) => !options.pointFilter || options.pointFilter(plan.points[r.point]));
  const records = new Map<string, RunRecord>();
  const jobs: RunJob[] = [];
  const stale: string[] = [];
  for (const run of selected) {
    const invalid = plan.invalid.get(run.point);
    if (invalid) {
      writeRunError(out, { runId: run.runId, point: run.point, seed: run.seed, code: invalid.code, message: invalid.message });
      records.set(run.runId, { run, status: "failed", error: invalid.code });
    } else if (runState(out, run.runId) === "ok") {
      const summary = readRunSummary(out, run.runId);
      if (canonicalJson({ ...summary.scenario, seed: 0 }) !== plan.expected.get(run.point) || summary.seed !== run.seed) stale.push(run.runId);
      records.set(run.runId, { run, status: "ok", metrics: summary.metrics });
    } else jobs.push(jobOf(plan, run, out));
  }
  if (stale.length) {
    throw new SimError(
      "DL400",
      `${out} holds runs of a different sweep: ${stale.slice(0, 5).join(", ")}${stale.length > 5 ? ` and ${stale.length - 5} more` : ""}`,
      {
        hint: "their scenario differs from this sweep's; use another --out, or delete those run folders",
      },
    );
  }
  const skipped = records.size - [...records.values()].filter((r) => r.status === "failed").length;
  writeSweepJson(plan, out, options.shard, undefined);

  let failed = [...records.values()].filter((r) => r.status === "failed").length;
  const progress = options.progress === false ? undefined : sweepProgress(plan.name, selected.length, records.size);
  const pool = new WorkerPool({ workers: options.workers, recycleAfter: options.recycleAfter ?? 20, maxRssMb: options.maxRssMb ?? 1500 });
  const signal = options.signal;
  const onAbort = () => pool.stop();
  signal?.addEventListener("abort", onAbort, { once: true });
  if (signal?.aborted) pool.stop();
  const byId = new Map(selected.map((r) => [r.runId, r]));
  try {
    await pool.run(jobs, (result: JobResult) => {
      const run = byId.get(result.job.runId)!;
      if (result.ok) records.set(run.runId, { run, status: "ok", metrics: result.metrics });
      else {
        failed++;
        writeRunError(out, { runId: run.runId, point: run.point, seed: run.seed, code: result.code!, message: result.message!, output: result.output });
        records.set(run.runId, { run, status: "failed", error: result.code });
      }
      progress?.update(records.size, failed);
    });
  } finally {
    progress?.stop();
    signal?.removeEventListener("abort", onAbort);
  }
  // Stopped by the signal, or by WorkerPool.stopAll() (an interrupted `check`): publish no tables.
  if (signal?.aborted || pool.stopped) {
    // Every worker has exited: what they were writing is stale now.
    removePartialRuns(out);
    const done = [...records.values()].filter((r) => r.status === "ok").length;
    const reason = typeof signal?.reason === "string" ? signal.reason : "interrupted";
    throw new SimError("DL500", `${reason}: sweep stopped with ${done}/${selected.length} runs complete in ${out}; nothing partial was kept`, {
      hint: "run the same command again to resume: completed runs are kept and skipped",
    });
  }

  const ordered = selected.map((run) => records.get(run.runId) ?? { run, status: "missing" as const });
  writeRunsCsv(join(out, "runs.csv"), plan.spec.fields, plan.points, ordered);
  writePointsCsv(join(out, "points.csv"), plan.spec.fields, plan.points, ordered);
  const counts: SweepCounts = {
    points: plan.points.length,
    runs: plan.runs.length,
    selected: selected.length,
    skipped,
    ran: jobs.length,
    ok: ordered.filter((r) => r.status === "ok").length,
    failed: ordered.filter((r) => r.status === "failed").length,
  };
  writeSweepJson(plan, out, options.shard, counts);
  return { out, records: ordered, counts };
}

function jobOf(plan: SweepPlan, run: RunSpec, out: string): RunJob {
  const { raw, baseDir, defaultName, path } = plan.source;
  return {
    runId: run.runId,
    point: run.point,
    seed: run.seed,
    raw,
    baseDir,
    defaultName,
    source: path,
    set: [...plan.set, ...plan.points[run.point].assignments],
    outDir: runDir(out, run.runId),
  };
}

/** sweep.json: the definition (enough to rebuild the run list when merging), the swept fields and the counts. */
function writeSweepJson(plan: SweepPlan, out: string, shard: Shard | undefined, counts: SweepCounts | undefined): void {
  const definition = {
    scenario: plan.source.path,
    name: plan.name,
    fingerprint: plan.fingerprint,
    baseSeed: plan.baseSeed,
    seeds: plan.spec.seeds,
    set: plan.set,
    fields: plan.spec.fields,
    axes: plan.spec.axes.map((a) => ({ kind: a.kind, fields: a.fields, values: a.rows.map((r) => r.map((v) => v.value)) })),
    points: plan.points.map((p) => ({ point: p.index, values: p.values })),
    shard: shard ?? null,
    counts: counts ?? null,
  };
  writeAtomic(join(out, "sweep.json"), `${JSON.stringify(definition, null, 2)}\n`);
}
