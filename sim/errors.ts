/**
 * One error base with stable codes, in the style of Hardhat's HHE<n>. Tests assert `code`, never the
 * message text. The CLI prints `message`, then `hint`, and exits with `exitCode`.
 *
 * @example
 * throw new SimError("DL101", "scenario file not found: foo.yaml", { hint: "check the path" });
 */
export const ERROR_CODES = {
  DL100: "scenario invalid",
  DL101: "scenario file not found",
  DL102: "scenario is not valid YAML",
  DL103: "--set override invalid",
  DL104: "plug-in invalid",
  DL110: "market data file invalid",
  DL111: "pricing input invalid",
  DL112: "option price below the no-arbitrage lower bound",
  DL113: "option price at or above the no-arbitrage upper bound",
  DL114: "implied volatility did not converge",
  DL200: "chain setup failed",
  DL201: "invariant violated",
  DL202: "engine failure",
  DL203: "non-finite result",
  DL300: "results could not be written",
  DL301: "output folder is not a deltalag result",
  DL302: "results folder locked by another deltalag",
  DL400: "bad command-line usage",
  DL500: "stopped by a signal",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Input errors exit with 2 (the user must fix something); failures of the run itself with 1. The pricing
 * codes DL111–DL114 exit with 1: inside a run the pricer's arguments come from a validated scenario and the
 * chain, so reaching one means deltalag computed something wrong, not that the user must change an input.
 */
const INPUT_CODES: ReadonlySet<ErrorCode> = new Set(["DL100", "DL101", "DL102", "DL103", "DL104", "DL110", "DL301", "DL302", "DL400"]);

export class SimError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "SimError";
    this.code = code;
    this.hint = options.hint;
    this.exitCode = INPUT_CODES.has(code) ? 2 : 1;
  }
}

export function isSimError(e: unknown): e is SimError {
  return e instanceof SimError;
}
