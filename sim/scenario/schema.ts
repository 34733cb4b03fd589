import { z } from "zod";
import { agentSchema } from "./agent-schemas.ts";
import { duration } from "./fields.ts";

/**
 * The scenario schema: every field, its unit and its default. docs/scenario.md documents each one; keep
 * them in step. Objects are strict, so a typo is an error rather than a silently ignored key.
 */

/** The L1 data fee a rollup charges (OP Stack Ecotone formula), driven by a mean-reverting L1 base fee. */
const l1DataFee = z.strictObject({
  /** Long-run median of the L1 base fee, gwei. */
  baseFeeGwei: z.number().min(0).max(1e6).default(2),
  /** Volatility of log L1 base fee per √hour (an Ornstein–Uhlenbeck process in logs); 0 keeps it fixed. */
  volPerSqrtHour: z.number().min(0).max(10).default(0.5),
  /** Half-life of deviations from the median, seconds. */
  halfLifeSec: z.number().min(1).max(31_536_000).default(3_600),
  /** The L1 base fee is updated on this cadence (an L1 block), seconds. */
  updateSec: z.number().min(0.01).max(3_600).default(12),
  /** L1 blob base fee, gwei. */
  blobBaseFeeGwei: z.number().min(0).max(1e6).default(1),
  /** Ecotone scalars (OP Mainnet's: 5227 and 1014213). */
  baseFeeScalar: z.number().int().min(0).max(4_294_967_295).default(5_227),
  blobBaseFeeScalar: z.number().int().min(0).max(4_294_967_295).default(1_014_213),
});

const network = z
  .strictObject({
    /** A documented bundle of the fields below (docs/environments.md); fields given explicitly win. */
    environment: z.enum(["ethereum-l1", "op-rollup", "arbitrum-style", "fast-appchain", "custom"]).default("custom"),
    /** Seconds between blocks (may be below 1: several blocks then share a timestamp second). */
    blockTime: z.number().min(0.01).max(3_600).default(12),
    /** Gas per block. */
    blockGasLimit: z.number().int().min(100_000).max(10_000_000_000).default(30_000_000),
    /** Base fee of the genesis block, gwei; 0 keeps it at 0 for the whole run. */
    initialBaseFeeGwei: z.number().min(0).max(1e6).default(1),
    /** Mempool ordering: priority-fee auction or first-come-first-served. */
    ordering: z.enum(["priority", "fifo"]).default("priority"),
    /** EDR chain type: `l1`/`generic` use Ethereum's EIP-1559 parameters, `op` OP-mainnet's. */
    chainType: z.enum(["l1", "op", "generic"]).default("l1"),
    /** `eip1559`: the base fee follows demand; `fixed`: every block's base fee is initialBaseFeeGwei. */
    baseFeeMode: z.enum(["eip1559", "fixed"]).default("eip1559"),
    /** The base fee never falls below this, gwei (Arbitrum-style minimum). */
    baseFeeFloorGwei: z.number().min(0).max(1e6).default(0),
    /** Rollup L1 data fee (chainType op only); null: no L1 fee. */
    l1DataFee: l1DataFee.nullable().default(null),
    /** USD price of the gas token; default (null): the gas token is the underlying at its reference price. */
    gasTokenPriceUsd: z.number().min(1e-12).max(1e9).nullable().default(null),
    /** Unix seconds of the first simulated block; default: 2024-01-01 for GBM, the first CSV row for replay. */
    genesisTime: z.number().int().min(1).max(4_102_444_800).nullable().default(null),
  })
  .prefault({});

const jumps = z.strictObject({
  /** Expected jumps per year (Merton 1976). */
  ratePerYear: z.number().min(0).max(1e6),
  /** Mean of the log jump size. */
  meanLog: z.number().min(-5).max(5),
  /** Standard deviation of the log jump size. */
  sdLog: z.number().min(0).max(5),
});

const gbm = z.strictObject({
  process: z.literal("gbm"),
  /** Reference price at t = 0, USD per unit of the underlying. */
  startPrice: z.number().min(1e-4).max(1e7).default(2000),
  /** Drift per year (of the price itself: E[S_t] = S_0·e^{mu·t}). */
  mu: z.number().min(-1_000).max(1_000).default(0),
  /** Volatility per √year of the diffusion part. */
  sigma: z.number().min(1e-4).max(10).default(0.6),
  jumps: jumps.optional(),
  /** Grid step of the simulated path, seconds; default min(1, blockTime). */
  stepSeconds: z.number().min(0.001).max(3_600).optional(),
});

const replay = z.strictObject({
  process: z.literal("replay"),
  /** CSV with a header; relative paths are resolved from the scenario file's folder. */
  file: z.string().min(1).max(4_096),
  timeColumn: z.string().min(1).max(200).default("timestamp"),
  priceColumn: z.string().min(1).max(200).default("close"),
  /** How prices between rows are formed: hold the last row, interpolate linearly, or a Brownian bridge. */
  interpolation: z.enum(["hold", "linear", "bridge"]).default("linear"),
  /** Volatility per √year of the Brownian bridge between rows (bridge only); default: realised vol of the file. */
  bridgeSigma: z.number().min(1e-4).max(10).optional(),
  /** Seconds into the file at which the run starts. */
  offset: z.number().min(0).max(1e9).default(0),
  stepSeconds: z.number().min(0.001).max(3_600).optional(),
});

