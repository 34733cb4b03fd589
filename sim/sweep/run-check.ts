import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateAssertions, matchingPoints, parseAssertions, type AssertionResult } from "./assertions.ts";
import { compareBaseline, type BaselineComparison } from "./baseline.ts";
import { runSweep, type SweepResult } from "./run-sweep.ts";
import { planSweep, type SweepPlan } from "./sweep-plan.ts";

export interface CheckOptions {
  baseline?: string;
  /** Relative tolerance for the baseline comparison (0.05 = 5 %). */
  tolerance: number;
  /** Seeds per point (default: the scenario's sweep.seeds, or 1). */
  seeds?: number;
  workers: number;
  /** Keep the runs in this folder (resumable); default: a temporary folder, removed when everything passes. */
  out?: string;
  set?: readonly string[];
  progress?: boolean;
}

export interface ScenarioCheck {
  plan: SweepPlan;
  sweep: SweepResult;
  results: AssertionResult[];
  baseline?: BaselineComparison;
  /** True when every assertion holds, no run failed and no metric deviates from the baseline. */
  passed: boolean;
  /** Where the runs are (kept when something failed or --out was given). */
  kept?: string;
}

/**
 * Checks one scenario: validates its assertions (DL100/DL400 before anything runs), runs the points they
 * need through the sweep machinery, then evaluates them and compares with a baseline if given.
 *
 * @example
 * const c = await checkScenario("scenarios/regression-pool.yaml", { tolerance: 0.05, workers: 2 });
 */
export async function checkScenario(file: string, options: CheckOptions): Promise<ScenarioCheck> {
  const plan = planSweep(file, { seeds: options.seeds, set: options.set });
  const assertions = parseAssertions(plan.source.assertions, plan.source.path, plan.spec.fields, plan.points);
  const needed = new Set(options.baseline ? plan.points.map((p) => p.index) : assertions.flatMap((a) => matchingPoints(a, plan.points).map((p) => p.index)));
  const out = options.out ?? join(mkdtempSync(join(tmpdir(), "deltalag-check-")), plan.name);
  const sweep = await runSweep(plan, { out, workers: options.workers, progress: options.progress, pointFilter: (p) => needed.has(p.index) });
  const results = evaluateAssertions(assertions, plan.points, sweep.records, plan.source.path);
  const baseline = options.baseline ? compareBaseline(options.baseline, plan.spec.fields, plan.points, sweep.records, options.tolerance) : undefined;
  const passed = results.every((r) => r.pass) && sweep.counts.failed === 0 && (baseline?.deviations.length ?? 0) === 0;
  if (passed && options.out === undefined) rmSync(join(out, ".."), { recursive: true, force: true });
  return { plan, sweep, results, baseline, passed, kept: passed && options.out === undefined ? undefined : out };
}
