import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import config from "../../hardhat.config.ts";

/** The project root (where hardhat.config.ts and artifacts/ live), whatever the caller's cwd. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

let hre: Promise<HardhatRuntimeEnvironment> | undefined;

/**
 * One Hardhat runtime per process, created from the project's config so the CLI works from any folder.
 * Networks (one per run) are opened from it with `network.create`.
 */
export function getHre(): Promise<HardhatRuntimeEnvironment> {
  hre ??= createHardhatRuntimeEnvironment(config, {}, PROJECT_ROOT);
  return hre;
}
