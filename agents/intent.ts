/**
 * What agents ask for. Amounts are in token units (floats); the engine converts them to raw integer
 * units, encodes calldata, and sets gas, fees and nonce. `tipGwei` overrides the agent's fee policy.
 */
export type Intent = SwapIntent | OraclePushIntent;

export interface IntentBase {
  tipGwei?: number;
}

/** Sell `amountIn` of one pool token for at least `minAmountOut` of the other. */
export interface SwapIntent extends IntentBase {
  kind: "swap";
  baseIn: boolean;
  amountIn: number;
  minAmountOut: number;
}

/** Push a price (USD per unit of the underlying) to the oracle. */
export interface OraclePushIntent extends IntentBase {
  kind: "oracle-push";
  price: number;
}

export type IntentKind = Intent["kind"];
