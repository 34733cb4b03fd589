import { z } from "zod";
import { defineAgent } from "./define-agent.ts";
import type { Rng } from "../sim/random.ts";
import { perpMargin } from "../sim/math/margin.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

/** Its `params` in a scenario (docs/scenario.md documents each field). */
export const leveragedTraderParams = z
  .strictObject({
    /** Margin accounts it runs (one wallet each). */
    accounts: z.number().int().min(1).max(500).default(50),
    /** Position notional at open: lognormal median (USD) and log-sd. */
    notionalUsd: z.strictObject({ median: z.number().min(1).max(1e12).default(50_000), sigma: z.number().min(0).max(5).default(0.5) }).prefault({}),
    /** Leverage at open (notional / collateral), uniform in [min, max]; max ≤ 1 / imRatio. */
    leverage: z.strictObject({ min: z.number().min(1).max(1_000).default(3), max: z.number().min(1).max(1_000).default(9) }).prefault({}),
    /** Probability that an account is long. */
    longProbability: z.number().min(0).max(1).default(0.8),
    /** Accounts open at uniformly random times within this many seconds of the start. */
    openWithinSec: z.number().min(0).max(31_536_000).default(60),
    /** How often it reviews its accounts, seconds. */
    checkSec: z.number().min(0.01).max(31_536_000).default(60),
    /** It tops up an account whose equity falls below this multiple of maintenance… */
    topUpBelowMaintenance: z.number().min(1).max(100).default(1.5),
    /** …with this probability per review (0: never tops up)… */
    topUpProbability: z.number().min(0).max(1).default(0),
    /** …adding this fraction of the position notional as collateral. */
    topUpFraction: z.number().min(1e-6).max(10).default(0.05),
  })
  .prefault({});
export type LeveragedTraderParams = z.output<typeof leveragedTraderParams>;

/**
 * Runs `accounts` margin accounts (one wallet each). Each opens once, at a random time within
 * `openWithinSec` of the start: a lognormal notional at a uniform leverage, long with
 * `longProbability` — a deposit of notional / leverage, then the perp trade. Afterwards it reviews
 * its accounts every `checkSec` and, with `topUpProbability`, adds collateral to those near
 * maintenance (0: it never tops up, so accounts ride to liquidation).
 */
export class LeveragedTrader implements Agent {
  readonly type = "leveraged-trader";
  readonly timing = "self";
  readonly id: string;
  private readonly p: LeveragedTraderParams;
  private readonly rng: Rng;
  private readonly openAt: number[];
  private opened = 0;

  constructor(id: string, params: LeveragedTraderParams, rng: Rng) {
    this.id = id;
    this.p = params;
    this.rng = rng;
    this.openAt = Array.from({ length: params.accounts }, () => rng.uniform() * params.openWithinSec).sort((a, b) => a - b);
  }

  nextWakeSec(afterSec: number): number {
    if (this.opened < this.openAt.length) return Math.max(this.openAt[this.opened], afterSec);
    return afterSec + this.p.checkSec;
  }

  decide(view: Observation): readonly Intent[] {
    const intents: Intent[] = [];
    while (this.opened < this.openAt.length && this.openAt[this.opened] <= view.timeSec) {
      const wallet = this.opened++;
      const notional = this.p.notionalUsd.median * Math.exp(this.p.notionalUsd.sigma * this.rng.normal());
      const leverage = this.p.leverage.min + (this.p.leverage.max - this.p.leverage.min) * this.rng.uniform();
      const long = this.rng.bernoulli(this.p.longProbability);
      // The initial requirement is checked at the oracle price: size at that price, collateral with 0.5 % room.
      const price = view.chain.oracle.price;
      intents.push({ kind: "margin-deposit", wallet, amountUsd: (notional / leverage) * 1.005 });
      intents.push({ kind: "margin-trade", wallet, sizeBase: (long ? 1 : -1) * (notional / price) });
    }
    if (intents.length || this.p.topUpProbability === 0 || !view.chain.margin) return intents;
    for (const a of view.chain.margin.accounts) {
      if (a.owner !== this.id || a.size === 0) continue;
      const { equity, maintenance } = perpMargin(a, view.refPrice, view.chain.margin.mmRatio);
      if (equity < this.p.topUpBelowMaintenance * maintenance && this.rng.bernoulli(this.p.topUpProbability)) {
        intents.push({ kind: "margin-deposit", wallet: a.wallet, amountUsd: this.p.topUpFraction * Math.abs(a.size) * view.refPrice });
      }
    }
    return intents;
  }
}

/** The leveraged-trader plug-in (agents/registry.ts lists it). */
export const leveragedTraderPlugin = defineAgent({
  type: "leveraged-trader",
  params: leveragedTraderParams,
  kinds: ["margin-deposit", "margin-trade"],
  // One margin account per wallet.
  wallets: (params) => params.accounts,
  check: ({ leverage: { min, max } }, scenario, at) => {
    const problems: string[] = [];
    const imRatio = scenario.contracts.margin.imRatio;
    if (max < min) problems.push(`${at}.leverage: max must be ≥ min (got min ${min}, max ${max})`);
    if (max > 1 / imRatio) problems.push(`${at}.leverage.max: must be ≤ 1 / contracts.margin.imRatio = ${1 / imRatio} (got ${max})`);
    return problems;
  },
  create: ({ id, params, rng }) => new LeveragedTrader(id, params, rng),
});
