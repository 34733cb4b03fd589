import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { SimError } from "../errors.ts";
import { readTable, type Table } from "./table.ts";

/** What summary.json holds (only the parts the report reads). */
export interface RunSummaryFile {
  scenario?: Record<string, unknown> & { name?: string; description?: string; duration?: number };
  seed?: number;
  versions?: Record<string, string>;
  metrics: Record<string, number>;
}

/** A run folder: summary.json plus whichever CSVs the run's capabilities wrote. */
export interface RunFolder {
  kind: "run";
  dir: string;
  summary: RunSummaryFile;
  tables: {
    blocks?: Table;
    txs?: Table;
    trades?: Table;
    agents?: Table;
    quotes?: Table;
    vault?: Table;
    hedges?: Table;
    liquidations?: Table;
  };
}

/** A sweep folder: points.csv (per grid point mean, std and 95 % CI of each metric), runs.csv if present. */
export interface SweepFolder {
  kind: "sweep";
  dir: string;
  points: Table;
  runs?: Table;
  /** sweep.json, if the sweep wrote one (its scenario echo and swept fields). */
  meta?: Record<string, unknown>;
}

/**
 * Loads a results folder for the report: a sweep if it has points.csv, a run if it has summary.json.
 * Throws SimError DL300 naming the folder and what is missing otherwise.
 *
 * @example
 * const folder = loadFolder("results/quickstart/seed-42"); // folder.kind === "run"
 */
export function loadFolder(dir: string): RunFolder | SweepFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SimError("DL300", `results folder not found: ${dir}`, { hint: "pass the folder a `deltalag run` or `deltalag sweep` wrote" });
  }
  const points = readTable(dir, "points.csv");
  if (points) {
    return { kind: "sweep", dir, points, runs: readTable(dir, "runs.csv"), meta: readJson(dir, "sweep.json") };
  }
  const summary = readJson(dir, "summary.json");
  if (!summary) {
    throw new SimError("DL300", `${dir} has neither summary.json (a run) nor points.csv (a sweep)`, {
      hint: "pass the folder a `deltalag run` or `deltalag sweep` wrote; a run that failed leaves no folder",
    });
  }
  if (typeof summary.metrics !== "object" || summary.metrics === null) {
    throw new SimError("DL300", `${join(dir, "summary.json")} has no "metrics" object`, { hint: "re-run the scenario to rewrite it" });
  }
  const t = (name: string) => readTable(dir, name);
  return {
    kind: "run",
    dir,
    summary: summary as unknown as RunSummaryFile,
    tables: {
      blocks: t("blocks.csv"),
      txs: t("txs.csv"),
      trades: t("trades.csv"),
      agents: t("agents.csv"),
      quotes: t("quotes.csv"),
      vault: t("vault.csv"),
      hedges: t("hedges.csv"),
      liquidations: t("liquidations.csv"),
    },
  };
}

function readJson(dir: string, name: string): Record<string, unknown> | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const invalid = (cause?: unknown) => new SimError("DL300", `cannot read ${path}: not a valid JSON object`, { cause, hint: "re-run to rewrite it" });
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw invalid(cause);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid();
  return value as Record<string, unknown>;
}
