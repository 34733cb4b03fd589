import { expect } from "chai";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { SimError } from "../../sim/errors.ts";
import { LOCK_FILE } from "../../sim/record/folder-lock.ts";
import { readMarker } from "../../sim/record/result-marker.ts";
import { mergeSweeps } from "../../sim/sweep/merge.ts";
import { runSweep } from "../../sim/sweep/run-sweep.ts";
import { planSweep } from "../../sim/sweep/sweep-plan.ts";
import { deadPid } from "../cli/processes.ts";
import { expectClose } from "../helpers/close.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "deltalag-sweep-"));
const csv = (dir: string, name: string) => parse(readFileSync(join(dir, name)), { columns: true }) as Record<string, string>[];
const bytes = (dir: string, name: string) => readFileSync(join(dir, name), "utf8");
/** A tiny sweep: 2 block times × 2 seeds of a 30-minute quickstart. */
const tinyPlan = (set: string[] = []) => planSweep("scenarios/quickstart.yaml", { grid: ["network.blockTime=6,12"], seeds: 2, set: ["duration=30m", ...set] });

describe("sweep: parallel runs, resume, shards and merge", () => {
  const full = join(tmp(), "full");

  it("runs every point × seed in worker processes and writes runs/, runs.csv, points.csv and sweep.json", async () => {
    const result = await runSweep(tinyPlan(), { out: full, workers: 2, progress: false });
    expect(result.counts).to.include({ points: 2, runs: 4, selected: 4, skipped: 0, ran: 4, ok: 4, failed: 0 });
    expect(readdirSync(join(full, "runs")).sort()).to.deep.equal(["p0000-s42", "p0000-s43", "p0001-s42", "p0001-s43"]);
    const rows = csv(full, "runs.csv");
    expect(rows.map((r) => [r.runId, r["network.blockTime"], r.seed, r.status])).to.deep.equal([
      ["p0000-s42", "6", "42", "ok"],
      ["p0000-s43", "6", "43", "ok"],
      ["p0001-s42", "12", "42", "ok"],
      ["p0001-s43", "12", "43", "ok"],
    ]);
    expect(rows[0].blocks).to.equal("300");
    expect(rows[0]).to.not.have.property("wallSeconds");
    const sweep = JSON.parse(bytes(full, "sweep.json"));
    expect(sweep).to.include({ baseSeed: 42, seeds: 2 });
    expect(sweep.fields).to.deep.equal(["network.blockTime"]);
    expect(sweep.counts).to.include({ runs: 4, ok: 4, failed: 0 });
    // Recognised as deltalag's own (resume, report) by their markers, not their names; no lock left behind.
    expect(readMarker(full)?.kind).to.equal("sweep");
    expect(readMarker(join(full, "runs", "p0000-s42"))?.kind).to.equal("run");
    expect(existsSync(join(full, LOCK_FILE))).to.equal(false);
  });

  it("writes points.csv statistics that match the per-run values (mean, sd, Student-t interval)", () => {
    const runs = csv(full, "runs.csv");
    const points = csv(full, "points.csv");
    for (const point of points) {
      const xs = runs.filter((r) => r.point === point.point).map((r) => Number(r.lvrUsd));
      const mean = (xs[0] + xs[1]) / 2;
      const sd = Math.abs(xs[0] - xs[1]) / Math.SQRT2;
      expect(point.n).to.equal("2");
      expectClose(Number(point.lvrUsd_mean), mean, 1e-9, "mean");
      expectClose(Number(point.lvrUsd_std), sd, 1e-9, "sd");
      expectClose(Number(point.lvrUsd_ci95hi), mean + (12.706204736174696 * sd) / Math.SQRT2, 1e-9, "ci95hi");
    }
  });

  it("skips completed runs when run again, and redoes only what an interruption lost", async () => {
    const before = bytes(full, "runs.csv");
    const again = await runSweep(tinyPlan(), { out: full, workers: 2, progress: false });
    expect(again.counts).to.include({ skipped: 4, ran: 0, ok: 4 });
    expect(bytes(full, "runs.csv")).to.equal(before);
    // an interrupted sweep: one run never finished, another was cut off while writing
    rmSync(join(full, "runs", "p0001-s43"), { recursive: true });
    mkdirSync(join(full, "runs", `.p0001-s43.partial-${deadPid()}`));
    // …while the folder of a run some live process is still writing is left alone
    const live = `.p0000-s42.partial-${process.ppid}`;
    mkdirSync(join(full, "runs", live));
    const resumed = await runSweep(tinyPlan(), { out: full, workers: 2, progress: false });
    expect(resumed.counts).to.include({ skipped: 3, ran: 1, ok: 4 });
    expect(readdirSync(join(full, "runs")).filter((e) => e.startsWith("."))).to.deep.equal([live]);
    rmSync(join(full, "runs", live), { recursive: true });
    expect(bytes(full, "runs.csv")).to.equal(before);
  });

  it("refuses a second writer while a live process holds the folder's lock (DL302 with the lock and pid)", async () => {
    const lock = join(full, LOCK_FILE);
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), command: "sweep", since: new Date().toISOString() }));
    const before = bytes(full, "runs.csv");
    try {
      await runSweep(tinyPlan(), { out: full, workers: 1, progress: false });
      expect.fail("expected DL302");
    } catch (error) {
      expect((error as SimError).code).to.equal("DL302");
      expect((error as SimError).message)
        .to.include(lock)
        .and.include(`pid ${process.pid}`);
    }
    expect(() => mergeSweeps(full, [full]))
      .to.throw(SimError)
      .with.property("code", "DL302");
    expect(bytes(full, "runs.csv")).to.equal(before);
    expect(readFileSync(lock, "utf8")).to.include(`"pid":${process.pid}`);
    rmSync(lock);
  });

  it("takes over a stale lock (its pid is not running) with a note, and removes it when done", async () => {
    const dead = deadPid();
    writeFileSync(join(full, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), command: "sweep", since: "2020-01-01T00:00:00.000Z" }));
    const notes: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => notes.push(String(chunk)) > 0) as typeof process.stderr.write;
    let again;
    try {
      again = await runSweep(tinyPlan(), { out: full, workers: 1, progress: false });
    } finally {
      process.stderr.write = write;
    }
    expect(again.counts).to.include({ skipped: 4, ran: 0, ok: 4 });
    expect(notes.join("")).to.include(`note: taking over the stale lock ${join(full, LOCK_FILE)} (pid ${dead}`);
    expect(existsSync(join(full, LOCK_FILE))).to.equal(false);
  });

  it("refuses to resume into a folder holding a different sweep", async () => {
    try {
      await runSweep(tinyPlan(["agents.noise.params.ratePerHour=10"]), { out: full, workers: 2, progress: false });
      expect.fail("expected DL400");
    } catch (error) {
      expect((error as SimError).code).to.equal("DL400");
    }
  });

  it("merges shards 0/2 and 1/2 into exactly the unsharded sweep's runs.csv and points.csv", async () => {
    const root = tmp();
    const shards = [0, 1].map((i) => join(root, `shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      const r = await runSweep(tinyPlan(), { out: dir, shard: { index: i, count: 2 }, workers: 1, progress: false });
      expect(r.counts).to.include({ selected: 2, ok: 2 });
    }
    expect(csv(shards[0], "runs.csv").map((r) => r.runId)).to.deep.equal(["p0000-s42", "p0001-s42"]);
    const merged = mergeSweeps(join(root, "merged"), shards);
    expect(merged.missing).to.deep.equal([]);
    expect(merged.copied).to.equal(4);
    expect(bytes(join(root, "merged"), "runs.csv")).to.equal(bytes(full, "runs.csv"));
    expect(bytes(join(root, "merged"), "points.csv")).to.equal(bytes(full, "points.csv"));
    expect(existsSync(join(root, "merged", "runs", "p0001-s43", "summary.json"))).to.equal(true);
    expect(readMarker(join(root, "merged"))?.kind).to.equal("merge");
    expect(readMarker(join(root, "merged", "runs", "p0001-s43"))?.kind).to.equal("run");

    const partial = mergeSweeps(join(root, "partial"), [shards[1]]);
    expect(partial.missing).to.deep.equal(["p0000-s42", "p0001-s42"]);
    expect(csv(join(root, "partial"), "runs.csv")[0].status).to.equal("missing");
  });

  it("reports shards of different sweeps (DL400) and runs that differ between shards (DL300) without writing", () => {
    const root = tmp();
    const shard = (name: string) => {
      cpSync(full, join(root, name), { recursive: true });
      return join(root, name);
    };
    const other = shard("other");
    const sweepJson = JSON.parse(bytes(other, "sweep.json"));
    writeFileSync(join(other, "sweep.json"), JSON.stringify({ ...sweepJson, fingerprint: "0000000000000000" }));
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as SimError).code;
      }
      return "none";
    };
    expect(codeOf(() => mergeSweeps(join(root, "m1"), [full, other]))).to.equal("DL400");
    const changed = shard("changed");
    const summaryPath = join(changed, "runs", "p0001-s42", "summary.json");
    const summary = JSON.parse(readFileSync(summaryPath, "utf8"));
    writeFileSync(summaryPath, JSON.stringify({ ...summary, metrics: { ...summary.metrics, lvrUsd: summary.metrics.lvrUsd + 1 } }));
    expect(codeOf(() => mergeSweeps(join(root, "m2"), [full, changed]))).to.equal("DL300");
    expect(existsSync(join(root, "m2"))).to.equal(false);
  });

  it("records a run whose point does not validate, and one that fails in its worker, and finishes the others", async () => {
    const dir = tmp();
    const prices = ["timestamp,close", ...Array.from({ length: 40 }, (_, i) => `${1_700_000_000 + 60 * i},${2000 + 3 * Math.sin(i)}`)].join("\n");
    writeFileSync(join(dir, "a.csv"), prices);
    writeFileSync(join(dir, "b.csv"), prices);
    writeFileSync(
      join(dir, "replay.yaml"),
      [
        "duration: 30m",
        "seed: 5",
        "market: { process: replay, file: a.csv }",
        "agents:",
        "  - { type: arbitrageur }",
        "sweep:",
        "  grid:",
        "    market.file: [a.csv, b.csv]",
        "    network.blockTime: [-1, 12]",
      ].join("\n"),
    );
    const plan = planSweep(join(dir, "replay.yaml"));
    expect([...plan.invalid.keys()]).to.deep.equal([0, 2]); // blockTime −1 with either file
    rmSync(join(dir, "b.csv")); // the worker re-reads the file: it is gone by the time point 3 runs
    const result = await runSweep(plan, { out: join(dir, "out"), workers: 2, progress: false });
    expect(result.counts).to.include({ runs: 4, ok: 1, failed: 3 });
    const error = (id: string) => JSON.parse(readFileSync(join(dir, "out", "runs", id, "error.json"), "utf8"));
    expect(error("p0000-s5")).to.include({ code: "DL100", point: 0, seed: 5 });
    expect(error("p0000-s5").message).to.match(/network\.blockTime: must be .* \(got -1\)/);
    expect(error("p0003-s5")).to.include({ code: "DL110", point: 3 });
    expect(error("p0003-s5").message).to.include("b.csv");
    expect(existsSync(join(dir, "out", "runs", "p0001-s5", "summary.json"))).to.equal(true);
    expect(csv(join(dir, "out"), "runs.csv").map((r) => r.status)).to.deep.equal(["failed", "ok", "failed", "failed"]);
    // A failed run's folder is deltalag's (marked), so the retry may replace it once the file is back.
    expect(readMarker(join(dir, "out", "runs", "p0003-s5"))?.kind).to.equal("run");
    writeFileSync(join(dir, "b.csv"), prices);
    const retried = await runSweep(plan, { out: join(dir, "out"), workers: 1, progress: false });
    expect(retried.counts).to.include({ skipped: 1, ran: 1, ok: 2, failed: 2 });
    expect(existsSync(join(dir, "out", "runs", "p0003-s5", "summary.json"))).to.equal(true);
    expect(existsSync(join(dir, "out", "runs", "p0003-s5", "error.json"))).to.equal(false);
  });
});
