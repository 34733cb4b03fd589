import { constants } from "node:os";
import { isSimError, SimError } from "../errors.ts";
import { ResultsDir } from "../record/results-dir.ts";
import { WorkerPool } from "../sweep/worker-pool.ts";
import { printError } from "./print-error.ts";

export type StopSignal = "SIGINT" | "SIGTERM";
const SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];
/** How often the parent of an npm-started deltalag is checked (see watchParent). */
const PARENT_POLL_MS = 500;

/** 128 + the signal's number, as a shell reports a process it killed: 130 for SIGINT, 143 for SIGTERM. */
export function signalExitCode(signal: StopSignal): number {
  return 128 + constants.signals[signal];
}

export interface InterruptOptions {
  /**
   * True when the body honours the AbortSignal (a sweep: it stops its workers, cleans up and rejects
   * with DL500). Otherwise the process stops at once: worker pools stopped, open run folders removed.
   */
  cooperative: boolean;
  /** The DL500 error printed when the body did not produce its own. */
  stopped: (signal: StopSignal) => SimError;
}

/**
 * Runs a command's body with SIGINT and SIGTERM turned into an AbortSignal. After a signal nothing
 * partial is published: the run folders this process was writing are removed, every sweep worker has
 * exited, the DL500 error is printed and the process exits 130 (SIGINT) or 143 (SIGTERM). A body that
 * finished anyway returns normally. Signals after the first are ignored: Ctrl-C reaches the whole process
 * group and bin/deltalag.js forwards it as well, so one keypress may arrive twice.
 *
 * @example
 * await interruptible((signal) => runSweep(plan, { out, workers: 2, signal }), { cooperative: true, stopped });
 */
export async function interruptible<T>(body: (signal: AbortSignal) => Promise<T>, options: InterruptOptions): Promise<T> {
  const controller = new AbortController();
  let received: StopSignal | undefined;
  const stop = (signal: StopSignal) => {
    if (received) return;
    received = signal;
    controller.abort(signal);
    if (!options.cooperative) void exitStopped(signal, options.stopped(signal));
  };
  const handlers = SIGNALS.map((signal) => [signal, () => stop(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  const unwatch = watchParent(() => stop("SIGTERM"));
  try {
    return await body(controller.signal);
  } catch (error) {
    if (received) await exitStopped(received, isSimError(error) && error.code === "DL500" ? error : options.stopped(received));
    throw error;
  } finally {
    unwatch();
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}

let exiting = false;

async function exitStopped(signal: StopSignal, error: SimError): Promise<void> {
  if (exiting) return new Promise<void>(() => {}); // the first caller exits the process
  exiting = true;
  await WorkerPool.stopAll();
  ResultsDir.abortOpen();
  printError(error);
  process.exit(signalExitCode(signal));
}

/**
 * Started by npm (`npx deltalag`, `npm run …`), deltalag runs under npm's `sh -c`; npm passes a SIGTERM
 * on to that shell only, which dies without passing it on, and deltalag would go on as an orphan. So
 * when npm started it, a change of parent (re-parented to init) is taken as SIGTERM. Not otherwise: a
 * sweep started with `nohup … &` must survive its shell.
 */
function watchParent(onGone: () => void): () => void {
  if (!process.env.npm_command) return () => {};
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.stderr.write(`note: the parent process (pid ${parent}, npm) is gone; stopping as on SIGTERM\n`);
    onGone();
  }, PARENT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
