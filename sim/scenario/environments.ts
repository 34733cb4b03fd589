/**
 * Execution-environment presets: documented bundles of `network` fields (docs/environments.md gives the
 * sources). A scenario picks one with `network.environment` and may still set any field itself; fields
 * it sets win over the preset.
 */
export const ENVIRONMENTS = {
  "ethereum-l1": {
    blockTime: 12,
    blockGasLimit: 45_000_000,
    chainType: "l1",
    ordering: "priority",
    initialBaseFeeGwei: 2,
    baseFeeMode: "eip1559",
  },
  "op-rollup": {
    blockTime: 2,
    blockGasLimit: 30_000_000,
    chainType: "op",
    ordering: "priority",
    initialBaseFeeGwei: 0.001,
    baseFeeMode: "eip1559",
    l1DataFee: {},
  },
  "arbitrum-style": {
    blockTime: 0.25,
    blockGasLimit: 32_000_000,
    chainType: "generic",
    ordering: "fifo",
    initialBaseFeeGwei: 0.01,
    baseFeeFloorGwei: 0.01,
    baseFeeMode: "eip1559",
  },
  "fast-appchain": {
    blockTime: 0.1,
    blockGasLimit: 50_000_000,
    chainType: "generic",
    ordering: "fifo",
    initialBaseFeeGwei: 0.1,
    baseFeeMode: "fixed",
  },
  custom: {},
} as const satisfies Record<string, Record<string, unknown>>;

export type EnvironmentName = keyof typeof ENVIRONMENTS;

/** Fills `raw.network` from its preset, under the fields the scenario set itself. */
export function applyEnvironment(raw: Record<string, unknown>): void {
  const network = raw.network;
  if (!network || typeof network !== "object" || Array.isArray(network)) return;
  const name = (network as { environment?: unknown }).environment;
  if (typeof name !== "string" || !(name in ENVIRONMENTS)) return; // the schema reports unknown names
  const preset = ENVIRONMENTS[name as EnvironmentName] as Record<string, unknown>;
  raw.network = { ...structuredClone(preset), ...network };
}
