import { loadScenario } from "/work/main/sim/scenario/load.ts";
import { runScenario } from "/work/main/sim/engine/run-scenario.ts";
const s = loadScenario(process.argv[2], { set: process.argv.slice(3) });
const t = performance.now();
const r = await runScenario(s, { outDir: "/tmp/out-" + s.name });
console.log(JSON.stringify(r.metrics, null, 1), (performance.now() - t) / 1000);
