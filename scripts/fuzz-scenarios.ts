// Mutation fuzz of the shipped scenarios (npm run fuzz:scenarios): each case changes one field of one
// scenario (negative, zero, huge, tiny, wrong type, empty, missing, unknown key) and runs it through
// `deltalag run`. Targets: no stack trace, every rejected case exits 2 naming the mutated field, and no
// partial results. Accepted cases run for at most 15 simulated minutes (or 3 blocks).
//   node scripts/fuzz-scenarios.ts [--every K] [--scenarios a,b] [--report file.json]
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readScenarioYaml } from "../sim/scenario/read-yaml.ts";
import { runCase, type CaseResult } from "./fuzz/run-case.ts";
import { mutations } from "./fuzz/scenario-mutations.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const every = Number(flag("--every") ?? 1);
const only = flag("--scenarios")?.split(",");
const reportFile = flag("--report");
const files = readdirSync("scenarios")
  .filter((f) => f.endsWith(".yaml") && (!only || only.includes(f.replace(/\.yaml$/, ""))))
  .sort()
  .map((f) => join("scenarios", f));
const root = mkdtempSync(join(tmpdir(), "deltalag-fuzz-"));
const counts: Record<string, number> = { cases: 0, accepted: 0, rejected: 0, "run-failed": 0, "stack-trace": 0, "rejected-named": 0, leftovers: 0 };
const problems: { file: string; kind: string; path: string; result: CaseResult }[] = [];
const started = performance.now();
let index = 0;
for (const file of files) {
  const raw = readScenarioYaml(file);
  for (const mutation of mutations(raw)) {
    if (index++ % every !== 0) continue;
    const result = await runCase(file, mutation, join(root, `case-${index}`));
    counts.cases++;
    counts[result.outcome]++;
    if (result.named) counts["rejected-named"]++;
    if (result.leftovers.length) counts.leftovers++;
    const bad =
      result.outcome === "stack-trace" || (result.outcome === "rejected" && !result.named) || result.leftovers.length > 0 || result.outcome === "run-failed";
    if (bad) {
      problems.push({ file, kind: mutation.kind, path: mutation.path.join("."), result });
      console.log(`${result.outcome.padEnd(12)} ${file} ${mutation.kind} ${mutation.path.join(".")}: ${result.message.split("\n").slice(0, 3).join(" | ")}`);
    }
    if (counts.cases % 50 === 0) console.log(`… ${counts.cases} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}
const rejectedNamedShare = counts.rejected ? counts["rejected-named"] / counts.rejected : 1;
console.log(JSON.stringify({ ...counts, rejectedNamedShare, wallSeconds: Math.round((performance.now() - started) / 1000) }, null, 2));
if (reportFile) writeFileSync(reportFile, JSON.stringify({ counts, problems }, null, 2));
const ok = counts["stack-trace"] === 0 && counts.leftovers === 0 && counts["rejected-named"] === counts.rejected;
process.exitCode = ok ? 0 : 1;
