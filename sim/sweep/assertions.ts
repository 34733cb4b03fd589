import { z } from "zod";
import type { SimError } from "../errors.ts";
import { problemsError } from "../problems.ts";
import { mean, quantile } from "../stats/descriptive.ts";
import { formatIssues } from "../scenario/issues.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { SweepPoint } from "./run-list.ts";
import type { RunRecord } from "./sweep-tables.ts";

const assertionSchema = z.strictObject({
  metric: z.string().min(1),
  aggregate: z.enum(["mean", "p95", "max", "min"]).default("mean"),
  op: z.enum(["<", "<=", ">", ">=", "between"]),
  value: z.union([z.number(), z.tuple([z.number(), z.number()])]),
  where: z.record(z.string(), z.unknown()).optional(),
});

/** One line of a scenario's `assertions:` list: a bound on an aggregate of a metric across seeds. */
export type Assertion = z.output<typeof assertionSchema> & { index: number };

export interface AssertionResult {
  assertion: Assertion;
  point: number;
  /** `field=value, …` of the point, or "" when nothing is swept. */
  pointLabel: string;
  /** Completed runs with a value for the metric. */
  n: number;
  measured: number;
  pass: boolean;
}

/**
 * Validates `assertions:` (every problem at once, DL100, with its path). `where` may only name swept
 * fields and must select at least one point.
 *
 * @example
 * parseAssertions([{ metric: "lvrUsd", aggregate: "mean", op: "<", value: 200 }], "pool.yaml", [], points);
 */
export function parseAssertions(raw: unknown, source: string, fields: readonly string[], points: readonly SweepPoint[]): Assertion[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw problems(source, [`assertions: must be a list (got ${typeof raw})`]);
  const lines: string[] = [];
  const assertions: Assertion[] = [];
  raw.forEach((item, index) => {
    const at = `assertions[${index}]`;
    const parsed = assertionSchema.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      lines.push(
        ...formatIssues(parsed.error.issues, () => Object.keys(assertionSchema.shape)).map((l) =>
          l === "(scenario)" || l.startsWith("(scenario):") ? `${at}${l.slice(10)}` : `${at}.${l}`,
        ),
      );
      return;
    }
    const a = { ...parsed.data, index };
    assertions.push(a);
    if (a.op === "between" && (!Array.isArray(a.value) || a.value[0] > a.value[1]))
      lines.push(`${at}.value: "between" needs [lo, hi] with lo ≤ hi (got ${JSON.stringify(a.value)})`);
    if (a.op !== "between" && Array.isArray(a.value)) lines.push(`${at}.value: "${a.op}" needs one number (got a list)`);
    for (const field of Object.keys(a.where ?? {})) {
      if (!fields.includes(field)) lines.push(`${at}.where.${field}: not a swept field (swept: ${fields.join(", ") || "none"})`);
    }
    if (a.where && Object.keys(a.where).every((f) => fields.includes(f)) && matchingPoints(a, points).length === 0) {
      lines.push(`${at}.where: ${canonicalJson(a.where)} matches no point of the sweep`);
    }
  });
  if (lines.length) throw problems(source, lines);
  return assertions;
}

/** The points an assertion applies to: those whose swept values equal every `where` entry (all without `where`). */
export function matchingPoints(assertion: Assertion, points: readonly SweepPoint[]): SweepPoint[] {
  const where = Object.entries(assertion.where ?? {});
  return points.filter((p) => where.every(([f, v]) => canonicalJson(p.values[f]) === canonicalJson(v)));
}

/**
 * Evaluates each assertion at each point it applies to, over that point's completed runs. A metric that
 * no run reported is an input error (DL400, exit 2) with the nearest known names.
 */
export function evaluateAssertions(
  assertions: readonly Assertion[],
  points: readonly SweepPoint[],
  records: readonly RunRecord[],
  source: string,
): AssertionResult[] {
  const known = new Set(records.flatMap((r) => Object.keys(r.metrics ?? {})));
  const unknown = assertions.filter((a) => !known.has(a.metric));
  if (unknown.length && known.size > 0) {
    throw problems(
      source,
      unknown.map((a) => `assertions[${a.index}].metric: unknown metric "${a.metric}"${suggest(a.metric, [...known])}`),
      "DL400",
    );
  }
  const results: AssertionResult[] = [];
  for (const a of assertions) {
    for (const point of matchingPoints(a, points)) {
      const values = records
        .filter((r) => r.run.point === point.index && r.status === "ok")
        .map((r) => r.metrics?.[a.metric])
        .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
      const measured = aggregate(a.aggregate, values);
      const label = Object.entries(point.values)
        .map(([f, v]) => `${f}=${typeof v === "string" ? v : JSON.stringify(v)}`)
        .join(", ");
      results.push({ assertion: a, point: point.index, pointLabel: label, n: values.length, measured, pass: holds(a, measured) });
    }
  }
  return results;
}

/** `lvrUsd mean < 200`, `arbProfitUsd p95 between [10, 90]`. */
export function describeAssertion(a: Assertion): string {
  const bound = Array.isArray(a.value) ? `[${a.value[0]}, ${a.value[1]}]` : String(a.value);
  return `${a.metric} ${a.aggregate} ${a.op} ${bound}`;
}

function aggregate(kind: Assertion["aggregate"], values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  if (kind === "mean") return mean(values);
  if (kind === "p95") return quantile(values, 0.95);
  return kind === "max" ? Math.max(...values) : Math.min(...values);
}

function holds(a: Assertion, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  const v = a.value;
  switch (a.op) {
    case "<":
      return x < (v as number);
    case "<=":
      return x <= (v as number);
    case ">":
      return x > (v as number);
    case ">=":
      return x >= (v as number);
    case "between":
      return x >= (v as [number, number])[0] && x <= (v as [number, number])[1];
  }
}

function problems(source: string, lines: readonly string[], code: "DL100" | "DL400" = "DL100"): SimError {
  return problemsError(code, source, lines, {
    topic: "assertions",
    hint: "the assertion syntax and the metric names are in docs/sweeps.md and docs/outputs.md",
  });
}

/** ` — did you mean "x"?` for the nearest name by edit distance, when close; the known names otherwise. */
function suggest(name: string, known: readonly string[]): string {
  let best = "";
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` — did you mean "${best}"?` : ` (known: ${[...known].sort().join(", ")})`;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}
