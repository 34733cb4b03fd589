/**
 * Human labels and units for summary.json metrics (docs/outputs.md defines them). Unknown metrics —
 * later capabilities add their own — get a unit from their name's suffix and the name as label.
 */
const LABELS: Record<string, string> = {
  blocks: "blocks simulated",
  txSent: "transactions sent",
  txIncluded: "transactions included",
  txReverted: "transactions reverted",
  txDropped: "transactions dropped",
  txPending: "transactions still pending",
  durationSec: "simulated time",
  lvrUsd: "loss-versus-rebalancing (LVR)",
  lpFeesUsd: "LP fees earned",
  arbProfitUsd: "arbitrageur profit after gas",
  arbTrades: "arbitrage trades",
  noiseSlippageUsd: "noise traders' cost vs reference",
  noiseTrades: "noise trades",
  gasSpentUsd: "gas spent, all agents",
  oracleUpdates: "oracle updates",
  oracleErrorBpsMean: "mean oracle error vs reference",
  oracleAgeSecMean: "mean oracle age",
  blockFullnessMean: "mean block fullness",
  baseFeeGweiP50: "base fee, median",
  baseFeeGweiP95: "base fee, 95th percentile",
  refPriceStart: "reference price at start",
  refPriceEnd: "reference price at end",
  poolValueUsdStart: "pool value at start",
  poolValueUsdEnd: "pool value at end",
  wallSeconds: "wall-clock time of the run",
  loopSeconds: "wall-clock time of the block loop",
  simSecondsPerWallSecond: "simulated seconds per wall second",
};

/** The metrics shown first, in this order; anything matching these patterns is a headline metric. */
const HEADLINE: readonly RegExp[] = [
  /spread/i,
  /^lvrUsd$/,
  /^lpFeesUsd$/,
  /^arbProfitUsd$/,
  /^noiseSlippageUsd$/,
  /hedg/i,
  /delta/i,
  /liquidat/i,
  /badDebt/i,
  /^gasSpentUsd$/,
  /^oracleErrorBpsMean$/,
  /^oracleAgeSecMean$/,
  /^inclusionDelaySecP50\./,
  /^blockFullnessMean$/,
  /^txReverted$/,
  /^txDropped$/,
];

/** Wall-clock metrics differ between identical runs; they are never plotted against a swept parameter. */
export const WALL_CLOCK = new Set(["wallSeconds", "loopSeconds", "simSecondsPerWallSecond"]);

/** Rank of a headline metric (lower first), or undefined for the rest. */
export function headlineRank(name: string): number | undefined {
  const i = HEADLINE.findIndex((re) => re.test(name));
  return i < 0 ? undefined : i;
}

export function unitOf(name: string): string {
  const base = name.split(".")[0];
  if (/Bps/.test(base)) return "bps";
  if (/Usd/.test(base)) return "USD";
  if (/Gwei/.test(base)) return "gwei";
  if (/Per/.test(base)) return "";
  if (/Sec/.test(base)) return "s";
  if (/Price/.test(base)) return "USD";
  if (/Fullness/.test(base)) return "share of gas limit";
  return "";
}

/** "loss-versus-rebalancing (LVR)" for lvrUsd; "inclusion delay, median — noise-trader" for the dotted ones. */
export function labelOf(name: string): string {
  if (LABELS[name]) return LABELS[name];
  const m = /^inclusionDelaySecP(\d+)\.(.+)$/.exec(name);
  if (m) return `inclusion delay, ${m[1] === "50" ? "median" : `${m[1]}th percentile`} — ${m[2]}`;
  const g = /^gasSpentUsd\.(.+)$/.exec(name);
  if (g) return `gas spent — ${g[1]}`;
  return name;
}

/** "LVR [USD]" style axis name. */
export function axisNameOf(name: string): string {
  const unit = unitOf(name);
  return unit ? `${labelOf(name)} [${unit}]` : labelOf(name);
}

/** Unit of a swept scenario field from its last path segment (blockTime, latency.submission → s). */
export function fieldUnit(field: string): string {
  const last = field.split(".").pop() ?? field;
  if (/(Time|Sec|latency|observation|submission)$/i.test(last)) return "s";
  if (/Bps$/.test(last)) return "bps";
  if (/Gwei$/.test(last)) return "gwei";
  if (/Usd$/.test(last)) return "USD";
  return "";
}

/** Readable number: thousands separators, about four significant decimals, exponent for tiny values. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  const abs = Math.abs(v);
  if (abs !== 0 && abs < 1e-3) return v.toExponential(3);
  if (abs >= 1_000) return v.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return v.toLocaleString("en-US", { maximumSignificantDigits: 5 });
}
