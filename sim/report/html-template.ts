import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ChartSpec } from "./chart-kit.ts";
import { escapeHtml } from "./html-tables.ts";

/** A section of the page: either HTML (tables, notes) or a grid of charts. */
export type PageSection = { heading: string; html: string; charts?: undefined } | { heading: string; charts: ChartSpec[]; html?: string };

export interface ReportPage {
  title: string;
  /** Already-escaped HTML under the title (scenario description, seed, versions). */
  subtitleHtml: string;
  sections: PageSection[];
  footerHtml: string;
}

const require = createRequire(import.meta.url);
let echartsSource: string | undefined;

/** ECharts' minified browser build, inlined so the report opens offline. */
function echartsScript(): string {
  // The package exports no "./dist/*"; its CommonJS entry is dist/echarts.js, next to the minified build.
  echartsSource ??= readFileSync(join(dirname(require.resolve("echarts")), "echarts.min.js"), "utf8");
  return echartsSource;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const STYLE = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222; }
body { margin: 0 auto; max-width: 1500px; padding: 16px 24px 48px; background: #fafafa; }
h1 { margin: 0 0 4px; font-size: 1.6rem; } h2 { margin: 32px 0 8px; font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.sub { color: #555; margin: 0 0 8px; } .note { color: #666; font-size: 0.85rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(620px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid #e2e2e2; border-radius: 6px; padding: 12px 14px; }
.card h3 { margin: 0; font-size: 1rem; } .card p { margin: 2px 0 8px; color: #555; font-size: 0.85rem; }
.chart { width: 100%; height: 360px; }
table { border-collapse: collapse; background: #fff; font-size: 0.85rem; }
th, td { border: 1px solid #e2e2e2; padding: 3px 8px; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f0f0f0; } details { margin: 8px 0; } summary { cursor: pointer; color: #1f4e8c; }
pre { background: #fff; border: 1px solid #e2e2e2; padding: 8px 12px; overflow: auto; font-size: 0.8rem; }
.scroll { max-height: 480px; overflow: auto; display: inline-block; max-width: 100%; }
@media print { .chart { break-inside: avoid; } body { background: #fff; } }
`;

/** Boots every chart from the embedded JSON; exposes them as window.deltalagCharts for tests. */
const BOOT = `
(function () {
  var specs = JSON.parse(document.getElementById("deltalag-charts").textContent);
  function fmt(v) {
    if (typeof v !== "number") return v;
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e12)) return v.toExponential(3);
    return v.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  }
  function tick(v) {
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e9)) return v.toExponential(0);
    return v.toLocaleString("en-US", { maximumSignificantDigits: 6 });
  }
  function axes(list) {
    [].concat(list || []).forEach(function (ax) {
      if (ax.type === "value" || ax.type === "log") ax.axisLabel = Object.assign({ formatter: tick }, ax.axisLabel);
    });
  }
  var charts = {};
  specs.forEach(function (s) {
    var chart = echarts.init(document.getElementById(s.id), null, { renderer: "canvas" });
    if (s.option.tooltip) s.option.tooltip.valueFormatter = fmt;
    axes(s.option.xAxis);
    axes(s.option.yAxis);
    chart.setOption(s.option);
    charts[s.id] = chart;
  });
  window.addEventListener("resize", function () { for (var k in charts) charts[k].resize(); });
  window.deltalagCharts = charts;
  document.body.setAttribute("data-charts", String(specs.length));
})();
`;

function chartCard(c: ChartSpec): string {
  return `<div class="card"><h3>${escapeHtml(c.title)}</h3><p>${escapeHtml(c.caption)}</p><div class="chart" id="${escapeHtml(c.id)}"></div></div>`;
}

/** The whole self-contained page: styles, ECharts, the chart options as JSON, and the boot script. */
export function renderPage(page: ReportPage): string {
  const charts = page.sections.flatMap((s) => s.charts ?? []);
  const body = page.sections
    .map((s) => {
      const inner = s.charts ? `<div class="grid">${s.charts.map(chartCard).join("\n")}</div>${s.html ?? ""}` : s.html;
      return `<section><h2>${escapeHtml(s.heading)}</h2>\n${inner}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(page.title)}</h1>${page.subtitleHtml}</header>
${body}
<footer class="note">${page.footerHtml}</footer>
<script>${echartsScript()}</script>
<script type="application/json" id="deltalag-charts">${scriptJson(charts.map((c) => ({ id: c.id, option: c.option })))}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}
