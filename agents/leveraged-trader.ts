import type { Rng } from "../sim/random.ts";
import { perpMargin } from "../sim/math/margin.ts";
import type { Agent } from "./agent.ts";
import type { Intent } from "./intent.ts";
import type { Observation } from "./observation.ts";

export interface LeveragedTraderParams {
  accounts: number;
  notionalUsd: { median: number; sigma: number };
  leverage: { min: number; max: number };
  longProbability: number;
  openWithinSec: number;
  checkSec: number;
  topUpBelowMaintenance: number;
  topUpProbability: number;
  topUpFraction: number;
}

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
