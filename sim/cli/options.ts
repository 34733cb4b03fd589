import { InvalidArgumentError } from "commander";

/** Parses a non-negative integer flag value (for --seed and the like). */
export function parseNonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`must be a non-negative integer (got "${value}")`);
  return Number(value);
}

/** Collects a repeatable flag (`--set a=1 --set b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
