import type { EChartsOption } from "echarts";
import { baseOption, distinct, timeAxis, valueAxis, type ChartSpec, type TimeUnit } from "./chart-kit.ts";
import { downsampled, round } from "./downsample.ts";
import type { Table } from "./table.ts";

/*
 * Charts for files later capabilities write (quotes.csv, vault.csv, hedges.csv, liquidations.csv).
 * Each returns undefined unless the columns it needs are there, and ignores columns it does not know.
 */

/** Quoted spread over time (bps, right axis) with bid and ask (USD, left axis) when one quoter. */
export function spreadChart(quotes: Table, unit: TimeUnit): ChartSpec | undefined {
  const t = quotes.num("time") ?? quotes.num("inclusionTime");
  const bid = quotes.num("bid");
  const ask = quotes.num("ask");
  const given = quotes.num("spreadBps");
  if (!t || (!given && !(bid && ask))) return undefined;
  const spread = given ?? (bid as Float64Array).map((b, i) => (((ask as Float64Array)[i] - b) / (((ask as Float64Array)[i] + b) / 2)) * 1e4);
  const agent = quotes.text("agent") ?? quotes.text("maker");
  const agents = agent ? distinct(agent) : [""];
  const series: Record<string, unknown>[] = [];
  for (const a of agents) {
    const mask = (v: number, i: number) => (agent && agent[i] !== a ? Number.NaN : v);
    const suffix = agents.length > 1 ? ` — ${a}` : "";
    series.push({ type: "line", name: `spread${suffix}`, showSymbol: false, yAxisIndex: 1, data: downsampled(t, spread.map(mask), unit.scale) });
  }
  const priceAxis = bid !== undefined && ask !== undefined && agents.length === 1;
  if (priceAxis) {
    series.unshift(
      { type: "line", name: "bid", showSymbol: false, yAxisIndex: 0, lineStyle: { width: 1 }, data: downsampled(t, bid, unit.scale), color: "#2ca02c" },
      { type: "line", name: "ask", showSymbol: false, yAxisIndex: 0, lineStyle: { width: 1 }, data: downsampled(t, ask, unit.scale), color: "#d62728" },
    );
  }
  return {
    id: "chart-spread",
    title: "Quoted spread over time",
    caption: "Ask − bid relative to the mid, in basis points" + (priceAxis ? ", with the bid and ask quotes themselves." : ", per quoting agent."),
    option: {
      ...baseOption({ zoom: true, rightAxis: true }),
      xAxis: timeAxis(unit),
      yAxis: [valueAxis("quote [USD]", { show: priceAxis }), valueAxis("spread [bps]", { splitLine: { show: !priceAxis }, nameGap: 48 })],
      series,
    } as EChartsOption,
  };
}

/** Vault net delta over time (vault.csv) with the hedges (hedges.csv) as markers on it. */
export function vaultDeltaChart(vault: Table | undefined, hedges: Table | undefined, unit: TimeUnit): ChartSpec | undefined {
  const vt = vault?.num("time");
  const delta = vault?.num("netDelta");
  const ht = hedges?.num("time");
  if (!(vt && delta) && !ht) return undefined;
  const series: Record<string, unknown>[] = [];
  if (vt && delta) series.push({ type: "line", name: "vault net delta", showSymbol: false, step: "end", data: downsampled(vt, delta, unit.scale) });
  if (hedges && ht) {
    const data = [];
    for (let i = 0; i < ht.length && data.length < 5_000; i++) {
      if (!Number.isFinite(ht[i])) continue;
      const y = vt && delta ? valueAt(vt, delta, ht[i]) : 0;
      data.push({ value: [round(ht[i] * unit.scale), round(y)], name: eventLabel(hedges.row(i)) });
    }
    series.push({ type: "scatter", name: "hedge", symbol: "triangle", symbolSize: 9, data, color: "#d62728", z: 5 });
  }
  return {
    id: "chart-vault-delta",
    title: "Vault net delta and hedges",
    caption: "The options vault's net delta in units of the underlying; triangles mark hedge trades (hover for their size and cost).",
    option: {
      ...baseOption({ zoom: true }),
      tooltip: { trigger: "item", confine: true },
      xAxis: timeAxis(unit),
      yAxis: valueAxis("net delta [underlying units]"),
      series,
    } as EChartsOption,
  };
}

/**
 * Liquidations as markers on the reference price (blocks.csv), sized by their notional when known, with
 * bars (right axis) of how many liquidations each block held: keepers that spread across accounts land
 * several per block, keepers that all chase the same account land one.
 */
