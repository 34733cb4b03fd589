import type { MarginAccountView } from "../../agents/observation.ts";

/**
 * Perp margin of an account at a price, as contracts/margin/MarginEngine.sol computes it for accounts
 * without options: equity = collateral + size·S − openNotional; maintenance = mmRatio·|size|·S.
 */
export function perpMargin(a: MarginAccountView, price: number, mmRatio: number): { equity: number; maintenance: number } {
  return { equity: a.collateral + a.size * price - a.openNotional, maintenance: mmRatio * Math.abs(a.size) * price };
}
