import { z } from "zod";
import { agentEntry, sizeUsd } from "./fields.ts";

/**
 * The schema of each agent type's `params` (with the common latency and priority-fee fields from
 * fields.ts). docs/scenario.md documents every parameter, its unit and its default.
 */

const arbitrageur = agentEntry(
  "arbitrageur",
  z
    .strictObject({
      /** Trade only when expected profit after fee exceeds gas cost plus this, USD. */
      minProfitUsd: z.number().min(0).max(1e9).default(0),
      /** Cap on one trade's size, USD; null = unlimited. */
      maxTradeUsd: z.number().min(1).max(1e12).nullable().default(null),
    })
    .prefault({}),
);

const noiseTrader = agentEntry(
  "noise-trader",
  z
    .strictObject({
      /** Mean trades per hour (Poisson arrivals). */
      ratePerHour: z.number().min(1e-6).max(1e6).default(30),
      sizeUsd,
      /** Probability that a trade buys the underlying. */
      buyProbability: z.number().min(0).max(1).default(0.5),
      /** Slippage tolerance against the pool price the trader saw, basis points. */
      slippageBps: z.number().min(0).max(10_000).default(100),
      /** Where it trades: the constant-product pool or the order book (immediate-or-cancel at the limit). */
      venue: z.enum(["pool", "book"]).default("pool"),
    })
    .prefault({}),
);

const oracleKeeper = agentEntry(
  "oracle-keeper",
  z
    .strictObject({
      /** Push at least this often, seconds. */
      heartbeatSec: z.number().min(1).max(31_536_000).default(3_600),
      /** Push when the reference price moved this much from the on-chain price, basis points. */
      deviationBps: z.number().min(0).max(1_000_000).default(50),
    })
    .prefault({}),
);

