import { timeUnit, type ChartSpec } from "./chart-kit.ts";
import { delayChart, gasByTypeChart, gasMarketChart } from "./chain-charts.ts";
import { MAX_POINTS } from "./downsample.ts";
import { csvTable, escapeHtml, metricsTables, scenarioEcho } from "./html-tables.ts";
import type { PageSection, ReportPage } from "./html-template.ts";
import type { RunFolder } from "./load-folder.ts";
import { lvrChart, deviationChart, priceChart } from "./market-charts.ts";
import { formatNumber } from "./metric-labels.ts";
import { liquidationChart, spreadChart, vaultDeltaChart } from "./optional-charts.ts";

const AGENT_COLUMNS = ["agent", "agentType", "txSent", "txIncluded", "txReverted", "txDropped", "txPending", "gasSpentUsd", "pnlUsd"];

/** The report page of one run: headline metrics, market and chain charts, optional capability charts. */
export function runPage(run: RunFolder): ReportPage {
  const { summary, tables } = run;
  const scenario = summary.scenario ?? {};
  const blocks = tables.blocks;
  const duration = summary.metrics.durationSec ?? scenario.duration ?? lastTime(blocks?.num("time"));
  const unit = timeUnit(duration);
  const feeBps = (scenario.contracts as { pool?: { feeBps?: number } } | undefined)?.pool?.feeBps;
  const defined = (list: (ChartSpec | undefined)[]) => list.filter((c): c is ChartSpec => c !== undefined);

  const market = blocks ? defined([priceChart(blocks, unit), deviationChart(blocks, unit, feeBps), lvrChart(blocks, tables.trades, unit)]) : [];
  const chain = defined([blocks && gasMarketChart(blocks, unit), tables.txs && delayChart(tables.txs), gasByTypeChart(tables.txs, tables.agents)]);
  // Capability files are written by every run (header only when unused): chart them only when they hold rows.
  const used = (t: typeof tables.quotes) => (t && t.rows > 0 ? t : undefined);
  const [quotes, vault, hedges, liquidations] = [used(tables.quotes), used(tables.vault), used(tables.hedges), used(tables.liquidations)];
  const extra = defined([
    quotes && spreadChart(quotes, unit),
    (vault || hedges) && vaultDeltaChart(vault, hedges, unit),
    liquidations && liquidationChart(liquidations, blocks, unit),
  ]);

  const sections: PageSection[] = [{ heading: "Headline metrics", html: metricsTables(summary.metrics) + scenarioEcho(summary.scenario) }];
  if (market.length) sections.push({ heading: "Prices, pool and LP economics", charts: market });
  if (chain.length) sections.push({ heading: "Gas market and inclusion", charts: chain });
  if (extra.length) sections.push({ heading: "Quotes, vault hedging and liquidations", charts: extra });
  if (tables.agents) sections.push({ heading: "Agents", html: csvTable(tables.agents, AGENT_COLUMNS) });

  const missing = ["blocks.csv", "txs.csv", "trades.csv", "agents.csv"].filter((f) => !tables[f.replace(".csv", "") as keyof typeof tables]);
  const versions = Object.entries(summary.versions ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return {
    title: `deltalag run report — ${scenario.name ?? run.dir}`,
    subtitleHtml: [
      scenario.description ? `<p class="sub">${escapeHtml(String(scenario.description))}</p>` : "",
      `<p class="sub">seed ${escapeHtml(String(summary.seed ?? "?"))} · ${escapeHtml(formatNumber(duration / 3_600))} h simulated · ` +
        `${escapeHtml(formatNumber(blocks?.rows ?? summary.metrics.blocks ?? 0))} blocks · folder <code>${escapeHtml(run.dir)}</code></p>`,
    ].join(""),
    sections,
    footerHtml:
      `Time series are downsampled with Largest-Triangle-Three-Buckets (LTTB) to at most ${formatNumber(MAX_POINTS)} points each ` +
      `(first and last points kept; cumulative sums are taken over every row before downsampling; numbers rounded to 6 significant digits). ` +
      `The CSVs in the folder hold every row. ` +
      (missing.length ? `Not found, so not shown: ${escapeHtml(missing.join(", "))}. ` : "") +
      (versions ? `Versions: ${escapeHtml(versions)}.` : ""),
  };
}

function lastTime(t: Float64Array | undefined): number {
  return t && t.length > 0 ? t[t.length - 1] : 0;
}
