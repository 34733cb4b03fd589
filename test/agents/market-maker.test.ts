import { expect } from "chai";
import { GAS } from "../../agents/gas-estimates.ts";
import type { Intent, RequoteIntent } from "../../agents/intent.ts";
import { MarketMaker, type MakerContext, type MarketMakerParams } from "../../agents/market-maker.ts";
import type { Observation, OwnFill } from "../../agents/observation.ts";
import type { PriorityFeeSpec } from "../../sim/scenario/fields.ts";
import { expectClose } from "../helpers/close.ts";
import { observation, YEAR_SEC, type ViewSpec } from "../helpers/observation.ts";

// Pure tests of the maker's quoting: every expected number is a closed form written out here.
const P: MarketMakerParams = {
  sizeBase: 5,
  baseSpreadBps: 1,
  latencySpreadZ: 1,
  sigma: 0.8,
  adverseSelection: { learningRate: 0.1, horizonBlocks: 5, maxBps: 40 },
  skewBpsPerUnit: 0.5,
  maxInventoryBase: 20,
  requoteSec: 60,
  requoteBps: 2,
  hedgeThresholdBase: null,
};
const CTX: MakerContext = { blockTimeSec: 12, observationSec: 0.2, submissionSec: 0.3 };
const NO_TIP: PriorityFeeSpec = { policy: "fixed", tipGwei: 0, maxFeeMultiplier: 2 };
const TIP_1: PriorityFeeSpec = { policy: "fixed", tipGwei: 1, maxFeeMultiplier: 2 };
/** Gas priced as on a busy L1: 10 gwei base fee, a 1 gwei tip, gas token at 2000 USD. */
const PRICED_GAS = { baseFeeGwei: 10, gasTokenPriceUsd: 2000 };
const REQUOTE_GAS_USD = GAS.requote.typical * (10 + 1) * 1e-9 * 2000;

const maker = (params: Partial<MarketMakerParams> = {}, ctx: Partial<MakerContext> = {}, fee: PriorityFeeSpec = NO_TIP) =>
  new MarketMaker("mm", { ...P, ...params }, fee, { ...CTX, ...ctx });

/** A view with a book whose tick (1e-6 USD) is far below the spreads measured. */
const view = (spec: ViewSpec = {}): Observation => observation({ book: { tickUsd: 1e-6 }, ...spec });

/** The maker's quotes in this decision, or null when it did not requote. */
function quotes(intents: readonly Intent[]) {
  const r = intents.find((i): i is RequoteIntent => i.kind === "requote");
  if (!r) return null;
  const bid = r.orders.find((o) => !o.isAsk)?.price;
  const ask = r.orders.find((o) => o.isAsk)?.price;
  const both = bid !== undefined && ask !== undefined;
  return { bid, ask, cancelIds: r.cancelIds, halfBps: both ? ((ask! - bid!) / (ask! + bid!)) * 10_000 : NaN, mid: both ? (ask! + bid!) / 2 : NaN };
}
const halfBpsOf = (mm: MarketMaker, spec: ViewSpec = {}) => quotes(mm.decide(view(spec)))!.halfBps;

/** z·σ·√(τ/year) in bps, τ = observation + submission latency + one block. */
const latencyBps = (z: number, sigma: number, ctx: MakerContext) =>
  z * sigma * Math.sqrt((ctx.observationSec + ctx.submissionSec + ctx.blockTimeSec) / YEAR_SEC) * 10_000;

/** A fill of the maker's order `seq` at time t: side +1 it bought, −1 it sold, around fair value 2000. */
const fill = (seq: number, side: 1 | -1, timeSec = 100, size = 5): OwnFill => ({ seq, timeSec, side, price: 2000, size, fairValue: 2000 });

