import { availableParallelism } from "node:os";
import { basename, extname, join } from "node:path";
import type { Command } from "commander";
import { ensureCompiled } from "../chain/compile.ts";
import { SimError } from "../errors.ts";
import { describeAssertion } from "../sweep/assertions.ts";
import { parseTolerance, type Deviation } from "../sweep/baseline.ts";
import { checkScenario, type ScenarioCheck } from "../sweep/run-check.ts";
import { readScenarioSource } from "../sweep/scenario-source.ts";
import { interruptible } from "./interrupts.ts";
import { collect } from "./options.ts";
import { parsePositiveInt } from "./sweep-command.ts";

interface CheckCommandOptions {
  baseline?: string;
  tolerance: string;
  seeds?: number;
  workers?: number;
  out?: string;
  set: string[];
  quiet?: boolean;
  compile: boolean;
}

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("run scenarios' assertions (and optionally compare with a baseline); exit 1 when any fails")
    .argument("<scenario...>", "scenario YAML files with an assertions: list")
    .option("--baseline <file>", "compare every metric with a run's summary.json or a sweep's points.csv")
    .option("--tolerance <t>", "relative tolerance for --baseline: 5% or 0.05", "5%")
    .option("--seeds <n>", "seeds per point (default: the scenario's sweep.seeds, or 1)", parsePositiveInt)
    .option("--workers <k>", "worker processes (default: number of cores)", parsePositiveInt)
    .option("--out <dir>", "keep the runs in <dir>/<scenario name> (default: a temporary folder, kept only on failure)")
    .option("--set <key.path=value>", "override a scenario field (repeatable)", collect, [])
    .option("--no-compile", "skip the contract build check (when a CI step already built)")
    .option("--quiet", "no progress output")
    .action(async (files: string[], opts: CheckCommandOptions) => {
      const tolerance = parseTolerance(opts.tolerance);
      if (opts.baseline && files.length > 1)
        throw new SimError("DL400", `--baseline compares one scenario (got ${files.length})`, { hint: "run check once per scenario with its own baseline" });
      for (const file of files) {
        const source = readScenarioSource(file);
        if (!opts.baseline && (source.assertions === undefined || source.assertions === null)) {
          throw new SimError("DL400", `${file}: nothing to check (no assertions: list and no --baseline)`, {
            hint: "docs/sweeps.md shows the assertions syntax",
          });
        }
      }
      // A check's sweeps do not watch the signal: the interrupt stops their workers and exits at once.
      const stopped = (signal: string) =>
        new SimError("DL500", `${signal}: check stopped; no tables were written`, {
          hint: opts.out
            ? `completed runs are kept in ${opts.out}; the same command resumes them`
            : "run the same command again (with --out, completed runs are kept and resumed)",
        });
      await interruptible(
        async () => {
          if (opts.compile) await ensureCompiled();
          const checks: ScenarioCheck[] = [];
          for (const file of files) {
            const check = await checkScenario(file, {
              baseline: opts.baseline,
              tolerance,
              seeds: opts.seeds,
              workers: opts.workers ?? availableParallelism(),
              out: opts.out === undefined ? undefined : join(opts.out, basename(file, extname(file))),
              set: opts.set,
              progress: !opts.quiet,
            });
            printCheck(check, tolerance);
            checks.push(check);
          }
          const failedAssertions = checks.reduce((n, c) => n + c.results.filter((r) => !r.pass).length, 0);
          const total = checks.reduce((n, c) => n + c.results.length, 0);
          const failedRuns = checks.reduce((n, c) => n + c.sweep.counts.failed, 0);
          const deviations = checks.reduce((n, c) => n + (c.baseline?.deviations.length ?? 0), 0);
          if (checks.every((c) => c.passed)) {
            console.log(`check passed: ${total} assertion${total === 1 ? "" : "s"}${opts.baseline ? ", baseline within tolerance" : ""}`);
            return;
          }
          const parts = [`${failedAssertions} of ${total} assertions failed`];
          if (failedRuns) parts.push(`${failedRuns} runs failed`);
          if (opts.baseline) parts.push(`${deviations} metrics outside ±${formatPercent(tolerance)} of the baseline`);
          throw new SimError("DL300", `check failed: ${parts.join(", ")}`, {
            hint: `the runs are kept in ${checks
              .filter((c) => c.kept)
              .map((c) => c.kept)
              .join(", ")}`,
          });
        },
        { cooperative: false, stopped },
      );
    });
}

function printCheck(check: ScenarioCheck, tolerance: number): void {
  const c = check.sweep.counts;
  console.log(`\n${check.plan.source.path}: ${c.selected} runs (${check.plan.spec.seeds} seeds per point), ${c.failed} failed`);
  const rows = check.results.map((r) => [
    String(r.assertion.index),
    describeAssertion(r.assertion),
    r.pointLabel || "-",
    String(r.n),
    formatNumber(r.measured),
    r.pass ? "PASS" : "FAIL",
  ]);
  if (rows.length) printTable(["#", "assertion", "point", "n", "measured", "result"], rows);
  const b = check.baseline;
  if (b) {
    console.log(`baseline (${b.basis}), tolerance ±${formatPercent(tolerance)}: ${b.compared} metric values compared, ${b.deviations.length} outside`);
    const devRows = b.deviations.map((d) => [d.metric, d.pointLabel || "-", formatNumber(d.baseline), formatNumber(d.current), change(d)]);
    if (devRows.length) printTable(["metric", "point", "baseline", "current", "change"], devRows);
  }
}

function change(d: Deviation): string {
  if (d.baseline === null || d.current === null) return d.baseline === null ? "no baseline value" : "no current value";
  if (!Number.isFinite(d.relative)) return "baseline was 0";
  return `${d.relative >= 0 ? "+" : ""}${formatPercent(d.relative)}`;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i])).join("  ")}`.trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

function formatNumber(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "-";
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}
