import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { SimError } from "../errors.ts";
import { checkOutputFolder, type OutputFolder } from "./output-folder.ts";
import { writeMarker } from "./result-marker.ts";
import { removeStalePartials } from "./stale-work.ts";

/** Work folders of this process not yet committed or aborted: what an interrupt must remove. */
const open = new Set<ResultsDir>();

/**
 * A results folder that appears only when a run succeeds: files are written into a hidden sibling
 * folder `.<name>.partial-<pid>` (with the deltalag marker) and renamed into place at `commit()`;
 * `abort()` removes it. The target must be new, an empty folder, or a previous deltalag run result
 * (checkOutputFolder, DL301 otherwise), and is replaced only after the new one is complete. Work folders
 * that killed processes left in the same parent are removed first.
 */
export class ResultsDir {
  readonly finalPath: string;
  readonly workPath: string;
  /** What was at finalPath when the run started. */
  readonly previous: OutputFolder;
  private done = false;

  constructor(finalPath: string) {
    this.finalPath = resolve(finalPath);
    this.previous = checkOutputFolder(this.finalPath, ["run"], "results folder");
    const parent = dirname(this.finalPath);
    this.workPath = join(parent, `.${basename(this.finalPath)}.partial-${process.pid}`);
    try {
      removeStalePartials(parent);
      rmSync(this.workPath, { recursive: true, force: true });
      mkdirSync(this.workPath, { recursive: true });
      writeMarker(this.workPath, "run");
    } catch (cause) {
      rmSync(this.workPath, { recursive: true, force: true });
      throw new SimError("DL300", `cannot create results folder next to ${this.finalPath}`, { cause, hint: "check --out and permissions" });
    }
    open.add(this);
  }

  file(name: string): string {
    return join(this.workPath, name);
  }

  commit(): void {
    // Checked again: the run took a while and something else may have been put there meanwhile.
    checkOutputFolder(this.finalPath, ["run"], "results folder");
    const old = `${this.workPath}.old`;
    if (existsSync(this.finalPath)) renameSync(this.finalPath, old);
    renameSync(this.workPath, this.finalPath);
    rmSync(old, { recursive: true, force: true });
    this.done = true;
    open.delete(this);
  }

  abort(): void {
    if (!this.done) rmSync(this.workPath, { recursive: true, force: true });
    this.done = true;
    open.delete(this);
  }

  /** Aborts every run of this process still being written (before exiting on SIGINT/SIGTERM). */
  static abortOpen(): void {
    for (const dir of [...open]) dir.abort();
  }
}
