import type { BaseContract, ContractRunner } from "ethers";

/** `contract.connect(signer)` keeping the contract's type (ethers types the result as BaseContract). */
export function as<T extends BaseContract>(contract: T, runner: ContractRunner): T {
  return contract.connect(runner) as T;
}
