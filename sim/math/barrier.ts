import { normalCdf } from "../pricing/normal.ts";

/**
 * Probability that a GBM with log-drift ν (per year) and volatility σ falls to `logBarrier` = ln(B/S₀) < 0
 * within T years, monitored continuously (reflection principle):
 *   P = N((b − νT)/(σ√T)) + e^{2νb/σ²}·N((b + νT)/(σ√T)).
 */
export function continuousBarrierProbability(logBarrier: number, nu: number, sigma: number, years: number): number {
  const s = sigma * Math.sqrt(years);
  const b = logBarrier;
  return normalCdf((b - nu * years) / s) + Math.exp((2 * nu * b) / (sigma * sigma)) * normalCdf((b + nu * years) / s);
}

/** β = −ζ(1/2)/√(2π) ≈ 0.5826, the Broadie–Glasserman–Kou (1997) continuity-correction constant. */
export const BGK_BETA = 0.5825971579390106;

/**
 * The same probability when the price is only seen every `dtYears` (a discretely monitored barrier),
 * by the Broadie–Glasserman–Kou continuity correction: a down barrier B behaves like a continuously
 * monitored one at B·e^{−β·σ·√Δt}.
 */
export function discreteBarrierProbability(logBarrier: number, nu: number, sigma: number, years: number, dtYears: number): number {
  return continuousBarrierProbability(logBarrier - BGK_BETA * sigma * Math.sqrt(dtYears), nu, sigma, years);
}
