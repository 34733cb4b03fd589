import type { RandomStreams } from "../sim/random.ts";
import { agentPlugin } from "../sim/scenario/agent-schemas.ts";
import type { AgentSpec, Scenario } from "../sim/scenario/schema.ts";
import type { Agent } from "./agent.ts";

/** Builds the agent a scenario entry describes through its plug-in, with its own random stream ("agent/<id>"). */
export function createAgent(spec: AgentSpec, scenario: Scenario, streams: RandomStreams): Agent {
  return agentPlugin(spec.type).create({
    id: spec.id,
    params: spec.params,
    priorityFee: spec.priorityFee,
    latency: spec.latency,
    scenario,
    rng: streams.stream(`agent/${spec.id}`),
  });
}
