import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { LOCK_FILE } from "../../sim/record/folder-lock.ts";
import { alive, descendants, oldNode, runsOf, start, waitFor, type Started } from "./processes.ts";

const BIN = resolve("bin/deltalag.js");
/** 2 block times × 4 seeds of a 12-hour quickstart: runs long enough that some are in flight when stopped. */
const SWEEP = [
  "sweep",
  "scenarios/quickstart.yaml",
  "--grid",
  "network.blockTime=6,12",
  "--seeds",
  "4",
  "--set",
  "duration=12h",
  "--workers",
  "2",
  "--no-compile",
  "--quiet",
];
const RUNS = 8;

/** Waits until a run is complete and another is being written, collecting every process below `root`. */
async function midSweep(out: string, root: number, started: Started): Promise<Set<number>> {
  const pids = new Set<number>();
  await waitFor(() => {
    for (const pid of descendants(root)) pids.add(pid);
    const { complete, hidden } = runsOf(out);
    if (started.child.exitCode !== null) throw new Error(`the sweep ended early: ${started.output().stderr}`);
    return complete.length >= 1 && hidden.some((e) => e.includes(".partial-"));
  }, "a completed run and one in flight");
  return pids;
}

/** After the stop: nothing the sweep started is alive, nothing partial is left, completed runs are kept. */
function expectCleanStop(out: string, pids: Set<number>, completedBefore: string[]): string[] {
  expect(pids.size, "worker processes seen").to.be.at.least(2);
  expect([...pids].filter(alive), "processes still alive").to.deep.equal([]);
  const { complete, hidden } = runsOf(out);
  expect(hidden, "hidden partial folders").to.deep.equal([]);
  expect(complete).to.include.members(completedBefore);
  expect(existsSync(join(out, LOCK_FILE)), "lock left behind").to.equal(false);
  expect(existsSync(join(out, "runs.csv")), "runs.csv of an interrupted sweep").to.equal(false);
  return complete;
}

describe("CLI: SIGINT/SIGTERM stop deltalag cleanly", () => {
  const root = mkdtempSync(join(tmpdir(), "deltalag-signals-"));

  it("SIGTERM stops a 2-worker sweep: exit 143, workers gone, no partial folders, completed runs kept; a second sweep meanwhile is refused; resume completes the rest", async () => {
    const out = join(root, "sweep");
    const sweep = start(process.execPath, [BIN, ...SWEEP, "--out", out]);
    const pids = await midSweep(out, sweep.child.pid!, sweep);

    const second = spawnSync(process.execPath, [BIN, ...SWEEP, "--out", out], { encoding: "utf8" });
    expect(second.status, second.stderr).to.equal(2);
    expect(second.stderr).to.include(`error DL302: ${join(out, LOCK_FILE)}`);
    expect(second.stderr).to.include(`pid ${sweep.child.pid}`);

    for (const pid of await midSweep(out, sweep.child.pid!, sweep)) pids.add(pid);
    const completed = runsOf(out).complete;
    sweep.child.kill("SIGTERM");
    const end = await sweep.exited;
    expect(end.code, sweep.output().stderr).to.equal(143);
    expect(sweep.output().stderr).to.include("error DL500: SIGTERM: sweep stopped with");
    const kept = expectCleanStop(out, pids, completed);
    expect(kept.length).to.be.below(RUNS);

    const resume = spawnSync(process.execPath, [BIN, ...SWEEP, "--out", out], { encoding: "utf8" });
    expect(resume.status, resume.stderr).to.equal(0);
    expect(resume.stdout).to.include(`already complete ${kept.length}, ran ${RUNS - kept.length}; ok ${RUNS}, failed 0`);
  });

  it("SIGINT stops a single run: exit 130, no results folder and no partial folder", async () => {
    const parent = join(root, "single");
    const out = join(parent, "run");
    const run = start(process.execPath, [BIN, "run", "scenarios/quickstart.yaml", "--out", out, "--quiet", "--set", "duration=7d"]);
    await waitFor(() => existsSync(parent) && readdirSync(parent).some((e) => e.includes(".partial-")), "the run's partial folder");
    run.child.kill("SIGINT");
    const end = await run.exited;
    expect(end.code, run.output().stderr).to.equal(130);
    expect(run.output().stderr).to.include("error DL500: SIGINT: run stopped");
    expect(readdirSync(parent)).to.deep.equal([]);
  });

  it("SIGTERM stops a check (whose sweeps do not watch the signal): exit 143, workers gone, nothing partial", async () => {
    const out = join(root, "check");
    const check = start(process.execPath, [
      BIN,
      "check",
      "scenarios/regression-pool.yaml",
      "--set",
      "duration=12h",
      "--workers",
      "2",
      "--out",
      out,
      "--no-compile",
      "--quiet",
    ]);
    const sweepDir = join(out, "regression-pool");
    const pids = await midSweep(sweepDir, check.child.pid!, check);
    const completed = runsOf(sweepDir).complete;
    check.child.kill("SIGTERM");
    expect((await check.exited).code, check.output().stderr).to.equal(143);
    expect(check.output().stderr).to.include("error DL500: SIGTERM: check stopped");
    expectCleanStop(sweepDir, pids, completed);
  });

  it("through the re-exec wrapper (started by an older Node), SIGTERM reaches the sweep: exit 143 and a clean stop", async function () {
    const node = oldNode();
    if (!node) this.skip(); // every Node on PATH is new enough: bin/deltalag.js does not re-exec here
    const out = join(root, "wrapped");
    const sweep = start(node!, [BIN, ...SWEEP, "--out", out]);
    const pids = await midSweep(out, sweep.child.pid!, sweep);
    expect(pids.size, "the wrapper's child and its 2 workers").to.be.at.least(3);
    const completed = runsOf(out).complete;
    sweep.child.kill("SIGTERM");
    expect((await sweep.exited).code, sweep.output().stderr).to.equal(143);
    expectCleanStop(out, pids, completed);
  });

  it("through npx, a SIGTERM to npm (which only its shell receives) still stops the sweep cleanly", async () => {
    const out = join(root, "npx");
    const sweep = start("npx", ["deltalag", ...SWEEP, "--out", out]);
    const pids = await midSweep(out, sweep.child.pid!, sweep);
    const completed = runsOf(out).complete;
    sweep.child.kill("SIGTERM");
    await sweep.exited;
    expect(pids.size, "npm's shell, deltalag and its 2 workers").to.be.at.least(4);
    // npm itself dies of the signal; deltalag, below its `sh -c`, notices and stops on its own.
    await waitFor(() => [...pids].every((pid) => !alive(pid)), "every process npx started to exit");
    expect(runsOf(out).complete.length).to.be.below(RUNS);
    expectCleanStop(out, pids, completed);
  });
});
