import { isSimError, SimError } from "../errors.ts";
import { problemsError } from "../problems.ts";
import { formatIssues } from "../scenario/issues.ts";
import { knownKeysAt } from "../scenario/known-keys.ts";
import { resolveScenario } from "../scenario/load.ts";
import { applyOverride } from "../scenario/overrides.ts";
import { scenarioSchema } from "../scenario/schema.ts";
import { canonicalJson, fingerprintOf } from "./canonical-json.ts";
import { buildRunList, expandPoints, type RunSpec, type SweepPoint } from "./run-list.ts";
import { readScenarioSource, type ScenarioSource } from "./scenario-source.ts";
import { buildSweepSpec, type SweepFlags, type SweepSpec } from "./sweep-spec.ts";

export interface PlanOptions extends SweepFlags {
  /** `--set key.path=value`, applied before each point's own assignments. */
  set?: readonly string[];
  /** Base seed (overrides the scenario's `seed`). */
  seed?: number;
}

/** Everything a sweep will run, validated before any run starts. */
export interface SweepPlan {
  source: ScenarioSource;
  spec: SweepSpec;
  set: string[];
  name: string;
  baseSeed: number;
  points: SweepPoint[];
  /** Every run of the sweep, in run-index order (shards select from it). */
  runs: RunSpec[];
  /** Points whose scenario does not validate: their runs are recorded as failed without running. */
  invalid: Map<number, SimError>;
  /** Canonical JSON of each valid point's resolved scenario (seed 0): a completed run must match it. */
  expected: Map<number, string>;
  /** Identifies the sweep definition; shards of one sweep share it. */
  fingerprint: string;
}

/**
 * Reads a scenario file and its sweep definition and validates every point. An unknown field, a bad
 * key path or a malformed grid throws (exit 2) before anything runs; a value that makes one point
 * invalid only fails that point's runs (if every point is invalid the first error is thrown).
 *
 * @example
 * const plan = planSweep("scenarios/quickstart.yaml", { grid: ["network.blockTime=2,12"], seeds: 4 });
 */
export function planSweep(file: string, options: PlanOptions = {}): SweepPlan {
  const source = readScenarioSource(file);
  const spec = buildSweepSpec(source.sweep, options, source.path);
  const set = [...(options.set ?? [])];
  for (const assignment of set) applyOverride(structuredClone(source.raw), assignment); // a bad --set is DL103 as such
  const points = expandPoints(spec.axes);
  const invalid = new Map<number, SimError>();
  const expected = new Map<number, string>();
  let name: string | undefined;
  let baseSeed: number | undefined;
  for (const point of points) {
    try {
      const scenario = resolveScenario(
        source.raw,
        source.baseDir,
        source.defaultName,
        { set: [...set, ...point.assignments], seed: options.seed },
        source.path,
      );
      name ??= scenario.name;
      baseSeed ??= scenario.seed;
      expected.set(point.index, canonicalJson({ ...scenario, seed: 0 }));
    } catch (error) {
      if (!isSimError(error)) throw error;
      if (error.code === "DL103") {
        throw new SimError("DL400", error.message.replace(/^--set /, "swept field "), { hint: error.hint ?? "check the field path against docs/scenario.md" });
      }
      if (unknownFields(source.raw, set).length) throw error; // the scenario itself (DL100)
      const unknown = unknownFields(source.raw, [...set, ...point.assignments]);
      if (unknown.length) {
        throw problemsError("DL400", source.path, unknown, { noun: "unknown swept field", hint: "every field is listed in docs/scenario.md" });
      }
      invalid.set(point.index, error);
    }
  }
  if (invalid.size === points.length) throw invalid.get(0)!;
  const fingerprint = fingerprintOf({
    raw: source.raw,
    set,
    axes: spec.axes.map((a) => ({ fields: a.fields, rows: a.rows.map((r) => r.map((v) => v.text)) })),
    baseSeed,
    seeds: spec.seeds,
  });
  return {
    source,
    spec,
    set,
    name: name!,
    baseSeed: baseSeed!,
    points,
    runs: buildRunList(points.length, baseSeed!, spec.seeds),
    invalid,
    expected,
    fingerprint,
  };
}

/** "did you mean" lines for the unknown keys in a scenario after overrides (empty when there are none). */
function unknownFields(raw: Record<string, unknown>, assignments: readonly string[]): string[] {
  const input = structuredClone(raw);
  for (const a of assignments) applyOverride(input, a);
  const parsed = scenarioSchema.safeParse(input);
  if (parsed.success) return [];
  const issues = parsed.error.issues.filter((i) => i.code === "unrecognized_keys");
  return formatIssues(issues, (path) => knownKeysAt(scenarioSchema, input, path));
}
