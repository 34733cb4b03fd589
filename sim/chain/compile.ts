import { SimError } from "../errors.ts";
import { getHre } from "./hre.ts";

/** Compiles the contracts if they changed (Hardhat's build is incremental: a no-op costs about a second). */
export async function ensureCompiled(): Promise<void> {
  const hre = await getHre();
  try {
    await hre.tasks.getTask("build").run({ quiet: true });
  } catch (cause) {
    throw new SimError("DL200", "the contracts did not compile", { hint: "run `npx hardhat build` to see the compiler errors", cause });
  }
}
