/** Points per plotted series at most; a day of 250 ms blocks (345,600 rows) becomes 2,000 points. */
export const MAX_POINTS = 2_000;

/** A plotted point, rounded for the HTML. */
export type Point = [number, number];

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013): keeps `target` points of a series, first and last
 * included, choosing in each bucket the point that spans the largest triangle with its neighbours'
 * choices, so spikes and turning points survive and flat stretches thin out. Points whose x or y is not
 * finite are dropped first, and so are the inner points of runs of equal y (lossless for a line).
 * Returns indices into the input, increasing.
 *
 * @example
 * lttb(times, prices, 2000); // ≤ 2000 indices
 */
export function lttb(xs: ArrayLike<number>, ys: ArrayLike<number>, target = MAX_POINTS): number[] {
  const finite: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) finite.push(i);
  // Lossless first: inside a run of equal y only its ends matter (oracle steps, empty blocks).
  const idx = finite.filter((i, k) => k === 0 || k === finite.length - 1 || ys[finite[k - 1]] !== ys[i] || ys[finite[k + 1]] !== ys[i]);
  const n = idx.length;
  if (n <= target || target < 3) return idx;
  const out = [idx[0]];
  const every = (n - 2) / (target - 2);
  let a = 0; // position (in idx) of the last chosen point
  for (let b = 0; b < target - 2; b++) {
    const start = Math.floor(b * every) + 1;
    const end = Math.min(Math.floor((b + 1) * every) + 1, n - 1);
    // Average of the next bucket (the last point for the final bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[idx[j]];
      avgY += ys[idx[j]];
    }
    const count = Math.max(nextEnd - nextStart, 1);
    avgX /= count;
    avgY /= count;
    const ax = xs[idx[a]];
    const ay = ys[idx[a]];
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (ys[idx[j]] - ay) - (ax - xs[idx[j]]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(idx[best]);
    a = best;
  }
  out.push(idx[n - 1]);
  return out;
}

/** Six significant digits: enough for a chart (0.05 bps at a 2,000 USD price), and keeps the HTML small. */
export function round(v: number): number | null {
  if (!Number.isFinite(v)) return null;
  return v === 0 ? 0 : Number(v.toPrecision(6));
}

/** LTTB-downsampled [x, y] pairs of one series, x scaled by `xScale` (e.g. seconds → hours). */
export function downsampled(xs: ArrayLike<number>, ys: ArrayLike<number>, xScale = 1, target = MAX_POINTS): Point[] {
  return lttb(xs, ys, target).map((i) => [round(xs[i] * xScale) as number, round(ys[i]) as number]);
}
