/**
 * Token units in one place: the decimals of every amount that crosses the chain boundary, and the
 * conversions between float units (what agents, metrics and CSVs use) and raw integers (what the
 * contracts hold). Floats carry ~15–16 significant digits, far finer than any price or size the
 * simulation needs; raw amounts round down (toward the payer keeping dust), matching the contracts.
 *
 * The from* helpers are exactly `Number(raw) / 10^decimals` (one division by an exactly representable
 * power of ten), so switching a call site to them never changes a seeded output.
 *
 * @example
 * fromQuote(1_500_000n); // 1.5 (USD)
 * toBase(0.25); // 250000000000000000n
 */

/** The underlying (base) token's decimals. */
export const BASE_DECIMALS = 18;
/** The USD stablecoin (quote) token's decimals. */
export const QUOTE_DECIMALS = 6;
/** 18-decimal fixed point (prices `priceX18`, ratios and sizes `…Wad`) and the gas token's wei. */
export const WAD_DECIMALS = 18;
const GWEI_DECIMALS = 9;

/** A float amount in raw integer units of a token with `decimals`, rounded down; 0 for non-positive or non-finite input. */
export function toRaw(amount: number, decimals: number): bigint {
  if (!Number.isFinite(amount) || amount <= 0) return 0n;
  // Split to keep full float precision for 18-decimal tokens (amount·1e18 exceeds 2^53).
  const [mantissa, exponent] = amount.toExponential(15).split("e");
  const digits = mantissa.replace(".", "").replace("-", "");
  const shift = Number(exponent) - 15 + decimals;
  return shift >= 0 ? BigInt(digits) * 10n ** BigInt(shift) : BigInt(digits) / 10n ** BigInt(-shift);
}

/** A raw amount of a token with `decimals` as a float. */
export function fromRaw(raw: bigint, decimals: number): number {
  return Number(raw) / 10 ** decimals;
}

/** Raw base-token units (18 decimals) → units of the underlying. */
export const fromBase = (raw: bigint): number => fromRaw(raw, BASE_DECIMALS);
/** Raw quote-token units (6 decimals) → USD. */
export const fromQuote = (raw: bigint): number => fromRaw(raw, QUOTE_DECIMALS);
/** 18-decimal fixed point (a `…Wad` or `…X18` value, signed or not) → float. */
export const fromWad = (raw: bigint): number => fromRaw(raw, WAD_DECIMALS);
/** Wei of the gas token → whole gas tokens (ETH). */
export const fromWei = (raw: bigint): number => fromRaw(raw, WAD_DECIMALS);

/** Units of the underlying → raw base-token units, rounded down. */
export const toBase = (amount: number): bigint => toRaw(amount, BASE_DECIMALS);
/** USD → raw quote-token units, rounded down. */
export const toQuote = (amount: number): bigint => toRaw(amount, QUOTE_DECIMALS);
/** Float → 18-decimal fixed point, rounded down; non-positive values give 0 (use toSignedWad for signed ones). */
export const toWad = (x: number): bigint => toRaw(x, WAD_DECIMALS);
/** Float → signed 18-decimal fixed point, rounded to nearest (for parameters that may be negative, such as a skew slope). */
export const toSignedWad = (x: number): bigint => BigInt(Math.round(x * 10 ** WAD_DECIMALS));

/** Gwei → wei, rounded to the nearest wei. */
export function gweiToWei(gwei: number): bigint {
  return BigInt(Math.round(gwei * 10 ** GWEI_DECIMALS));
}

/** Wei → gwei as a float. */
export const weiToGwei = (wei: bigint): number => fromRaw(wei, GWEI_DECIMALS);
