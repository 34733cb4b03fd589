import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SimError } from "../errors.ts";

/** Everything a worker needs to run one run (plain data: it crosses the IPC channel). */
export interface RunJob {
  runId: string;
  point: number;
  seed: number;
  raw: Record<string, unknown>;
  baseDir: string;
  defaultName: string;
  source: string;
  /** `--set` assignments followed by the point's own. */
  set: string[];
  outDir: string;
}

export type ToWorker = { kind: "run"; job: RunJob } | { kind: "exit" };

export type WorkerReply =
  | { kind: "result"; runId: string; ok: true; metrics: Record<string, number | null>; rssMb: number }
  | { kind: "result"; runId: string; ok: false; code: string; message: string; rssMb: number };

export interface JobResult {
  job: RunJob;
  ok: boolean;
  metrics?: Record<string, number | null>;
  code?: string;
  message?: string;
  /** Tail of what the worker printed, when it died during the run. */
  output?: string;
}

export interface PoolOptions {
  /** Worker processes running at once. */
  workers: number;
  /** A worker is replaced after this many runs (1 = a fresh process per run). */
  recycleAfter: number;
  /** …or as soon as its resident memory passes this (EDR keeps native memory per chain). */
  maxRssMb: number;
}

const WORKER_SCRIPT = fileURLToPath(new URL("./worker-main.ts", import.meta.url));
const OUTPUT_TAIL = 4_000;
/** Workers that die this many times in a row before finishing any run mean something is broken. */
const MAX_STARTUP_CRASHES = 3;
/** How long stop() lets a worker clean up before killing it. */
const STOP_GRACE_MS = 10_000;

interface Slot {
  child: ChildProcess;
  job?: RunJob;
  runs: number;
  output: string;
  retiring: boolean;
  gone: boolean;
}

/**
 * K child processes, each running jobs one at a time (one fresh in-process chain per run). A worker
 * that dies mid-run fails that run only (DL202, with its last output) and is replaced.
 *
 * @example
 * await new WorkerPool({ workers: 2, recycleAfter: 20, maxRssMb: 1500 }).run(jobs, (r) => record(r));
 */
export class WorkerPool {
  private readonly options: PoolOptions;
  private readonly slots = new Set<Slot>();
  private queue: RunJob[] = [];
  private onResult: (result: JobResult) => void = () => {};
  private finish: (error?: Error) => void = () => {};
  private stopping = false;
  private startupCrashes = 0;
  private settled: Promise<unknown> = Promise.resolve();

  /** Pools of this process with workers running: what an interrupt must stop before exiting. */
  private static readonly running = new Set<WorkerPool>();

  constructor(options: PoolOptions) {
    this.options = options;
  }

  /** True once stop() was called: the runs not reported were abandoned, not done. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Stops every running pool of this process and resolves once all their workers have exited. */
  static async stopAll(): Promise<void> {
    const pools = [...WorkerPool.running];
    for (const pool of pools) pool.stop();
    await Promise.all(pools.map((pool) => pool.settled.catch(() => {})));
  }

  /** Runs every job; resolves when all have a result (or after `stop()`, once every worker has exited). */
  run(jobs: readonly RunJob[], onResult: (result: JobResult) => void): Promise<void> {
    this.queue = [...jobs];
    this.onResult = onResult;
    const done = new Promise<void>((resolve, reject) => {
      this.finish = (error) => {
        WorkerPool.running.delete(this);
        return error ? reject(error) : resolve();
      };
      const n = this.stopping ? 0 : Math.min(this.options.workers, this.queue.length);
      if (n === 0) return resolve();
      WorkerPool.running.add(this);
      for (let i = 0; i < n; i++) this.dispatch(this.spawn());
    });
    this.settled = done;
    return done;
  }

  /**
   * Stops every worker: SIGTERM makes a worker remove its run's partial folder and exit; one still alive
   * after `graceMs` is killed (SIGKILL). In-flight runs are abandoned, not recorded as failed. `run()`
   * resolves once every worker has exited, so nothing the pool started outlives it.
   */
  stop(graceMs = STOP_GRACE_MS): void {
    this.stopping = true;
    this.queue = [];
    for (const slot of this.slots) slot.child.kill("SIGTERM");
    if (this.slots.size === 0) return this.finish();
    setTimeout(() => {
      for (const slot of this.slots) slot.child.kill("SIGKILL");
    }, graceMs).unref();
  }

  private spawn(): Slot {
    const child = fork(WORKER_SCRIPT, [], {
      execPath: process.execPath,
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      env: { ...process.env, HARDHAT_DISABLE_TELEMETRY: "true" },
    });
    const slot: Slot = { child, runs: 0, output: "", retiring: false, gone: false };
    const keep = (chunk: Buffer) => (slot.output = (slot.output + chunk.toString()).slice(-OUTPUT_TAIL));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    child.on("exit", (code, signal) => this.onExit(slot, signal ? `was killed by ${signal}` : `exited with code ${code}`));
    child.on("error", (error) => this.onExit(slot, `failed: ${error.message}`));
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot): void {
    const job = this.queue.shift();
    if (!job) return this.retire(slot);
    slot.job = job;
    slot.output = "";
    slot.child.send({ kind: "run", job } satisfies ToWorker);
  }

  private retire(slot: Slot): void {
    slot.retiring = true;
    if (slot.child.connected) slot.child.send({ kind: "exit" } satisfies ToWorker);
    else slot.child.kill("SIGTERM");
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || reply.runId !== job.runId) return;
    slot.job = undefined;
    slot.runs++;
    this.startupCrashes = 0;
    this.onResult(reply.ok ? { job, ok: true, metrics: reply.metrics } : { job, ok: false, code: reply.code, message: reply.message });
    if (this.stopping) return;
    if (slot.runs >= this.options.recycleAfter || reply.rssMb > this.options.maxRssMb) {
      this.retire(slot);
      if (this.queue.length > 0) this.dispatch(this.spawn());
    } else this.dispatch(slot);
  }

  private onExit(slot: Slot, how: string): void {
    if (slot.gone) return;
    slot.gone = true;
    this.slots.delete(slot);
    const job = slot.job;
    if (job && !this.stopping) {
      slot.job = undefined;
      const oom = how.includes("SIGKILL") ? " (out of memory?)" : "";
      this.onResult({ job, ok: false, code: "DL202", message: `the worker process ${how} during the run${oom}`, output: slot.output.trim() || undefined });
      if (slot.runs === 0 && ++this.startupCrashes >= MAX_STARTUP_CRASHES) {
        this.stop();
        this.finish(
          new SimError("DL202", `${MAX_STARTUP_CRASHES} sweep workers in a row died before finishing a run`, { hint: `last output:\n${slot.output.trim()}` }),
        );
        return;
      }
      if (this.queue.length > 0) this.dispatch(this.spawn());
    }
    if (this.slots.size === 0) this.finish();
  }
}
