import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { SimError } from "../errors.ts";

/**
 * A results folder that appears only when a run succeeds: files are written into a hidden sibling
 * folder and renamed into place at `commit()`; `abort()` removes it. A previous folder at the same
 * path is replaced only after the new one is complete.
 */
export class ResultsDir {
  readonly finalPath: string;
  readonly workPath: string;
  private done = false;

  constructor(finalPath: string) {
    this.finalPath = finalPath;
    this.workPath = join(dirname(finalPath), `.${basename(finalPath)}.partial-${process.pid}`);
    try {
      rmSync(this.workPath, { recursive: true, force: true });
      mkdirSync(this.workPath, { recursive: true });
    } catch (cause) {
      throw new SimError("DL300", `cannot create results folder next to ${finalPath}`, { cause, hint: "check --out and permissions" });
    }
  }

  file(name: string): string {
    return join(this.workPath, name);
  }

  commit(): void {
    const old = `${this.workPath}.old`;
    if (existsSync(this.finalPath)) renameSync(this.finalPath, old);
    renameSync(this.workPath, this.finalPath);
    rmSync(old, { recursive: true, force: true });
    this.done = true;
  }

  abort(): void {
    if (!this.done) rmSync(this.workPath, { recursive: true, force: true });
    this.done = true;
  }
}
