/**
 * What agents ask for. Amounts are in token units (floats); the engine converts them to raw integer
 * units, encodes calldata, and sets gas, fees and nonce. `tipGwei` overrides the agent's fee policy.
 */
export type Intent =
  | SwapIntent
  | OraclePushIntent
  | BurnIntent
  | RequoteIntent
  | TakeIntent
  | MarginDepositIntent
  | MarginTradeIntent
  | LiquidateIntent
  | OptionTradeIntent
  | SettleIntent
  | PricedOutIntent;

export interface IntentBase {
  tipGwei?: number;
  /** Fee cap in gwei per gas, overriding the fee policy's (base fee seen × multiplier + tip). */
  maxFeeGwei?: number;
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

/** Consume about `gas` gas on the GasBurner (background demand for block space). */
export interface BurnIntent extends IntentBase {
  kind: "burn";
  gas: number;
  /** Which of the agent's wallets sends it (congestion spreads over many senders). */
  wallet: number;
}

/** A market maker's batch on the order book: cancel `cancelIds`, then post `orders` (prices in USD, sizes in base). */
export interface RequoteIntent extends IntentBase {
  kind: "requote";
  cancelIds: readonly bigint[];
  orders: readonly { isAsk: boolean; price: number; size: number }[];
  /** The fair value the maker quoted around (recorded in quotes.csv). */
  fairValue: number;
}

/** A taker order on the book: buy or sell up to `size` base at prices no worse than `limitPrice`. */
export interface TakeIntent extends IntentBase {
  kind: "take";
  isBuy: boolean;
  size: number;
  limitPrice: number;
  fillOrKill: boolean;
}

/** Deposit `amountUsd` of stablecoin collateral into the margin account of wallet `wallet`. */
export interface MarginDepositIntent extends IntentBase {
  kind: "margin-deposit";
  wallet: number;
  amountUsd: number;
}

/** Change the perp position of wallet `wallet`'s margin account by `sizeBase` (negative sells). */
export interface MarginTradeIntent extends IntentBase {
  kind: "margin-trade";
  wallet: number;
  sizeBase: number;
}

/** Liquidate up to `maxSizeBase` of `account`'s perp (everything when that covers it). */
export interface LiquidateIntent extends IntentBase {
  kind: "liquidate";
  account: string;
  maxSizeBase: number;
}

/** Buy from (or sell to) the options vault `amount` units of listed series `series` (index in the scenario). */
export interface OptionTradeIntent extends IntentBase {
  kind: "option-trade";
  series: number;
  isBuy: boolean;
  amount: number;
  /** Most it pays when buying / least it accepts when selling, USD. */
  limitUsd: number;
  /** Unix seconds after which the vault rejects it. */
  deadline: number;
}

/** Settle an expired series (anyone may) at oracle round `roundId`: the first stamped at or after its expiry. */
export interface SettleIntent extends IntentBase {
  kind: "vault-settle";
  series: number;
  roundId: number;
}

/**
 * Not a transaction: the agent wanted to act but the gas cost exceeded the action's value. The engine
 * counts these (metric txsPricedOut) and sends nothing.
 */
export interface PricedOutIntent {
  kind: "priced-out";
  action: SendableKind;
  valueUsd: number;
  gasUsd: number;
  tipGwei?: undefined;
  maxFeeGwei?: undefined;
}

export type IntentKind = Intent["kind"];
export type SendableKind = Exclude<IntentKind, "priced-out">;
