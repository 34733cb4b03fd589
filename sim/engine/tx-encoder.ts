import type { Intent } from "../../agents/intent.ts";
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
export function encodeIntent(intent: Intent, d: Deployment, sender: string): EncodedCall {
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
  }
}