describe("agents: market maker's half-spread", () => {
  it("is base + z·σ·√τ with τ = its observation and submission latency plus one block", () => {
    // 1 + 0.8·√(12.5 s / year)·10⁴ = 1 + 5.0364 bps
    expectClose(halfBpsOf(maker()), 1 + latencyBps(1, 0.8, CTX), 1e-4, "half-spread bps");
    expectClose(halfBpsOf(maker({ latencySpreadZ: 2.5 })), 1 + latencyBps(2.5, 0.8, CTX), 1e-4, "z scales the latency term");
    // 2 s blocks and no latency: τ = 2 s, the latency term shrinks by √(2/12.5).
    const fast = { blockTimeSec: 2, observationSec: 0, submissionSec: 0 };
    expectClose(halfBpsOf(maker({}, fast)), 1 + latencyBps(1, 0.8, fast), 1e-4, "fast chain");
    expectClose(halfBpsOf(maker({ latencySpreadZ: 0 })), 1, 1e-4, "z = 0 leaves the base");
  });

  it("with sigma null uses its own EWMA estimate: σ² → r²/Δt per second, closing (1 − 0.98ⁿ) of the gap", () => {
    // Log returns of ±r every second: the per-second variance estimate v_n = 0.98ⁿ·v₀ + (1 − 0.98ⁿ)·r².
    const r = 1e-3;
    const mm = maker({ sigma: null });
    let half = 0;
    const n = 50;
    for (let i = 0; i <= n; i++) half = halfBpsOf(mm, { timeSec: i, refPrice: 2000 * Math.exp(i % 2 ? r : 0) });
    const v0 = 0.6 ** 2 / YEAR_SEC; // the prior when no sigma is given
    const vn = 0.98 ** n * v0 + (1 - 0.98 ** n) * r * r;
    expectClose(half, 1 + latencyBps(1, Math.sqrt(vn * YEAR_SEC), CTX), 1e-4, "half-spread from the estimated sigma");
  });

  it("adds one requote's gas over one quoted size, then its running cost per unit filled", () => {
    const free = halfBpsOf(maker());
    const mm = maker({}, {}, TIP_1);
    const costBps = (REQUOTE_GAS_USD / (P.sizeBase * 2000)) * 10_000; // 2.86 USD on 10,000 USD quoted: 2.86 bps
    expectClose(halfBpsOf(mm, PRICED_GAS) - free, costBps, 1e-4, "first quote's cost term");
    // 25 base filled at 2000 (50,000 USD > 4 quoted sizes): its only cost so far is the first requote's gas.
    const fills = [fill(0, 1, 5, 25)];
    expectClose(halfBpsOf(mm, { ...PRICED_GAS, timeSec: 6, own: { fills } }) - free, (REQUOTE_GAS_USD / 50_000) * 10_000, 1e-4, "running cost term");
  });
});

describe("agents: market maker learns adverse selection from its own fills' markouts", () => {
  /**
   * Its fills at t = 100 (fair value 2000) mature at 100 + 5 blocks · 12 s = 160; the last price it saw by
   * then is `later` (at t = 130). The price it sees at 161, after the horizon, must not count.
   */
  function learnFrom(mm: MarketMaker, fills: OwnFill[], later: number): void {
    mm.decide(view({ timeSec: 101, own: { fills } }));
    mm.decide(view({ timeSec: 130, refPrice: later, own: { fills } }));
    mm.decide(view({ timeSec: 161, refPrice: 1000, own: { fills } }));
  }

  it("moves toward the observed markout by the learning rate (EWMA), one step per matured fill", () => {
    // The maker sold at fair value 2000 and the price rose to 2010: 50 bps against it.
    const mm = maker();
    learnFrom(mm, [fill(0, -1)], 2010);
    expectClose(mm.learnedAdverseBps, 0.1 * 50, 1e-9, "one fill");
    const three = maker();
    learnFrom(three, [fill(0, -1), fill(1, -1), fill(2, -1)], 2010);
    expectClose(three.learnedAdverseBps, 50 * (1 - 0.9 ** 3), 1e-9, "three fills: 50·(1 − 0.9³)");
    // A bought fill followed by a fall is adverse too: 1990 after buying at 2000 is 50 bps against.
    const bought = maker();
    learnFrom(bought, [fill(0, 1)], 1990);
    expectClose(bought.learnedAdverseBps, 5, 1e-9, "bought, then the price fell");
  });

  it("does not learn before the markout horizon, caps at maxBps and never goes below 0", () => {
    const early = maker();
    early.decide(view({ timeSec: 101, own: { fills: [fill(0, -1)] } }));
    early.decide(view({ timeSec: 159.9, refPrice: 2010, own: { fills: [fill(0, -1)] } }));
    expect(early.learnedAdverseBps, "horizon not reached").to.equal(0);
    const capped = maker();
    learnFrom(
      capped,
      Array.from({ length: 20 }, (_, i) => fill(i, -1)),
      2010,
    ); // 50·(1 − 0.9²⁰) = 43.9 > 40
    expect(capped.learnedAdverseBps).to.equal(40);
    const favourable = maker();
    learnFrom(favourable, [fill(0, 1)], 2010); // bought and the price rose: −50 bps
    expect(favourable.learnedAdverseBps).to.equal(0);
  });

  it("a favourable markout pulls the learned term back down, and the quote widens by exactly the term", () => {
    const mm = maker();
    learnFrom(mm, [fill(0, -1), fill(1, -1), fill(2, -1)], 2010);
    const a3 = 50 * (1 - 0.9 ** 3);
    // A fill at 200 (bought at 2000) marked at 2004, the last price it saw by t = 260: −20 bps.
    const fills = [fill(0, -1), fill(1, -1), fill(2, -1), fill(3, 1, 200)];
    mm.decide(view({ timeSec: 201, own: { fills } }));
    mm.decide(view({ timeSec: 250, refPrice: 2004, own: { fills } }));
    const half = halfBpsOf(mm, { timeSec: 261, own: { fills } });
    const a4 = 0.9 * a3 + 0.1 * -20;
    expectClose(mm.learnedAdverseBps, a4, 1e-9, "EWMA step toward −20");
    expectClose(half, 1 + latencyBps(1, 0.8, CTX) + a4, 1e-4, "half-spread includes the learned term");
  });
});

