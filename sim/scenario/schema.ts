import { z } from "zod";
import { agentEntry, duration, sizeUsd } from "./fields.ts";

/**
 * The scenario schema: every field, its unit and its default. docs/scenario.md documents each one; keep
 * them in step. Objects are strict, so a typo is an error rather than a silently ignored key.
 */

/** The L1 data fee a rollup charges (OP Stack Ecotone formula), driven by a mean-reverting L1 base fee. */
const l1DataFee = z.strictObject({
  /** Long-run median of the L1 base fee, gwei. */
  baseFeeGwei: z.number().min(0).default(2),
  /** Volatility of log L1 base fee per √hour (an Ornstein–Uhlenbeck process in logs); 0 keeps it fixed. */
  volPerSqrtHour: z.number().min(0).default(0.5),
  /** Half-life of deviations from the median, seconds. */
  halfLifeSec: z.number().positive().default(3_600),
  /** The L1 base fee is updated on this cadence (an L1 block), seconds. */
  updateSec: z.number().positive().default(12),
  /** L1 blob base fee, gwei. */
  blobBaseFeeGwei: z.number().min(0).default(1),
  /** Ecotone scalars (OP Mainnet's: 5227 and 1014213). */
  baseFeeScalar: z.number().int().min(0).default(5_227),
  blobBaseFeeScalar: z.number().int().min(0).default(1_014_213),
});

const network = z
  .strictObject({
    /** A documented bundle of the fields below (docs/environments.md); fields given explicitly win. */
    environment: z.enum(["ethereum-l1", "op-rollup", "arbitrum-style", "fast-appchain", "custom"]).default("custom"),
    /** Seconds between blocks (may be below 1: several blocks then share a timestamp second). */
    blockTime: z.number().positive().default(12),
    /** Gas per block. */
    blockGasLimit: z.number().int().min(100_000).default(30_000_000),
    /** Base fee of the genesis block, gwei; 0 keeps it at 0 for the whole run. */
    initialBaseFeeGwei: z.number().min(0).default(1),
    /** Mempool ordering: priority-fee auction or first-come-first-served. */
    ordering: z.enum(["priority", "fifo"]).default("priority"),
    /** EDR chain type: `l1`/`generic` use Ethereum's EIP-1559 parameters, `op` OP-mainnet's. */
    chainType: z.enum(["l1", "op", "generic"]).default("l1"),
    /** `eip1559`: the base fee follows demand; `fixed`: every block's base fee is initialBaseFeeGwei. */
    baseFeeMode: z.enum(["eip1559", "fixed"]).default("eip1559"),
    /** The base fee never falls below this, gwei (Arbitrum-style minimum). */
    baseFeeFloorGwei: z.number().min(0).default(0),
    /** Rollup L1 data fee (chainType op only); null: no L1 fee. */
    l1DataFee: l1DataFee.nullable().default(null),
    /** USD price of the gas token; default (null): the gas token is the underlying at its reference price. */
    gasTokenPriceUsd: z.number().positive().nullable().default(null),
    /** Unix seconds of the first simulated block; default: 2024-01-01 for GBM, the first CSV row for replay. */
    genesisTime: z.number().int().positive().nullable().default(null),
  })
  .prefault({});

const jumps = z.strictObject({
  /** Expected jumps per year (Merton 1976). */
  ratePerYear: z.number().min(0),
  /** Mean of the log jump size. */
  meanLog: z.number(),
  /** Standard deviation of the log jump size. */
  sdLog: z.number().min(0),
});

const gbm = z.strictObject({
  process: z.literal("gbm"),
  /** Reference price at t = 0, USD per unit of the underlying. */
  startPrice: z.number().positive().default(2000),
  /** Drift per year (of the price itself: E[S_t] = S_0·e^{mu·t}). */
  mu: z.number().default(0),
  /** Volatility per √year of the diffusion part. */
  sigma: z.number().positive().default(0.6),
  jumps: jumps.optional(),
  /** Grid step of the simulated path, seconds; default min(1, blockTime). */
  stepSeconds: z.number().positive().optional(),
});

