import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { stringify } from "yaml";
import { main } from "../../sim/cli/main.ts";
import { fieldNames, type Mutation, type Raw } from "./scenario-mutations.ts";

export type Outcome = "accepted" | "rejected" | "run-failed" | "stack-trace";

export interface CaseResult {
  outcome: Outcome;
  exitCode: number;
  /** A rejection (exit 2) whose message names the mutated field. */
  named: boolean;
  /** Results left behind that should not be: a folder after a failure, or a hidden partial folder. */
  leftovers: string[];
  message: string;
}

/** Simulated seconds an accepted case runs (so a thousand cases take minutes): at least 3 blocks. */
function durationCap(raw: Raw): number {
  const network = (raw.network ?? {}) as Record<string, unknown>;
  const blockTime = typeof network.blockTime === "number" && network.blockTime > 0 ? network.blockTime : 12;
  return Math.max(900, 3 * blockTime);
}

/**
 * Runs one mutated scenario through the real CLI entry point (`deltalag run`, in this process) in its
 * own folder, capturing what it prints, and classifies what happened.
 */
export async function runCase(scenarioFile: string, mutation: Mutation, folder: string): Promise<CaseResult> {
  mkdirSync(folder, { recursive: true });
  const scenario = absoluteReplayFile(mutation.scenario, dirname(resolve(scenarioFile)));
  const file = join(folder, "scenario.yaml");
  writeFileSync(file, stringify(scenario));
  const out = join(folder, "out");
  const args = ["run", file, "--out", out, "--quiet", "--no-report"];
  // A mutated duration is run as given (every such value but "missing" is out of bounds); otherwise cap it.
  const touchesDuration = mutation.path[0] === "duration" && mutation.kind !== "missing";
  const original = scenario.duration;
  if (!touchesDuration) {
    const cap = durationCap(scenario);
    const given = typeof original === "number" ? original : Number.POSITIVE_INFINITY;
    if (given > cap) args.push("--set", `duration=${cap}`);
  }
  const printed: string[] = [];
  const saved = { log: console.log, error: console.error, warn: console.warn };
  const capture = (...parts: unknown[]) => printed.push(parts.map(String).join(" "));
  console.log = capture;
  console.error = capture;
  console.warn = capture;
  let exitCode: number;
  let threw: unknown;
  try {
    exitCode = await main(args);
  } catch (error) {
    threw = error;
    exitCode = 1;
  } finally {
    Object.assign(console, saved);
  }
  const message = threw instanceof Error ? (threw.stack ?? threw.message) : printed.join("\n");
  const leftovers = readdirSync(folder).filter((name) => name.includes(".partial"));
  if (exitCode !== 0 && existsSync(out)) leftovers.push("out");
  const stackTrace = threw !== undefined || /\n\s+at .+:\d+:\d+\)?/.test(message) || (exitCode !== 0 && !/^error DL\d+/m.test(message));
  const outcome: Outcome = stackTrace ? "stack-trace" : exitCode === 0 ? "accepted" : exitCode === 2 ? "rejected" : "run-failed";
  const names = fieldNames(mutation.scenario, mutation.path);
  const named = outcome === "rejected" && names.some((n) => n !== "" && message.includes(n));
  return { outcome, exitCode, named, leftovers, message };
}

/** A replayed CSV named relative to the shipped scenario, made absolute so the copy can live elsewhere. */
function absoluteReplayFile(raw: Raw, baseDir: string): Raw {
  const market = raw.market as Record<string, unknown> | undefined;
  if (!market || typeof market.file !== "string" || market.file === "" || isAbsolute(market.file) || market.file.length > 4096) return raw;
  return { ...raw, market: { ...market, file: resolve(baseDir, market.file) } };
}
