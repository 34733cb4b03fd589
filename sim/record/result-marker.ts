import { lstatSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Every folder deltalag writes carries this file. It is how deltalag recognises its own results (never by
 * a folder's name): only a folder with a marker may be replaced (`run`), resumed (`sweep`) or updated
 * (`merge`), and `report` writes only into one.
 */
export const MARKER_FILE = ".deltalag-result.json";

/** Marker layout version; a reader accepts only formats it knows. */
const MARKER_FORMAT = 1;

export type ResultKind = "run" | "sweep" | "merge";

export interface ResultMarker {
  tool: "deltalag";
  format: number;
  kind: ResultKind;
  /** The deltalag package version that wrote the folder. */
  version: string;
  /** When the folder was created (ISO 8601, UTC). */
  createdAt: string;
  /** Process and machine that wrote it: tells a stale hidden work folder from a live one. */
  pid: number;
  host: string;
}

const KINDS: ReadonlySet<string> = new Set(["run", "sweep", "merge"]);

/**
 * Writes the marker into `dir` (atomically: aside, then renamed).
 *
 * @example
 * writeMarker("results/q/.seed-42.partial-123", "run");
 */
export function writeMarker(dir: string, kind: ResultKind): ResultMarker {
  const marker: ResultMarker = {
    tool: "deltalag",
    format: MARKER_FORMAT,
    kind,
    version: packageVersion(),
    createdAt: new Date().toISOString(),
    pid: process.pid,
    host: hostname(),
  };
  const path = join(dir, MARKER_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(marker, null, 2)}\n`);
  renameSync(tmp, path);
  return marker;
}

/** The marker of `dir`, or undefined when it has none (or one that is not a regular file deltalag wrote). */
export function readMarker(dir: string): ResultMarker | undefined {
  const path = join(dir, MARKER_FILE);
  try {
    if (!lstatSync(path).isFile()) return undefined;
    const marker = JSON.parse(readFileSync(path, "utf8")) as Partial<ResultMarker>;
    if (marker.tool !== "deltalag" || marker.format !== MARKER_FORMAT || !KINDS.has(String(marker.kind))) return undefined;
    return marker as ResultMarker;
  } catch {
    return undefined;
  }
}

let version: string | undefined;
function packageVersion(): string {
  // Not through sim/chain/hre.ts: that would load Hardhat just to find package.json.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  version ??= (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
  return version;
}
