import type { z } from "zod";

/** One numeric or text field of the scenario schema with its bounds (docs/scenario.md, "Bounds"). */
export interface FieldBound {
  /** Dotted path; union branches are named by their tag, e.g. `agents[market-maker].params.sizeBase`. */
  path: string;
  kind: "number" | "integer" | "text";
  /** Numbers: the smallest and largest value; text: the shortest and longest length. */
  min: number | null;
  max: number | null;
  default: unknown;
}

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  minLength?: number | null;
  maxLength?: number | null;
  shape?: Record<string, ZodInternals>;
}

/**
 * Every number and text leaf of a zod schema with its bounds and default, found by walking the schema
 * (objects, lists, defaults, optionals, nullables, pipes and unions). The docs table and the test that
 * every numeric field is bounded both read this, so neither can drift from the schema.
 */
export function fieldBounds(schema: z.ZodType, path = ""): FieldBound[] {
  return walk(schema as unknown as ZodInternals, path, undefined);
}

function walk(node: ZodInternals, path: string, fallback: unknown): FieldBound[] {
  const def = node._zod.def;
  switch (def.type) {
    case "default":
    case "prefault":
      return walk(def.innerType as ZodInternals, path, def.defaultValue);
    case "optional":
    case "nullable":
    case "readonly":
      return walk(def.innerType as ZodInternals, path, fallback);
    case "pipe": {
      // z.preprocess: a transform into the real schema; a transform then a check: the check bounds the field.
      const into = def.out as ZodInternals;
      const from = def.in as ZodInternals;
      const target = into._zod.def.type === "transform" ? from : into;
      return walk(target, path, fallback);
    }
    case "object":
      return Object.entries(node.shape ?? {}).flatMap(([key, child]) => walk(child, path ? `${path}.${key}` : key, undefined));
    case "array":
      return walk(def.element as ZodInternals, `${path}[]`, undefined);
    case "union": {
      const discriminator = def.discriminator as string | undefined;
      return (def.options as ZodInternals[]).flatMap((option) => {
        const tag = discriminator ? tagOf(option, discriminator) : undefined;
        const sub = tag === undefined ? path : path.endsWith("[]") ? `${path.slice(0, -2)}[${tag}]` : `${path}[${tag}]`;
        return walk(option, sub, fallback);
      });
    }
    case "number":
      return [{ path, kind: node.isInt ? "integer" : "number", min: finite(node.minValue), max: finite(node.maxValue), default: fallback }];
    case "string":
      return [{ path, kind: "text", min: node.minLength ?? null, max: node.maxLength ?? null, default: fallback }];
    default:
      return [];
  }
}

function tagOf(option: ZodInternals, discriminator: string): string | undefined {
  const literal = option.shape?.[discriminator]?._zod.def as { values?: unknown[] } | undefined;
  return literal?.values?.map(String).join("|");
}

/** A bound that is really there: zod reports "no bound" as ±Infinity or, for integers, ±MAX_SAFE_INTEGER. */
function finite(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || Math.abs(value) >= Number.MAX_SAFE_INTEGER) return null;
  return value;
}
