import type { Cell } from "./csv-table.ts";

/**
 * Column lists of the per-run CSVs. docs/outputs.md defines every column (unit and formula); keep
 * the two in step. Times are simulated seconds since the run started unless the name says unix.
 */
export const BLOCK_COLUMNS = [
  "block",
  "time",
  "timestamp",
  "txCount",
  "gasUsed",
  "fullness",
  "baseFeeGwei",
  "refPrice",
  "poolPrice",
  "oraclePrice",
  "poolValueUsd",
  "lvrUsd",
  "tipGweiP50",
  "tipGweiP90",
  "l1BaseFeeGwei",
  "l1FeeUsd",
] as const;
export type BlockRow = Record<(typeof BLOCK_COLUMNS)[number], Cell>;

export const TX_COLUMNS = [
  "tx",
  "agent",
  "agentType",
  "kind",
  "intentTime",
  "viewTime",
  "submitTime",
  "inclusionBlock",
  "position",
  "inclusionTime",
  "delaySec",
  "status",
  "revertReason",
  "gasUsed",
  "gasPriceGwei",
  "tipGwei",
  "l1FeeUsd",
  "gasCostNative",
  "gasCostUsd",
  "hash",
] as const;
export type TxRow = Record<(typeof TX_COLUMNS)[number], Cell>;

export const TRADE_COLUMNS = [
  "block",
  "time",
  "tx",
  "agent",
  "agentType",
  "side",
  "amountBase",
  "amountQuote",
  "price",
  "refPrice",
  "feeUsd",
  "costVsRefUsd",
] as const;
export type TradeRow = Record<(typeof TRADE_COLUMNS)[number], Cell>;

export const AGENT_COLUMNS = [
  "agent",
  "agentType",
  "address",
  "txSent",
  "txIncluded",
  "txReverted",
  "txDropped",
  "txPending",
  "gasSpentUsd",
  "baseChange",
  "quoteChange",
  "pnlUsd",
] as const;
export type AgentRow = Record<(typeof AGENT_COLUMNS)[number], Cell>;

export const QUOTE_COLUMNS = ["block", "maker", "intentTime", "inclusionTime", "fairValue", "refPrice", "bid", "ask", "bidSize", "askSize"] as const;
export type QuoteRow = Record<(typeof QUOTE_COLUMNS)[number], Cell>;

export const FILL_COLUMNS = [
  "fill",
  "block",
  "time",
  "maker",
  "makerType",
  "taker",
  "takerSide",
  "price",
  "size",
  "notionalUsd",
  "quoteAgeSec",
  "fairValue",
  "refPrice",
  "markoutBps1",
  "markoutBps5",
  "markoutBps30",
] as const;
export type FillRow = Record<(typeof FILL_COLUMNS)[number], Cell>;

export const LIQUIDATION_COLUMNS = [
  "block",
  "time",
  "account",
  "owner",
  "keeper",
  "tx",
  "breachRefTime",
  "breachOracleTime",
  "decisionTime",
  "submitTime",
  "inclusionTime",
  "timeUnderwaterSec",
  "oraclePrice",
  "refPrice",
  "closedSizeBase",
  "closedNotionalUsd",
  "penaltyUsd",
  "keeperRewardUsd",
  "insuranceUsd",
  "badDebtUsd",
] as const;
export type LiquidationRow = Record<(typeof LIQUIDATION_COLUMNS)[number], Cell>;

export const ACCOUNT_COLUMNS = [
  "account",
  "owner",
  "openedTime",
  "side",
  "openNotionalUsd",
  "openCollateralUsd",
  "breachedAtRef",
  "breachedAtOracle",
  "liquidations",
  "badDebtUsd",
  "collateralEndUsd",
  "sizeEnd",
  "equityEndUsd",
] as const;
export type AccountRow = Record<(typeof ACCOUNT_COLUMNS)[number], Cell>;

export const OPTION_COLUMNS = [
  "block",
  "time",
  "trader",
  "series",
  "side",
  "size",
  "premiumUsd",
  "feeUsd",
  "iv",
  "spotUsed",
  "oracleAgeSec",
  "refPrice",
] as const;
export type OptionRow = Record<(typeof OPTION_COLUMNS)[number], Cell>;

export const VAULT_COLUMNS = [
  "block",
  "time",
  "navUsd",
  "cashUsd",
  "lockedCollateralUsd",
  "utilisation",
  "netDelta",
  "netVega",
  "hedgeBase",
  "spot",
  "invA",
] as const;
export type VaultRow = Record<(typeof VAULT_COLUMNS)[number], Cell>;

export const HEDGE_COLUMNS = ["block", "time", "hedger", "sizeBase", "price", "refPrice", "slippageUsd", "gasUsd", "hedgeBaseAfter"] as const;
export type HedgeRow = Record<(typeof HEDGE_COLUMNS)[number], Cell>;
