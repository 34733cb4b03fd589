import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { SimError } from "../errors.ts";

/**
 * Reads a scenario file as a raw YAML mapping (not yet validated). Throws DL101 when the file is
 * missing, DL102 when it is not YAML (with the line), DL100 when it is not a mapping. An empty file is {}.
 */
export function readScenarioYaml(path: string): Record<string, unknown> {
  if (!existsSync(path)) throw new SimError("DL101", `scenario file not found: ${path}`, { hint: "scenarios/ holds the shipped ones" });
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
  return raw as Record<string, unknown>;
}
