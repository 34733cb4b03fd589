import type { BookView, MarginView, Observation, OracleView, OwnBook, PoolView, VaultView } from "../../agents/observation.ts";

/** What a test says about an agent's view; everything left out takes the quiet default below. */
export interface ViewSpec {
  timeSec?: number;
  /** Defaults to timeSec (no observation latency). */
  asOfSec?: number;
  refPrice?: number;
  gasTokenPriceUsd?: number;
  pendingTxs?: number;
  /** Base fee the agent sees, gwei; 0 by default, so gas is free unless a test prices it. */
  baseFeeGwei?: number;
  recentTipsGwei?: readonly (readonly number[])[];
  own?: Partial<OwnBook>;
  pool?: Partial<PoolView>;
  oracle?: Partial<OracleView>;
  /** Absent unless given; `{}` is an empty book with a 0.01 USD tick and 0.01 lot. */
  book?: Partial<BookView>;
  margin?: MarginView;
  vault?: VaultView;
}

/**
 * A hand-built Observation for pure agent tests. Defaults: t = 0, reference price 2000, gas free
 * (base fee 0), a 30 bps pool of 10,000 base / 20M quote (price 2000), an oracle at the reference
 * price pushed at the view's instant, nothing pending, no book, margin or vault.
 *
 * @example
 * observation({ timeSec: 60, refPrice: 2010, book: { bestAsk: { price: 2009, size: 3 } } });
 */
export function observation(spec: ViewSpec = {}): Observation {
  const timeSec = spec.timeSec ?? 0;
  const asOfSec = spec.asOfSec ?? timeSec;
  const refPrice = spec.refPrice ?? 2000;
  const book: BookView | undefined = spec.book && { bestBid: null, bestAsk: null, tickUsd: 0.01, lotBase: 0.01, ...spec.book };
  return {
    timeSec,
    asOfSec,
    refPrice,
    gasTokenPriceUsd: spec.gasTokenPriceUsd ?? 2000,
    pendingTxs: spec.pendingTxs ?? 0,
    own: { liveOrders: [], fills: [], inventoryBase: 0, ...spec.own },
    chain: {
      blockNumber: 1,
      blockTimeSec: asOfSec,
      baseFeeGwei: spec.baseFeeGwei ?? 0,
      recentTipsGwei: spec.recentTipsGwei ?? [],
      pool: { reserveBase: 10_000, reserveQuote: 20_000_000, feeBps: 30, ...spec.pool },
      oracle: { price: refPrice, updatedAtSec: asOfSec, roundId: 1, ...spec.oracle },
      ...(book && { book }),
      ...(spec.margin && { margin: spec.margin }),
      ...(spec.vault && { vault: spec.vault }),
    },
  };
}

/** Seconds in the year the agents annualise volatility with (365 days, sim/time.ts). */
export const YEAR_SEC = 365 * 86_400;