const replay = z.strictObject({
  process: z.literal("replay"),
  /** CSV with a header; relative paths are resolved from the scenario file's folder. */
  file: z.string().min(1),
  timeColumn: z.string().default("timestamp"),
  priceColumn: z.string().default("close"),
  /** How prices between rows are formed: hold the last row, interpolate linearly, or a Brownian bridge. */
  interpolation: z.enum(["hold", "linear", "bridge"]).default("linear"),
  /** Volatility per √year of the Brownian bridge between rows (bridge only); default: realised vol of the file. */
  bridgeSigma: z.number().positive().optional(),
  /** Seconds into the file at which the run starts. */
  offset: z.number().min(0).default(0),
  stepSeconds: z.number().positive().optional(),
});

const contracts = z
  .strictObject({
    pool: z
      .strictObject({
        /** Swap fee, basis points of the input. */
        feeBps: z.number().min(0).max(9_999).default(30),
        /** Initial pool value in USD at the starting reference price, half in each token. */
        liquidityUsd: z.number().positive().default(10_000_000),
      })
      .prefault({}),
    book: z
      .strictObject({
        /** Price step of the order book, USD per unit of the underlying. */
        tickUsd: z.number().positive().default(0.01),
        /** Size step (lot) of the order book, units of the underlying. */
        lotBase: z.number().positive().default(0.01),
      })
      .prefault({}),
    /** The options vault (issue-3 AMM); null: not deployed. */
    vault: z
      .strictObject({
        /** Stablecoin the LP deposits at start, USD. */
        lpDepositUsd: z.number().positive().default(5_000_000),
        /** Implied vol the vault prices at before skew, per √year. */
        baseIv: z.number().positive().default(0.8),
        /** IV = baseIv × clamp(1 + skewSlope·ln(K/S), minSkew, maxSkew). */
        skewSlope: z.number().default(0),
        minSkew: z.number().positive().default(0.5),
        maxSkew: z.number().positive().default(2),
        /** Fee coefficients (docs/options-vault.md): of the premium, of spot notional, of added delta notional, vol points on added vega. */
        fees: z
          .strictObject({
            option: z.number().min(0).default(0.01),
            spot: z.number().min(0).default(0.0003),
            delta: z.number().min(0).default(0.002),
            vega: z.number().min(0).default(0.02),
          })
          .prefault({}),
        /** VAULT_INV_A stress: spot ±shockSpot (fraction), vol +shockVol (absolute). */
        shockSpot: z.number().min(0).max(0.99).default(0.2),
        shockVol: z.number().min(0).default(0.3),
        rate: z.number().min(0).default(0),
        /** Oldest oracle price the vault trades on, seconds. */
        maxOracleAgeSec: z.number().positive().default(600),
        /** Settlement price may be at most this much older than expiry, seconds. */
        maxSettlementAgeSec: z.number().positive().default(3_600),
        /** Listed series: strike as moneyness K/S₀ (or an absolute `strike`), expiry in seconds after t = 0. */
        series: z
          .array(
            z.strictObject({
              type: z.enum(["call", "put"]),
              moneyness: z.number().positive().optional(),
              strike: z.number().positive().optional(),
              expirySec: z.number().positive(),
            }),
          )
          .min(1)
          .max(16),
      })
      .nullable()
      .default(null),
    margin: z
      .strictObject({
        /** Initial margin ratio of perp notional (and of option underlying notional). */
        imRatio: z.number().positive().max(1).default(0.1),
        /** Maintenance margin ratio of perp notional; must be ≤ imRatio. */
        mmRatio: z.number().positive().max(1).default(0.05),
        /** Spot shock of the option maintenance term, fraction. */
        shock: z.number().min(0).max(1).default(0.15),
        /** Volatility marking short options, per √year. */
        vol: z.number().positive().default(0.8),
        /** Liquidation penalty, fraction of the closed notional. */
        penalty: z.number().min(0).max(1).default(0.05),
        /** Keeper's share of the penalty (the rest goes to the insurance fund). */
        keeperShare: z.number().min(0).max(1).default(0.5),
        /** Oldest oracle price the engine accepts, seconds. */
        maxOracleAgeSec: z.number().positive().default(3_600),
        /** Insurance fund at start, USD. */
        insuranceFundUsd: z.number().min(0).default(100_000),
      })
      .prefault({}),
    oracle: z
      .strictObject({
        /** Oldest oracle price a consumer contract accepts, seconds. */
        maxAgeSec: z.number().positive().default(3_600),
      })
      .prefault({}),
  })
  .prefault({});

