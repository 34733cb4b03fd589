import { expect } from "chai";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { pointStats } from "../../sim/stats/point-stats.ts";
import type { SweepPoint } from "../../sim/sweep/run-list.ts";
import { writePointsCsv, writeRunsCsv, type RunRecord } from "../../sim/sweep/sweep-tables.ts";
import { expectClose } from "../helpers/close.ts";

const points: SweepPoint[] = [
  { index: 0, values: { "network.blockTime": 2 }, assignments: [] },
  { index: 1, values: { "network.blockTime": 12 }, assignments: [] },
];
const run = (point: number, seed: number, index: number) => ({ index, runId: `p000${point}-s${seed}`, point, seed });
const records: RunRecord[] = [
  { run: run(0, 1, 0), status: "ok", metrics: { lvrUsd: 10, oracleErrorBpsMean: 1.5, wallSeconds: 3.1 } },
  { run: run(0, 2, 1), status: "ok", metrics: { lvrUsd: 12, oracleErrorBpsMean: null, wallSeconds: 2.9 } },
  { run: run(0, 3, 2), status: "ok", metrics: { lvrUsd: 17, oracleErrorBpsMean: 2.5, wallSeconds: 3.0 } },
  { run: run(1, 1, 3), status: "ok", metrics: { lvrUsd: 40, oracleErrorBpsMean: 3, wallSeconds: 1 } },
  { run: run(1, 2, 4), status: "failed", error: "DL202" },
  { run: run(1, 3, 5), status: "missing" },
];

describe("sweep tables", () => {
  const dir = mkdtempSync(join(tmpdir(), "deltalag-tables-"));
  writeRunsCsv(join(dir, "runs.csv"), ["network.blockTime"], points, records);
  writePointsCsv(join(dir, "points.csv"), ["network.blockTime"], points, records);
  const read = (name: string) => parse(readFileSync(join(dir, name)), { columns: true }) as Record<string, string>[];

  it("writes one tidy row per run with swept fields, seed, status and metrics, without wall-clock metrics", () => {
    const rows = read("runs.csv");
    expect(Object.keys(rows[0])).to.deep.equal(["runId", "point", "network.blockTime", "seed", "status", "error", "lvrUsd", "oracleErrorBpsMean"]);
    expect(rows[1]).to.deep.equal({
      runId: "p0000-s2",
      point: "0",
      "network.blockTime": "2",
      seed: "2",
      status: "ok",
      error: "",
      lvrUsd: "12",
      oracleErrorBpsMean: "",
    });
    expect(rows[4]).to.include({ status: "failed", error: "DL202", lvrUsd: "" });
    expect(rows[5]).to.include({ status: "missing" });
  });

  it("computes mean, sd and the Student-t 95 % interval per point, as computed by hand", () => {
    const [p0, p1] = read("points.csv");
    expect(p0).to.include({ point: "0", "network.blockTime": "2", n: "3", failed: "0" });
    // lvrUsd 10, 12, 17: mean 13, sd √13, half-width t(0.975, 2)·√13/√3 = 4.302652729749464·2.0816659994661326
    expectClose(Number(p0.lvrUsd_mean), 13, 1e-12, "mean");
    expectClose(Number(p0.lvrUsd_std), Math.sqrt(13), 1e-12, "sd");
    expectClose(Number(p0.lvrUsd_ci95lo), 4.043314104970397, 1e-9, "ci lo");
    expectClose(Number(p0.lvrUsd_ci95hi), 21.9566858950296, 1e-9, "ci hi");
    // oracleErrorBpsMean 1.5, (no value), 2.5: mean 2, sd √0.5, half-width 12.706204736174696·√0.5/√2
    expectClose(Number(p0.oracleErrorBpsMean_ci95lo), -4.353102368087349, 1e-9, "ci lo with a missing value");
    // one completed run: mean only, no sd or interval
    expect(p1).to.include({ n: "1", failed: "1", lvrUsd_mean: "40", lvrUsd_std: "", lvrUsd_ci95lo: "", lvrUsd_ci95hi: "" });
    expect(Object.keys(p0)).to.not.include("wallSeconds_mean");
  });

  it("pointStats gives equal bounds for a constant metric and NaN below two values", () => {
    expect(pointStats([5, 5, 5])).to.deep.equal({ n: 3, mean: 5, std: 0, ci95lo: 5, ci95hi: 5 });
    expect(pointStats([7]).std).to.be.NaN;
    expect(pointStats([]).n).to.equal(0);
  });
});
