/**
 * Conversions between float token units and raw integer units. Floats carry ~15–16 significant digits,
 * far finer than any price or size the simulation needs; raw amounts round down (toward the payer
 * keeping dust), matching the contracts' rounding.
 */
export function toRaw(amount: number, decimals: number): bigint {
  if (!Number.isFinite(amount) || amount <= 0) return 0n;
  // Split to keep full float precision for 18-decimal tokens (amount·1e18 exceeds 2^53).
  const [mantissa, exponent] = amount.toExponential(15).split("e");
  const digits = mantissa.replace(".", "").replace("-", "");
  const shift = Number(exponent) - 15 + decimals;
  return shift >= 0 ? BigInt(digits) * 10n ** BigInt(shift) : BigInt(digits) / 10n ** BigInt(-shift);
}

export function fromRaw(raw: bigint, decimals: number): number {
  return Number(raw) / 10 ** decimals;
}
