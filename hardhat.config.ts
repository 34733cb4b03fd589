// Hardhat 3 configuration. Solidity is compiled offline with the npm `solc` package's WASM build
// (this machine has no internet, so Hardhat cannot download a native compiler). The engine opens its
// own networks with `network.create({ network: "sim", override })`; tests use the same named network.
import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

const require = createRequire(import.meta.url);
const solcPackage = require("solc/package.json") as { version: string };

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    version: solcPackage.version,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      viaIR: false,
    },
  },
  networks: {
    sim: {
      type: "edr-simulated",
      chainType: "l1",
      allowUnlimitedContractSize: true,
    },
  },
  test: {
    mocha: { timeout: 600_000 },
  },
  typechain: { dontOverrideCompile: true },
});
