import { existsSync, readFileSync, statSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { SimError } from "../errors.ts";
import { rejectForbiddenKeys } from "./forbidden-keys.ts";

/** A scenario is a page of YAML; anything larger is a mistake (a data file given as a scenario). */
const MAX_SCENARIO_BYTES = 1_048_576;

/**
 * Reads a scenario file as a raw YAML mapping (not yet validated). Throws DL101 when the file is
 * missing, DL102 when it is not YAML (with the line), DL100 when it is not a mapping. An empty file is {}.
 */
export function readScenarioYaml(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new SimError("DL101", `scenario file not found: ${path}`, { hint: "scenarios/ holds the shipped ones" });
  const stat = statSync(path);
  if (!stat.isFile()) throw new SimError("DL101", `scenario path is not a file: ${path}`, { hint: "give a .yaml file, e.g. scenarios/quickstart.yaml" });
  const bytes = stat.size;
  if (bytes > MAX_SCENARIO_BYTES) {
    throw new SimError("DL100", `${path}: a scenario file must be at most 1 MiB (this one is ${bytes} bytes)`, {
      hint: "is this a data file? replayed prices go in a CSV named by market.file",
    });
  }
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (cause) {
    const where = cause instanceof YAMLParseError && cause.linePos ? `:${cause.linePos[0].line}` : "";
    throw new SimError("DL102", `${path}${where}: ${(cause as Error).message.split("\n")[0]}`, { cause });
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new SimError("DL100", `${path}: a scenario must be a YAML mapping (got ${Array.isArray(raw) ? "a list" : typeof raw})`);
  }
  rejectForbiddenKeys(raw, path);
  return raw as Record<string, unknown>;
}
