import { z } from "zod";

/** Reusable field schemas shared by the scenario sections. Units are in the names' docs (docs/scenario.md). */

/** Seconds, given as a number or a string with a unit: "90s", "30m", "6h", "1d". */
export const duration = z.union([
  z.number().positive(),
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(s|m|h|d)$/, { error: 'must be seconds or "<n>s|m|h|d" such as "6h"' })
    .transform((text) => {
      const value = Number.parseFloat(text);
      const unit = text.trim().slice(-1);
      return value * { s: 1, m: 60, h: 3600, d: 86_400 }[unit as "s" | "m" | "h" | "d"];
    }),
]);

/** A latency in seconds: fixed, or drawn per use from a distribution. */
export const latency = z.union([
  z.number().min(0),
  z.strictObject({ dist: z.literal("uniform"), min: z.number().min(0), max: z.number().min(0) }),
  z.strictObject({ dist: z.literal("exponential"), mean: z.number().positive(), min: z.number().min(0).default(0) }),
  z.strictObject({ dist: z.literal("lognormal"), median: z.number().positive(), sigma: z.number().min(0) }),
]);
export type LatencySpec = z.infer<typeof latency>;

export const latencyPair = z
  .strictObject({ observation: latency.default(0), submission: latency.default(0) })
  .prefault({});

/** How an agent sets the EIP-1559 tip (and fee cap) of its transactions. */
export const priorityFee = z
  .strictObject({
    policy: z.literal("fixed").default("fixed"),
    /** Tip in gwei per gas. */
    tipGwei: z.number().min(0).default(1),
    /** Fee cap = max(maxFeeMultiplier × base fee seen, base fee seen + tip) + tip. */
    maxFeeMultiplier: z.number().min(1).default(2),
  })
  .prefault({});
export type PriorityFeeSpec = z.infer<typeof priorityFee>;

/** A size in USD drawn from a lognormal with this median and log-sd (sigma 0 gives a fixed size). */
export const sizeUsd = z
  .strictObject({ median: z.number().positive().default(1000), sigma: z.number().min(0).default(0.5) })
  .prefault({});

/** Common part of every agent entry. */
export function agentEntry<T extends string, P extends z.ZodType>(type: T, params: P) {
  return z.strictObject({
    type: z.literal(type),
    id: z
      .string()
      .regex(/^[A-Za-z][\w-]*$/, { error: "must start with a letter and use letters, digits, _ or -" })
      .optional(),
    latency: latencyPair,
    priorityFee,
    params,
  });
}