describe("agents: market maker's inventory", () => {
  const half = 1 + latencyBps(1, 0.8, CTX);

  it("skews both quotes against inventory by skewBpsPerUnit per unit, keeping the half-spread", () => {
    // Long 8: midpoint 2000·(1 − 8·0.5/10⁴) = 1999.2, so it sells more readily; short 8: 2000.8.
    for (const q of [8, -8]) {
      const quoted = quotes(maker().decide(view({ own: { inventoryBase: q } })))!;
      expectClose(quoted.mid, 2000 * (1 - (q * 0.5) / 10_000), 2e-6, `mid at q = ${q}`);
      expectClose(quoted.halfBps, half, 1e-4, `half-spread at q = ${q}`);
    }
  });

  it("stops quoting the side that would grow |inventory| at maxInventoryBase", () => {
    const at = (q: number) => quotes(maker().decide(view({ own: { inventoryBase: q } })))!;
    expect(at(20).bid, "long at the limit: no bid").to.equal(undefined);
    expect(at(20).ask).to.be.a("number");
    expect(at(-20).ask, "short at the limit: no ask").to.equal(undefined);
    expect(at(-20).bid).to.be.a("number");
    const inside = at(19.99);
    expect(
      [inside.bid, inside.ask].every((p) => typeof p === "number"),
      "both sides inside the limit",
    ).to.equal(true);
  });
});

describe("agents: market maker's requotes", () => {
  const LIVE = [
    { id: 1n, isAsk: false, price: 1998.8, size: 5 },
    { id: 2n, isAsk: true, price: 2001.2, size: 5 },
  ];
  /** A maker that quoted at t = 0 around 2000 and whose two orders still rest. */
  function quotedAt2000(gas: ViewSpec = {}, fee: PriorityFeeSpec = NO_TIP) {
    const mm = maker({}, {}, fee);
    expect(quotes(mm.decide(view(gas)))).to.not.equal(null);
    return (spec: ViewSpec) => quotes(mm.decide(view({ ...gas, own: { liveOrders: LIVE }, ...spec })));
  }

  it("requotes every requoteSec, and cancels its live orders in the same batch", () => {
    expect(quotedAt2000()({ timeSec: 59.9 }), "not due, price unchanged").to.equal(null);
    expect(quotedAt2000()({ timeSec: 60 })!.cancelIds).to.deep.equal([1n, 2n]);
  });

  it("requotes early when its fair value moved requoteBps from the quoted midpoint", () => {
    expect(quotedAt2000()({ timeSec: 10, refPrice: 2000 * (1 + 1.9e-4) }), "1.9 bps < 2").to.equal(null);
    expect(quotedAt2000()({ timeSec: 10, refPrice: 2000 * (1 - 2.1e-4) }), "2.1 bps down").to.not.equal(null);
  });

  it("requotes after a fill (inventory changed) or when its orders are gone", () => {
    // Inventory 1 moves the skewed midpoint by only 0.5 bps (< requoteBps): the fill alone triggers it.
    expect(quotedAt2000()({ timeSec: 10, own: { liveOrders: LIVE, inventoryBase: 1 } })).to.not.equal(null);
    expect(quotedAt2000()({ timeSec: 10, own: { liveOrders: [] } })).to.not.equal(null);
  });

  it("skips an early requote whose gas exceeds the value of the move (size × Δmid), but not a due one", () => {
    // Gas 2.86 USD. A 2.5 bps move is 0.5 USD × 5 base = 2.5 USD < gas: skipped; 3 bps is 3 USD > gas: sent.
    expect(REQUOTE_GAS_USD).to.be.within(2.5, 3);
    expect(quotedAt2000(PRICED_GAS, TIP_1)({ timeSec: 10, refPrice: 2000.5 }), "2.5 USD of value").to.equal(null);
    expect(quotedAt2000(PRICED_GAS, TIP_1)({ timeSec: 10, refPrice: 2000.6 }), "3 USD of value").to.not.equal(null);
    expect(quotedAt2000(PRICED_GAS, TIP_1)({ timeSec: 60, refPrice: 2000.5 }), "due by time").to.not.equal(null);
  });

  it("never crosses another maker's resting quote (post-only), and waits while a transaction is pending", () => {
    // Its bid would be 2000·(1 − 6.04 bps) = 1998.79; another maker's ask rests at 1998.5.
    const quoted = quotes(maker().decide(view({ book: { tickUsd: 0.01, bestAsk: { price: 1998.5, size: 1 } } })))!;
    expectClose(quoted.bid!, 1998.49, 1e-9, "one tick under the other maker's ask");
    expect(maker().decide(view({ pendingTxs: 1 }))).to.deep.equal([]);
    expect(maker().decide(observation()), "no book").to.deep.equal([]);
  });
});
