import type { EChartsOption } from "echarts";
import { quantile } from "../stats/descriptive.ts";
import { baseOption, distinct, timeAxis, valueAxis, wantsLog, type ChartSpec, type TimeUnit } from "./chart-kit.ts";
import { downsampled, round } from "./downsample.ts";
import { formatNumber } from "./metric-labels.ts";
import type { Table } from "./table.ts";

/** Base fee (left axis) and block fullness (right axis) per block. */
export function gasMarketChart(blocks: Table, unit: TimeUnit): ChartSpec | undefined {
  const t = blocks.num("time");
  const fee = blocks.num("baseFeeGwei");
  const full = blocks.num("fullness");
  if (!t || (!fee && !full)) return undefined;
  const log = fee !== undefined && wantsLog(fee);
  const series: Record<string, unknown>[] = [];
  if (fee) series.push({ type: "line", name: "base fee", showSymbol: false, yAxisIndex: 0, data: downsampled(t, fee, unit.scale), color: "#ff7f0e" });
  if (full) {
    const pct = full.map((v) => v * 100);
    series.push({
      type: "line",
      name: "block fullness",
      showSymbol: false,
      yAxisIndex: 1,
      lineStyle: { width: 0.8 },
      areaStyle: { opacity: 0.25 },
      data: downsampled(t, pct, unit.scale),
      color: "#1f77b4",
    });
  }
  return {
    id: "chart-gas-market",
    title: "Base fee and block fullness",
    caption: `EIP-1559 base fee per block${log ? " (log scale)" : ""} and gas used as a share of the block gas limit; the base fee rises after blocks more than half full.`,
    option: {
      ...baseOption({ zoom: true, rightAxis: true }),
      xAxis: timeAxis(unit),
      yAxis: [
        valueAxis("base fee [gwei]", log ? { type: "log", scale: false } : {}),
        valueAxis("block fullness [% of gas limit]", { min: 0, max: 100, splitLine: { show: false }, nameGap: 40 }),
      ],
      series,
    } as EChartsOption,
  };
}

/** Empirical CDF of inclusion delay (decision → block) per agent type, from txs.csv. */
export function delayChart(txs: Table): ChartSpec | undefined {
  const delay = txs.num("delaySec");
  const type = txs.text("agentType") ?? txs.text("agent");
  if (!delay || !type) return undefined;
  const status = txs.text("status");
  const included = (i: number) => Number.isFinite(delay[i]) && (!status || status[i] === "ok" || status[i] === "reverted");
  const byType = new Map<string, number[]>();
  for (let i = 0; i < delay.length; i++) {
    if (!included(i)) continue;
    let list = byType.get(type[i]);
    if (!list) byType.set(type[i], (list = []));
    list.push(delay[i]);
  }
  if (byType.size === 0) return undefined;
  const sortedByType = [...byType].map(([name, list]) => [name, Float64Array.from(list).sort()] as const);
  const maxDelay = Math.max(...sortedByType.map(([, sorted]) => sorted[sorted.length - 1]));
  const stats: string[] = [];
  const series = sortedByType.map(([name, sorted]) => {
    const n = sorted.length;
    const steps = Math.min(n, 400);
    const data: [number, number][] = [[round(sorted[0]) as number, 0]];
    for (let k = 1; k <= steps; k++) {
      const i = Math.ceil((k * n) / steps) - 1;
      data.push([round(sorted[i]) as number, round((i + 1) / n) as number]);
    }
    data.push([round(maxDelay) as number, 1]);
    stats.push(`${name}: median ${formatNumber(quantile(sorted, 0.5))} s, p95 ${formatNumber(quantile(sorted, 0.95))} s (n = ${n})`);
    return { type: "line" as const, name, step: "end" as const, showSymbol: false, data };
  });
  const lost = status ? status.filter((s) => s === "dropped" || s === "pending").length : 0;
  return {
    id: "chart-delay",
    title: "Inclusion delay by agent type",
    caption: `Share of included transactions that landed within x seconds of the agent's decision. ${stats.join("; ")}.${lost ? ` ${lost} transactions were dropped or still pending (not shown).` : ""}`,
    option: {
      ...baseOption(),
      xAxis: valueAxis("inclusion delay: decision → block [s]", { nameGap: 28, scale: false, min: 0 }),
      yAxis: valueAxis("share of included transactions", { min: 0, max: 1, scale: false }),
      series,
    } as EChartsOption,
  };
}

/** Gas spent in USD per agent type, split into transactions that succeeded and those that reverted. */
export function gasByTypeChart(txs: Table | undefined, agents: Table | undefined): ChartSpec | undefined {
  const sums = new Map<string, { ok: number; reverted: number }>();
  const add = (type: string, usd: number, reverted: boolean) => {
    if (!Number.isFinite(usd)) return;
    const s = sums.get(type) ?? { ok: 0, reverted: 0 };
    if (reverted) s.reverted += usd;
    else s.ok += usd;
    sums.set(type, s);
  };
  const type = txs?.text("agentType");
  const usd = txs?.num("gasCostUsd");
  if (type && usd) {
    const status = txs?.text("status");
    for (let i = 0; i < type.length; i++) add(type[i], usd[i], status?.[i] === "reverted");
  } else {
    const aType = agents?.text("agentType");
    const aUsd = agents?.num("gasSpentUsd");
    if (!aType || !aUsd) return undefined;
    for (let i = 0; i < aType.length; i++) add(aType[i], aUsd[i], false);
  }
  if (sums.size === 0) return undefined;
  const types = distinct([...sums.keys()]);
  const anyReverted = types.some((t) => (sums.get(t)?.reverted ?? 0) > 0);
  const bar = (name: string, key: "ok" | "reverted", color: string) => ({
    type: "bar" as const,
    name,
    stack: "gas",
    color,
    barMaxWidth: 56,
    label: key === "ok" && !anyReverted ? { show: true, position: "top" as const } : undefined,
    data: types.map((t) => round(sums.get(t)?.[key] ?? 0)),
  });
  const series = [bar("included, succeeded", "ok", "#1f77b4")];
  if (anyReverted) series.push(bar("included, reverted", "reverted", "#d62728"));
  return {
    id: "chart-gas-by-type",
    title: "Gas spent by agent type",
    caption:
      "Total gas cost in USD of each agent type's included transactions (gas used × effective gas price × gas-token price); red is gas burnt on reverted transactions.",
    option: {
      ...baseOption(),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      xAxis: { type: "category", name: "agent type", nameLocation: "middle", nameGap: 28, data: types },
      yAxis: valueAxis("gas spent [USD]", { scale: false }),
      series,
    } as EChartsOption,
  };
}
