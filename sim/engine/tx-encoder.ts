import type { SendableIntent } from "./types.ts";
import { GAS } from "../../agents/gas-estimates.ts";
import type { Deployment } from "../chain/deploy.ts";
import { BASE_DECIMALS, QUOTE_DECIMALS } from "../chain/deploy.ts";
import { toRaw } from "../chain/units.ts";

export interface EncodedCall {
  to: string;
  data: string;
  gas: bigint;
}

/** Turns an agent's intent into the contract call it means (calldata encoding is pure). */
export function encodeIntent(intent: SendableIntent, d: Deployment, sender: string): EncodedCall {
  switch (intent.kind) {
    case "swap": {
      const [inDecimals, outDecimals] = intent.baseIn ? [BASE_DECIMALS, QUOTE_DECIMALS] : [QUOTE_DECIMALS, BASE_DECIMALS];
      const data = d.interfaces.pool.encodeFunctionData("swap", [
        intent.baseIn,
        toRaw(intent.amountIn, inDecimals),
        toRaw(intent.minAmountOut, outDecimals),
        sender,
      ]);
      return { to: d.pool, data, gas: GAS.swap.limit };
    }
    case "oracle-push":
      return { to: d.oracle, data: d.interfaces.oracle.encodeFunctionData("push", [toRaw(intent.price, 18)]), gas: GAS["oracle-push"].limit };
    case "burn": {
      const words = burnWords(intent.gas);
      // Limit with headroom over the target: base 21k, calldata and call overhead (~1.2k) on top of memory.
      return { to: d.burner, data: d.interfaces.burner.encodeFunctionData("burn", [words]), gas: BigInt(intent.gas + 5_000) };
    }
  }
}

/**
 * Memory words whose expansion costs the gas a burn transaction targets beyond the fixed ~22.5k (21k
 * base, calldata, dispatch): 3·w + w²/512 = g ⇒ w = 256·(√(9 + g/128) − 3).
 */
export function burnWords(gas: number): number {
  const g = Math.max(0, gas - 22_500);
  return Math.max(1, Math.floor(256 * (Math.sqrt(9 + g / 128) - 3)));
}
