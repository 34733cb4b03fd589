import { basename } from "node:path";
import { csvTable, escapeHtml, scenarioEcho } from "./html-tables.ts";
import type { ReportPage } from "./html-template.ts";
import type { SweepFolder } from "./load-folder.ts";
import { sweepCharts, sweepLayout } from "./sweep-charts.ts";

/** The report page of a sweep: each headline metric against the swept field with its 95 % band. */
export function sweepPage(sweep: SweepFolder): ReportPage {
  const layout = sweepLayout(sweep);
  const charts = sweepCharts(sweep, layout);
  const name = typeof sweep.meta?.name === "string" ? sweep.meta.name : basename(sweep.dir);
  const seeds = sweep.runs?.text("seed");
  const seedCount = seeds ? new Set(seeds).size : undefined;
  const failed = sweep.runs?.text("status")?.filter((v) => v !== "ok").length ?? 0;
  const source = typeof sweep.meta?.scenario === "string" ? ` · scenario <code>${escapeHtml(sweep.meta.scenario)}</code>` : "";
  // sweep.json's definition without its long per-point list (points.csv shows those).
  const definition = sweep.meta ? Object.fromEntries(Object.entries(sweep.meta).filter(([k]) => k !== "points")) : undefined;
  const tableColumns = [...layout.fields, ...layout.metrics.flatMap((m) => [`${m}_mean`, `${m}_ci95lo`, `${m}_ci95hi`])];
  const grouping = layout.groupBy.length ? `; one line per ${layout.groupBy.join(" × ")}` : "";
  return {
    title: `deltalag sweep report — ${name}`,
    subtitleHtml:
      `<p class="sub">${sweep.points.rows} grid points` +
      (sweep.runs ? ` · ${sweep.runs.rows} runs` : "") +
      (seedCount ? ` · ${seedCount} seeds` : "") +
      (failed ? ` · <strong>${failed} runs failed or missing</strong> (not in the means)` : "") +
      source +
      ` · swept: ${escapeHtml(layout.fields.join(", ") || "(none found)")} · folder <code>${escapeHtml(sweep.dir)}</code></p>`,
    sections: [
      charts.length
        ? { heading: `Metrics against ${layout.x}${grouping}`, charts }
        : { heading: "Metrics", html: `<p>No metric varies across the grid points of points.csv, so there is nothing to plot.</p>` },
      {
        heading: "Grid points",
        html:
          csvTable(sweep.points, tableColumns) +
          `<p class="note">The plotted metrics' mean and 95 % confidence interval per point; points.csv holds every metric, runs.csv every run.</p>` +
          scenarioEcho(definition, "Sweep definition (sweep.json)"),
      },
    ],
    footerHtml:
      "Confidence bands are the ci95lo–ci95hi columns of points.csv (95 % confidence interval of the mean over seeds); " +
      "dots are the single runs of runs.csv. Wall-clock metrics are not plotted.",
  };
}
