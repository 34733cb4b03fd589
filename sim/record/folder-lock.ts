import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { SimError } from "../errors.ts";
import { isProcessAlive } from "./stale-work.ts";

/** The lock file inside a sweep or merge folder while a deltalag writes into it. */
export const LOCK_FILE = ".deltalag-lock";

interface LockOwner {
  pid: number;
  host: string;
  /** What holds it (`sweep`, `merge`). */
  command: string;
  since: string;
}

/**
 * One writer per results folder: two sweeps (or a sweep and a merge) into one folder would interleave
 * their runs and tables. The lock file is created complete and atomically (written aside, then
 * hard-linked into place, which fails if it exists). A lock whose pid is not a live process on this
 * machine is stale and taken over with a note; a live one is error DL302 naming the owner.
 *
 * @example
 * const lock = FolderLock.acquire("results/q/sweep", "sweep");
 * try { … } finally { lock.release(); }
 */
export class FolderLock {
  readonly path: string;
  private readonly owner: LockOwner;
  private readonly releaseOnExit = () => this.release();
  private held = true;

  private constructor(path: string, owner: LockOwner) {
    this.path = path;
    this.owner = owner;
    // process.exit() (an interrupt, a fatal error) still removes the lock.
    process.on("exit", this.releaseOnExit);
  }

  static acquire(dir: string, command: string): FolderLock {
    const path = join(dir, LOCK_FILE);
    const owner: LockOwner = { pid: process.pid, host: hostname(), command, since: new Date().toISOString() };
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(owner)}\n`);
    try {
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          linkSync(tmp, path);
          return new FolderLock(path, owner);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw cannotLock(path, error);
        }
        takeOverIfStale(path, dir);
      }
      throw new SimError("DL302", `${path}: could not take the lock (other deltalag processes keep taking it)`, {
        hint: "run one sweep or merge per folder at a time",
      });
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /** Removes the lock if it is still this process's (idempotent). */
  release(): void {
    if (!this.held) return;
    this.held = false;
    process.off("exit", this.releaseOnExit);
    const current = readOwner(this.path);
    if (current && current.pid === this.owner.pid && current.since === this.owner.since && current.host === this.owner.host) rmSync(this.path, { force: true });
  }
}

/** Throws DL302 when the lock at `path` is live (or unreadable); moves a stale one out of the way. */
function takeOverIfStale(path: string, dir: string): void {
  const owner = readOwner(path);
  if (owner === null) return; // gone in between: try again
  if (owner === undefined) {
    throw new SimError("DL302", `${path}: ${dir} is locked, and the lock file cannot be read`, {
      hint: `if no deltalag is writing into ${dir}, delete ${path}`,
    });
  }
  if (owner.host !== hostname()) {
    throw new SimError("DL302", `${path}: ${dir} is in use by deltalag ${owner.command} (pid ${owner.pid} on ${owner.host}, since ${owner.since})`, {
      hint: `wait for it to finish or use another --out; if no deltalag runs on ${owner.host} any more, delete ${path}`,
    });
  }
  if (isProcessAlive(owner.pid)) {
    throw new SimError("DL302", `${path}: ${dir} is in use by deltalag ${owner.command} (pid ${owner.pid}, since ${owner.since})`, {
      hint: `two writers would interleave their runs: wait for pid ${owner.pid} to finish (or stop it), or use another --out`,
    });
  }
  // Stale. Rename it aside first: of several processes taking over at once only one moves this file, and
  // one that moved a fresh lock instead (taken in between) puts it back.
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (moved && (moved.pid !== owner.pid || moved.since !== owner.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // someone else holds it now; the next attempt reports them
    }
  } else {
    process.stderr.write(`note: taking over the stale lock ${path} (pid ${owner.pid} of deltalag ${owner.command} is not running)\n`);
  }
  rmSync(aside, { force: true });
}

/** The lock's owner; null when there is no lock file, undefined when it cannot be parsed. */
function readOwner(path: string): LockOwner | null | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : undefined;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return Number.isSafeInteger(owner.pid) && typeof owner.host === "string" ? owner : undefined;
  } catch {
    return undefined;
  }
}

function cannotLock(path: string, cause: unknown): SimError {
  return new SimError("DL300", `cannot create the lock file ${path}`, { cause, hint: "check the folder's permissions" });
}
