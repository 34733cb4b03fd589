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
    await expect(tx).to.emit(oracle, "PriceUpdated").withArgs(1, 2_000n * 10n ** 18n, block!.timestamp);
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

  it("accepts pushes only from updaters the owner set, and never a zero price", async () => {
    const { oracle, keeper, stranger, owner } = await deploy();
    await expect(as(oracle, stranger).push(1)).to.be.revertedWithCustomError(oracle, "NotUpdater").withArgs(stranger.address);
    await expect(as(oracle, keeper).push(0)).to.be.revertedWithCustomError(oracle, "ZeroPrice");
    await expect(as(oracle, stranger).setUpdater(stranger, true)).to.be.revertedWithCustomError(oracle, "OwnableUnauthorizedAccount");
    await as(oracle, owner).setUpdater(stranger, true);
    await as(oracle, stranger).push(5);
    expect((await oracle.latestRound())[1]).to.equal(5n);
  });
});
