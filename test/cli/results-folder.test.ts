import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MARKER_FILE, readMarker, writeMarker } from "../../sim/record/result-marker.ts";
import { deadPid } from "./processes.ts";

const BIN = resolve("bin/deltalag.js");
const QUICKSTART = resolve("scenarios/quickstart.yaml");

/** Runs the real `deltalag` entry point in a child process, as a user would. */
function cli(args: string[], cwd?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd, env: { ...process.env, CI: "true" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const run = (out: string, ...more: string[]) => cli(["run", QUICKSTART, "--out", out, "--quiet", "--no-report", "--set", "duration=30m", ...more]);

/** Every path under `dir` with its bytes: what "nothing changed" compares. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    files[path] = entry.isFile() ? readFileSync(path, "utf8") : "<dir>";
  }
  return files;
}

describe("CLI: results folders are recognised by their marker, never replaced otherwise", () => {
  const root = mkdtempSync(join(tmpdir(), "deltalag-results-folder-"));

  it("refuses --out at a folder of the user's, a file or `.` (exit 2, DL301, the folder named) and changes nothing", () => {
    const mine = join(root, "mine");
    mkdirSync(join(mine, "notes"), { recursive: true });
    writeFileSync(join(mine, "thesis.tex"), "years of work");
    writeFileSync(join(mine, "notes", "a.md"), "more");
    const file = join(root, "data.csv");
    writeFileSync(file, "a,b\n1,2\n");
    const before = snapshot(root);
    for (const [args, cwd, named] of [
      [["run", QUICKSTART, "--out", mine, "--quiet"], undefined, mine],
      [["run", QUICKSTART, "--out", file, "--quiet"], undefined, file],
      [["run", QUICKSTART, "--out", ".", "--quiet"], mine, mine],
      [["sweep", QUICKSTART, "--out", mine, "--no-compile", "--quiet"], undefined, mine],
      [["merge", mine, join(root, "no-such-shard")], undefined, mine],
    ] as [string[], string | undefined, string][]) {
      const r = cli(args, cwd);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).to.equal(2);
      expect(r.stderr).to.include("error DL301");
      expect(r.stderr).to.include(named);
      expect(r.stderr).to.include("hint: choose a new or empty folder");
    }
    expect(snapshot(root)).to.deep.equal(before);
  });

  it("uses an existing empty folder, marks it, and replaces only a previous run result (saying so on stderr)", () => {
    const out = join(root, "empty");
    mkdirSync(out);
    const first = run(out, "--seed", "1");
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stderr).to.not.include("replacing");
    const marker = readMarker(out)!;
    expect(marker).to.include({ tool: "deltalag", kind: "run", format: 1, version: JSON.parse(readFileSync("package.json", "utf8")).version });
    expect(Number.isNaN(Date.parse(marker.createdAt))).to.equal(false);

    const second = run(out, "--seed", "2");
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stderr).to.include(`replacing previous deltalag result at ${out}`);
    expect(JSON.parse(readFileSync(join(out, "summary.json"), "utf8")).seed).to.equal(2);
    expect(readdirSync(root).filter((e) => e.includes(".partial-"))).to.deep.equal([]);
  });

  it("does not let `run --out` replace a sweep or merge result, nor a folder with an unknown marker", () => {
    for (const kind of ["sweep", "merge"] as const) {
      const dir = join(root, `a-${kind}`);
      mkdirSync(join(dir, "runs"), { recursive: true });
      writeMarker(dir, kind);
      const before = snapshot(dir);
      const r = run(dir);
      expect(r.code, r.stderr).to.equal(2);
      expect(r.stderr).to.include(`error DL301: --out ${dir}: holds a deltalag ${kind} result`);
      expect(snapshot(dir)).to.deep.equal(before);
    }
    const forged = join(root, "forged");
    mkdirSync(forged);
    writeFileSync(join(forged, MARKER_FILE), JSON.stringify({ tool: "something-else", kind: "run", format: 1 }));
    writeFileSync(join(forged, "keep.txt"), "keep");
    expect(run(forged).code).to.equal(2);
    expect(readFileSync(join(forged, "keep.txt"), "utf8")).to.equal("keep");
  });

  it("removes the hidden partial folders of dead processes next to --out, and keeps live and unrelated ones", () => {
    const parent = join(root, "parent");
    const dead = deadPid();
    const stale = [`.seed-1.partial-${dead}`, `.seed-2.partial-${dead}.old`];
    const kept = [`.seed-3.partial-${process.pid}`, `seed-4.partial-${dead}`, `.seed-5.partial-x${dead}`];
    for (const name of [...stale, ...kept]) {
      mkdirSync(join(parent, name), { recursive: true });
      writeFileSync(join(parent, name, "blocks.csv"), "block\n");
    }
    const r = run(join(parent, "run"));
    expect(r.code, r.stderr).to.equal(0);
    expect(readdirSync(parent).sort()).to.deep.equal([...kept, "run"].sort());
  });

  it("report writes report.html only into a deltalag result, not into a folder that merely holds a summary.json", () => {
    const result = join(root, "empty"); // a run result from the test above
    const copy = join(root, "copied");
    cpSync(result, copy, { recursive: true });
    rmSync(join(copy, MARKER_FILE));
    const refused = cli(["report", copy]);
    expect(refused.code, refused.stderr).to.equal(2);
    expect(refused.stderr).to.include(`error DL301: report ${copy}: not a deltalag results folder`);
    expect(existsSync(join(copy, "report.html"))).to.equal(false);
    const ok = cli(["report", result, "--quiet"]);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(existsSync(join(result, "report.html"))).to.equal(true);
  });
});
