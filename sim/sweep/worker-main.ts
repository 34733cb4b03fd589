// Entry point of a sweep worker process (forked by worker-pool.ts). It runs the jobs it is sent one at a
// time, each on a fresh in-process chain, and answers each with its metrics or its error. The parent
// owns the sweep folder; a worker only writes its runs' own folders (through runScenario, atomically).
import { runScenario } from "../engine/run-scenario.ts";
import { isSimError } from "../errors.ts";
import { ResultsDir } from "../record/results-dir.ts";
import { resolveScenario } from "../scenario/load.ts";
import type { ToWorker, WorkerReply } from "./worker-pool.ts";

let queue = Promise.resolve();

process.on("message", (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});

/** Leaves without publishing the run in progress: its partial folder is removed first. */
function quit(code: number): void {
  ResultsDir.abortOpen();
  process.exit(code);
}
// The parent stops its workers with SIGTERM (on its own SIGINT/SIGTERM, or when done).
process.on("SIGTERM", () => quit(143));
// Ctrl-C reaches the whole process group; the parent decides, and stops the workers itself, so a worker
// never dies before the parent knows the sweep is being interrupted (it would count its run as failed).
process.on("SIGINT", () => {});
// The parent went away (killed): nothing is left to report to.
process.on("disconnect", () => quit(0));

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === "exit") process.exit(0);
  const { job } = message;
  let reply: WorkerReply;
  try {
    const scenario = resolveScenario(job.raw, job.baseDir, job.defaultName, { set: job.set, seed: job.seed }, job.source);
    const summary = await runScenario(scenario, { outDir: job.outDir });
    reply = { kind: "result", runId: job.runId, ok: true, metrics: summary.metrics, rssMb: rssMb() };
  } catch (error) {
    const code = isSimError(error) ? error.code : "DL202";
    const text = error instanceof Error ? error.message : String(error);
    const cause = isSimError(error) && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
    reply = { kind: "result", runId: job.runId, ok: false, code, message: `${text}${cause}`, rssMb: rssMb() };
  }
  await new Promise<void>((resolve) => process.send!(reply, () => resolve()));
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}
