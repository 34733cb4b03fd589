/**
 * What an agent sees when it decides: the reference price and the chain state as they were at
 * `asOfSec` = decision time − its observation latency (a stale view is how slow infrastructure hurts).
 * Times are simulated seconds since the run started.
 */
export interface Observation {
  /** When the agent decides. */
  timeSec: number;
  /** The instant its view reflects. */
  asOfSec: number;
  /** Exogenous reference price (USD per unit of the underlying) at asOfSec. */
  refPrice: number;
  chain: ChainView;
  /** USD per unit of gas token as the agent sees it. */
  gasTokenPriceUsd: number;
  /** This agent's transactions sent and not yet included or dropped (agents know what they sent). */
  pendingTxs: number;
  /** This agent's order-book state: its live orders now, and its fills included by asOfSec. */
  own: OwnBook;
}

export interface OwnBook {
  liveOrders: readonly { id: bigint; isAsk: boolean; price: number; size: number }[];
  /** Fills of its resting orders, oldest first (at most the last 500). */
  fills: readonly OwnFill[];
  /** Net base bought through its resting orders since the start (sells negative). */
  inventoryBase: number;
}

export interface OwnFill {
  /** Sequence number of the fill (unique in the run). */
  seq: number;
  timeSec: number;
  /** +1 the maker bought, −1 it sold. */
  side: 1 | -1;
  price: number;
  size: number;
  /** The fair value it quoted around when it posted the filled order. */
  fairValue: number;
}

/** Chain state after the latest block whose time is ≤ asOfSec. */
export interface ChainView {
  blockNumber: number;
  /** Simulated time of that block, seconds. */
  blockTimeSec: number;
  /** Base fee of the next block as known from that block, gwei. */
  baseFeeGwei: number;
  /** Tips (gwei) paid in each of the latest blocks that had transactions, oldest first (at most 100 blocks). */
  recentTipsGwei: readonly (readonly number[])[];
  pool: PoolView;
  oracle: OracleView;
  /** Top of the order book (absent when the scenario has no book). */
  book?: BookView;
  /** Margin accounts and risk parameters of the margin engine. */
  margin?: MarginView;
  /** The options vault (absent when the scenario has none). */
  vault?: VaultView;
}

export interface VaultView {
  baseIv: number;
  skew: { slope: number; min: number; max: number };
  rate: number;
  series: readonly VaultSeriesView[];
  /** Net asset value, USD. */
  nav: number;
}

export interface VaultSeriesView {
  index: number;
  type: "call" | "put";
  strike: number;
  /** Expiry in simulated seconds. */
  expirySec: number;
  /** Units the traders hold long (the vault is short them). */
  openInterest: number;
  settled: boolean;
  /** The oracle's first round stamped at or after expiry (the round `settle` must name); null until pushed. */
  settlementRoundId: number | null;
}

export interface MarginView {
  mmRatio: number;
  penalty: number;
  keeperShare: number;
  maxOracleAgeSec: number;
  accounts: readonly MarginAccountView[];
}

/** One margin account as the engine's events and reads showed it after the block. */
export interface MarginAccountView {
  address: string;
  owner: string;
  wallet: number;
  /** Collateral, USD. */
  collateral: number;
  /** Perp size, units of the underlying (negative: short). */
  size: number;
  /** Σ size × entry price of the open position, USD (equity = collateral + size·S − openNotional). */
  openNotional: number;
}

export interface BookView {
  bestBid: { price: number; size: number } | null;
  bestAsk: { price: number; size: number } | null;
  /** Price step (USD) and size step (base units) of the book. */
  tickUsd: number;
  lotBase: number;
}

export interface PoolView {
  /** Reserves in token units. */
  reserveBase: number;
  reserveQuote: number;
  feeBps: number;
  /**
   * Net base units each agent (by id) bought through its own included swaps since the start (sold:
   * negative), from the pool's Swap events; reverted or dropped swaps add nothing. What a hedger
   * reconciles its hedge with. Absent until the first swap.
   */
  baseOf?: Readonly<Record<string, number>>;
}

export interface OracleView {
  price: number;
  /** Simulated time of the last push, seconds (negative: pushed at setup). */
  updatedAtSec: number;
  roundId: number;
}
