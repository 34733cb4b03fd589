import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SCRIPT = "scripts/compare-outputs.sh";

function compare(a: string, b: string): { status: number | null; lines: string[] } {
  const r = spawnSync("bash", [SCRIPT, a, b], { encoding: "utf8" });
  return { status: r.status, lines: `${r.stdout}${r.stderr}`.trim().split("\n") };
}

/** A results tree as `deltalag run` leaves it: a CSV, summary.json with wall-clock metrics, a hidden marker. */
function resultsTree(root: string, wallSeconds: number, outDir: string): void {
  const run = join(root, "quickstart");
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, "blocks.csv"), "block,time,refPrice\n1,12,2000.5\n2,24,2001.25\n");
  const summary = {
    scenario: { name: "quickstart", market: { file: `${outDir}/../data/prices.csv` } },
    metrics: { blocks: 2, wallSeconds, loopSeconds: wallSeconds / 2, simSecondsPerWallSecond: 24 / wallSeconds, lvrUsd: 1.5 },
    outDir,
  };
  writeFileSync(join(run, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(run, ".deltalag-result.json"), JSON.stringify({ createdAt: new Date(wallSeconds * 1e3).toISOString(), pid: wallSeconds }));
}

describe("scripts/compare-outputs.sh: seeded outputs before and after a change", () => {
  let dir: string;
  let base: string;
  let next: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "deltalag-compare-"));
    base = join(dir, "base");
    next = join(dir, "next");
    resultsTree(base, 7.8, "/tmp/base-out/quickstart");
    resultsTree(next, 11.6, "/work/main/out/quickstart");
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("accepts two runs that differ only in wall-clock metrics, output paths and the result marker", () => {
    const r = compare(base, next);
    expect(r.status, r.lines.join("\n")).to.equal(0);
    expect(r.lines).to.include.members(["OK      quickstart/blocks.csv", "OK      quickstart/summary.json"]);
  });

  it("reports one changed CSV byte, a changed metric, a missing and an extra file, and exits 1", () => {
    const csv = join(next, "quickstart", "blocks.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace("2001.25", "2001.26"));
    const summaryPath = join(next, "quickstart", "summary.json");
    writeFileSync(summaryPath, readFileSync(summaryPath, "utf8").replace('"lvrUsd": 1.5', '"lvrUsd": 1.5000000000000002'));
    cpSync(join(base, "quickstart"), join(base, "other"), { recursive: true });
    writeFileSync(join(next, "quickstart", "fills.csv"), "fill\n");
    const r = compare(base, next);
    expect(r.status).to.equal(1);
    expect(r.lines).to.include.members([
      "DIFF    quickstart/blocks.csv",
      "DIFF    quickstart/summary.json",
      "MISSING other/blocks.csv",
      "EXTRA   quickstart/fills.csv",
    ]);
    expect(r.lines.at(-1)).to.match(/^0 identical, 5 different/);
  });

  it("exits 2 with its usage when a folder is missing", () => {
    const r = compare(base, join(dir, "absent"));
    expect(r.status).to.equal(2);
    expect(r.lines.join("\n")).to.match(/usage: scripts\/compare-outputs.sh/);
  });
});
