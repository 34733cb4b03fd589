// The discrete-hedging law through scenarios/hedging-error.yaml with more seeds than the test can afford
// (test/validation/hedging-error.test.ts uses 32), or the model Monte Carlo behind the test's constants.
//   node scripts/hedging-law.ts [--seeds 200]      chain runs at N = 4, 16, 64, 256 on seeds 1…n; prints the table
//   node scripts/hedging-law.ts --model [48000]    pure Monte Carlo of the same schedule (kurtosis, ρ, exact/formula)
// Numbers, not assertions (same checks as the test, reported as pass/fail at z = 3).
import { loadScenario } from "../sim/scenario/load.ts";
import { FILE, formatTable, lawInputs, lawRow, lawRun, logLogSlope, modelMonteCarlo, NS, tolerances, type LawRow } from "../test/validation/hedging-law.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined && !args[i + 1].startsWith("--") ? Number(args[i + 1]) : fallback;
};

if (args.includes("--model")) {
  const paths = arg("--model", 48_000);
  console.log(`model Monte Carlo, ${paths} paths`);
  for (const r of modelMonteCarlo(paths)) {
    console.log(
      `  N=${String(r.n).padStart(3)} hedges ${String(r.hedges).padStart(3)}  sd ${r.sd.toFixed(4)}  exact/formula ${r.exactOverFormula.toFixed(4)}  ` +
        `kurtosis ${r.kurtosis.toFixed(2)}  corr(E², E_4N²) ${Number.isNaN(r.rhoSquaresWith4N) ? "–" : r.rhoSquaresWith4N.toFixed(3)}`,
    );
  }
} else {
  const seeds = arg("--seeds", 200);
  const { theory } = lawInputs(loadScenario(FILE));
  const started = performance.now();
  const rows: LawRow[] = [];
  for (const n of NS) {
    const runs = [];
    for (let seed = 1; seed <= seeds; seed++) runs.push(await lawRun(n, seed));
    rows.push(lawRow(n, runs, theory(n)));
    console.log(`  N=${n}: ${seeds} runs done (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  console.log(formatTable(rows, seeds));
  const tol = tolerances(seeds);
  const slope = logLogSlope(rows);
  const pass = (ok: boolean) => (ok ? "pass" : "FAIL");
  console.log(`  log-log slope ${slope.toFixed(3)} (allowed −0.5 ± ${tol.slope.toFixed(3)}): ${pass(Math.abs(slope + 0.5) <= tol.slope)}`);
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    const sdOk = Math.abs(Math.log(r.sd / r.theory)) <= tol.sd(r.n);
    const ratioOk = !next || Math.abs(Math.log(r.sd / next.sd / 2)) <= tol.ratio(r.n);
    console.log(`  N=${r.n}: sd ${pass(sdOk)}, ratio ${next ? pass(ratioOk) : "–"}, chain vs model ${pass(r.rmsModelGap < 0.05 * r.theory)}`);
  });
  console.log(`  wall ${((performance.now() - started) / 1000).toFixed(0)} s for ${seeds * NS.length} runs`);
}
