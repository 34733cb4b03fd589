import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { isSimError } from "../../sim/errors.ts";
import { lttb } from "../../sim/report/downsample.ts";
import { loadFolder, type SweepFolder } from "../../sim/report/load-folder.ts";
import { sweepLayout } from "../../sim/report/sweep-charts.ts";
import { writeReport } from "../../sim/report/write-report.ts";
import { runTemp } from "../helpers/run-temp.ts";

const CHROMIUM = process.env.DELTALAG_CHROMIUM ?? "/usr/bin/chromium";
// No internet on CI or the dev machines: without these flags Chromium hangs on network attempts.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

interface ChartState {
  id: string;
  instance: boolean;
  width: number;
  height: number;
  inkPixels: number;
  seriesWithData: number;
}

interface Rendered {
  errors: string[];
  requests: string[];
  charts: ChartState[];
}

/** Opens a report in headless Chromium and reports, per chart container, whether ECharts drew into it. */
async function render(browser: Browser, html: string): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url());
  });
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-charts]", { timeout: 30_000 });
  const charts = await page.evaluate(() => {
    const echarts = (window as unknown as { echarts: { getInstanceByDom(el: Element): { getOption(): { series: { data?: unknown[] }[] } } | undefined } })
      .echarts;
    return [...document.querySelectorAll(".chart")].map((el) => {
      const instance = echarts.getInstanceByDom(el);
      const canvas = el.querySelector("canvas");
      let inkPixels = 0;
      if (canvas && canvas.width > 0 && canvas.height > 0) {
        const pixels = (canvas.getContext("2d") as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inkPixels++;
      }
      return {
        id: el.id,
        instance: instance !== undefined,
        width: canvas?.width ?? 0,
        height: canvas?.height ?? 0,
        inkPixels,
        seriesWithData: instance ? instance.getOption().series.filter((s) => (s.data?.length ?? 0) > 0).length : 0,
      };
    });
  });
  await page.close();
  return { errors, requests, charts };
}

function expectAllDrawn(r: Rendered, ids: string[]): void {
  expect(r.errors, r.errors.join("\n")).to.deep.equal([]);
  expect(r.requests, "the report must not touch the network").to.deep.equal([]);
  expect(r.charts.map((c) => c.id)).to.include.members(ids);
  for (const c of r.charts) {
    expect(c.instance, `${c.id}: no ECharts instance`).to.equal(true);
    expect(c.width * c.height, `${c.id}: canvas has no size`).to.be.greaterThan(0);
    expect(c.seriesWithData, `${c.id}: no series with data`).to.be.greaterThan(0);
    expect(c.inkPixels, `${c.id}: nothing drawn`).to.be.greaterThan(1_000);
  }
}

const csv = (rows: (string | number)[][]) => rows.map((r) => r.join(",")).join("\n") + "\n";