const arbitrageur = agentEntry(
  "arbitrageur",
  z
    .strictObject({
      /** Trade only when expected profit after fee exceeds gas cost plus this, USD. */
      minProfitUsd: z.number().min(0).default(0),
      /** Cap on one trade's size, USD; null = unlimited. */
      maxTradeUsd: z.number().positive().nullable().default(null),
    })
    .prefault({}),
);

const noiseTrader = agentEntry(
  "noise-trader",
  z
    .strictObject({
      /** Mean trades per hour (Poisson arrivals). */
      ratePerHour: z.number().positive().default(30),
      sizeUsd,
      /** Probability that a trade buys the underlying. */
      buyProbability: z.number().min(0).max(1).default(0.5),
      /** Slippage tolerance against the pool price the trader saw, basis points. */
      slippageBps: z.number().min(0).default(100),
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
      heartbeatSec: z.number().positive().default(3_600),
      /** Push when the reference price moved this much from the on-chain price, basis points. */
      deviationBps: z.number().min(0).default(50),
    })
    .prefault({}),
);

const congestionLoad = agentEntry(
  "congestion-load",
  z
    .strictObject({
      /** Mean background demand for block space, gas per second. */
      gasPerSecond: z.number().positive().default(1_000_000),
      /** Gas each background transaction consumes (on the GasBurner contract). */
      txGas: z.number().int().min(30_000).max(16_000_000).default(500_000),
      /** How demand varies: constant, on/off bursts, or rising with realised volatility. */
      pattern: z.enum(["constant", "bursty", "volatility"]).default("constant"),
      burst: z
        .strictObject({
          multiplier: z.number().min(1).default(5),
          meanDurationSec: z.number().positive().default(300),
          meanGapSec: z.number().positive().default(1_800),
        })
        .prefault({}),
      volatility: z
        .strictObject({
          /** Look-back of the realised-volatility estimate, seconds. */
          windowSec: z.number().positive().default(600),
          /** Volatility per √year at which demand is at its mean. */
          referenceSigma: z.number().positive().default(0.6),
          /** Demand ∝ (realised / reference)^sensitivity. */
          sensitivity: z.number().min(0).default(2),
          maxMultiplier: z.number().min(1).default(10),
        })
        .prefault({}),
      /** Tips of background transactions: lognormal with this median (gwei) and log-sd. */
      tipGwei: z.strictObject({ median: z.number().min(0).default(1), sigma: z.number().min(0).default(0.5) }).prefault({}),
      /** The most each background transaction pays per gas (base fee + tip): lognormal median (gwei) and log-sd. */
      maxFeeGwei: z.strictObject({ median: z.number().positive().default(50), sigma: z.number().min(0).default(1) }).prefault({}),
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
      sizeBase: z.number().positive().default(5),
      /** Fixed part of the half-spread, basis points. */
      baseSpreadBps: z.number().min(0).default(2),
      /** z in the latency term z·σ·√τ of the half-spread (τ = observation + submission latency + one block). */
      latencySpreadZ: z.number().min(0).default(1),
      /** Volatility per √year it assumes; null: estimated from the prices it observes. */
      sigma: z.number().positive().nullable().default(null),
      adverseSelection: z
        .strictObject({
          /** Weight of each new markout in the learned adverse-selection term (EWMA). */
          learningRate: z.number().min(0).max(1).default(0.05),
          /** Blocks after a fill at which its markout is measured. */
          horizonBlocks: z.number().int().positive().default(5),
          /** Cap on the learned term, basis points. */
          maxBps: z.number().min(0).default(200),
        })
        .prefault({}),
      /** Inventory skew: the quote midpoint moves by this many bps per unit of inventory (Avellaneda–Stoikov style). */
      skewBpsPerUnit: z.number().min(0).default(1),
      /** Stop quoting the side that would grow |inventory| beyond this, units of the underlying. */
      maxInventoryBase: z.number().positive().default(100),
      /** Requote at least this often, seconds. */
      requoteSec: z.number().positive().default(60),
      /** Requote when its fair value moved this far from the quoted midpoint, basis points. */
      requoteBps: z.number().min(0).default(5),
      /** Delta-hedge inventory on the spot pool when |inventory| exceeds this, units; null: never. */
      hedgeThresholdBase: z.number().positive().nullable().default(20),
    })
    .prefault({}),
);

