import { join, resolve } from "node:path";
import type { Command } from "commander";
import { ensureCompiled } from "../chain/compile.ts";
import { runScenario } from "../engine/run-scenario.ts";
import { SimError } from "../errors.ts";
import { checkOutputFolder } from "../record/output-folder.ts";
import { writeReport } from "../report/write-report.ts";
import { loadScenario } from "../scenario/load.ts";
import { interruptible } from "./interrupts.ts";
import { collect, parseNonNegativeInt } from "./options.ts";
import { progressReporter } from "./progress.ts";

/** The headline numbers printed after a run (everything is in summary.json). */
const HEADLINE = ["blocks", "txIncluded", "txReverted", "lvrUsd", "lpFeesUsd", "arbProfitUsd", "noiseSlippageUsd", "gasSpentUsd", "wallSeconds"];

export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run one scenario and write its results folder")
    .argument("<scenario>", "scenario YAML file")
    .option("--out <dir>", "results folder (default results/<name>/seed-<seed>)")
    .option("--seed <n>", "override the scenario's seed", parseNonNegativeInt)
    .option("--set <key.path=value>", "override a scenario field (repeatable)", collect, [])
    .option("--quiet", "no progress output")
    .option("--no-report", "skip writing report.html")
    .action(async (file: string, opts: { out?: string; seed?: number; set: string[]; quiet?: boolean; report: boolean }) => {
      const scenario = loadScenario(file, { seed: opts.seed, set: opts.set });
      const outDir = resolve(opts.out ?? join("results", scenario.name, `seed-${scenario.seed}`));
      // Before compiling and running: a folder that is not ours is refused at once (ResultsDir checks again).
      if (checkOutputFolder(outDir, ["run"], "--out").state === "previous") process.stderr.write(`replacing previous deltalag result at ${outDir}\n`);
      const progress = opts.quiet ? undefined : progressReporter(scenario.name);
      // The run is in this process and cannot stop half-way: a signal removes its partial folder and exits.
      const stopped = (signal: string) => {
        progress?.stop(); // gives the terminal its cursor back
        return new SimError("DL500", `${signal}: run stopped; nothing was written to ${outDir}`, { hint: "run the same command again to redo it" });
      };
      await interruptible(
        async () => {
          await ensureCompiled();
          try {
            const summary = await runScenario(scenario, { outDir, onProgress: progress?.update });
            progress?.stop();
            for (const key of HEADLINE) console.log(`${key.padEnd(20)} ${format(summary.metrics[key])}`);
            console.log(`results: ${outDir}`);
            if (opts.report) console.log(`report: ${writeReport(outDir)}`);
          } finally {
            progress?.stop();
          }
        },
        { cooperative: false, stopped },
      );
    });
}

function format(value: number | undefined): string {
  if (value === undefined) return "-";
  return Number.isInteger(value) ? String(value) : value.toFixed(4);
}
