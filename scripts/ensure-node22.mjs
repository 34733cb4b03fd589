// Hardhat 3 and its EDR engine need Node >= 22.13, and npm running on an older Node skips EDR's native
// package (@nomicfoundation/edr-linux-x64-gnu declares engines node >= 22). The project pins Node 22 as
// the npm package `node`, whose binary lands in node_modules/.bin (first on PATH inside npm scripts and
// npx). When npm itself ran on Node < 22, re-run the install once with npm under that Node 22 binary so
// the native package is fetched. The env flag stops the nested npm (which inherits
// npm_config_user_agent) from recursing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const GUARD = "DELTALAG_NODE22_REINSTALL";
const agent = process.env.npm_config_user_agent ?? "";
const npmNodeMajor = Number(/node\/v(\d+)/.exec(agent)?.[1] ?? process.versions.node.split(".")[0]);

if (process.env[GUARD] || npmNodeMajor >= 22) process.exit(0);

const root = process.cwd();
const node22 = join(root, "node_modules", "node", "bin", "node");
const npmCli = process.env.npm_execpath;
if (!existsSync(node22) || !npmCli) {
  console.error(`deltalag: cannot find the pinned Node 22 (${node22}) or npm's CLI; run \`npm install\` again.`);
  process.exit(1);
}
console.log(`deltalag: npm ran on Node ${npmNodeMajor}; re-installing with the pinned Node 22 to fetch EDR's native binary…`);
const result = spawnSync(node22, [npmCli, "install", "--ignore-scripts", "--no-audit", "--no-fund"], {
  stdio: "inherit",
  env: { ...process.env, [GUARD]: "1" },
});
process.exit(result.status ?? 1);
