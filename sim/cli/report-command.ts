import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { SimError } from "../errors.ts";
import { MARKER_FILE, readMarker } from "../record/result-marker.ts";
import { writeReport } from "../report/write-report.ts";

/**
 * `deltalag report <dir>`: writes <dir>/report.html for a run folder (summary.json) or a sweep folder
 * (points.csv). A folder that is neither is error DL300; one that is not a deltalag result (no marker,
 * e.g. a folder of the user's that happens to hold a summary.json) is DL301. Nothing is written then.
 */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("write a self-contained report.html (charts, metrics) into a run or sweep results folder")
    .argument("<dir>", "results folder written by `deltalag run` or `deltalag sweep`")
    .option("--quiet", "print nothing on success")
    .action((dir: string, opts: { quiet?: boolean }) => {
      refuseForeignFolder(resolve(dir));
      const path = writeReport(dir);
      if (!opts.quiet) console.log(`report: ${path} (${(statSync(path).size / 1e6).toFixed(2)} MB)`);
    });
}

/** Missing folders and folders without results are left to writeReport (DL300, naming what is missing). */
function refuseForeignFolder(dir: string): void {
  const looksLikeResults = existsSync(join(dir, "summary.json")) || existsSync(join(dir, "points.csv"));
  if (!looksLikeResults || readMarker(dir)) return;
  throw new SimError("DL301", `report ${dir}: not a deltalag results folder (no ${MARKER_FILE}); nothing was written`, {
    hint: "pass a folder written by `deltalag run`, `sweep` or `merge`; results of an older deltalag have no marker: re-run them",
  });
}
