import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SimError } from "../errors.ts";
import { readMarker, writeMarker } from "../record/result-marker.ts";
import { removeStalePartials } from "../record/stale-work.ts";

/** What a run folder holds: summary.json marks a completed run, error.json a failed one. */
export type RunState = "ok" | "failed" | "none";

export interface StoredSummary {
  scenario: Record<string, unknown>;
  seed: number;
  /** NaN metrics (e.g. a mean over no blocks) are stored by JSON as null. */
  metrics: Record<string, number | null>;
}

export interface RunError {
  runId: string;
  point: number;
  seed: number;
  code: string;
  message: string;
  /** Last lines the worker printed, when the process itself died. */
  output?: string;
}

/** `<out>/runs/<runId>`. */
export function runDir(out: string, runId: string): string {
  return join(out, "runs", runId);
}

/**
 * State of a run folder. runScenario renames a run's folder into place only when everything is written,
 * so summary.json is a reliable completion marker.
 */
export function runState(out: string, runId: string): RunState {
  const dir = runDir(out, runId);
  if (existsSync(join(dir, "summary.json"))) return "ok";
  if (existsSync(join(dir, "error.json"))) return "failed";
  return "none";
}

export function readRunSummary(out: string, runId: string): StoredSummary {
  const path = join(runDir(out, runId), "summary.json");
  try {
    return JSON.parse(readFileSync(path, "utf8")) as StoredSummary;
  } catch (cause) {
    throw new SimError("DL300", `cannot read ${path}`, { cause, hint: "delete the run folder and re-run the sweep to redo it" });
  }
}

export function readRunError(out: string, runId: string): RunError | undefined {
  try {
    return JSON.parse(readFileSync(join(runDir(out, runId), "error.json"), "utf8")) as RunError;
  } catch {
    return undefined;
  }
}

/** Records a failed run (atomically: written aside, then renamed), in a folder with the run marker. */
export function writeRunError(out: string, error: RunError): void {
  const dir = runDir(out, error.runId);
  mkdirSync(dir, { recursive: true });
  // The retry replaces this folder; it may, because deltalag wrote it.
  if (!readMarker(dir)) writeMarker(dir, "run");
  const tmp = join(dir, `.error.json.${process.pid}`);
  writeFileSync(tmp, `${JSON.stringify(error, null, 2)}\n`);
  renameSync(tmp, join(dir, "error.json"));
}

/** runScenario's `.<runId>.partial-<pid>` work folders and merge's `.<runId>.merge-<pid>` copies. */
const RUN_WORK_FOLDER = /^\..+\.(?:partial|merge)-(\d+)(?:\.old)?$/;

/**
 * Removes what interrupted runs and merges left in `<out>/runs`: hidden work folders whose process is
 * gone (a live worker's folder is kept). Returns the names removed.
 */
export function removePartialRuns(out: string): string[] {
  return removeStalePartials(join(out, "runs"), RUN_WORK_FOLDER);
}

/** Writes a file into place atomically. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