export function liquidationChart(liq: Table, blocks: Table | undefined, unit: TimeUnit): ChartSpec | undefined {
  const lt = liq.num("time");
  if (!lt) return undefined;
  const bt = blocks?.num("time");
  const ref = blocks?.num("refPrice");
  const own = ["price", "refPrice", "oraclePrice", "markPrice"].map((c) => liq.num(c)).find((c) => c !== undefined);
  const sizeCol = ["closedNotionalUsd", "debtUsd", "repaidUsd", "notionalUsd", "sizeUsd", "amountUsd", "collateralUsd"]
    .map((c) => liq.num(c))
    .find((c) => c !== undefined);
  const bad = liq.num("badDebtUsd");
  const maxSize = sizeCol ? sizeCol.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 1e-9) : 1;
  const data = [];
  for (let i = 0; i < lt.length && data.length < 5_000; i++) {
    if (!Number.isFinite(lt[i])) continue;
    const y = own && Number.isFinite(own[i]) ? own[i] : bt && ref ? valueAt(bt, ref, lt[i]) : 0;
    const size = sizeCol && Number.isFinite(sizeCol[i]) ? 6 + 18 * Math.sqrt(Math.abs(sizeCol[i]) / maxSize) : 9;
    const isBad = bad !== undefined && bad[i] > 0;
    data.push({
      value: [round(lt[i] * unit.scale), round(y)],
      symbolSize: round(size),
      name: eventLabel(liq.row(i)),
      itemStyle: { color: isBad ? "#000" : "#d62728" },
    });
  }
  const series: Record<string, unknown>[] = [];
  if (bt && ref)
    series.push({
      type: "line",
      name: "reference price",
      showSymbol: false,
      data: downsampled(bt, ref, unit.scale),
      color: "#1f77b4",
      tooltip: { show: false },
    });
  series.push({ type: "scatter", name: "liquidation", data, color: "#d62728", z: 5 });
  const perBlock = liquidationsPerBlock(liq.num("block") ?? lt, lt);
  series.push({
    type: "bar",
    name: "liquidations in the block",
    yAxisIndex: 1,
    barMaxWidth: 6,
    data: perBlock.map(([t, n]) => [round(t * unit.scale), n]),
    color: "#7f7f7f",
    itemStyle: { opacity: 0.6 },
    z: 2,
  });
  const most = perBlock.reduce((m, [, n]) => Math.max(m, n), 0);
  return {
    id: "chart-liquidations",
    title: "Liquidations on the price timeline",
    caption:
      `Each circle is a liquidation at the time it landed${sizeCol ? ", its area proportional to its size in USD" : ""}${bad ? "; black ones left bad debt" : ""}. ` +
      `Grey bars (right axis): liquidations per block — at most ${most} in one block, ${perBlock.filter(([, n]) => n >= 2).length} of ${perBlock.length} blocks held two or more. Hover for details.`,
    option: {
      ...baseOption({ zoom: true, rightAxis: true }),
      tooltip: { trigger: "item", confine: true },
      xAxis: timeAxis(unit),
      yAxis: [valueAxis("price [USD]"), valueAxis("liquidations in the block", { scale: false, minInterval: 1, splitLine: { show: false } })],
      series,
    } as EChartsOption,
  };
}

/** [time, count] per block that held liquidations; rows of one block are consecutive (liquidations.csv is in block order). */
export function liquidationsPerBlock(blockKey: Float64Array, time: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < blockKey.length; i++) {
    if (!Number.isFinite(time[i])) continue;
    if (i > 0 && blockKey[i] === blockKey[i - 1] && out.length) out[out.length - 1][1]++;
    else out.push([time[i], 1]);
  }
  return out;
}

/** The last value at or before x (the series is sorted by x). */
function valueAt(xs: Float64Array, ys: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  if (hi < 0 || x < xs[0]) return ys[0] ?? 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return ys[lo];
}

/** "agent=hedger · amountBase=1.5 · costUsd=3.2": a row's short fields for a tooltip. */
function eventLabel(row: Record<string, string>): string {
  return Object.entries(row)
    .filter(([k, v]) => v !== "" && k !== "time" && v.length <= 24)
    .slice(0, 6)
    .map(([k, v]) => `${k}=${/^-?\d+\.\d{5,}/.test(v) ? Number(Number(v).toPrecision(5)) : v}`)
    .join(" · ");
}
