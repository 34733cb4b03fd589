import type { EChartsOption } from "echarts";
import { baseOption, timeAxis, valueAxis, type ChartSpec, type TimeUnit } from "./chart-kit.ts";
import { downsampled } from "./downsample.ts";
import type { Table } from "./table.ts";

/** Reference, pool and oracle price per block. */
export function priceChart(blocks: Table, unit: TimeUnit): ChartSpec | undefined {
  const t = blocks.num("time");
  if (!t) return undefined;
  const lines: [string, string, boolean][] = [
    ["refPrice", "reference price", false],
    ["poolPrice", "pool price", false],
    ["oraclePrice", "oracle price", true],
  ];
  const series = lines
    .filter(([col]) => blocks.has(col))
    .map(([col, name, step]) => ({
      type: "line" as const,
      name,
      showSymbol: false,
      step: step ? ("end" as const) : undefined,
      lineStyle: { width: col === "refPrice" ? 2 : 1.2 },
      data: downsampled(t, blocks.num(col) as Float64Array, unit.scale),
    }));
  if (series.length === 0) return undefined;
  return {
    id: "chart-prices",
    title: "Reference vs pool vs oracle price",
    caption: "The reference (exogenous market) price, the pool's marginal price after each block, and the last oracle value.",
    option: { ...baseOption({ zoom: true }), xAxis: timeAxis(unit), yAxis: valueAxis("price [USD]"), series } as EChartsOption,
  };
}

/** Pool and oracle deviation from the reference in basis points, with the pool's fee band. */
export function deviationChart(blocks: Table, unit: TimeUnit, feeBps: number | undefined): ChartSpec | undefined {
  const t = blocks.num("time");
  const ref = blocks.num("refPrice");
  if (!t || !ref) return undefined;
  const bps = (col: string) => {
    const p = blocks.num(col) as Float64Array;
    return p.map((v, i) => ((v - ref[i]) / ref[i]) * 1e4);
  };
  const series: Record<string, unknown>[] = [];
  for (const [col, name] of [
    ["poolPrice", "pool − reference"],
    ["oraclePrice", "oracle − reference"],
  ] as const) {
    if (blocks.has(col)) series.push({ type: "line", name, showSymbol: false, lineStyle: { width: 1 }, data: downsampled(t, bps(col), unit.scale) });
  }
  if (series.length === 0) return undefined;
  if (feeBps !== undefined && series[0]) {
    series[0].markLine = {
      silent: true,
      symbol: "none",
      lineStyle: { type: "dashed", color: "#888" },
      data: [
        { yAxis: feeBps, label: { formatter: `+${feeBps} bps (pool fee)`, position: "insideEndTop" } },
        { yAxis: -feeBps, label: { formatter: `−${feeBps} bps (pool fee)`, position: "insideEndBottom" } },
      ],
    };
  }
  return {
    id: "chart-deviation",
    title: "Pool and oracle deviation from the reference price",
    caption: "(price − reference) / reference in basis points. Arbitrage keeps the pool inside roughly ± its fee; the oracle drifts until its next push.",
    option: { ...baseOption({ zoom: true }), xAxis: timeAxis(unit), yAxis: valueAxis("deviation [bps]"), series } as EChartsOption,
  };
}

/** Cumulative LVR (blocks.csv) against cumulative pool fees (trades.csv), and the LPs' net. */
export function lvrChart(blocks: Table, trades: Table | undefined, unit: TimeUnit): ChartSpec | undefined {
  const t = blocks.num("time");
  const block = blocks.num("block");
  const lvr = blocks.num("lvrUsd");
  if (!t || !block || !lvr) return undefined;
  const feeByBlock = new Map<number, number>();
  const tb = trades?.num("block");
  const fee = trades?.num("feeUsd");
  if (tb && fee) for (let i = 0; i < tb.length; i++) if (Number.isFinite(fee[i])) feeByBlock.set(tb[i], (feeByBlock.get(tb[i]) ?? 0) + fee[i]);
  const cumLvr = new Float64Array(t.length);
  const cumFees = new Float64Array(t.length);
  let l = 0;
  let f = 0;
  for (let i = 0; i < t.length; i++) {
    l += Number.isFinite(lvr[i]) ? lvr[i] : 0;
    f += feeByBlock.get(block[i]) ?? 0;
    cumLvr[i] = l;
    cumFees[i] = f;
  }
  const series: Record<string, unknown>[] = [
    { type: "line", name: "cumulative LVR", showSymbol: false, data: downsampled(t, cumLvr, unit.scale), color: "#d62728" },
  ];
  if (fee) {
    series.unshift({ type: "line", name: "cumulative LP fees", showSymbol: false, data: downsampled(t, cumFees, unit.scale), color: "#2ca02c" });
    const net = cumFees.map((v, i) => v - cumLvr[i]);
    series.push({
      type: "line",
      name: "LP fees − LVR",
      showSymbol: false,
      lineStyle: { type: "dashed" },
      data: downsampled(t, net, unit.scale),
      color: "#555",
    });
  }
  return {
    id: "chart-lvr",
    title: "Cumulative LVR vs cumulative LP fees",
    caption:
      "Loss-versus-rebalancing (what LPs lose to informed flow, Milionis et al. 2022) against the fees the pool earned; above zero the dashed line means LPs beat rebalancing.",
    option: { ...baseOption({ zoom: true }), xAxis: timeAxis(unit), yAxis: valueAxis("cumulative [USD]"), series } as EChartsOption,
  };
}
