import { readdirSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { readMarker } from "./result-marker.ts";

/** `.<name>.partial-<pid>` (a run being written) and `.<name>.partial-<pid>.old` (the result it replaces). */
export const PARTIAL_FOLDER = /^\..+\.partial-(\d+)(?:\.old)?$/;

/**
 * True when a process with this pid exists on this machine. EPERM means it exists but belongs to another
 * user; a zombie (exited, not yet reaped) also counts as alive, which errs on the side of keeping things.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the hidden work folders in `parent` that a killed process left behind: entries matching
 * `pattern` (group 1 is the writer's pid) whose pid is not a live process here. A folder whose marker says
 * another machine wrote it (a shared volume) is kept: its pid means nothing on this one. Returns the
 * names removed; a missing `parent` is not an error.
 *
 * @example
 * removeStalePartials("results/quickstart"); // [".seed-42.partial-81234"] after a killed run
 */
export function removeStalePartials(parent: string, pattern: RegExp = PARTIAL_FOLDER): string[] {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = pattern.exec(entry);
    if (!match || match[1] === String(process.pid) || isProcessAlive(Number(match[1]))) continue;
    const path = join(parent, entry);
    const marker = readMarker(path);
    if (marker && marker.host !== hostname()) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}
