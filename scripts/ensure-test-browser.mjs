// `npm test` needs a headless Chromium for the report test. This machine reaches Debian's packages, so
// when Chromium is missing and we are root (as on CI and the dev machines), install Debian's package;
// otherwise say what to do. Runs before the tests (npm's pretest hook).
import { execSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
if (existsSync(CHROMIUM)) process.exit(0);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
if (!isRoot || !hasApt) {
  console.error(`deltalag: the report test needs Chromium at ${CHROMIUM}; install Debian's package: sudo apt-get install chromium`);
  process.exit(1);
}
console.log("deltalag: installing Debian's chromium for the report test…");
execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null", { stdio: "inherit" });
