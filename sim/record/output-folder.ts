import { readdirSync, statSync } from "node:fs";
import { SimError } from "../errors.ts";
import { LOCK_FILE } from "./folder-lock.ts";
import { MARKER_FILE, readMarker, type ResultKind, type ResultMarker } from "./result-marker.ts";

/** What is at an output path before deltalag writes there. */
export type OutputFolder = { state: "new" } | { state: "empty" } | { state: "previous"; marker: ResultMarker };

/**
 * Decides whether deltalag may write its results at `path`: a path that does not exist, an empty folder,
 * or a folder carrying the marker of a result of one of the `accept` kinds (replaced, resumed or updated
 * by the caller). Anything else — a file, a folder of the user's (`.`, a home directory, a project), a
 * result of another kind — is refused with DL301 (exit 2) and left exactly as it was.
 *
 * @example
 * checkOutputFolder("results/q/seed-42", ["run"], "--out"); // { state: "new" }
 */
export function checkOutputFolder(path: string, accept: readonly ResultKind[], what: string): OutputFolder {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { state: "new" };
    throw new SimError("DL300", `${what} ${path}: cannot be inspected`, { cause: error, hint: "check the path and its permissions" });
  }
  if (!isDirectory) {
    throw new SimError("DL301", `${what} ${path}: is a file, not a results folder; nothing was changed`, { hint: "choose a new or empty folder" });
  }
  const marker = readMarker(path);
  if (marker) {
    if (accept.includes(marker.kind)) return { state: "previous", marker };
    throw new SimError("DL301", `${what} ${path}: holds a deltalag ${marker.kind} result, which this command does not replace; nothing was changed`, {
      hint: `choose another folder (this one takes a deltalag ${accept.join(" or ")} result); delete it yourself if you no longer need it`,
    });
  }
  // A lock without a marker is a writer that has just started (or died right after): let the lock decide.
  const entries = readdirSync(path).filter((e) => e !== LOCK_FILE);
  if (entries.length === 0) return { state: "empty" };
  const sample = entries.sort().slice(0, 3).join(", ");
  throw new SimError(
    "DL301",
    `${what} ${path}: the folder exists and is not a deltalag result (it holds ${entries.length} ${entries.length === 1 ? "entry" : "entries"}: ${sample}${entries.length > 3 ? ", …" : ""}); nothing was changed`,
    {
      hint: `choose a new or empty folder; deltalag replaces only folders it wrote itself, which contain ${MARKER_FILE} (results of an older deltalag have none: move or delete them yourself)`,
    },
  );
}
