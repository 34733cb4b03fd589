import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, extname, resolve } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { SimError } from "../errors.ts";

/**
 * A scenario file read as raw YAML, with the two keys the sweep and check commands own (`sweep:` and
 * `assertions:`) taken out. The scenario schema does not know them: they are stripped here, before
 * `resolveScenario` validates the rest (docs/sweeps.md).
 */
export interface ScenarioSource {
  /** The file as given on the command line. */
  path: string;
  /** Folder relative files (market.file) are resolved from. */
  baseDir: string;
  /** Default scenario name: the file name without extension. */
  defaultName: string;
  /** The scenario without `sweep` and `assertions`. */
  raw: Record<string, unknown>;
  sweep: unknown;
  assertions: unknown;
}

/**
 * Reads a scenario file for a sweep. Throws DL101 (missing), DL102 (not YAML) or DL100 (not a mapping),
 * like `loadScenario`.
 *
 * @example
 * const { raw, sweep } = readScenarioSource("scenarios/regression-pool.yaml");
 */
export function readScenarioSource(path: string): ScenarioSource {
  if (!existsSync(path)) throw new SimError("DL101", `scenario file not found: ${path}`, { hint: "scenarios/ holds the shipped ones" });
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? `:${cause.linePos[0].line}` : "";
    throw new SimError("DL102", `${path}${where}: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new SimError("DL100", `${path}: a scenario must be a YAML mapping (got ${Array.isArray(raw) ? "a list" : typeof raw})`);
  }
  const { sweep, assertions, ...rest } = raw as Record<string, unknown>;
  return { path, baseDir: dirname(resolve(path)), defaultName: basename(path, extname(path)), raw: rest, sweep, assertions };
}
