import { SimError } from "../errors.ts";

/**
 * Keys that would reach an object's prototype when a scenario is merged or overridden
 * (`--set __proto__.x=1` once wrote into Object.prototype). No scenario field has these names, so they
 * are refused wherever a key enters: YAML mappings and `--set` paths.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** The dotted path of the first forbidden key in a raw (parsed YAML) tree, or undefined. */
export function findForbiddenKey(node: unknown, path = ""): string | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const entries = Array.isArray(node) ? node.map((v, i) => [String(i), v] as const) : Object.entries(node);
  // Object.entries skips a `__proto__` that set the prototype instead of an own key; catch that too.
  if (!Array.isArray(node) && Object.getPrototypeOf(node) !== Object.prototype && Object.getPrototypeOf(node) !== null) {
    return path ? `${path}.__proto__` : "__proto__";
  }
  for (const key of Object.getOwnPropertyNames(node)) {
    if (FORBIDDEN_KEYS.has(key)) return path ? `${path}.${key}` : key;
  }
  for (const [key, value] of entries) {
    const found = findForbiddenKey(value, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** Throws DL100 (a file) when a raw scenario tree holds a forbidden key. */
export function rejectForbiddenKeys(raw: unknown, source: string): void {
  const found = findForbiddenKey(raw);
  if (found) {
    throw new SimError("DL100", `${source}: ${found}: the key "${found.split(".").pop()}" is not allowed in a scenario`, {
      hint: "remove it; no scenario field has this name (docs/scenario.md lists them all)",
    });
  }
}
