import { expect } from "chai";
import { network } from "hardhat";
import { as } from "../helpers/connect.ts";

const { ethers, networkHelpers } = await network.create();

describe("PriceOracle", () => {
  async function deploy() {
    const [owner, keeper, stranger] = await ethers.getSigners();
    const oracle = await ethers.deployContract("PriceOracle", [keeper.address]);
    return { oracle, owner, keeper, stranger };
  }

  it("stores one round per push with its block time and emits PriceUpdated", async () => {
    const { oracle, keeper } = await deploy();
    const tx = await as(oracle, keeper).push(2_000n * 10n ** 18n);
    const block = await ethers.provider.getBlock(tx.blockNumber!);
    await expect(tx)
      .to.emit(oracle, "PriceUpdated")
      .withArgs(1, 2_000n * 10n ** 18n, block!.timestamp);
    await as(oracle, keeper).push(2_001n * 10n ** 18n);
    const [roundId, price] = await oracle.latestRound();
    expect(roundId).to.equal(2n);
    expect(price).to.equal(2_001n * 10n ** 18n);
  });

  it("serves the price within its maximum age and reverts with StalePrice after it", async () => {
    const { oracle, keeper } = await deploy();
    await expect(oracle.priceNoOlderThan(60)).to.be.revertedWithCustomError(oracle, "NoPrice");
    await as(oracle, keeper).push(10n ** 18n);
    expect(await oracle.priceNoOlderThan(60)).to.equal(10n ** 18n);
    await networkHelpers.time.increase(61);
    await networkHelpers.mine();
    await expect(oracle.priceNoOlderThan(60)).to.be.revertedWithCustomError(oracle, "StalePrice");
  });

  it("keeps every round: getRound returns each past price and time, RoundNotFound outside 1…latest", async () => {
    const { oracle, keeper } = await deploy();
    await expect(oracle.getRound(1)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(1, 0);
    const stamps: bigint[] = [];
    for (const p of [100n, 200n, 300n]) {
      const tx = await as(oracle, keeper).push(p);
      stamps.push(BigInt((await ethers.provider.getBlock(tx.blockNumber!))!.timestamp));
      await networkHelpers.time.increase(30);
    }
    for (const [i, p] of [100n, 200n, 300n].entries()) expect(await oracle.getRound(i + 1)).to.deep.equal([p, stamps[i]]);
    await expect(oracle.getRound(0)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(0, 3);
    await expect(oracle.getRound(4)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(4, 3);
  });

  it("settlementRound accepts only the first round at or after a time, and the answer stays fixed under later pushes", async () => {
    const { oracle, keeper } = await deploy();
    const t0 = await networkHelpers.time.latest();
    const E = t0 + 100; // the "expiry"
    const at = async (t: number, price: bigint) => {
      await networkHelpers.time.setNextBlockTimestamp(t);
      await as(oracle, keeper).push(price);
    };
    await at(t0 + 50, 1n); // round 1: before E
    await at(E - 1, 2n); // round 2: the last before E
    await expect(oracle.settlementRound(E, 2))
      .to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter")
      .withArgs(2, E - 1, t0 + 50, E);
    await expect(oracle.settlementRound(E, 3)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(3, 2);
    await at(E, 3n); // round 3: stamped exactly at E — the first at or after it
    expect(await oracle.settlementRound(E, 3)).to.deep.equal([3n, BigInt(E)]);
    for (let k = 1; k <= 3; k++) await at(E + 60 * k, 10n + BigInt(k)); // rounds 4–6
    expect(await oracle.settlementRound(E, 3)).to.deep.equal([3n, BigInt(E)]);
    await expect(oracle.settlementRound(E, 4))
      .to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter")
      .withArgs(4, E + 60, E, E);
    await expect(oracle.settlementRound(E, 0)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(0, 6);
    // Round 1 has no predecessor: it is the answer for any time up to its own stamp.
    expect(await oracle.settlementRound(t0 + 1, 1)).to.deep.equal([1n, BigInt(t0 + 50)]);
    // Between rounds: any time in (round 4, round 5] maps to round 5.
    expect(await oracle.settlementRound(E + 61, 5)).to.deep.equal([12n, BigInt(E + 120)]);
  });

  it("picks the first of several rounds pushed in the same second", async () => {
    // A second network that allows blocks with equal timestamps (two pushes in the same second).
    const { ethers: e2, networkHelpers: h2 } = await network.create({ override: { allowBlocksWithSameTimestamp: true } });
    const [, keeper] = await e2.getSigners();
    const oracle = await e2.deployContract("PriceOracle", [keeper.address]);
    const E = (await h2.time.latest()) + 10;
    for (const p of [7n, 8n]) {
      await h2.time.setNextBlockTimestamp(E);
      await as(oracle, keeper).push(p);
    }
    expect(await oracle.settlementRound(E, 1)).to.deep.equal([7n, BigInt(E)]);
    await expect(oracle.settlementRound(E, 2)).to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter").withArgs(2, E, E, E);
  });

  it("reports the gas of a push (21k base included): the first, and later ones that append a round", async () => {
    const { oracle, keeper } = await deploy();
    const gas = async () => Number((await (await as(oracle, keeper).push(2_000n * 10n ** 18n)).wait())!.gasUsed);
    const first = await gas();
    const steady = await gas();
    console.log(`      push gas: first ${first}, steady state ${steady}`);
    expect(steady).to.be.lessThan(first);
  });

  it("accepts pushes only from updaters the owner set, never a zero price nor one above 2^128 − 1", async () => {
    const { oracle, keeper, stranger, owner } = await deploy();
    await expect(as(oracle, stranger).push(1)).to.be.revertedWithCustomError(oracle, "NotUpdater").withArgs(stranger.address);
    await expect(as(oracle, keeper).push(0)).to.be.revertedWithCustomError(oracle, "ZeroPrice");
    await expect(as(oracle, keeper).push(2n ** 128n))
      .to.be.revertedWithCustomError(oracle, "PriceTooLarge")
      .withArgs(2n ** 128n, 2n ** 128n - 1n);
    await expect(as(oracle, stranger).setUpdater(stranger, true)).to.be.revertedWithCustomError(oracle, "OwnableUnauthorizedAccount");
    await as(oracle, owner).setUpdater(stranger, true);
    await as(oracle, stranger).push(5);
    expect((await oracle.latestRound())[1]).to.equal(5n);
  });
});
