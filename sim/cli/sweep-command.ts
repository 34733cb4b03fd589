import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { InvalidArgumentError, type Command } from "commander";
import { ensureCompiled } from "../chain/compile.ts";
import { SimError } from "../errors.ts";
import { checkOutputFolder } from "../record/output-folder.ts";
import { parseShard } from "../sweep/run-list.ts";
import { writeReport } from "../report/write-report.ts";
import { runSweep, type SweepResult } from "../sweep/run-sweep.ts";
import { planSweep } from "../sweep/sweep-plan.ts";
import { interruptible } from "./interrupts.ts";
import { collect, parseNonNegativeInt } from "./options.ts";

export interface SweepCommandOptions {
  grid: string[];
  zip: string[];
  seeds?: number;
  seed?: number;
  workers?: number;
  out?: string;
  shard?: string;
  set: string[];
  recycle: number;
  quiet?: boolean;
  compile: boolean;
}

/** Parses a flag value that must be an integer ≥ 1 (--seeds, --workers). */
export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`must be an integer ≥ 1 (got "${value}")`);
  return Number(value);
}

export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description("run a scenario over a parameter grid and several seeds, in parallel and resumably")
    .argument("<scenario>", "scenario YAML file (its optional sweep: section is combined with the flags)")
    .option("--grid <field=values>", "sweep a field over values: v1,v2,... or lo..hi:step (repeatable; cartesian)", collect, [])
    .option("--zip <field=values>", "fields varied together, same number of values (repeatable)", collect, [])
    .option("--seeds <n>", "seeds per point: base seed + 0 … n − 1 (default: sweep.seeds or 1)", parsePositiveInt)
    .option("--seed <n>", "base seed (default: the scenario's seed)", parseNonNegativeInt)
    .option("--workers <k>", "worker processes (default: number of cores)", parsePositiveInt)
    .option("--out <dir>", "sweep folder (default results/<name>/sweep, or …/sweep-shard-<i>of<n>)")
    .option("--shard <i/n>", "run only the runs with index % n == i (0-based)")
    .option("--set <key.path=value>", "override a scenario field for every run (repeatable)", collect, [])
    .option("--recycle <n>", "runs per worker process before it is replaced (1 = a process per run)", parsePositiveInt, 20)
    .option("--no-compile", "skip the contract build check (when a CI step already built)")
    .option("--quiet", "no progress output")
    .action(async (file: string, opts: SweepCommandOptions) => {
      const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      const plan = planSweep(file, { grid: opts.grid, zip: opts.zip, seeds: opts.seeds, seed: opts.seed, set: opts.set });
      const out = resolve(opts.out ?? join("results", plan.name, shard ? `sweep-shard-${shard.index}of${shard.count}` : "sweep"));
      // Refused before compiling (runSweep checks again, under its lock).
      checkOutputFolder(out, ["sweep", "merge"], "--out");
      // Cooperative: runSweep stops its workers, removes the runs in flight and rejects with DL500.
      const stopped = (signal: string) =>
        new SimError("DL500", `${signal}: sweep stopped before it started; nothing was written to ${out}`, { hint: "run the same command again" });
      await interruptible(
        async (signal) => {
          if (opts.compile) await ensureCompiled();
          if (signal.aborted) throw stopped(String(signal.reason));
          const result = await runSweep(plan, {
            out,
            shard,
            workers: opts.workers ?? availableParallelism(),
            recycleAfter: opts.recycle,
            progress: !opts.quiet,
            signal,
          });
          printSummary(`sweep ${plan.name}`, result, shard ? `shard ${shard.index}/${shard.count}` : undefined);
          // A shard's points are partial; its report comes after `deltalag merge`.
          if (!shard && result.counts.ok > 0) console.log(`report: ${writeReport(result.out)}`);
          failOnFailedRuns(result);
        },
        { cooperative: true, stopped },
      );
    });
}

/** One line of counts and the folder. */
export function printSummary(label: string, result: SweepResult, shard?: string): void {
  const c = result.counts;
  const scope = shard ? `, ${shard}: ${c.selected} runs` : "";
  console.log(`${label}: ${c.points} points × ${c.runs / c.points} seeds = ${c.runs} runs${scope}`);
  console.log(`already complete ${c.skipped}, ran ${c.ran}; ok ${c.ok}, failed ${c.failed}`);
  console.log(`results: ${result.out}`);
}

/** Exit 1 (DL300) when any run failed, naming the first few. */
export function failOnFailedRuns(result: SweepResult): void {
  const failed = result.records.filter((r) => r.status === "failed");
  if (failed.length === 0) return;
  const list = failed
    .slice(0, 5)
    .map((r) => `${r.run.runId} (${r.error})`)
    .join(", ");
  throw new SimError("DL300", `${failed.length} of ${result.counts.selected} runs failed: ${list}${failed.length > 5 ? ", …" : ""}`, {
    hint: `each failed run's error is in ${join(result.out, "runs", "<runId>", "error.json")}; running the sweep again retries them`,
  });
}
