import { z } from "zod";

/** Reusable field schemas shared by the scenario sections. Units are in the names' docs (docs/scenario.md). */

/** Longest simulated run, seconds (366 days): runs are sized for a year at most (docs/scenario.md). */
export const MAX_DURATION_SEC = 31_622_400;

/** Seconds, given as a number or a string with a unit: "90s", "30m", "6h", "1d"; at least 1 s, at most 366 days. */
export const duration = z
  .union(
    [
      z.number(),
      z
        .string()
        .max(40)
        .regex(/^\d+(\.\d+)?\s*(s|m|h|d)$/, { error: 'must be seconds or "<n>s|m|h|d" such as "6h"' })
        .transform((text) => {
          const value = Number.parseFloat(text);
          const unit = text.trim().slice(-1);
          return value * { s: 1, m: 60, h: 3600, d: 86_400 }[unit as "s" | "m" | "h" | "d"];
        }),
    ],
    { error: 'must be seconds (a number) or a string such as "90s", "30m", "6h", "1d"' },
  )
  .pipe(z.number().min(1).max(MAX_DURATION_SEC));

/** Longest latency of any kind, seconds (one day). */
const MAX_LATENCY_SEC = 86_400;
const seconds = () => z.number().min(0).max(MAX_LATENCY_SEC);

/**
 * A latency in seconds: fixed, or drawn per use from a distribution. The distributions form a union
 * discriminated by `dist`, so a mistake inside one shape is reported for that shape only.
 */
export const latency = z.union(
  [
    seconds(),
    z.discriminatedUnion("dist", [
      z.strictObject({ dist: z.literal("uniform"), min: seconds(), max: seconds() }),
      z.strictObject({ dist: z.literal("exponential"), mean: z.number().min(1e-6).max(MAX_LATENCY_SEC), min: seconds().default(0) }),
      z.strictObject({ dist: z.literal("lognormal"), median: z.number().min(1e-6).max(MAX_LATENCY_SEC), sigma: z.number().min(0).max(5) }),
    ]),
  ],
  {
    error: "must be seconds ≥ 0, or one of { dist: uniform, min, max }, { dist: exponential, mean, min? }, { dist: lognormal, median, sigma }",
  },
);
export type LatencySpec = z.infer<typeof latency>;

export const latencyPair = z.strictObject({ observation: latency.default(0), submission: latency.default(0) }).prefault({});

/**
 * How an agent sets the EIP-1559 tip of its transactions:
 * - fixed: always `tipGwei`;
 * - percentile: the given percentile of tips paid in the last `windowBlocks` blocks, within [minTipGwei, maxTipGwei];
 * - profit-share: a share of the action's expected profit spread over its gas (agents that know their
 *   profit: arbitrageurs, snipers, keepers), at least minTipGwei; others fall back to minTipGwei.
 * The fee cap is max(maxFeeMultiplier × base fee seen, base fee seen) + tip.
 */
const feeCap = { maxFeeMultiplier: z.number().min(1).max(1_000).default(2) };
const priorityFeeUnion = z.discriminatedUnion("policy", [
  z.strictObject({ policy: z.literal("fixed"), tipGwei: z.number().min(0).max(1e6).default(1), ...feeCap }),
  z.strictObject({
    policy: z.literal("percentile"),
    percentile: z.number().min(0).max(100).default(50),
    windowBlocks: z.number().int().min(1).max(10_000).default(20),
    minTipGwei: z.number().min(0).max(1e6).default(0),
    maxTipGwei: z.number().min(0).max(1e6).default(1_000),
    ...feeCap,
  }),
  z.strictObject({
    policy: z.literal("profit-share"),
    share: z.number().min(0).max(1).default(0.5),
    minTipGwei: z.number().min(0).max(1e6).default(0),
    ...feeCap,
  }),
]);
/** Fields that only the percentile and profit-share policies have. */
const OTHER_POLICY_KEYS = new Set(["percentile", "windowBlocks", "minTipGwei", "maxTipGwei", "share"]);
/**
 * `policy` may be left out: it is then `fixed` (so `{ tipGwei: 2 }` works) — unless a field of another
 * policy is given, when a missing policy is reported as missing rather than as unknown fields of `fixed`.
 */
export const priorityFee = z
  .preprocess(
    (v) => (isObject(v) && !("policy" in v) && !Object.keys(v).some((k) => OTHER_POLICY_KEYS.has(k)) ? { policy: "fixed", ...v } : v),
    priorityFeeUnion,
  )
  .prefault({});

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
export type PriorityFeeSpec = z.infer<typeof priorityFeeUnion>;

/** A size in USD drawn from a lognormal with this median and log-sd (sigma 0 gives a fixed size). */
export const sizeUsd = z.strictObject({ median: z.number().min(1e-6).max(1e12).default(1000), sigma: z.number().min(0).max(5).default(0.5) }).prefault({});

/** Common part of every agent entry. */
export function agentEntry<T extends string, P extends z.ZodType>(type: T, params: P) {
  return z.strictObject({
    type: z.literal(type),
    id: z
      .string()
      .max(64)
      .regex(/^[A-Za-z][\w-]*$/, { error: "must start with a letter and use letters, digits, _ or -" })
      .optional(),
    latency: latencyPair,
    priorityFee,
    params,
  });
}
