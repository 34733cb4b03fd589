import { parse as parseYaml } from "yaml";
import { SimError } from "../errors.ts";

/** One value of a swept field: `text` is YAML handed to the `--set` machinery, `value` what it parses to. */
export interface AxisValue {
  text: string;
  value: unknown;
}

/**
 * One dimension of the sweep. A grid axis has one field; a zip axis several fields varied together
 * (`rows[k][f]` is field f's value in step k).
 */
export interface Axis {
  kind: "grid" | "zip";
  fields: string[];
  rows: AxisValue[][];
}

/** Largest number of values one range may produce (a typo such as `1..1e9` should not plan a billion runs). */
const MAX_RANGE_VALUES = 100_000;
const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?`;
const RANGE = new RegExp(String.raw`^(${NUMBER})\.\.(${NUMBER})(?::(${NUMBER}))?$`);

/**
 * Parses one `--grid`/`--zip` flag, `field=v1,v2,...`. Items are YAML values (typed later by the schema,
 * exactly like `--set`) or inclusive ranges `lo..hi` / `lo..hi:step` (step 1 by default). Commas inside
 * `[...]`, `{...}` or quotes do not split. Throws DL400 naming the flag on any problem.
 *
 * @example
 * parseAxisFlag("--grid", "network.blockTime=1..4:1,12"); // field network.blockTime, values 1, 2, 3, 4, 12
 */
export function parseAxisFlag(flag: string, text: string): { field: string; values: AxisValue[] } {
  const eq = text.indexOf("=");
  const field = eq < 0 ? text.trim() : text.slice(0, eq).trim();
  const where: Where = { code: "DL400", label: `${flag} ${text}` };
  if (eq <= 0 || !/^[A-Za-z_][\w-]*(\.[\w-]+)*$/.test(field)) {
    throw problem(where, "expected field.path=v1,v2,... (for example --grid network.blockTime=2,12)");
  }
  return { field, values: parseValueList(text.slice(eq + 1), where) };
}

/**
 * Values of a field in the scenario's `sweep:` section: a YAML list, a single scalar, or a string in the
 * flag syntax (`"1..12:1"`, `"2,12"`). `label` names the field in error messages (DL100).
 */
export function parseAxisYaml(label: string, value: unknown): AxisValue[] {
  const where: Where = { code: "DL100", label };
  if (typeof value === "string") return parseValueList(value, where);
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) {
    throw problem(where, 'no values (give a list such as [2, 12] or a range string such as "1..12:1")');
  }
  const values = (Array.isArray(value) ? value : [value]).map((v) => ({ text: JSON.stringify(v), value: v }));
  checkDistinct(values, where);
  return values;
}

interface Where {
  code: "DL100" | "DL400";
  label: string;
}

function parseValueList(body: string, where: Where): AxisValue[] {
  if (body.trim() === "") throw problem(where, "no values after '='");
  const values: AxisValue[] = [];
  for (const [position, item] of splitTopLevel(body, where).entries()) {
    if (item === "") throw problem(where, `value ${position + 1} is empty`);
    if (/^[-+]?\.?\d/.test(item) && item.includes("..")) values.push(...expandRange(item, where));
    else values.push({ text: item, value: parseItem(item, where) });
  }
  checkDistinct(values, where);
  return values;
}

/** A value as it appears in CSVs and tables: scalars as themselves, lists and objects as compact JSON. */
export function displayValue(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Splits on commas outside brackets, braces and quotes; items are trimmed. */
function splitTopLevel(body: string, where: Where): string[] {
  const items: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      if (--depth < 0) throw problem(where, `unbalanced '${c}'`);
    } else if (c === "," && depth === 0) {
      items.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quote) throw problem(where, `unclosed ${quote}`);
  if (depth !== 0) throw problem(where, "unbalanced brackets");
  items.push(body.slice(start).trim());
  return items;
}

/** Inclusive range lo..hi:step; values are rounded to the decimals written, so 0.1 steps stay exact. */
function expandRange(item: string, where: Where): AxisValue[] {
  const m = RANGE.exec(item.replace(/\s+/g, ""));
  if (!m) throw problem(where, `"${item}" is not a range lo..hi or lo..hi:step`);
  const [lo, hi, step] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (!(step > 0)) throw problem(where, `range "${item}": the step must be > 0`);
  if (hi < lo) throw problem(where, `range "${item}": lo must be ≤ hi`);
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > MAX_RANGE_VALUES) throw problem(where, `range "${item}" has ${count} values (at most ${MAX_RANGE_VALUES})`);
  const decimals = Math.max(...[m[1], m[2], m[3] ?? "1"].map(decimalsOf));
  return Array.from({ length: count }, (_, k) => {
    const value = Number((lo + k * step).toFixed(Math.min(decimals, 15)));
    return { text: String(value), value };
  });
}

function decimalsOf(number: string): number {
  const [mantissa, exponent] = number.toLowerCase().split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

function parseItem(item: string, where: Where): unknown {
  try {
    return parseYaml(item);
  } catch {
    throw problem(where, `value "${item}" is not valid YAML`);
  }
}

function checkDistinct(values: readonly AxisValue[], where: Where): void {
  const seen = new Set<string>();
  for (const v of values) {
    const key = JSON.stringify(v.value);
    if (seen.has(key)) throw problem(where, `value ${v.text} appears twice (each value of a swept field must be distinct)`);
    seen.add(key);
  }
}

function problem(where: Where, text: string): SimError {
  return new SimError(where.code, `${where.label}: ${text}`, { hint: "the sweep syntax is in docs/sweeps.md" });
}
