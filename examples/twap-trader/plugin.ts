// A user's own agent, brought to deltalag as a plug-in: a TWAP trader that buys (or sells) a parent order
// on the pool in equal slices at fixed intervals, each slice limited to `limitBps` worse than the
// reference price it sees. It imports deltalag only as types (erased at run time): everything else comes
// from the API its default export receives, so this folder runs wherever it is copied.
import type { Agent, AgentContext, Intent, Observation, PluginModule } from "deltalag";

interface TwapParams {
  totalBase: number;
  slices: number;
  intervalSec: number;
  side: "buy" | "sell";
  limitBps: number;
}

class TwapTrader implements Agent {
  readonly type = "twap-trader";
  readonly timing = "self" as const;
  readonly id: string;
  private readonly p: TwapParams;
  private sent = 0;

  constructor(context: AgentContext<TwapParams>) {
    this.id = context.id;
    this.p = context.params;
  }

  /** Slice k is sent at k · intervalSec (k = 1 … slices): wake times are strictly after the run's start. */
  nextWakeSec(afterSec: number): number {
    const next = Math.floor(afterSec / this.p.intervalSec) + 1;
    return next <= this.p.slices ? next * this.p.intervalSec : Number.POSITIVE_INFINITY;
  }

  decide(view: Observation): readonly Intent[] {
    if (this.sent >= this.p.slices) return [];
    this.sent++;
    const sliceBase = this.p.totalBase / this.p.slices;
    const worse = 1 + this.p.limitBps / 10_000;
    // Buying: spend sliceBase · ref quote for at least sliceBase / (1 + limit) base; selling: the mirror.
    if (this.p.side === "buy") {
      return [{ kind: "swap", baseIn: false, amountIn: sliceBase * view.refPrice, minAmountOut: sliceBase / worse }];
    }
    return [{ kind: "swap", baseIn: true, amountIn: sliceBase, minAmountOut: (sliceBase * view.refPrice) / worse }];
  }
}

const plugin: PluginModule = (api) => ({
  name: "twap-example",
  agents: [
    api.defineAgent({
      type: "twap-trader",
      params: api.z
        .strictObject({
          /** Parent order, units of the underlying. */
          totalBase: api.z.number().min(0.001).max(1e6).default(100),
          /** Number of child orders. */
          slices: api.z.number().int().min(1).max(10_000).default(12),
          /** Seconds between child orders. */
          intervalSec: api.z.number().min(1).max(86_400).default(300),
          side: api.z.enum(["buy", "sell"]).default("buy"),
          /** Worst price accepted per slice, basis points from the reference price it sees. */
          limitBps: api.z.number().min(0).max(10_000).default(50),
        })
        .prefault({}),
      kinds: ["swap"],
      create: (context) => new TwapTrader(context),
    }),
  ],
});
export default plugin;
