import { Command, CommanderError } from "commander";
import { isSimError } from "../errors.ts";
import { registerReport } from "./report-command.ts";
import { registerRun } from "./run-command.ts";
import { registerCheck } from "./check-command.ts";
import { registerMerge } from "./merge-command.ts";
import { registerSweep } from "./sweep-command.ts";

/**
 * The `deltalag` command line. Returns the exit code: 0 success, 2 bad input (scenario, flags, files),
 * 1 a failed run. Errors print their code, message and a hint; nothing half-written is left behind.
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
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  if (isSimError(error)) {
    console.error(`error ${error.code}: ${error.message}`);
    if (error.hint) console.error(`hint: ${error.hint}`);
    if (process.env.DELTALAG_DEBUG && error.cause) console.error(error.cause);
    return error.exitCode;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}
