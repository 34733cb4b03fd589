import seedrandom from "seedrandom";

/**
 * Seeded random streams, one per purpose ("market", "agent/arb", "latency/arb"), each derived from the
 * scenario seed and the stream name only. Adding an agent therefore never changes the price path or
 * another agent's draws.
 *
 * @example
 * const rng = new RandomStreams(7).stream("market");
 * rng.normal();
 */
export class RandomStreams {
  readonly seed: number;
  private readonly streams = new Map<string, Rng>();

  constructor(seed: number) {
    this.seed = seed;
  }

  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      rng = new Rng(`deltalag/${this.seed}/${name}`);
      this.streams.set(name, rng);
    }
    return rng;
  }
}

/** A seeded generator with the draws the simulator needs. */
export class Rng {
  private readonly next: () => number;
  private spareNormal: number | undefined;

  constructor(seed: string) {
    // alea: fast, well-distributed, and its output is identical across platforms.
    this.next = seedrandom.alea(seed);
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.next();
  }

  /** Uniform on (0, 1), for logs. */
  private open01(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return u;
  }

  /** Standard normal by the polar Box–Muller method (exact, no approximation of the inverse CDF). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * f;
        return u * f;
      }
    }
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.open01());
  }

  /** Poisson count with mean `lambda` (Knuth for small means, normal approximation past 30). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }
}
