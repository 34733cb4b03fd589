#!/usr/bin/env node
// Entry point of the `deltalag` command. Hardhat 3 needs Node >= 22.13 and the CLI is TypeScript run by
// Node's type stripping (Node >= 22.18); the project pins Node 22 as a dependency. When started by an
// older Node (for example a global Node 20 outside npm scripts), re-run this file with the pinned one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const pinned = join(root, "node_modules", "node", "bin", "node");
  if (!existsSync(pinned)) {
    console.error(`deltalag needs Node >= 22.18 (this is ${process.version}) and the pinned Node 22 is missing; run \`npm install\` in ${root}.`);
    process.exit(1);
  }
  // Asynchronous, so this process can pass SIGINT/SIGTERM on: `kill <pid>` reaches only the pid it names,
  // and the child must clean up (stop its workers, remove partial folders) and choose the exit code.
  const child = spawn(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("error", (error) => {
    console.error(`deltalag: cannot start ${pinned}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
} else {
  process.env.HARDHAT_DISABLE_TELEMETRY ??= "true";
  const { main } = await import("../sim/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
