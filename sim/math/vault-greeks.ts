import type { VaultView } from "../../agents/observation.ts";
import { blackScholes } from "../pricing/black-scholes.ts";
import { SECONDS_PER_YEAR } from "../time.ts";
/** The vault's implied vol for a strike: baseIv × clamp(1 + slope·ln(K/S), min, max), as OptionsVaultMath.skewedVol. */
export function skewedVol(v: Pick<VaultView, "baseIv" | "skew">, strike: number, spot: number): number {
  const m = Math.min(v.skew.max, Math.max(v.skew.min, 1 + v.skew.slope * Math.log(strike / spot)));
  return v.baseIv * m;
}

/**
 * Net delta (units) and vega (USD per 1.00 vol) of the vault's book at `spot` and simulated time `tSec`:
 * it is short every unit of open interest. Exact Black–Scholes per series (the contract stores Greeks
 * per series and refreshes them only when a series trades; hedgers compute them fresh, as risk desks do).
 */
export function vaultGreeks(v: VaultView, spot: number, tSec: number): { delta: number; vega: number } {
  let delta = 0;
  let vega = 0;
  for (const s of v.series) {
    if (s.openInterest === 0 || s.settled || s.expirySec <= tSec) continue;
    const g = blackScholes({
      type: s.type,
      spot,
      strike: s.strike,
      vol: skewedVol(v, s.strike, spot),
      timeYears: (s.expirySec - tSec) / SECONDS_PER_YEAR,
      rate: v.rate,
    });
    delta -= s.openInterest * g.delta;
    vega -= s.openInterest * g.vega;
  }
  return { delta, vega };
}
