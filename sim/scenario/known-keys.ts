import type { z } from "zod";

/**
 * The field names a strict object accepts at `path`, found by walking the schema alongside the raw
 * input (the input picks the branch of a discriminated union). Used for "did you mean" hints.
 */
export function knownKeysAt(schema: z.ZodType, raw: unknown, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  let value: unknown = raw;
  for (const key of path) {
    node = descend(node, value, key);
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    if (!node) return [];
  }
  const object = unwrap(node, value);
  const shape = (object as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function descend(node: z.ZodType | undefined, value: unknown, key: PropertyKey): z.ZodType | undefined {
  const inner = unwrap(node, value) as unknown as { shape?: Record<string, z.ZodType>; element?: z.ZodType } | undefined;
  if (!inner) return undefined;
  if (typeof key === "number") return inner.element;
  return inner.shape?.[String(key)];
}

/** Strips defaults, optionals and pipes, and picks the union option matching the raw value. */
function unwrap(node: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
  let current = node;
  for (let guard = 0; current && guard < 20; guard++) {
    const def = (current as unknown as { def: Record<string, unknown> }).def;
    if (def.innerType) current = def.innerType as z.ZodType;
    else if (def.type === "pipe") {
      // z.preprocess is a pipe from a transform into the real schema; other pipes validate `in` first.
      const input = def.in as z.ZodType;
      current = (input as unknown as { def: { type: string } }).def.type === "transform" ? (def.out as z.ZodType) : input;
    } else if (def.type === "union") {
      const options = def.options as z.ZodType[];
      const discriminator = def.discriminator as string | undefined;
      const objects = options.filter((o) => (o as unknown as { shape?: unknown }).shape);
      if (discriminator && value && typeof value === "object") {
        const tag = (value as Record<string, unknown>)[discriminator];
        current =
          objects.find((o) => {
            const literal = (o as unknown as { shape: Record<string, { def: { values?: unknown[] } }> }).shape[discriminator];
            return literal?.def.values?.includes(tag);
            // No tag (a preprocess fills it in, as priorityFee's `fixed`): the first option's fields.
          }) ?? (tag === undefined ? objects[0] : undefined);
      } else current = objects[0];
    } else return current;
  }
  return current;
}
