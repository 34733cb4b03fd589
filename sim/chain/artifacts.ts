import { Interface } from "ethers";
import { SimError } from "../errors.ts";
import { getHre } from "./hre.ts";

export interface ContractArtifact {
  name: string;
  iface: Interface;
  bytecode: string;
}

const cache = new Map<string, ContractArtifact>();

/** Reads a compiled contract (ABI and creation bytecode) from Hardhat's artifacts. */
export async function loadArtifact(name: string): Promise<ContractArtifact> {
  const hit = cache.get(name);
  if (hit) return hit;
  const hre = await getHre();
  let artifact;
  try {
    artifact = await hre.artifacts.readArtifact(name);
  } catch (cause) {
    throw new SimError("DL200", `contract artifact ${name} not found`, {
      hint: "compile the contracts first: npx hardhat build",
      cause,
    });
  }
  const loaded = { name, iface: new Interface(artifact.abi), bytecode: artifact.bytecode };
  cache.set(name, loaded);
  return loaded;
}
