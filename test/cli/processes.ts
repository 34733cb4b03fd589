import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

/** A started command with its output so far and a promise of how it ended. */
export interface Started {
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function start(command: string, args: string[], options: SpawnOptions = {}): Started {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options, env: { ...process.env, CI: "true", ...options.env } });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Polls until `condition` holds; fails (naming `what`) only if it never does, so a hang cannot pass. */
export async function waitFor(condition: () => boolean, what: string, limitMs = 240_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every process below `pid` (children, grandchildren, …), from `ps`. */
export function descendants(pid: number): number[] {
  const rows = spawnSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).stdout.trim().split("\n");
  const parentOf = new Map(rows.map((r) => r.trim().split(/\s+/).map(Number) as [number, number]));
  const found: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    frontier = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([p]) => p);
    found.push(...frontier);
  }
  return found;
}

/** True while the process exists and is not a zombie. */
export function alive(pid: number): boolean {
  const stat = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
  return stat !== "" && !stat.startsWith("Z");
}

/** A pid that certainly belongs to no live process: one that has just exited. */
export function deadPid(): number {
  const pid = spawnSync(process.execPath, ["-e", ""]).pid!;
  if (alive(pid)) throw new Error(`pid ${pid} unexpectedly alive`);
  return pid;
}

/** The completed runs (summary.json) and hidden entries of a sweep folder's runs/. */
export function runsOf(out: string): { complete: string[]; hidden: string[] } {
  const runs = join(out, "runs");
  if (!existsSync(runs)) return { complete: [], hidden: [] };
  const entries = readdirSync(runs);
  return { complete: entries.filter((e) => existsSync(join(runs, e, "summary.json"))).sort(), hidden: entries.filter((e) => e.startsWith(".")) };
}

/** A Node older than 22.18 on PATH (outside node_modules), which makes bin/deltalag.js re-exec itself. */
export function oldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const path = join(dir, "node");
    if (dir.includes("node_modules") || !existsSync(path)) continue;
    const [major, minor] = spawnSync(path, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim().split(".").map(Number);
    if (major < 22 || (major === 22 && minor < 18)) return path;
  }
  return undefined;
}
