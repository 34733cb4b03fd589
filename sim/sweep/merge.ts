import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { SimError } from "../errors.ts";
import { FolderLock } from "../record/folder-lock.ts";
import { checkOutputFolder } from "../record/output-folder.ts";
import { writeMarker } from "../record/result-marker.ts";
import { canonicalJson } from "./canonical-json.ts";
import { buildRunList, type RunSpec, type SweepPoint } from "./run-list.ts";
import { readRunSummary, removePartialRuns, runDir, runState, writeAtomic } from "./run-store.ts";
import { WALL_CLOCK_METRICS, writePointsCsv, writeRunsCsv, type RunRecord } from "./sweep-tables.ts";

/** The part of sweep.json a merge needs. */
interface SweepJson {
  fingerprint: string;
  name: string;
  baseSeed: number;
  seeds: number;
  fields: string[];
  points: { point: number; values: Record<string, unknown> }[];
  [key: string]: unknown;
}

export interface MergeResult {
  out: string;
  records: RunRecord[];
  copied: number;
  missing: string[];
}

/**
 * Combines shard folders of one sweep (same sweep.json fingerprint) into `out`: copies every run folder,
 * then writes runs.csv, points.csv and sweep.json for the whole sweep. A run completed in two places with
 * different metrics is a conflict (DL300, nothing is written); a run completed nowhere is reported as
 * missing (its row says `missing`). `out` may be new, a previous merge, or one of the shards.
 *
 * @example
 * mergeSweeps("results/all", ["results/shard-0", "results/shard-1"]);
 */
export function mergeSweeps(outDir: string, shardDirs: readonly string[]): MergeResult {
  const out = resolve(outDir);
  checkOutputFolder(out, MERGE_KINDS, "merge output");
  const sources = [...new Set(shardDirs.map((d) => resolve(d)))];
  if (existsSync(join(out, "sweep.json")) && !sources.includes(out)) sources.push(out);
  const definitions = sources.map((dir) => [dir, readSweepJson(dir)] as const);
  const first = definitions[0][1];
  const others = definitions.filter(([, d]) => d.fingerprint !== first.fingerprint);
  if (others.length) {
    const list = definitions.map(([dir, d]) => `${dir} (${d.fingerprint})`).join(", ");
    throw new SimError("DL400", `these folders hold different sweeps: ${list}`, {
      hint: "shards of one sweep share the same scenario, flags and seeds; their sweep.json fingerprints are equal",
    });
  }
  const points: SweepPoint[] = first.points.map((p) => ({ index: p.point, values: p.values, assignments: [] }));
  const runs = buildRunList(points.length, first.baseSeed, first.seeds);

  const conflicts: string[] = [];
  const chosen = new Map<string, { dir: string; record: RunRecord }>();
  for (const run of runs) {
    let ok: { dir: string; metrics: Record<string, number | null>; key: string } | undefined;
    let failed: { dir: string; code: string } | undefined;
    for (const dir of sources) {
      const state = runState(dir, run.runId);
      if (state === "ok") {
        const metrics = readRunSummary(dir, run.runId).metrics;
        const key = canonicalJson(Object.fromEntries(Object.entries(metrics).filter(([m]) => !WALL_CLOCK_METRICS.has(m))));
        if (ok && ok.key !== key) conflicts.push(`${run.runId} (${ok.dir} vs ${dir})`);
        ok ??= { dir, metrics, key };
      } else if (state === "failed" && !failed) {
        const error = JSON.parse(readFileSync(join(runDir(dir, run.runId), "error.json"), "utf8")) as { code?: string };
        failed = { dir, code: error.code ?? "?" };
      }
    }
    if (ok) chosen.set(run.runId, { dir: ok.dir, record: { run, status: "ok", metrics: ok.metrics } });
    else if (failed) chosen.set(run.runId, { dir: failed.dir, record: { run, status: "failed", error: failed.code } });
  }
  if (conflicts.length) {
    throw new SimError("DL300", `${conflicts.length} runs differ between folders: ${conflicts.slice(0, 5).join(", ")}${conflicts.length > 5 ? ", …" : ""}`, {
      hint: "the same run gave different metrics: the shards ran different code or data; nothing was written",
    });
  }

  mkdirSync(out, { recursive: true });
  const lock = FolderLock.acquire(out, "merge");
  try {
    checkOutputFolder(out, MERGE_KINDS, "merge output"); // again, under the lock
    writeMarker(out, "merge");
    return writeMerged(out, sources, first, points, runs, chosen);
  } finally {
    lock.release();
  }
}

/** The output may be new, a previous merge, or one of the shards (a sweep folder). */
const MERGE_KINDS = ["merge", "sweep"] as const;

function writeMerged(
  out: string,
  sources: string[],
  first: SweepJson,
  points: SweepPoint[],
  runs: RunSpec[],
  chosen: Map<string, { dir: string; record: RunRecord }>,
): MergeResult {
  mkdirSync(join(out, "runs"), { recursive: true });
  removePartialRuns(out);
  let copied = 0;
  for (const [runId, { dir }] of chosen) {
    if (dir === out || (sources.includes(out) && runState(out, runId) === "ok")) continue;
    const target = runDir(out, runId);
    const tmp = join(out, "runs", `.${runId}.merge-${process.pid}`);
    rmSync(tmp, { recursive: true, force: true });
    cpSync(runDir(dir, runId), tmp, { recursive: true });
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
    copied++;
  }
  const records = runs.map((run) => chosen.get(run.runId)?.record ?? { run, status: "missing" as const });
  writeRunsCsv(join(out, "runs.csv"), first.fields, points, records);
  writePointsCsv(join(out, "points.csv"), first.fields, points, records);
  const missing = records.filter((r) => r.status === "missing").map((r) => r.run.runId);
  const counts = {
    points: points.length,
    runs: runs.length,
    ok: records.filter((r) => r.status === "ok").length,
    failed: records.filter((r) => r.status === "failed").length,
    missing: missing.length,
  };
  writeAtomic(join(out, "sweep.json"), `${JSON.stringify({ ...first, shard: null, mergedFrom: sources.filter((s) => s !== out), counts }, null, 2)}\n`);
  return { out, records, copied, missing };
}

function readSweepJson(dir: string): SweepJson {
  const path = join(dir, "sweep.json");
  if (!existsSync(path))
    throw new SimError("DL400", `${dir}: not a sweep folder (no sweep.json)`, { hint: "pass the --out folders of `deltalag sweep --shard i/n`" });
  try {
    return JSON.parse(readFileSync(path, "utf8")) as SweepJson;
  } catch (cause) {
    throw new SimError("DL400", `${path}: not valid JSON`, { cause });
  }
}