const contracts = z
  .strictObject({
    pool: z
      .strictObject({
        /** Swap fee, basis points of the input. */
        feeBps: z.number().int().min(0).max(9_999).default(30),
        /** Initial pool value in USD at the starting reference price, half in each token. */
        liquidityUsd: z.number().min(1_000).max(1e12).default(10_000_000),
      })
      .prefault({}),
    book: z
      .strictObject({
        /** Price step of the order book, USD per unit of the underlying. */
        tickUsd: z.number().min(1e-6).max(1e6).default(0.01),
        /** Size step (lot) of the order book, units of the underlying. */
        lotBase: z.number().min(1e-12).max(1e6).default(0.01),
      })
      .prefault({}),
    /** The options vault (issue-3 AMM); null: not deployed. */
    vault: z
      .strictObject({
        /** Stablecoin the LP deposits at start, USD. */
        lpDepositUsd: z.number().min(1).max(1e12).default(5_000_000),
        /** Implied vol the vault prices at before skew, per √year. */
        baseIv: z.number().min(0.001).max(10).default(0.8),
        /** IV = baseIv × clamp(1 + skewSlope·ln(K/S), minSkew, maxSkew). */
        skewSlope: z.number().min(-100).max(100).default(0),
        minSkew: z.number().min(0.001).max(100).default(0.5),
        maxSkew: z.number().min(0.001).max(100).default(2),
        /** Fee coefficients (docs/options-vault.md): of the premium, of spot notional, of added delta notional, vol points on added vega. */
        fees: z
          .strictObject({
            option: z.number().min(0).max(1).default(0.01),
            spot: z.number().min(0).max(1).default(0.0003),
            delta: z.number().min(0).max(1).default(0.002),
            vega: z.number().min(0).max(1).default(0.02),
          })
          .prefault({}),
        /** VAULT_INV_A stress: spot ±shockSpot (fraction), vol +shockVol (absolute). */
        shockSpot: z.number().min(0).max(0.99).default(0.2),
        shockVol: z.number().min(0).max(10).default(0.3),
        rate: z.number().min(0).max(1).default(0),
        /** Oldest oracle price the vault trades on, seconds. */
        maxOracleAgeSec: z.number().int().min(1).max(31_536_000).default(600),
        /** Listed series: strike as moneyness K/S₀ (or an absolute `strike`), expiry in seconds after t = 0. */
        series: z
          .array(
            z.strictObject({
              type: z.enum(["call", "put"]),
              moneyness: z.number().min(0.001).max(1_000).optional(),
              strike: z.number().min(1e-6).max(1e10).optional(),
              expirySec: z.number().int().min(1).max(315_360_000),
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
        imRatio: z.number().min(0.001).max(1).default(0.1),
        /** Maintenance margin ratio of perp notional; must be ≤ imRatio. */
        mmRatio: z.number().min(0.0001).max(1).default(0.05),
        /** Spot shock of the option maintenance term, fraction. */
        shock: z.number().min(0).max(0.99).default(0.15),
        /** Volatility marking short options, per √year. */
        vol: z.number().min(0.001).max(10).default(0.8),
        /** Liquidation penalty, fraction of the closed notional. */
        penalty: z.number().min(0).max(1).default(0.05),
        /** Keeper's share of the penalty (the rest goes to the insurance fund). */
        keeperShare: z.number().min(0).max(1).default(0.5),
        /** Oldest oracle price the engine accepts, seconds. */
        maxOracleAgeSec: z.number().int().min(1).max(31_536_000).default(3_600),
        /** Insurance fund at start, USD. */
        insuranceFundUsd: z.number().min(0).max(1e12).default(100_000),
      })
      .prefault({}),
    oracle: z
      .strictObject({
        /** Oldest oracle price a consumer contract accepts, seconds. */
        maxAgeSec: z.number().int().min(1).max(31_536_000).default(3_600),
      })
      .prefault({}),
  })
  .prefault({});

/** The scenario schema with a given agent-entry schema (the shipped agents, or those plus a scenario's plug-ins). */
export function buildScenarioSchema<A extends z.ZodType>(agents: A) {
  return z.strictObject({
    /** Run name, used in the default output folder; default: the file name. */
    name: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9][\w.-]*$/, { error: "must be a folder name: start with a letter or digit, then letters, digits, '.', '_' or '-'" })
      .optional(),
    description: z.string().max(10_000).default(""),
    /** Seed of every random stream. */
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    /** Simulated time, seconds (or "6h", "1d"); default 1 day for GBM, the file's span for replay. */
    duration: duration.optional(),
    network,
    market: z.discriminatedUnion("process", [gbm, replay]).prefault({ process: "gbm" }),
    contracts,
    /** Plug-in modules (TypeScript files) that add agent types; relative to the scenario file (docs/api.md). */
    plugins: z.array(z.string().min(1).max(4_096)).max(32).optional(),
    agents: z.array(agents).default([]),
  });
}

export const scenarioSchema = buildScenarioSchema(agentSchema);

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