const sniper = agentEntry(
  "sniper",
  z
    .strictObject({
      /** Take a stale quote only when the profit against its reference price exceeds gas plus this, USD. */
      minProfitUsd: z.number().min(0).default(1),
      /** Largest size taken at once, units of the underlying. */
      maxSizeBase: z.number().positive().default(50),
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
      notionalUsd: z.strictObject({ median: z.number().positive().default(50_000), sigma: z.number().min(0).default(0.5) }).prefault({}),
      /** Leverage at open (notional / collateral), uniform in [min, max]; max ≤ 1 / imRatio. */
      leverage: z.strictObject({ min: z.number().min(1).default(3), max: z.number().min(1).default(9) }).prefault({}),
      /** Probability that an account is long. */
      longProbability: z.number().min(0).max(1).default(0.8),
      /** Accounts open at uniformly random times within this many seconds of the start. */
      openWithinSec: z.number().min(0).default(60),
      /** How often it reviews its accounts, seconds. */
      checkSec: z.number().positive().default(60),
      /** It tops up an account whose equity falls below this multiple of maintenance… */
      topUpBelowMaintenance: z.number().min(1).default(1.5),
      /** …with this probability per review (0: never tops up)… */
      topUpProbability: z.number().min(0).max(1).default(0),
      /** …adding this fraction of the position notional as collateral. */
      topUpFraction: z.number().positive().default(0.05),
    })
    .prefault({}),
);

const liquidationKeeper = agentEntry(
  "liquidation-keeper",
  z
    .strictObject({
      /** Liquidate only when the expected reward exceeds gas plus this, USD. */
      minProfitUsd: z.number().min(0).default(0),
    })
    .prefault({}),
);

const optionTrader = agentEntry(
  "option-trader",
  z
    .strictObject({
      /** Mean trades per hour (Poisson arrivals). */
      ratePerHour: z.number().positive().default(20),
      /** Size in units of the underlying: lognormal median and log-sd. */
      size: z.strictObject({ median: z.number().positive().default(1), sigma: z.number().min(0).default(0.5) }).prefault({}),
      /** Probability that a trade buys from the vault (0.5 balanced flow; higher: buy-heavy). */
      buyProbability: z.number().min(0).max(1).default(0.6),
      /** Price tolerance against its own Black–Scholes estimate at the vault's base IV, fraction. */
      slippage: z.number().min(0).default(0.2),
      /** Stop after this many trades; null: no limit. */
      maxTrades: z.number().int().positive().nullable().default(null),
    })
    .prefault({}),
);

const vaultHedger = agentEntry(
  "vault-hedger",
  z
    .strictObject({
      /** Rebalance when |vault delta + hedge| exceeds this, units of the underlying; null: only on schedule. */
      thresholdBase: z.number().positive().nullable().default(1),
      /** Also rebalance N times, evenly, from t = 0 to the first series' expiry (discrete-hedging studies); null: off. */
      rebalancesToExpiry: z.number().int().positive().nullable().default(null),
      /** Seeds the hedging-error validation runs (read by test/engine/hedging-error.test.ts only). */
      validationSeeds: z.number().int().positive().default(40),
      /** Slippage limit of its pool trades, fraction. */
      slippage: z.number().min(0).default(0.01),
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

export const scenarioSchema = z.strictObject({
  /** Run name, used in the default output folder; default: the file name. */
  name: z
    .string()
    .regex(/^[\w.-]+$/, { error: "must use letters, digits, '.', '_' or '-'" })
    .optional(),
  description: z.string().default(""),
  /** Seed of every random stream. */
  seed: z.number().int().min(0).default(1),
  /** Simulated time, seconds (or "6h", "1d"); default 1 day for GBM, the file's span for replay. */
  duration: duration.optional(),
  network,
  market: z.discriminatedUnion("process", [gbm, replay]).prefault({ process: "gbm" }),
  contracts,
  agents: z.array(agentSchema).default([]),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type AgentSpec = z.output<typeof agentSchema> & { id: string };
export type AgentType = AgentSpec["type"];
export type MarketSpec = ParsedScenario["market"];

/** A validated scenario with every default filled and every agent id assigned. */
export type Scenario = Omit<ParsedScenario, "agents" | "name" | "duration"> & {
  name: string;
  duration: number;
  agents: AgentSpec[];
};
