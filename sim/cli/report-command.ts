import { statSync } from "node:fs";
import type { Command } from "commander";
import { writeReport } from "../report/write-report.ts";

/**
 * `deltalag report <dir>`: writes <dir>/report.html for a run folder (summary.json) or a sweep folder
 * (points.csv). A folder that is neither is error DL300 and nothing is written.
 */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("write a self-contained report.html (charts, metrics) into a run or sweep results folder")
    .argument("<dir>", "results folder written by `deltalag run` or `deltalag sweep`")
    .option("--quiet", "print nothing on success")
    .action((dir: string, opts: { quiet?: boolean }) => {
      const path = writeReport(dir);
      if (!opts.quiet) console.log(`report: ${path} (${(statSync(path).size / 1e6).toFixed(2)} MB)`);
    });
}
