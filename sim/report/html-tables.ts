import { stringify } from "yaml";
import { formatNumber, headlineRank, labelOf, unitOf } from "./metric-labels.ts";
import type { Table } from "./table.ts";

/** HTML fragments of the report that are tables rather than charts. */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

function metricRow(name: string, value: number): string {
  const unit = unitOf(name);
  return `<tr><td>${escapeHtml(labelOf(name))}</td><td class="num">${escapeHtml(formatNumber(value))}</td><td>${escapeHtml(unit)}</td><td><code>${escapeHtml(name)}</code></td></tr>`;
}

const HEAD = "<thead><tr><th>metric</th><th>value</th><th>unit</th><th>summary.json name</th></tr></thead>";

/** The headline metrics, in headline order; every metric in a collapsible table below. */
export function metricsTables(metrics: Record<string, number>): string {
  const names = Object.keys(metrics).filter((k) => typeof metrics[k] === "number");
  const headline = names.filter((n) => headlineRank(n) !== undefined).sort((a, b) => (headlineRank(a) as number) - (headlineRank(b) as number));
  return [
    `<table class="metrics">${HEAD}<tbody>${headline.map((n) => metricRow(n, metrics[n])).join("")}</tbody></table>`,
    `<details><summary>All ${names.length} metrics</summary><table class="metrics">${HEAD}<tbody>${names.map((n) => metricRow(n, metrics[n])).join("")}</tbody></table></details>`,
  ].join("\n");
}

/** A CSV table as HTML, numbers formatted; `columns` picks and orders the columns that exist. */
export function csvTable(table: Table, columns?: readonly string[], maxRows = 500): string {
  const cols = (columns ?? table.columns).filter((c) => table.has(c));
  const texts = cols.map((c) => table.text(c) as string[]);
  const rows: string[] = [];
  for (let r = 0; r < Math.min(table.rows, maxRows); r++) {
    const cells = texts.map((t) => {
      const v = t[r];
      const n = Number(v);
      return v !== "" && Number.isFinite(n) && !/^0x/i.test(v) ? `<td class="num">${escapeHtml(formatNumber(n))}</td>` : `<td>${escapeHtml(v)}</td>`;
    });
    rows.push(`<tr>${cells.join("")}</tr>`);
  }
  const more = table.rows > maxRows ? `<p class="note">First ${maxRows} of ${table.rows} rows; the rest are in ${escapeHtml(table.file)}.</p>` : "";
  return `<div class="scroll"><table class="data"><thead><tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table></div>${more}`;
}

/** The resolved scenario as YAML, collapsible. */
export function scenarioEcho(scenario: unknown, title = "Scenario (resolved, every default filled)"): string {
  if (scenario === undefined) return "";
  return `<details class="scenario"><summary>${escapeHtml(title)}</summary><pre>${escapeHtml(stringify(scenario))}</pre></details>`;
}
