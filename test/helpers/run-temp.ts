import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { runScenario, type RunSummary } from "../../sim/engine/run-scenario.ts";
import { loadScenario, resolveScenario } from "../../sim/scenario/load.ts";

export interface TempRun {
  summary: RunSummary;
  dir: string;
  csv: (name: string) => Record<string, string>[];
  bytes: (name: string) => Buffer;
}

/** Runs a scenario (a file, or an in-memory object) into a fresh temporary folder. */
export async function runTemp(source: string | Record<string, unknown>, set: string[] = []): Promise<TempRun> {
  const scenario = typeof source === "string" ? loadScenario(source, { set }) : resolveScenario(source, process.cwd(), "test", { set });
  const dir = join(mkdtempSync(join(tmpdir(), "deltalag-test-")), "run");
  const summary = await runScenario(scenario, { outDir: dir });
  return {
    summary,
    dir,
    csv: (name) => parse(readFileSync(join(dir, name)), { columns: true }) as Record<string, string>[],
    bytes: (name) => readFileSync(join(dir, name)),
  };
}
