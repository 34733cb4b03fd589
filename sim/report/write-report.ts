import { renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SimError } from "../errors.ts";
import { renderPage } from "./html-template.ts";
import { loadFolder } from "./load-folder.ts";
import { runPage } from "./run-page.ts";
import { sweepPage } from "./sweep-page.ts";

/**
 * Writes a self-contained report.html (ECharts inlined, no network needed) into a run folder (has
 * summary.json) or a sweep folder (has points.csv) and returns its path. Throws SimError DL300 and
 * writes nothing when the folder is neither.
 *
 * @example
 * const html = writeReport("results/quickstart/seed-42"); // …/seed-42/report.html
 */
export function writeReport(dir: string): string {
  const folder = loadFolder(resolve(dir));
  const page = folder.kind === "sweep" ? sweepPage(folder) : runPage(folder);
  const html = renderPage(page);
  const path = join(folder.dir, "report.html");
  const partial = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(partial, html);
    renameSync(partial, path);
  } catch (cause) {
    rmSync(partial, { force: true });
    throw new SimError("DL300", `cannot write ${path}`, { cause, hint: "check the folder's permissions and free space" });
  }
  return path;
}
