import { Command } from "commander";
import { printError } from "./print-error.ts";
import { registerReport } from "./report-command.ts";
import { registerRun } from "./run-command.ts";
import { registerCheck } from "./check-command.ts";
import { registerMerge } from "./merge-command.ts";
import { registerSweep } from "./sweep-command.ts";

/**
 * The `deltalag` command line. Returns the exit code: 0 success, 2 bad input (scenario, flags, files),
 * 1 a failed run. Errors print their code, message and a hint; nothing half-written is left behind.
 * SIGINT/SIGTERM stop `run`, `sweep` and `check` cleanly and exit 130/143 (interrupts.ts).
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("deltalag")
    .description("How block time, latency, gas and ordering change on-chain derivatives markets.")
    .exitOverride()
    .showHelpAfterError();
  registerRun(program);
  registerReport(program);
  registerSweep(program);
  registerCheck(program);
  registerMerge(program);
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (error) {
    return printError(error);
  }
}
