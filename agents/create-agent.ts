import type { AgentSpec, Scenario } from "../sim/scenario/schema.ts";
import type { RandomStreams } from "../sim/random.ts";
import { nominalLatencyUs } from "../sim/engine/latency.ts";
import type { Agent } from "./agent.ts";
import { Arbitrageur } from "./arbitrageur.ts";
import { CongestionLoad } from "./congestion-load.ts";
import { LeveragedTrader } from "./leveraged-trader.ts";
import { LiquidationKeeper } from "./liquidation-keeper.ts";
import { MarketMaker } from "./market-maker.ts";
import { NoiseTrader } from "./noise-trader.ts";
import { OptionTrader } from "./option-trader.ts";
import { OracleKeeper } from "./oracle-keeper.ts";
import { VaultHedger } from "./vault-hedger.ts";
import { Sniper } from "./sniper.ts";

/** Builds the agent a scenario entry describes, with its own random stream ("agent/<id>"). */
export function createAgent(spec: AgentSpec, scenario: Scenario, streams: RandomStreams): Agent {
  const rng = streams.stream(`agent/${spec.id}`);
  switch (spec.type) {
    case "arbitrageur":
      return new Arbitrageur(spec.id, spec.params, spec.priorityFee, rng);
    case "noise-trader":
      return new NoiseTrader(spec.id, spec.params, rng);
    case "oracle-keeper":
      return new OracleKeeper(spec.id, spec.params, rng);
    case "congestion-load":
      return new CongestionLoad(spec.id, spec.params, rng);
    case "market-maker":
      return new MarketMaker(spec.id, spec.params, spec.priorityFee, {
        blockTimeSec: scenario.network.blockTime,
        observationSec: nominalLatencyUs(spec.latency.observation) / 1e6,
        submissionSec: nominalLatencyUs(spec.latency.submission) / 1e6,
      }, rng);
    case "sniper":
      return new Sniper(spec.id, spec.params, spec.priorityFee, rng);
    case "leveraged-trader":
      return new LeveragedTrader(spec.id, spec.params, rng);
    case "option-trader":
      return new OptionTrader(spec.id, spec.params, scenario.network.genesisTime!, rng, scenario.network.blockTime);
    case "vault-hedger":
      return new VaultHedger(spec.id, spec.params, rng);
    case "liquidation-keeper":
      return new LiquidationKeeper(spec.id, spec.params, spec.priorityFee, rng);
  }
}
