import { SimError, type ErrorCode } from "./errors.ts";

export interface ProblemsOptions {
  /** What the problems are in, when `source` alone does not say: `assertions` gives "2 problems in assertions". */
  readonly topic?: string;
  /** The thing counted, singular (default "problem"); an "s" is added unless there is exactly one. */
  readonly noun?: string;
  readonly hint?: string;
  readonly cause?: unknown;
}

/**
 * One SimError that lists every problem found in one pass, one indented line each, so a user fixes them all
 * at once and every "N problems" message of deltalag reads alike:
 *
 * ```text
 * scenarios/mine.yaml: 2 problems
 *   duration: must be > 0 (got -1)
 *   agents[0].params.spreadBps: must be ≥ 0 (got -5)
 * ```
 *
 * @example
 * if (lines.length) throw problemsError("DL100", "pool.yaml", lines, { topic: "assertions", hint: "see docs/sweeps.md" });
 */
export function problemsError(code: ErrorCode, source: string, lines: readonly string[], options: ProblemsOptions = {}): SimError {
  return new SimError(code, formatProblems(source, lines, options), { hint: options.hint, cause: options.cause });
}

/** The message of `problemsError`: `source: N nouns[ in topic]`, then each line indented by two spaces. */
export function formatProblems(source: string, lines: readonly string[], options: Pick<ProblemsOptions, "topic" | "noun"> = {}): string {
  const noun = options.noun ?? "problem";
  const count = `${lines.length} ${noun}${lines.length === 1 ? "" : "s"}`;
  return `${source}: ${count}${options.topic ? ` in ${options.topic}` : ""}${lines.map((line) => `\n  ${line}`).join("")}`;
}
