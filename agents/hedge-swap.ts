import type { SwapIntent } from "./intent.ts";
import type { PoolView } from "./observation.ts";

/**
 * The pool trade that removes `net` units of exposure to the underlying (sells when net > 0, buys when
 * net < 0) at the pool price it sees, accepting `slippage` (fraction) — shared by every delta hedger.
 */
export function hedgeSwap(net: number, pool: PoolView, slippage: number): SwapIntent {
  const poolPrice = pool.reserveQuote / pool.reserveBase;
  if (net > 0) return { kind: "swap", baseIn: true, amountIn: net, minAmountOut: net * poolPrice * (1 - slippage) };
  return { kind: "swap", baseIn: false, amountIn: -net * poolPrice, minAmountOut: -net * (1 - slippage) * (1 - pool.feeBps / 10_000) };
}
