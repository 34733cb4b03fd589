import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../chain/hre.ts";

/** Versions that determine a run's results, echoed into summary.json. */
export function versions(): Record<string, string> {
  // Read package.json files directly: some packages (EDR) do not export them.
  const version = (dir: string) => (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const dep = (pkg: string) => version(join(PROJECT_ROOT, "node_modules", pkg));
  return {
    deltalag: version(PROJECT_ROOT),
    hardhat: dep("hardhat"),
    edr: dep("@nomicfoundation/edr"),
    solc: dep("solc"),
    ethers: dep("ethers"),
    node: process.versions.node,
  };
}
