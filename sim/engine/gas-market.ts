import type { Chain } from "../chain/chain.ts";
import { gweiToWei } from "../chain/units.ts";
import type { Scenario } from "../scenario/schema.ts";
import { nextBaseFee } from "./base-fee.ts";

/**
 * The engine's model of the base fee, block by block: EDR's EIP-1559 rule (sim/engine/base-fee.ts),
 * then the scenario's `baseFeeMode: fixed` or `baseFeeFloorGwei`, which EDR does not know — when either
 * is set, the model's value is written into each block that carries transactions.
 */
export class GasMarket {
  /** Base fee of the next block to be mined, wei. */
  baseFeeWei: bigint;
  private readonly network: Scenario["network"];
  private readonly gasLimit: bigint;
  private readonly initialWei: bigint;
  private readonly floorWei: bigint;
  /** True when the model departs from EDR's own rule, so each mined block needs its base fee written. */
  readonly overridesEdr: boolean;

  constructor(network: Scenario["network"]) {
    this.network = network;
    this.gasLimit = BigInt(network.blockGasLimit);
    this.initialWei = gweiToWei(network.initialBaseFeeGwei);
    this.floorWei = gweiToWei(network.baseFeeFloorGwei);
    this.baseFeeWei = this.initialWei > this.floorWei ? this.initialWei : this.floorWei;
    this.overridesEdr = network.baseFeeMode === "fixed" || this.floorWei > 0n;
  }

  /** Moves to the next block after one that used `gasUsed`; returns the next block's base fee. */
  advance(gasUsed: bigint): bigint {
    if (this.network.baseFeeMode === "fixed") return (this.baseFeeWei = this.initialWei);
    const next = nextBaseFee(this.network.chainType, this.baseFeeWei, gasUsed, this.gasLimit);
    this.baseFeeWei = next > this.floorWei ? next : this.floorWei;
    return this.baseFeeWei;
  }

  /** Before mining a block with transactions: make EDR use the model's base fee if it departs from EDR's. */
  async beforeMine(chain: Chain): Promise<void> {
    if (this.overridesEdr) await chain.setNextBaseFee(this.baseFeeWei);
  }
}
