#!/usr/bin/env node
// Entry point of the `deltalag` command. Hardhat 3 needs Node >= 22.13 and the CLI is TypeScript run by
// Node's type stripping (Node >= 22.18); the project pins Node 22 as a dependency. When started by an
// older Node (for example a global Node 20 outside npm scripts), re-run this file with the pinned one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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
  const result = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
process.env.HARDHAT_DISABLE_TELEMETRY ??= "true";
const { main } = await import("../sim/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
