import type { SendableKind } from "./intent.ts";

/**
 * Gas limits the engine sets per intent kind, and the gas an agent expects a kind to use when it
 * prices its own action. test/engine/gas-estimates.test.ts checks the expectations against receipts.
 */
export const GAS: Record<SendableKind, { limit: bigint; typical: number }> = {
  swap: { limit: 150_000n, typical: 80_000 },
  // A push appends a round to the oracle's history (one new slot): 53.2k measured in steady state.
  "oracle-push": { limit: 80_000n, typical: 53_000 },
  requote: { limit: 400_000n, typical: 130_000 },
  take: { limit: 350_000n, typical: 90_000 },
  "margin-deposit": { limit: 150_000n, typical: 70_000 },
  "margin-trade": { limit: 250_000n, typical: 75_000 },
  liquidate: { limit: 400_000n, typical: 90_000 },
  // Vault gas grows ~14k per live series with open interest (docs/options-vault.md): limits leave room for 16.
  "option-trade": { limit: 800_000n, typical: 150_000 },
  "vault-settle": { limit: 400_000n, typical: 100_000 },
  // Burn transactions carry their own gas target; the limit is set per transaction.
  burn: { limit: 0n, typical: 0 },
};

/** Expected USD cost of one action of `kind` at the base fee and tip the agent sees. */
export function gasCostUsd(kind: SendableKind, baseFeeGwei: number, tipGwei: number, gasTokenPriceUsd: number): number {
  return GAS[kind].typical * (baseFeeGwei + tipGwei) * 1e-9 * gasTokenPriceUsd;
}
