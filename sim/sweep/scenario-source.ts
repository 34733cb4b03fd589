import { basename, dirname, extname, resolve } from "node:path";
import { readScenarioYaml } from "../scenario/read-yaml.ts";

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
  const raw = readScenarioYaml(path);
  const { sweep, assertions, ...rest } = raw;
  return { path, baseDir: dirname(resolve(path)), defaultName: basename(path, extname(path)), raw: rest, sweep, assertions };
}
