/**
 * Constant-product (x·y = k) pool math with the fee taken from the input and kept in the pool, as in
 * contracts/spot/ConstantProductPool.sol. Floats in token units; the contract rounds outputs down.
 */

/** Output of selling `amountIn` into reserves (rIn, rOut) with fee `feeBps`. */
export function amountOut(amountIn: number, rIn: number, rOut: number, feeBps: number): number {
  const inAfterFee = amountIn * (1 - feeBps / 10_000);
  return (rOut * inAfterFee) / (rIn + inAfterFee);
}

export interface ArbTrade {
  baseIn: boolean;
  amountIn: number;
  amountOut: number;
  /** Profit valued at the reference price, before gas, USD (quote units). */
  profit: number;
}

/**
 * The trade that moves the pool's marginal price to the edge of the no-arbitrage band around
 * `refPrice` (quote per base): with γ = 1 − fee, buying base is profitable while y²/(γk) < S, selling
 * while γk/x² > S... solved in closed form for the input amount. Returns undefined inside the band.
 *
 * Buying base with Δy quote: marginal cost (y + γΔy)²/(γk) = S ⇒ Δy = (√(γkS) − y)/γ.
 * Selling Δx base: marginal proceeds γk/(x + γΔx)² = S ⇒ Δx = (√(γk/S) − x)/γ.
 */
export function arbToBandEdge(reserveBase: number, reserveQuote: number, feeBps: number, refPrice: number): ArbTrade | undefined {
  const gamma = 1 - feeBps / 10_000;
  const k = reserveBase * reserveQuote;
  const quoteIn = (Math.sqrt(gamma * k * refPrice) - reserveQuote) / gamma;
  if (quoteIn > 0) {
    const out = amountOut(quoteIn, reserveQuote, reserveBase, feeBps);
    return { baseIn: false, amountIn: quoteIn, amountOut: out, profit: out * refPrice - quoteIn };
  }
  const baseIn = (Math.sqrt((gamma * k) / refPrice) - reserveBase) / gamma;
  if (baseIn > 0) {
    const out = amountOut(baseIn, reserveBase, reserveQuote, feeBps);
    return { baseIn: true, amountIn: baseIn, amountOut: out, profit: out - baseIn * refPrice };
  }
  return undefined;
}

/** Pool value at a price: x·S + y. */
export function poolValue(reserveBase: number, reserveQuote: number, price: number): number {
  return reserveBase * price + reserveQuote;
}
