import cliProgress from "cli-progress";

export interface SweepProgress {
  update(done: number, failed: number): void;
  stop(): void;
}

/** Seconds between plain progress lines when nothing else triggers one. */
const LINE_EVERY_SEC = 30;

/**
 * Progress of a sweep on stderr: a bar with completed/total and ETA on a terminal; otherwise (CI logs,
 * Kubernetes) a plain line at every 10 % and at least every 30 s. `initial` runs were already complete
 * (resumed) and do not count towards the rate used for the ETA.
 */
export function sweepProgress(label: string, total: number, initial: number): SweepProgress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} runs | {failed} failed | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 20 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, initial, { failed: 0 });
    return { update: (done, failed) => bar.update(done, { failed }), stop: () => bar.stop() };
  }
  const start = performance.now();
  let lastDecile = Math.floor((10 * initial) / Math.max(total, 1));
  let lastLine = start;
  process.stderr.write(`${label}: ${initial}/${total} runs already complete\n`);
  return {
    update(done, failed) {
      const now = performance.now();
      const decile = Math.floor((10 * done) / Math.max(total, 1));
      if (decile === lastDecile && now - lastLine < LINE_EVERY_SEC * 1000 && done < total) return;
      lastDecile = decile;
      lastLine = now;
      const rate = (done - initial) / ((now - start) / 1000);
      const eta = rate > 0 && done < total ? `, ETA ${formatSeconds((total - done) / rate)}` : "";
      process.stderr.write(`${label}: ${done}/${total} runs (${failed} failed)${eta}\n`);
    },
    stop: () => {},
  };
}

/** 75 → "1m15s", 4000 → "1h06m". */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
