import type { EChartsOption } from "echarts";

/** One chart of the report: a container id, a heading, a one-line reading guide and its ECharts option. */
export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  option: EChartsOption;
}

/** The unit simulated time is plotted in, picked from the run's length so axis labels stay short. */
export interface TimeUnit {
  label: string;
  /** Multiply seconds by this to get the unit. */
  scale: number;
}

export function timeUnit(durationSec: number): TimeUnit {
  if (durationSec <= 3 * 3_600) return { label: "min", scale: 1 / 60 };
  if (durationSec <= 3 * 86_400) return { label: "h", scale: 1 / 3_600 };
  return { label: "days", scale: 1 / 86_400 };
}

export const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"];

/**
 * The parts every chart shares: tooltip, legend, grid with room for axis names, a save-as-image button,
 * and (for time series) zoom by wheel/drag plus a slider.
 */
export function baseOption(opts: { zoom?: boolean; legend?: boolean; rightAxis?: boolean } = {}): EChartsOption {
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: "axis", confine: true },
    legend: opts.legend === false ? undefined : { top: 0, type: "scroll" },
    grid: { left: 64, right: opts.rightAxis ? 72 : 28, top: 40, bottom: opts.zoom ? 76 : 48, containLabel: false },
    toolbox: { right: 0, top: 0, feature: { saveAsImage: { title: "save PNG" }, restore: { title: "reset" } } },
    dataZoom: opts.zoom
      ? [
          { type: "inside", xAxisIndex: 0, filterMode: "none" },
          { type: "slider", xAxisIndex: 0, filterMode: "none", height: 18, bottom: 8 },
        ]
      : undefined,
  };
}

/** A value axis with its name (and unit) placed along the axis so it reads without the docs. */
export function valueAxis(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "value", name, nameLocation: "middle", nameGap: 44, scale: true, ...extra };
}

export function timeAxis(unit: TimeUnit): Record<string, unknown> {
  // onZero false: keep the axis at the bottom when the values go negative (deviations, net delta).
  return { type: "value", name: `simulated time [${unit.label}]`, nameLocation: "middle", nameGap: 28, scale: true, axisLine: { onZero: false } };
}

/** Log scale when the values are all positive and span more than three decades (e.g. a decaying base fee). */
export function wantsLog(values: ArrayLike<number>): boolean {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v <= 0) return false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) && max / min > 1_000;
}

/** Distinct values in first-seen order. */
export function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

export function hasData(points: readonly unknown[] | undefined): boolean {
  return points !== undefined && points.length > 0;
}
