import type { Chain } from "../chain/chain.ts";
import { gweiToWei, weiToGwei } from "../chain/units.ts";
import type { Rng } from "../random.ts";
import type { Scenario } from "../scenario/schema.ts";
import { usToSec } from "../time.ts";

/** OP Stack's L1Block predeploy, whose storage the rollup's L1-fee formula reads. */
const L1_BLOCK = "0x4200000000000000000000000000000000000015";
const SLOT_L1_BASE_FEE = "0x1";
const SLOT_SCALARS = "0x3";
const SLOT_BLOB_BASE_FEE = "0x7";

type L1Spec = NonNullable<Scenario["network"]["l1DataFee"]>;

const word = (v: bigint) => `0x${v.toString(16).padStart(64, "0")}`;

/**
 * Drives the rollup's L1 data fee: writes the Ecotone scalars and blob base fee at setup (EDR reads
 * them from slot 3 as baseFeeScalar << 96 | blobBaseFeeScalar << 64, measured), then moves the L1 base
 * fee along an Ornstein–Uhlenbeck path in logs (median `baseFeeGwei`, `volPerSqrtHour`, `halfLifeSec`),
 * updated every `updateSec` as an L1 block would. Receipts then carry l1Fee, which senders pay on top.
 */
export class L1DataFee {
  private readonly spec: L1Spec;
  private readonly rng: Rng;
  private logFee: number;
  private step = 0;
  private written = -1n;

  constructor(spec: L1Spec, rng: Rng) {
    this.spec = spec;
    this.rng = rng;
    this.logFee = Math.log(Math.max(spec.baseFeeGwei, 1e-9));
  }

  async setup(chain: Chain): Promise<void> {
    const scalars = (BigInt(this.spec.baseFeeScalar) << 96n) | (BigInt(this.spec.blobBaseFeeScalar) << 64n);
    await chain.request("hardhat_setStorageAt", [L1_BLOCK, SLOT_SCALARS, word(scalars)]);
    await chain.request("hardhat_setStorageAt", [L1_BLOCK, SLOT_BLOB_BASE_FEE, word(gweiToWei(this.spec.blobBaseFeeGwei))]);
    await this.update(chain, 0);
  }

  /** Brings the L1 base fee to simulated time `tUs` and writes it if it changed. */
  async update(chain: Chain, tUs: number): Promise<void> {
    const { updateSec, halfLifeSec, volPerSqrtHour, baseFeeGwei } = this.spec;
    const target = Math.floor(usToSec(tUs) / updateSec);
    const kappa = Math.LN2 / halfLifeSec;
    const mean = Math.log(Math.max(baseFeeGwei, 1e-9));
    // Exact OU transition over one update interval.
    const decay = Math.exp(-kappa * updateSec);
    const sd = volPerSqrtHour * Math.sqrt((1 - decay * decay) / (2 * kappa) / 3_600);
    for (; this.step < target; this.step++) this.logFee = mean + (this.logFee - mean) * decay + sd * this.rng.normal();
    const wei = baseFeeGwei === 0 ? 0n : gweiToWei(Math.exp(this.logFee));
    if (wei !== this.written) {
      await chain.request("hardhat_setStorageAt", [L1_BLOCK, SLOT_L1_BASE_FEE, word(wei)]);
      this.written = wei;
    }
  }

  get baseFeeGwei(): number {
    return weiToGwei(this.written);
  }
}