describe("report: deltalag report", () => {
  let browser: Browser;
  let run: Awaited<ReturnType<typeof runTemp>>;

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `the report test needs Chromium at ${CHROMIUM} (headless, driven by playwright-core); install Debian's package: apt-get install chromium`,
      );
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    run = await runTemp("scenarios/quickstart.yaml", ["duration=2h"]);
  });

  after(async () => {
    await browser?.close();
  });

  it("writes a self-contained report.html for a run and every chart renders without errors", async () => {
    const html = writeReport(run.dir);
    expect(html).to.equal(join(run.dir, "report.html"));
    const text = readFileSync(html, "utf8");
    expect(text).to.not.match(/<script[^>]+src=/);
    expect(text).to.include("Headline metrics");
    expect(statSync(html).size).to.be.lessThan(2_000_000);
    const r = await render(browser, html);
    expectAllDrawn(r, ["chart-prices", "chart-deviation", "chart-lvr", "chart-gas-market", "chart-delay", "chart-gas-by-type"]);
    expect(r.charts).to.have.length(6);
  });

  it("adds spread, vault delta with hedges and liquidation charts only when those files exist", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "deltalag-report-")), "run");
    cpSync(run.dir, dir, { recursive: true });
    const quotes = [["time", "agent", "bid", "ask"]];
    const vault = [["time", "netDelta"]];
    for (let t = 0; t < 7_200; t += 12) {
      quotes.push([t, "mm", 1_995 - (t % 600) / 100, 2_005 + (t % 600) / 100].map(String));
      vault.push([String(t), String(Math.sin(t / 900) * 5)]);
    }
    writeFileSync(join(dir, "quotes.csv"), csv(quotes));
    writeFileSync(join(dir, "vault.csv"), csv(vault));
    writeFileSync(
      join(dir, "hedges.csv"),
      csv([
        ["time", "agent", "amountBase"],
        [600, "hedger", 2.5],
        [3_000, "hedger", -4],
      ]),
    );
    // No size or price column: the chart must still place the markers on the reference price.
    writeFileSync(
      join(dir, "liquidations.csv"),
      csv([
        ["time", "account", "badDebtUsd"],
        [1_200, "0xabc", 0],
        [5_400, "0xdef", 12.5],
      ]),
    );
    const r = await render(browser, writeReport(dir));
    expectAllDrawn(r, ["chart-spread", "chart-vault-delta", "chart-liquidations"]);
    expect(r.charts).to.have.length(9);
  });

  it("plots each headline metric of a sweep against the swept field with a 95 % band", async () => {
    // The layout `deltalag sweep` writes (sim/sweep/sweep-tables.ts): points.csv, runs.csv, sweep.json.
    const dir = mkdtempSync(join(tmpdir(), "deltalag-sweep-"));
    const metrics = ["spreadBps", "lvrUsd", "blocks"];
    const runs: (string | number)[][] = [["runId", "point", "network.blockTime", "network.ordering", "seed", "status", "error", ...metrics]];
    const points: (string | number)[][] = [
      ["point", "network.blockTime", "network.ordering", "n", "failed", ...metrics.flatMap((m) => ["mean", "std", "ci95lo", "ci95hi"].map((s) => `${m}_${s}`))],
    ];
    for (const ordering of ["priority", "fifo"]) {
      for (const b of [0.25, 1, 2, 4, 12]) {
        const point = points.length - 1;
        const seeds = [1, 2, 3].map((seed) => [5 + 3 * Math.sqrt(b) + seed * 0.2 + (ordering === "fifo" ? 1 : 0), 100 * b + seed * 10, 7_200 / b]);
        seeds.forEach((m, k) => runs.push([`r${runs.length}`, point, b, ordering, k + 1, "ok", "", ...m]));
        const stats = metrics.flatMap((_, j) => {
          const xs = seeds.map((s) => s[j]);
          const mean = xs.reduce((a, v) => a + v, 0) / xs.length;
          const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / (xs.length - 1));
          const half = (4.303 * sd) / Math.sqrt(xs.length);
          return [mean, sd, mean - half, mean + half];
        });
        points.push([point, b, ordering, 3, 0, ...stats]);
      }
    }
    runs.push(["r-failed", 0, 0.25, "priority", 4, "failed", "DL202", "", "", ""]);
    writeFileSync(join(dir, "points.csv"), csv(points));
    writeFileSync(join(dir, "runs.csv"), csv(runs));
    const fields = ["network.blockTime", "network.ordering"];
    writeFileSync(join(dir, "sweep.json"), JSON.stringify({ scenario: "scenarios/quickstart.yaml", name: "latency", fields, seeds: 3 }));
    const html = writeReport(dir);
    const r = await render(browser, html);
    // spreadBps and lvrUsd are headline metrics; blocks varies too but is bookkeeping, not plotted.
    expectAllDrawn(r, ["chart-sweep-0", "chart-sweep-1"]);
    expect(r.charts).to.have.length(2);
    const text = readFileSync(html, "utf8");
    expect(text).to.include("network.blockTime [s]");
    expect(text, "confidence band as a stacked area").to.include(`"stack":"band-0","stackStrategy":"all"`);
    expect(text).to.include("1 runs failed or missing");

    // Without sweep.json the swept fields are the columns of points.csv that are neither stats nor bookkeeping.
    rmSync(join(dir, "sweep.json"));
    const layout = sweepLayout(loadFolder(dir) as SweepFolder);
    expect(layout.fields).to.deep.equal(fields);
    expect(layout.x).to.equal("network.blockTime");
    expect(layout.metrics).to.deep.equal(["spreadBps", "lvrUsd"]);
  });

  it("fails with DL300 on a folder with neither summary.json nor points.csv, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "deltalag-empty-"));
    let caught: unknown;
    try {
      writeReport(dir);
    } catch (e) {
      caught = e;
    }
    expect(isSimError(caught) && caught.code).to.equal("DL300");
    expect(readdirSync(dir)).to.deep.equal([]);

    const cli = spawnSync(process.execPath, ["bin/deltalag.js", "report", dir], { encoding: "utf8" });
    expect(cli.status).to.not.equal(0);
    expect(cli.stderr).to.include("error DL300");
    expect(cli.stderr).to.include(dir);
    expect(readdirSync(dir)).to.deep.equal([]);
    expect(spawnSync(process.execPath, ["bin/deltalag.js", "report", join(dir, "missing")], { encoding: "utf8" }).status).to.not.equal(0);
  });

  it("downsamples a day of 250 ms blocks to 2,000 points, keeping both ends and the largest spike", () => {
    const n = 345_600;
    const xs = Float64Array.from({ length: n }, (_, i) => i * 0.25);
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 5_000) + (i === 123_457 ? 50 : 0));
    const idx = lttb(xs, ys, 2_000);
    expect(idx).to.have.length(2_000);
    expect(idx[0]).to.equal(0);
    expect(idx[idx.length - 1]).to.equal(n - 1);
    expect(idx).to.include(123_457);
    expect(idx.every((v, k) => k === 0 || v > idx[k - 1])).to.equal(true);
  });
});