const congestionLoad = agentEntry(
  "congestion-load",
  z
    .strictObject({
      /** Mean background demand for block space, gas per second. */
      gasPerSecond: z.number().min(1).max(1e10).default(1_000_000),
      /** Gas each background transaction consumes (on the GasBurner contract). */
      txGas: z.number().int().min(30_000).max(16_000_000).default(500_000),
      /** How demand varies: constant, on/off bursts, or rising with realised volatility. */
      pattern: z.enum(["constant", "bursty", "volatility"]).default("constant"),
      burst: z
        .strictObject({
          multiplier: z.number().min(1).max(1_000).default(5),
          meanDurationSec: z.number().min(1).max(31_536_000).default(300),
          meanGapSec: z.number().min(1).max(31_536_000).default(1_800),
        })
        .prefault({}),
      volatility: z
        .strictObject({
          /** Look-back of the realised-volatility estimate, seconds. */
          windowSec: z.number().min(1).max(31_536_000).default(600),
          /** Volatility per √year at which demand is at its mean. */
          referenceSigma: z.number().min(1e-4).max(10).default(0.6),
          /** Demand ∝ (realised / reference)^sensitivity. */
          sensitivity: z.number().min(0).max(10).default(2),
          maxMultiplier: z.number().min(1).max(1_000).default(10),
        })
        .prefault({}),
      /** Tips of background transactions: lognormal with this median (gwei) and log-sd. */
      tipGwei: z.strictObject({ median: z.number().min(0).max(1e6).default(1), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
      /** The most each background transaction pays per gas (base fee + tip): lognormal median (gwei) and log-sd. */
      maxFeeGwei: z.strictObject({ median: z.number().min(1e-6).max(1e6).default(50), sigma: z.number().min(0).max(5).default(1) }).prefault({}),
      /** Distinct sender wallets (one sender's nonces must land in order, so load is spread). */
      wallets: z.number().int().min(1).max(256).default(16),
    })
    .prefault({}),
);

const marketMaker = agentEntry(
  "market-maker",
  z
    .strictObject({
      /** Size quoted on each side, units of the underlying. */
      sizeBase: z.number().min(1e-6).max(1e9).default(5),
      /** Fixed part of the half-spread, basis points. */
      baseSpreadBps: z.number().min(0).max(10_000).default(2),
      /** z in the latency term z·σ·√τ of the half-spread (τ = observation + submission latency + one block). */
      latencySpreadZ: z.number().min(0).max(10).default(1),
      /** Volatility per √year it assumes; null: estimated from the prices it observes. */
      sigma: z.number().min(1e-4).max(10).nullable().default(null),
      adverseSelection: z
        .strictObject({
          /** Weight of each new markout in the learned adverse-selection term (EWMA). */
          learningRate: z.number().min(0).max(1).default(0.05),
          /** Blocks after a fill at which its markout is measured. */
          horizonBlocks: z.number().int().min(1).max(10_000).default(5),
          /** Cap on the learned term, basis points. */
          maxBps: z.number().min(0).max(10_000).default(200),
        })
        .prefault({}),
      /** Inventory skew: the quote midpoint moves by this many bps per unit of inventory (Avellaneda–Stoikov style). */
      skewBpsPerUnit: z.number().min(0).max(10_000).default(1),
      /** Stop quoting the side that would grow |inventory| beyond this, units of the underlying. */
      maxInventoryBase: z.number().min(1e-6).max(1e9).default(100),
      /** Requote at least this often, seconds. */
      requoteSec: z.number().min(0.01).max(86_400).default(60),
      /** Requote when its fair value moved this far from the quoted midpoint, basis points. */
      requoteBps: z.number().min(0).max(10_000).default(5),
      /** Delta-hedge inventory on the spot pool when |inventory| exceeds this, units; null: never. */
      hedgeThresholdBase: z.number().min(1e-6).max(1e9).nullable().default(20),
    })
    .prefault({}),
);

const sniper = agentEntry(
  "sniper",
  z
    .strictObject({
      /** Take a stale quote only when the profit against its reference price exceeds gas plus this, USD. */
      minProfitUsd: z.number().min(0).max(1e9).default(1),
      /** Largest size taken at once, units of the underlying. */
      maxSizeBase: z.number().min(1e-6).max(1e9).default(50),
    })
    .prefault({}),
);

const leveragedTrader = agentEntry(
  "leveraged-trader",
  z
    .strictObject({
      /** Margin accounts it runs (one wallet each). */
      accounts: z.number().int().min(1).max(500).default(50),
      /** Position notional at open: lognormal median (USD) and log-sd. */
      notionalUsd: z.strictObject({ median: z.number().min(1).max(1e12).default(50_000), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
      /** Leverage at open (notional / collateral), uniform in [min, max]; max ≤ 1 / imRatio. */
      leverage: z.strictObject({ min: z.number().min(1).max(1_000).default(3), max: z.number().min(1).max(1_000).default(9) }).prefault({}),
      /** Probability that an account is long. */
      longProbability: z.number().min(0).max(1).default(0.8),
      /** Accounts open at uniformly random times within this many seconds of the start. */
      openWithinSec: z.number().min(0).max(31_536_000).default(60),
      /** How often it reviews its accounts, seconds. */
      checkSec: z.number().min(0.01).max(31_536_000).default(60),
      /** It tops up an account whose equity falls below this multiple of maintenance… */
      topUpBelowMaintenance: z.number().min(1).max(100).default(1.5),
      /** …with this probability per review (0: never tops up)… */
      topUpProbability: z.number().min(0).max(1).default(0),
      /** …adding this fraction of the position notional as collateral. */
      topUpFraction: z.number().min(1e-6).max(10).default(0.05),
    })
    .prefault({}),
);

const liquidationKeeper = agentEntry(
  "liquidation-keeper",
  z
    .strictObject({
      /** Liquidate only when the expected reward exceeds gas plus this, USD. */
      minProfitUsd: z.number().min(0).max(1e9).default(0),
      /** Most liquidations it keeps in flight at once, each for a different account. */
      maxPending: z.number().int().min(1).max(50).default(5),
      /** Log-sd of its own fixed preference per account: it ranks by reward × e^(σ·z); 0 = by reward alone. */
      preferenceSigma: z.number().min(0).max(5).default(1),
    })
    .prefault({}),
);

const optionTrader = agentEntry(
  "option-trader",
  z
    .strictObject({
      /** Mean trades per hour (Poisson arrivals). */
      ratePerHour: z.number().min(1e-6).max(1e6).default(20),
      /** Size in units of the underlying: lognormal median and log-sd. */
      size: z.strictObject({ median: z.number().min(1e-6).max(1e9).default(1), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
      /** Probability that a trade buys from the vault (0.5 balanced flow; higher: buy-heavy). */
      buyProbability: z.number().min(0).max(1).default(0.6),
      /** Price tolerance against its own Black–Scholes estimate at the vault's base IV, fraction. */
      slippage: z.number().min(0).max(10).default(0.2),
      /** Stop after this many trades; null: no limit. */
      maxTrades: z.number().int().min(1).max(1e9).nullable().default(null),
      /** Seconds from its decision until the vault rejects the trade (on-chain deadline); null: max(600, 10 × blockTime). */
      deadlineSec: z.number().int().min(1).max(31_536_000).nullable().default(null),
    })
    .prefault({}),
);

const vaultHedger = agentEntry(
  "vault-hedger",
  z
    .strictObject({
      /** Rebalance when |vault delta + hedge| exceeds this, units of the underlying; null: only on schedule. */
      thresholdBase: z.number().min(1e-6).max(1e9).nullable().default(1),
      /** Also rebalance N times, evenly, from t = 0 to the first series' expiry (discrete-hedging studies); null: off. */
      rebalancesToExpiry: z.number().int().min(1).max(1_000_000).nullable().default(null),
      /** Seeds the hedging-error validation runs (read by test/validation/hedging-error.test.ts only). */
      validationSeeds: z.number().int().min(1).max(10_000).default(40),
      /** Slippage limit of its pool trades, fraction. */
      slippage: z.number().min(0).max(1).default(0.01),
    })
    .prefault({}),
);

export const agentSchema = z.discriminatedUnion("type", [
  optionTrader,
  vaultHedger,
  arbitrageur,
  noiseTrader,
  oracleKeeper,
  congestionLoad,
  marketMaker,
  sniper,
  leveragedTrader,
  liquidationKeeper,
]);
