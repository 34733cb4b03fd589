import { CommanderError } from "commander";
import { isSimError } from "../errors.ts";

/**
 * Prints an error the way every deltalag command does (`error DL…: message`, then `hint: …`) and returns
 * the exit code: 2 for bad input, 1 for a failed run, 0 for commander's own --help/--version exits.
 */
export function printError(error: unknown): number {
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
