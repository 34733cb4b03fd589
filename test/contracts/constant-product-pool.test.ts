import { expect } from "chai";
import { network } from "hardhat";
import { as } from "../helpers/connect.ts";
import { amountOut } from "../../sim/math/constant-product.ts";
import { expectClose } from "../helpers/close.ts";

const { ethers } = await network.create();

async function deployPool(feeBps: number) {
  const [owner, trader] = await ethers.getSigners();
  const base = await ethers.deployContract("TestToken", ["Underlying", "UND", 18]);
  const quote = await ethers.deployContract("TestToken", ["USD", "USD", 6]);
  const pool = await ethers.deployContract("ConstantProductPool", [base, quote, feeBps]);
  const e18 = 10n ** 18n;
  await base.mint(owner, 1_000n * e18);
  await quote.mint(owner, 2_000_000n * 10n ** 6n);
  await base.approve(pool, 1_000n * e18);
  await quote.approve(pool, 2_000_000n * 10n ** 6n);
  await pool.addLiquidity(1_000n * e18, 2_000_000n * 10n ** 6n);
  await base.mint(trader, 100n * e18);
  await quote.mint(trader, 1_000_000n * 10n ** 6n);
  await as(base, trader).approve(pool, ethers.MaxUint256);
  await as(quote, trader).approve(pool, ethers.MaxUint256);
  return { pool, base, quote, owner, trader };
}

describe("ConstantProductPool", () => {
  it("pays x·y=k output with the fee kept in reserves, rounded down, and emits Swap with the new reserves", async () => {
    const { pool, trader } = await deployPool(30);
    const amountIn = 10n ** 18n;
    const expected = (2_000_000n * 10n ** 6n * amountIn * 9_970n) / (1_000n * 10n ** 18n * 10_000n + amountIn * 9_970n);
    expect(await pool.quoteSwap(true, amountIn)).to.equal(expected);
    // The TypeScript pool math the agents use agrees to float precision.
    expectClose(Number(expected) / 1e6, amountOut(1, 1_000, 2_000_000, 30), 1e-6, "TS vs chain output");
    await expect(as(pool, trader).swap(true, amountIn, expected, trader))
      .to.emit(pool, "Swap")
      .withArgs(trader.address, trader.address, true, amountIn, expected, (amountIn * 30n) / 10_000n, 1_001n * 10n ** 18n, 2_000_000n * 10n ** 6n - expected);
    const [rb, rq] = await pool.getReserves();
    expect(rb * rq).to.be.greaterThan(1_000n * 10n ** 18n * 2_000_000n * 10n ** 6n);
  });

  it("reverts with InsufficientOutput carrying both amounts when the price moved", async () => {
    const { pool, trader } = await deployPool(30);
    const out = await pool.quoteSwap(false, 1_000n * 10n ** 6n);
    await expect(as(pool, trader).swap(false, 1_000n * 10n ** 6n, out + 1n, trader))
      .to.be.revertedWithCustomError(pool, "InsufficientOutput")
      .withArgs(out, out + 1n);
  });

  it("rejects zero amounts, fees of 100 % and liquidity from anyone but the owner", async () => {
    const { pool, trader, base, quote } = await deployPool(0);
    await expect(as(pool, trader).swap(true, 0, 0, trader)).to.be.revertedWithCustomError(pool, "ZeroAmount");
    // A swap so small that it pays out nothing is rejected too, rather than taking the input for free.
    await expect(as(pool, trader).swap(true, 1, 0, trader)).to.be.revertedWithCustomError(pool, "ZeroAmount");
    const factory = await ethers.getContractFactory("ConstantProductPool");
    await expect(factory.deploy(base, quote, 10_000))
      .to.be.revertedWithCustomError(pool, "FeeTooHigh")
      .withArgs(10_000);
    await expect(as(pool, trader).addLiquidity(1, 1)).to.be.revertedWithCustomError(pool, "OwnableUnauthorizedAccount");
  });

  it("keeps k from falling over a seeded random sequence of swaps (POOL_INV_K)", async () => {
    const { pool, trader } = await deployPool(30);
    let seed = 12345;
    const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let [rb, rq] = await pool.getReserves();
    for (let i = 0; i < 40; i++) {
      const baseIn = rand() < 0.5;
      const amount = baseIn ? BigInt(Math.floor(rand() * 5e18)) + 1n : BigInt(Math.floor(rand() * 1e10)) + 1n;
      await as(pool, trader).swap(baseIn, amount, 0, trader);
      const [nb, nq] = await pool.getReserves();
      expect(nb * nq >= rb * rq, `k fell at swap ${i}`).to.equal(true);
      [rb, rq] = [nb, nq];
    }
  });

  it("swaps for at most 75k gas (Uniswap v2's pair swap is ≈ 73k)", async () => {
    const { pool, trader } = await deployPool(30);
    await as(pool, trader).swap(true, 10n ** 17n, 0, trader); // warm the recipient's balances
    const receipt = await (await as(pool, trader).swap(true, 10n ** 17n, 0, trader)).wait();
    expect(Number(receipt!.gasUsed)).to.be.lessThanOrEqual(75_000);
  });
});
