/**
 * EIP-1559 base-fee update, as EDR applies it: `l1`/`generic` use Ethereum's elasticity 2 and
 * denominator 8 (±12.5 % per block); `op` uses OP mainnet's elasticity 6 and denominator 250 (+2 % per
 * full block, −0.4 % per empty one). Used to fill in the base fee of empty blocks the engine mines in
 * bulk; test/engine/base-fee.test.ts checks it against the chain block by block.
 */
export function nextBaseFee(chainType: "l1" | "op" | "generic", parent: bigint, gasUsed: bigint, gasLimit: bigint): bigint {
  const [elasticity, denominator] = chainType === "op" ? [6n, 250n] : [2n, 8n];
  const target = gasLimit / elasticity;
  if (gasUsed === target) return parent;
  if (gasUsed > target) {
    const delta = (parent * (gasUsed - target)) / target / denominator;
    return parent + (delta > 1n ? delta : 1n);
  }
  return parent - (parent * (target - gasUsed)) / target / denominator;
}
