import type { EChartsOption } from "echarts";
import { baseOption, distinct, PALETTE, valueAxis, type ChartSpec } from "./chart-kit.ts";
import { round } from "./downsample.ts";
import { axisNameOf, fieldUnit, headlineRank, labelOf, WALL_CLOCK } from "./metric-labels.ts";
import type { SweepFolder } from "./load-folder.ts";
import type { Table } from "./table.ts";

const STAT = /^(.+)_(mean|std|ci95lo|ci95hi)$/;
/** Bookkeeping columns of points.csv that are neither a swept field nor a metric. */
const NOT_FIELDS = new Set(["point", "runId", "n", "failed", "status", "error", "seed", "runs", "nRuns", "count", "seeds", "nSeeds", "index"]);

/** The shape of a sweep: swept fields (the x axis and the series grouping) and its metrics. */
export interface SweepLayout {
  x: string;
  numericX: boolean;
  groupBy: string[];
  fields: string[];
  metrics: string[];
}

/** Works out which points.csv columns are swept fields and which metrics to plot (headline first). */
export function sweepLayout(sweep: SweepFolder): SweepLayout {
  const { points } = sweep;
  const declared = sweep.meta?.fields ?? sweep.meta?.swept;
  const fields = Array.isArray(declared)
    ? declared.map(String).filter((f) => points.has(f))
    : points.columns.filter((c) => !STAT.test(c) && !NOT_FIELDS.has(c));
  const varies = (f: string) => distinct(points.text(f) ?? []).length > 1;
  const numeric = (f: string) => (points.text(f) ?? []).every((v) => v !== "" && Number.isFinite(Number(v)));
  const x = fields.find((f) => varies(f) && numeric(f)) ?? fields.find(varies) ?? fields[0];
  const all = points.columns.flatMap((c) => (c.endsWith("_mean") ? [c.slice(0, -5)] : []));
  const varying = all.filter((m) => !WALL_CLOCK.has(m) && distinct(points.text(`${m}_mean`) ?? []).length > 1);
  const headline = varying.filter((m) => headlineRank(m) !== undefined).sort((a, b) => (headlineRank(a) as number) - (headlineRank(b) as number));
  const metrics = headline.length > 0 ? headline : varying;
  return { x, numericX: x !== undefined && numeric(x), groupBy: fields.filter((f) => f !== x && varies(f)), fields, metrics };
}

/**
 * One chart per headline metric against the swept field: the mean over seeds, its 95 % confidence
 * band (stacked area between ci95lo and ci95hi) and, from runs.csv, each run as a faint dot. A group's
 * three series share one name, so its single legend entry toggles all of them.
 */
export function sweepCharts(sweep: SweepFolder, layout: SweepLayout): ChartSpec[] {
  const { points, runs } = sweep;
  if (layout.x === undefined) return [];
  const groups = groupRows(points, layout.groupBy);
  const runGroups = runs ? groupRows(runs, layout.groupBy) : new Map<string, number[]>();
  const xUnit = fieldUnit(layout.x);
  const xName = xUnit ? `${layout.x} [${xUnit}]` : layout.x;
  const xValue = (t: Table, i: number) => (layout.numericX ? Number(t.text(layout.x)?.[i]) : (t.text(layout.x)?.[i] ?? ""));
  const xs = (points.text(layout.x) ?? []).map(Number);
  const log = layout.numericX && xs.every((v) => v > 0) && Math.max(...xs) / Math.min(...xs) >= 20;
  return layout.metrics.map((metric, k) => {
    const series: Record<string, unknown>[] = [];
    [...groups].forEach(([label, rows], g) => {
      const color = PALETTE[g % PALETTE.length];
      const name = label || labelOf(metric);
      const sorted = [...rows].sort((a, b) => compare(xValue(points, a), xValue(points, b)));
      const col = (s: string) => points.num(`${metric}_${s}`);
      const [mean, lo, hi] = [col("mean"), col("ci95lo"), col("ci95hi")];
      if (lo && hi && sorted.some((i) => Number.isFinite(lo[i]) && Number.isFinite(hi[i]))) {
        const stack = `band-${g}`;
        // stackStrategy "all": the default ("samesign") would stack a positive width on 0 when ci95lo < 0.
        const band = { type: "line", stack, stackStrategy: "all", showSymbol: false, silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false } };
        series.push({ ...band, name, data: sorted.map((i) => [xValue(points, i), round(lo[i])]) });
        series.push({
          ...band,
          name,
          areaStyle: { color, opacity: 0.18 },
          data: sorted.map((i) => [xValue(points, i), round(hi[i] - lo[i])]),
        });
      }
      series.push({
        type: "line",
        name,
        color,
        symbolSize: 6,
        lineStyle: { width: 2 },
        data: sorted.map((i) => [xValue(points, i), round(mean?.[i] ?? Number.NaN)]),
      });
      const runRows = runGroups.get(label);
      const runY = runs?.num(metric);
      if (runs && runRows && runY) {
        const status = runs.text("status");
        const ok = runRows.filter((i) => Number.isFinite(runY[i]) && (!status || status[i] === "ok"));
        const data = ok.map((i) => [xValue(runs, i), round(runY[i])]);
        series.push({ type: "scatter", name, color, symbolSize: 5, itemStyle: { opacity: 0.45 }, data });
      }
    });
    const option = {
      ...baseOption({ legend: groups.size > 1 }),
      tooltip: { trigger: "item", confine: true },
      xAxis: layout.numericX
        ? valueAxis(xName, {
            nameGap: 28,
            axisLine: { onZero: false },
            ...(log ? { type: "log", scale: false, min: Math.min(...xs), max: Math.max(...xs) } : {}),
          })
        : { type: "category", name: xName, nameLocation: "middle", nameGap: 28, axisLine: { onZero: false }, data: distinct(points.text(layout.x) ?? []) },
      yAxis: valueAxis(axisNameOf(metric)),
      series,
    } as EChartsOption;
    return {
      id: `chart-sweep-${k}`,
      title: `${labelOf(metric)} vs ${layout.x}`,
      caption: `Mean over seeds at each ${layout.x} (line), its 95 % confidence band (shaded) and every single run (dots).`,
      option,
    };
  });
}

/** Row indices grouped by the values of `fields` ("ordering=fifo, seedCount=3"); one group "" if none. */
function groupRows(table: Table, fields: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const cols = fields.map((f) => [f, table.text(f) ?? []] as const);
  for (let i = 0; i < table.rows; i++) {
    const label = cols.map(([f, v]) => `${f}=${v[i]}`).join(", ");
    const list = out.get(label);
    if (list) list.push(i);
    else out.set(label, [i]);
  }
  return out;
}

function compare(a: number | string, b: number | string): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}
