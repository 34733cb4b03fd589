import { parse as parseYaml } from "yaml";
import { SimError } from "../errors.ts";
import { FORBIDDEN_KEYS, findForbiddenKey } from "./forbidden-keys.ts";

/**
 * Applies `--set key.path=value` to a raw (not yet validated) scenario object. The value is read as a
 * YAML scalar (so `12`, `true`, `null`, `fifo`, `[1, 2]` all work) and the schema then types and
 * validates it like any other field. List items are addressed by index or by their `id`:
 * `agents.arb.params.minProfitUsd=0` or `agents.0.params.minProfitUsd=0`; `agents.3={...}` on a
 * three-item list appends an item.
 *
 * @example
 * applyOverride(raw, "network.blockTime=2");
 */
export function applyOverride(raw: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf("=");
  if (eq <= 0) {
    throw new SimError("DL103", `--set ${assignment}: expected key.path=value`, {
      hint: "for example --set network.blockTime=2",
    });
  }
  const path = assignment.slice(0, eq).trim();
  const value = parseValue(assignment.slice(eq + 1), path);
  const inValue = findForbiddenKey(value);
  if (inValue) throw new SimError("DL103", `--set ${path}: the key "${inValue.split(".").pop()}" is not allowed in the value`);
  const parts = path.split(".");
  const forbidden = parts.find((part) => FORBIDDEN_KEYS.has(part));
  if (forbidden) {
    throw new SimError("DL103", `--set ${path}: the key "${forbidden}" is not allowed`, {
      hint: "no scenario field has this name; docs/scenario.md lists them all",
    });
  }
  if (parts.some((part) => part === "")) {
    throw new SimError("DL103", `--set ${path}: empty key in the path`, { hint: "for example --set network.blockTime=2" });
  }
  let node: unknown = raw;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const key = parts[i];
    if (Array.isArray(node)) {
      const index = listIndex(node, key, parts.slice(0, i).join("."), path, last);
      if (last) node[index] = value;
      else node = node[index];
      continue;
    }
    if (typeof node !== "object" || node === null) {
      throw new SimError("DL103", `--set ${path}: ${parts.slice(0, i).join(".")} is not an object`, {
        hint: "check the key path against docs/scenario.md",
      });
    }
    const record = node as Record<string, unknown>;
    if (last) record[key] = value;
    else {
      if (record[key] === undefined || record[key] === null) record[key] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      node = record[key];
    }
  }
}

function parseValue(text: string, path: string): unknown {
  try {
    return parseYaml(text);
  } catch (cause) {
    throw new SimError("DL103", `--set ${path}: value ${JSON.stringify(text)} is not valid YAML`, { cause });
  }
}

/** Index of a list item by position or id; on the last segment, index = length appends an item. */
function listIndex(list: unknown[], key: string, listPath: string, path: string, last: boolean): number {
  if (/^\d+$/.test(key)) {
    const index = Number(key);
    if (index > list.length || (index === list.length && !last)) {
      throw new SimError("DL103", `--set ${path}: ${listPath} has ${list.length} items, no index ${index}`);
    }
    return index;
  }
  const index = list.findIndex((item) => typeof item === "object" && item !== null && (item as { id?: unknown }).id === key);
  if (index < 0) {
    const ids = list.map((item) => (item as { id?: unknown })?.id).filter((id) => typeof id === "string");
    throw new SimError("DL103", `--set ${path}: no item with id "${key}" in ${listPath}`, {
      hint: ids.length ? `ids are: ${ids.join(", ")}` : "give the item an id, or address it by index",
    });
  }
  return index;
}
