/**
 * Mutations of a raw scenario, one field at a time, for the scenario fuzz (scripts/fuzz-scenarios.ts and
 * its sample in test/scenario/fuzz-sample.test.ts). Pure: it only builds mutated copies.
 */
export type Raw = Record<string, unknown>;
export type PathPart = string | number;

export interface Mutation {
  /** Which mutation: negative, zero, huge, tiny, wrong-type, empty, missing, unknown-key. */
  kind: string;
  /** The mutated field (for unknown-key: the added key). */
  path: PathPart[];
  /** The scenario with this one change. */
  scenario: Raw;
}

/** Sections that `run` ignores (they belong to sweep and check), so mutating them tests nothing. */
const IGNORED_TOP = new Set(["sweep", "assertions"]);
export const UNKNOWN_KEY = "bogusField";

/** Every single-field mutation of a raw scenario. */
export function mutations(raw: Raw): Mutation[] {
  const out: Mutation[] = [];
  visit(raw, [], raw, out);
  return out;
}

function visit(node: unknown, path: PathPart[], root: Raw, out: Mutation[]): void {
  const at = (kind: string, value: unknown, p: PathPart[] = path) => out.push({ kind, path: p, scenario: replaced(root, p, value) });
  if (path.length > 0) {
    if (typeof node === "number") {
      at("negative", node === 0 ? -1 : -Math.abs(node) * 2);
      at("zero", 0);
      at("huge", 1e308);
      at("tiny", 1e-9);
      at("wrong-type", "abc");
      at("empty", null);
    } else if (typeof node === "string") {
      at("wrong-type", 12345);
      at("empty", "");
      at("huge", "x".repeat(20_000));
      at("null", null);
    } else if (typeof node === "boolean") {
      at("wrong-type", "abc");
    } else if (Array.isArray(node)) {
      at("empty", []);
      at("wrong-type", "abc");
    } else if (node && typeof node === "object") {
      at("wrong-type", 42);
      at("empty", {});
    }
    at("missing", DELETE);
  }
  if (node && typeof node === "object") {
    if (!Array.isArray(node)) at("unknown-key", 1, [...path, UNKNOWN_KEY]);
    const entries: [PathPart, unknown][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of entries) {
      if (path.length === 0 && IGNORED_TOP.has(String(key))) continue;
      visit(value, [...path, key], root, out);
    }
  }
}

const DELETE = Symbol("delete");

/** A deep copy of `root` with the value at `path` replaced (or deleted). */
function replaced(root: Raw, path: PathPart[], value: unknown): Raw {
  const copy = structuredClone(root);
  let node = copy as Record<PathPart, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<PathPart, unknown>;
  const last = path[path.length - 1];
  if (value === DELETE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/**
 * The ways an error may name a field: `agents[2].params.x` (schema), `agents.arb.params.x` (checks that
 * address agents by id), or the field's own key as the last part of a path.
 */
export function fieldNames(raw: Raw, path: PathPart[]): string[] {
  let indexForm = "";
  let idForm = "";
  let node: unknown = raw;
  for (const part of path) {
    if (typeof part === "number") {
      indexForm += `[${part}]`;
      const id = (node as unknown[])[part] && ((node as Record<string, unknown>[])[part].id as string | undefined);
      idForm += id ? `.${id}` : `[${part}]`;
    } else {
      indexForm += indexForm ? `.${part}` : part;
      idForm += idForm ? `.${part}` : part;
    }
    node = node && typeof node === "object" ? (node as Record<PathPart, unknown>)[part] : undefined;
  }
  const leaf = [...path].reverse().find((p) => typeof p === "string") as string | undefined;
  return [indexForm, idForm, ...(leaf ? [`.${leaf}`, `${leaf}:`, `${leaf} `] : [])];
}
