import { createRequire } from "node:module";
import { expect } from "chai";
import { network } from "hardhat";
import seedrandom from "seedrandom";
import type { Contract, ContractTransactionReceipt, Signer } from "ethers";

const { ethers, networkHelpers } = await network.create();

const TICK_SIZE = 100n; // raw quote per lot per tick
const LOT = 10n ** 16n; // raw base per lot
const BIG = 10n ** 30n;
const ASK = true;
const BID = false;

/** The contract with a different sender (ethers types `connect` as returning a BaseContract). */
const by = (c: Contract, who: Signer): Contract => c.connect(who) as Contract;
const quoteOf = (tick: number | bigint, lots: bigint) => lots * BigInt(tick) * TICK_SIZE;
const orderId = (isAsk: boolean, tick: number, index: number) => ((isAsk ? 1n : 0n) << 40n) | (BigInt(tick) << 16n) | BigInt(index);

async function deployMarket() {
  const signers = await ethers.getSigners();
  const [owner, alice, bob, carol, dave, taker] = signers;
  const base = (await ethers.deployContract("TestToken", ["Option", "OPT", 18])) as unknown as Contract;
  const quote = (await ethers.deployContract("TestToken", ["USD", "USD", 6])) as unknown as Contract;
  const book = (await ethers.deployContract("OrderBook", [base, quote, TICK_SIZE, LOT])) as unknown as Contract;
  for (const who of signers.slice(1, 10)) {
    await base.mint(who, BIG);
    await quote.mint(who, BIG);
    await by(base, who).approve(book, ethers.MaxUint256);
    await by(quote, who).approve(book, ethers.MaxUint256);
  }
  return { book, base, quote, owner, alice, bob, carol, dave, taker, signers };
}

type Market = Awaited<ReturnType<typeof deployMarket>>;

function idsIn(m: Market, receipt: ContractTransactionReceipt | null): bigint[] {
  return receipt!.logs
    .map((log) => m.book.interface.parseLog(log))
    .filter((p) => p?.name === "OrderPosted")
    .map((p) => p!.args.orderId as bigint);
}

async function post(m: Market, who: Signer, isAsk: boolean, tick: number, lots: bigint): Promise<bigint> {
  const tx = await by(m.book, who).post(isAsk, tick, lots);
  return idsIn(m, await tx.wait())[0];
}

async function free(m: Market, who: Signer): Promise<[bigint, bigint]> {
  const [b, q] = await m.book.freeBalanceOf(who);
  return [b, q];
}

async function order(m: Market, id: bigint): Promise<{ maker: string; open: bigint; claimable: bigint }> {
  const v = await m.book.getOrder(id);
  return { maker: v.maker, open: v.openLots, claimable: v.claimableLots };
}

describe("OrderBook", () => {
  describe("posting and escrow", () => {
    it("escrows from the free balance first, pulls the shortfall from the wallet, and emits OrderPosted", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await by(m.book, m.alice).deposit(0, quoteOf(100, 4n));
      const walletBefore = await m.quote.balanceOf(m.alice);
      await expect(by(m.book, m.alice).post(BID, 100, 10n))
        .to.emit(m.book, "OrderPosted")
        .withArgs(orderId(BID, 100, 0), m.alice.address, BID, 100, 10n);
      expect(await free(m, m.alice)).to.deep.equal([0n, 0n]);
      expect(walletBefore - (await m.quote.balanceOf(m.alice))).to.equal(quoteOf(100, 6n));
      await by(m.book, m.alice).post(ASK, 101, 3n);
      expect(await m.base.balanceOf(m.book)).to.equal(3n * LOT);
      expect(await m.quote.balanceOf(m.book)).to.equal(quoteOf(100, 10n));
      expect(await m.book.bestBid()).to.deep.equal([100n, 10n]);
      expect(await m.book.bestAsk()).to.deep.equal([101n, 3n]);
      expect(await m.book.quoteFor(101, 3n)).to.equal(quoteOf(101, 3n));
    });

    it("is post-only: a post that would cross the other side reverts with WouldCross", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await post(m, m.alice, BID, 100, 5n);
      await post(m, m.alice, ASK, 103, 5n);
      await expect(by(m.book, m.bob).post(ASK, 100, 1n))
        .to.be.revertedWithCustomError(m.book, "WouldCross")
        .withArgs(true, 100, 100);
      await expect(by(m.book, m.bob).post(BID, 104, 1n))
        .to.be.revertedWithCustomError(m.book, "WouldCross")
        .withArgs(false, 104, 103);
      await post(m, m.bob, ASK, 101, 1n);
      await expect(by(m.book, m.bob).post(BID, 99, 0n)).to.be.revertedWithCustomError(m.book, "ZeroLots");
      await expect(by(m.book, m.bob).post(BID, 0, 1n))
        .to.be.revertedWithCustomError(m.book, "InvalidTick")
        .withArgs(0);
    });

    it("reports depth best first, per level, and the level's queue length", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await post(m, m.alice, BID, 98, 4n);
      await post(m, m.bob, BID, 100, 2n);
      await post(m, m.carol, BID, 100, 3n);
      await post(m, m.alice, BID, 90, 1n);
      const [ticks, lots] = await m.book.depth(BID, 2);
      expect(ticks).to.deep.equal([100n, 98n]);
      expect(lots).to.deep.equal([5n, 4n]);
      const [allTicks] = await m.book.depth(BID, 10);
      expect(allTicks).to.deep.equal([100n, 98n, 90n]);
      expect(await m.book.levelOf(BID, 100)).to.deep.equal([5n, 2n]);
      const [askTicks] = await m.book.depth(ASK, 10);
      expect(askTicks).to.deep.equal([]);
    });
  });

  describe("matching", () => {
    it("fills better prices first and, at one price, earlier orders first", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const aliceAt101 = await post(m, m.alice, ASK, 101, 10n);
      const bobAt100 = await post(m, m.bob, ASK, 100, 5n);
      const carolAt100 = await post(m, m.carol, ASK, 100, 5n);
      const quoteBefore = await m.quote.balanceOf(m.taker);
      const baseBefore = await m.base.balanceOf(m.taker);
      await expect(by(m.book, m.taker).take(true, 101, 7n, 4, false))
        .to.emit(m.book, "Fill")
        .withArgs(m.taker.address, true, 100, 7n);
      expect(await order(m, bobAt100)).to.deep.include({ open: 0n, claimable: 5n });
      expect(await order(m, carolAt100)).to.deep.include({ open: 3n, claimable: 2n });
      expect(await order(m, aliceAt101)).to.deep.include({ open: 10n, claimable: 0n });
      const tx = by(m.book, m.taker).take(true, 101, 10n, 4, true);
      await expect(tx).to.emit(m.book, "Fill").withArgs(m.taker.address, true, 100, 3n);
      await expect(tx).to.emit(m.book, "Fill").withArgs(m.taker.address, true, 101, 7n);
      expect(await order(m, carolAt100)).to.deep.include({ open: 0n, claimable: 5n });
      expect(await order(m, aliceAt101)).to.deep.include({ open: 3n, claimable: 7n });
      expect(quoteBefore - (await m.quote.balanceOf(m.taker))).to.equal(quoteOf(100, 10n) + quoteOf(101, 7n));
      expect((await m.base.balanceOf(m.taker)) - baseBefore).to.equal(17n * LOT);
      expect(await m.book.bestAsk()).to.deep.equal([101n, 3n]);
    });

    it("sells into bids best price first and pays the taker in quote", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const low = await post(m, m.alice, BID, 98, 10n);
      const high = await post(m, m.bob, BID, 99, 4n);
      const [filled, paid] = await by(m.book, m.taker).take.staticCall(false, 98, 6n, 2, true);
      expect([filled, paid]).to.deep.equal([6n, quoteOf(99, 4n) + quoteOf(98, 2n)]);
      const before = await m.quote.balanceOf(m.taker);
      await by(m.book, m.taker).take(false, 98, 6n, 2, true);
      expect((await m.quote.balanceOf(m.taker)) - before).to.equal(paid);
      expect(await order(m, high)).to.deep.include({ open: 0n, claimable: 4n });
      expect(await order(m, low)).to.deep.include({ open: 8n, claimable: 2n });
    });

    it("fill-or-kill reverts with FillOrKillNotFilled when the limit price or maxLevels leaves it short", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await post(m, m.alice, ASK, 100, 5n);
      await post(m, m.alice, ASK, 101, 5n);
      await post(m, m.alice, ASK, 102, 5n);
      await expect(by(m.book, m.taker).take(true, 101, 11n, 8, true))
        .to.be.revertedWithCustomError(m.book, "FillOrKillNotFilled")
        .withArgs(11n, 10n);
      await expect(by(m.book, m.taker).take(true, 102, 11n, 2, true))
        .to.be.revertedWithCustomError(m.book, "FillOrKillNotFilled")
        .withArgs(11n, 10n);
      expect(await m.book.levelOf(ASK, 100)).to.deep.equal([5n, 1n]);
      await by(m.book, m.taker).take(true, 102, 11n, 3, true);
      expect(await m.book.bestAsk()).to.deep.equal([102n, 4n]);
    });

    it("immediate-or-cancel fills what it can, returns it, and a miss moves no tokens", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await post(m, m.alice, ASK, 100, 5n);
      await post(m, m.alice, ASK, 103, 5n);
      expect(await by(m.book, m.taker).take.staticCall(true, 101, 20n, 8, false)).to.deep.equal([5n, quoteOf(100, 5n)]);
      await by(m.book, m.taker).take(true, 101, 20n, 8, false);
      expect(await m.book.bestAsk()).to.deep.equal([103n, 5n]);
      const before = await m.quote.balanceOf(m.taker);
      expect(await by(m.book, m.taker).take.staticCall(true, 102, 1n, 1, false)).to.deep.equal([0n, 0n]);
      await expect(by(m.book, m.taker).take(true, 102, 1n, 1, false)).to.not.emit(m.book, "Fill");
      expect(await m.quote.balanceOf(m.taker)).to.equal(before);
    });

    it("visits at most maxLevels levels and rejects maxLevels of 0 or above MAX_TAKE_LEVELS", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      for (let t = 100; t < 105; t++) await post(m, m.alice, ASK, t, 1n);
      expect(await by(m.book, m.taker).take.staticCall(true, 200, 5n, 3, false)).to.deep.equal([3n, quoteOf(100, 1n) + quoteOf(101, 1n) + quoteOf(102, 1n)]);
      const max = await m.book.MAX_TAKE_LEVELS();
      await expect(by(m.book, m.taker).take(true, 200, 5n, 0, false))
        .to.be.revertedWithCustomError(m.book, "InvalidMaxLevels")
        .withArgs(0, max);
      await expect(by(m.book, m.taker).take(true, 200, 5n, max + 1n, false))
        .to.be.revertedWithCustomError(m.book, "InvalidMaxLevels")
        .withArgs(max + 1n, max);
      await expect(by(m.book, m.taker).take(true, 200, 0n, 1, false)).to.be.revertedWithCustomError(m.book, "ZeroLots");
    });

    it("finds levels across bitmap words without visiting the empty ticks between them", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const ticks = [255, 256, 70_000, 16_777_215];
      for (const t of ticks) await post(m, m.alice, ASK, t, 1n);
      await post(m, m.alice, BID, 1, 1n);
      await post(m, m.alice, BID, 254, 1n);
      expect((await m.book.depth(ASK, 10))[0]).to.deep.equal(ticks.map(BigInt));
      expect((await m.book.depth(BID, 10))[0]).to.deep.equal([254n, 1n]);
      await by(m.book, m.taker).take(true, 16_777_215, 4n, 4, true);
      expect(await m.book.bestAsk()).to.deep.equal([0n, 0n]);
      await by(m.book, m.taker).take(false, 0, 2n, 2, true);
      expect(await m.book.bestBid()).to.deep.equal([0n, 0n]);
    });

    it("costs a taker the same gas whether 1 or 30 makers rest at the level (claim-later fills)", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const gasFor = async (makers: number, tick: number) => {
        for (let i = 0; i < makers; i++) await post(m, m.signers[1 + (i % 8)], ASK, tick, 2n);
        const tx = await by(m.book, m.taker).take(true, tick, BigInt(2 * makers), 1, true);
        return (await tx.wait())!.gasUsed;
      };
      // Same surroundings for both runs: an ask keeps the bitmap's upper words non-empty and a bid keeps the
      // book's quote balance non-zero (so neither run pays for a fresh token balance slot).
      await post(m, m.alice, ASK, 500, 1n);
      await post(m, m.alice, BID, 50, 1n);
      const one = await gasFor(1, 101);
      const thirty = await gasFor(30, 102);
      expect(thirty).to.be.lessThanOrEqual(one + 50n);
      expect(thirty).to.be.greaterThanOrEqual(one - 50n);
    });
  });

  describe("cancel, replace, requote and claim", () => {
    it("cancel of a partially filled order returns the unfilled escrow and claims the filled part", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const bid = await post(m, m.alice, BID, 100, 10n);
      await by(m.book, m.taker).take(false, 100, 4n, 1, true);
      expect(await by(m.book, m.alice).cancel.staticCall(bid)).to.deep.equal([6n, 4n]);
      const tx = by(m.book, m.alice).cancel(bid);
      await expect(tx).to.emit(m.book, "OrderCancelled").withArgs(bid, 6n);
      await expect(tx).to.emit(m.book, "OrderClaimed").withArgs(bid, 4n);
      expect(await free(m, m.alice)).to.deep.equal([4n * LOT, quoteOf(100, 6n)]);
      expect(await m.book.bestBid()).to.deep.equal([0n, 0n]);
      expect(await order(m, bid)).to.deep.equal({ maker: ethers.ZeroAddress, open: 0n, claimable: 0n });
      await expect(by(m.book, m.alice).cancel(bid)).to.be.revertedWithCustomError(m.book, "OrderNotFound").withArgs(bid);
      // The book now holds exactly the free balance.
      expect(await m.base.balanceOf(m.book)).to.equal(4n * LOT);
      expect(await m.quote.balanceOf(m.book)).to.equal(quoteOf(100, 6n));
    });

    it("a cancel inside the queue leaves a hole the orders behind it move up through", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const a = await post(m, m.alice, ASK, 100, 4n);
      const b = await post(m, m.bob, ASK, 100, 5n);
      const c = await post(m, m.carol, ASK, 100, 6n);
      await by(m.book, m.bob).cancel(b); // middle: a hole record
      expect(await m.book.levelOf(ASK, 100)).to.deep.equal([10n, 3n]);
      await by(m.book, m.taker).take(true, 100, 7n, 1, true);
      expect(await order(m, a)).to.deep.include({ open: 0n, claimable: 4n });
      expect(await order(m, c)).to.deep.include({ open: 3n, claimable: 3n });
      const d = await post(m, m.dave, ASK, 100, 2n);
      await by(m.book, m.carol).cancel(c); // partially filled, in the middle again
      expect(await free(m, m.carol)).to.deep.equal([3n * LOT, quoteOf(100, 3n)]);
      await by(m.book, m.taker).take(true, 100, 2n, 1, true);
      expect(await order(m, d)).to.deep.include({ open: 0n, claimable: 2n });
      expect(await order(m, a)).to.deep.include({ open: 0n, claimable: 4n });
    });

    it("replace cancels and re-posts at the back of the queue, settling the escrow difference", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const a = await post(m, m.alice, BID, 100, 5n);
      const b = await post(m, m.bob, BID, 100, 5n);
      await by(m.book, m.alice).deposit(0, quoteOf(100, 2n));
      const tx = await by(m.book, m.alice).replace(a, 100, 7n);
      const [a2] = idsIn(m, await tx.wait());
      await expect(tx).to.emit(m.book, "OrderCancelled").withArgs(a, 5n);
      expect(a2).to.equal(orderId(BID, 100, 2));
      expect(await free(m, m.alice)).to.deep.equal([0n, 0n]); // 5 lots returned + 2 deposited = 7 escrowed
      await by(m.book, m.taker).take(false, 100, 6n, 1, true);
      expect(await order(m, b)).to.deep.include({ open: 0n, claimable: 5n });
      expect(await order(m, a2)).to.deep.include({ open: 6n, claimable: 1n });
      await expect(by(m.book, m.bob).replace(a2, 99, 1n))
        .to.be.revertedWithCustomError(m.book, "NotOrderOwner")
        .withArgs(a2, m.bob.address, m.alice.address);
    });

    it("requote cancels both quotes, claims their fills and posts new ones in one transaction", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await by(m.book, m.alice).deposit(100n * LOT, quoteOf(100, 100n));
      const tx0 = await by(m.book, m.alice).requote(
        [],
        [
          { isAsk: BID, tick: 99, lots: 10n },
          { isAsk: ASK, tick: 101, lots: 10n },
        ],
      );
      const [bid, ask] = idsIn(m, await tx0.wait());
      await by(m.book, m.taker).take(true, 101, 4n, 1, true);
      const tx = by(m.book, m.alice).requote(
        [bid, ask],
        [
          { isAsk: BID, tick: 100, lots: 8n },
          { isAsk: ASK, tick: 102, lots: 8n },
        ],
      );
      await expect(tx).to.emit(m.book, "OrderCancelled").withArgs(bid, 10n);
      await expect(tx).to.emit(m.book, "OrderCancelled").withArgs(ask, 6n);
      await expect(tx).to.emit(m.book, "OrderClaimed").withArgs(ask, 4n);
      await expect(tx)
        .to.emit(m.book, "OrderPosted")
        .withArgs(orderId(BID, 100, 0), m.alice.address, BID, 100, 8n);
      expect(await m.book.bestBid()).to.deep.equal([100n, 8n]);
      expect(await m.book.bestAsk()).to.deep.equal([102n, 8n]);
      // Base: 100 deposited − 10 ask escrow + 6 unfilled back − 8 new ask escrow. Quote: the bid's escrow came
      // back whole, the ask's 4 filled lots paid 101 each, the new bid escrows 8 lots at 100.
      expect(await free(m, m.alice)).to.deep.equal([(100n - 10n + 6n - 8n) * LOT, quoteOf(100, 100n) + quoteOf(101, 4n) - quoteOf(100, 8n)]);
      await expect(by(m.book, m.alice).requote([bid], [])).to.be.revertedWithCustomError(m.book, "OrderNotFound");
    });

    it("claim credits filled lots, keeps the rest resting, and only the maker may claim", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const ask = await post(m, m.alice, ASK, 100, 10n);
      const other = await post(m, m.alice, ASK, 105, 1n);
      await by(m.book, m.taker).take(true, 100, 3n, 1, true);
      expect(await by(m.book, m.alice).claim.staticCall([ask, other])).to.deep.equal([0n, quoteOf(100, 3n)]);
      await expect(by(m.book, m.alice).claim([ask, other]))
        .to.emit(m.book, "OrderClaimed")
        .withArgs(ask, 3n);
      expect(await order(m, ask)).to.deep.include({ open: 7n, claimable: 0n });
      await by(m.book, m.taker).take(true, 100, 7n, 1, true);
      expect(await order(m, ask)).to.deep.include({ open: 0n, claimable: 7n });
      await expect(by(m.book, m.bob).claim([ask]))
        .to.be.revertedWithCustomError(m.book, "NotOrderOwner")
        .withArgs(ask, m.bob.address, m.alice.address);
      await by(m.book, m.alice).claim([ask]);
      expect(await free(m, m.alice)).to.deep.equal([0n, quoteOf(100, 10n)]);
      await expect(by(m.book, m.alice).claim([ask]))
        .to.be.revertedWithCustomError(m.book, "OrderNotFound")
        .withArgs(ask);
    });

    it("self-trade rule: a maker may take its own order; it is settled like any fill and conserves its tokens", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const total = async () => {
        const [b, q] = await free(m, m.alice);
        return [(await m.base.balanceOf(m.alice)) + b, (await m.quote.balanceOf(m.alice)) + q];
      };
      const before = await total();
      const ask = await post(m, m.alice, ASK, 100, 5n);
      await expect(by(m.book, m.alice).take(true, 100, 5n, 1, true))
        .to.emit(m.book, "Fill")
        .withArgs(m.alice.address, true, 100, 5n);
      expect(await order(m, ask)).to.deep.include({ open: 0n, claimable: 5n });
      await by(m.book, m.alice).claim([ask]);
      expect(await total()).to.deep.equal(before);
      expect(await m.base.balanceOf(m.book)).to.equal(0n);
    });
  });

  describe("level capacity", () => {
    it("reverts with LevelFull while the oldest of 64 queued orders still rests, and retires finished heads", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const capacity = Number(await m.book.LEVEL_CAPACITY());
      const ids: bigint[] = [];
      for (let i = 0; i < capacity; i++) ids.push(await post(m, m.signers[1 + (i % 8)], ASK, 100, 1n));
      await expect(by(m.book, m.alice).post(ASK, 100, 1n))
        .to.be.revertedWithCustomError(m.book, "LevelFull")
        .withArgs(true, 100, ids[0]);
      // A cancel inside the queue leaves a hole record; the head still blocks.
      await by(m.book, m.signers[6]).cancel(ids[5]);
      await expect(by(m.book, m.alice).post(ASK, 100, 1n)).to.be.revertedWithCustomError(m.book, "LevelFull");
      // Fill the head: the next post claims it for its maker and takes its place.
      const headMaker = m.signers[1];
      const [, quoteBefore] = await free(m, headMaker);
      await by(m.book, m.taker).take(true, 100, 1n, 1, true);
      const tx = by(m.book, m.alice).post(ASK, 100, 1n);
      await expect(tx).to.emit(m.book, "OrderClaimed").withArgs(ids[0], 1n);
      expect((await free(m, headMaker))[1] - quoteBefore).to.equal(quoteOf(100, 1n));
      // Fill up to the hole, then retire through finished entries and the hole record.
      await by(m.book, m.taker).take(true, 100, 4n, 1, true);
      for (let i = 0; i < 5; i++) await post(m, m.bob, ASK, 100, 1n);
      expect((await m.book.levelOf(ASK, 100))[1]).to.equal(BigInt(capacity));
      expect(await order(m, ids[6])).to.deep.include({ open: 1n, claimable: 0n });
      await expect(by(m.book, m.alice).post(ASK, 100, 1n))
        .to.be.revertedWithCustomError(m.book, "LevelFull")
        .withArgs(true, 100, ids[6]);
    });
  });

  describe("errors and edges", () => {
    it("rejects unusable markets with InvalidMarket", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      for (const args of [
        [m.base, m.base, 1n, 1n],
        [ethers.ZeroAddress, m.quote, 1n, 1n],
        [m.base, m.quote, 0n, 1n],
        [m.base, m.quote, 1n, 0n],
        [m.base, m.quote, 1n << 128n, 1n],
      ] as const) {
        await expect(ethers.deployContract("OrderBook", [...args])).to.be.revertedWithCustomError(m.book, "InvalidMarket");
      }
    });

    it("withdraw sends free balance out and rejects more than is free with InsufficientBalance", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      await expect(by(m.book, m.alice).deposit(5n, 7n)).to.emit(m.book, "Deposited").withArgs(m.alice.address, 5n, 7n);
      await expect(by(m.book, m.alice).withdraw(6n, 0n)).to.be.revertedWithCustomError(m.book, "InsufficientBalance").withArgs(true, 5n, 6n);
      await expect(by(m.book, m.alice).withdraw(0n, 8n)).to.be.revertedWithCustomError(m.book, "InsufficientBalance").withArgs(false, 7n, 8n);
      await expect(by(m.book, m.alice).withdraw(5n, 7n)).to.emit(m.book, "Withdrawn").withArgs(m.alice.address, 5n, 7n);
      expect(await free(m, m.alice)).to.deep.equal([0n, 0n]);
      expect(await m.base.balanceOf(m.book)).to.equal(0n);
    });

    it("reverts with LevelOverflow past 2^48 − 1 cumulative lots and BalanceOverflow past 2^128 − 1", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const unit = (await ethers.deployContract("OrderBook", [m.base, m.quote, 1n, 1n])) as unknown as Contract;
      await by(m.base, m.alice).approve(unit, ethers.MaxUint256);
      const max48 = (1n << 48n) - 1n;
      await by(unit, m.alice).post(ASK, 100, max48);
      await expect(by(unit, m.alice).post(ASK, 100, 1n))
        .to.be.revertedWithCustomError(unit, "LevelOverflow")
        .withArgs(true, 100);
      const max128 = (1n << 128n) - 1n;
      await m.base.mint(m.alice, max128);
      await by(unit, m.alice).deposit(max128 - max48 + 1n, 0n);
      await expect(by(unit, m.alice).cancel(orderId(ASK, 100, 0)))
        .to.be.revertedWithCustomError(unit, "BalanceOverflow")
        .withArgs(m.alice.address);
    });

    it("guards token callbacks with Reentrancy", async () => {
      const m = await networkHelpers.loadFixture(deployMarket);
      const token = await deployReentrantToken();
      const book = (await ethers.deployContract("OrderBook", [token, m.quote, TICK_SIZE, LOT])) as unknown as Contract;
      await token.mint(m.alice, LOT);
      await token.arm(book, book.interface.encodeFunctionData("withdraw", [0n, 0n]));
      await by(book, m.alice).deposit(LOT, 0n);
      expect(book.interface.parseError(await token.lastRevert())?.name).to.equal("Reentrancy");
      // Unarmed, the same call goes through: the guard was cleared on exit.
      await by(book, m.alice).withdraw(LOT, 0n);
      expect(await token.balanceOf(m.alice)).to.equal(LOT);
    });
  });
});

// ── Reference model: a naive FIFO book that loops over orders, mirroring the contract's queue entries ──

interface MOrder {
  id: bigint;
  maker: number;
  isAsk: boolean;
  tick: number;
  size: bigint;
  open: bigint;
  claimable: bigint;
  claimed: bigint;
}
type Entry = { kind: "live"; order: MOrder } | { kind: "hole" } | { kind: "gone" };
interface MLevel {
  entries: Entry[];
  head: number;
}
interface ModelState {
  levels: Map<string, MLevel>;
  orders: Map<bigint, MOrder>;
  free: [bigint, bigint][];
  filled: { ask: bigint; bid: bigint };
  claimedLots: { ask: bigint; bid: bigint };
}

class ModelRevert extends Error {
  readonly errorName: string;
  readonly args: unknown[];
  constructor(errorName: string, args: unknown[]) {
    super(errorName);
    this.errorName = errorName;
    this.args = args;
  }
}

class BookModel {
  s: ModelState;
  readonly capacity: number;
  constructor(accounts: number, capacity: number) {
    this.capacity = capacity;
    this.s = {
      levels: new Map(),
      orders: new Map(),
      free: Array.from({ length: accounts }, () => [0n, 0n] as [bigint, bigint]),
      filled: { ask: 0n, bid: 0n },
      claimedLots: { ask: 0n, bid: 0n },
    };
  }

  /** Runs `f` atomically: a ModelRevert restores the state, as the EVM would. */
  atomic<T>(f: () => T): T {
    const saved = structuredClone(this.s);
    try {
      return f();
    } catch (e) {
      this.s = saved;
      throw e;
    }
  }

  level(isAsk: boolean, tick: number): MLevel {
    const key = `${isAsk}:${tick}`;
    let l = this.s.levels.get(key);
    if (!l) this.s.levels.set(key, (l = { entries: [], head: 0 }));
    return l;
  }
  openOf(l: MLevel): bigint {
    return l.entries.reduce((sum, e) => sum + (e.kind === "live" ? e.order.open : 0n), 0n);
  }
  /** Non-empty ticks of one side, best first. */
  ticks(isAsk: boolean): number[] {
    const out: number[] = [];
    for (const [key, l] of this.s.levels) {
      const [side, tick] = key.split(":");
      if ((side === "true") === isAsk && this.openOf(l) > 0n) out.push(Number(tick));
    }
    return out.sort((a, b) => (isAsk ? a - b : b - a));
  }
  private credit(maker: number, o: MOrder, unfilled: bigint, claimed: bigint) {
    const f = this.s.free[maker];
    if (o.isAsk) {
      f[0] += unfilled * LOT;
      f[1] += quoteOf(o.tick, claimed);
      this.s.claimedLots.ask += claimed;
    } else {
      f[1] += quoteOf(o.tick, unfilled);
      f[0] += claimed * LOT;
      this.s.claimedLots.bid += claimed;
    }
    o.claimed += claimed;
  }
  private debit(maker: number, base: bigint, quote: bigint) {
    const f = this.s.free[maker];
    f[0] = f[0] > base ? f[0] - base : 0n; // a shortfall comes from the wallet
    f[1] = f[1] > quote ? f[1] - quote : 0n;
  }

  post(maker: number, isAsk: boolean, tick: number, lots: bigint): bigint {
    const other = this.ticks(!isAsk)[0];
    if (other !== undefined && (isAsk ? other >= tick : other <= tick)) throw new ModelRevert("WouldCross", [isAsk, tick, other]);
    const l = this.level(isAsk, tick);
    if (l.entries.length - l.head === this.capacity) {
      const e = l.entries[l.head];
      const id = orderId(isAsk, tick, l.head);
      if (e.kind === "live") {
        if (e.order.open > 0n) throw new ModelRevert("LevelFull", [isAsk, tick, id]);
        this.credit(e.order.maker, e.order, 0n, e.order.claimable);
        e.order.claimable = 0n;
        this.s.orders.delete(id);
      }
      l.entries[l.head] = { kind: "gone" };
      l.head++;
    }
    const id = orderId(isAsk, tick, l.entries.length);
    const o: MOrder = { id, maker, isAsk, tick, size: lots, open: lots, claimable: 0n, claimed: 0n };
    l.entries.push({ kind: "live", order: o });
    this.s.orders.set(id, o);
    this.debit(maker, isAsk ? lots * LOT : 0n, isAsk ? 0n : quoteOf(tick, lots));
    return id;
  }

  private owned(caller: number, id: bigint, address: (i: number) => string): MOrder {
    const o = this.s.orders.get(id);
    if (!o) throw new ModelRevert("OrderNotFound", [id]);
    if (o.maker !== caller) throw new ModelRevert("NotOrderOwner", [id, address(caller), address(o.maker)]);
    return o;
  }

  cancel(caller: number, id: bigint, address: (i: number) => string): [bigint, bigint] {
    const o = this.owned(caller, id, address);
    const l = this.level(o.isAsk, o.tick);
    const idx = Number(id & 0xffffn);
    const result: [bigint, bigint] = [o.open, o.claimable];
    this.credit(caller, o, o.open, o.claimable);
    if (idx === l.entries.length - 1) {
      l.entries[idx] = { kind: "gone" };
      if (idx === l.head) l.head++;
    } else if (idx === l.head) {
      l.entries[idx] = { kind: "gone" };
      l.head++;
    } else {
      l.entries[idx] = o.open === 0n ? { kind: "gone" } : { kind: "hole" };
    }
    o.open = 0n;
    o.claimable = 0n;
    this.s.orders.delete(id);
    return result;
  }

  claim(caller: number, ids: bigint[], address: (i: number) => string): [bigint, bigint] {
    let base = 0n;
    let quote = 0n;
    for (const id of ids) {
      const o = this.owned(caller, id, address);
      if (o.claimable === 0n) continue;
      if (o.isAsk) quote += quoteOf(o.tick, o.claimable);
      else base += o.claimable * LOT;
      this.credit(caller, o, 0n, o.claimable);
      o.claimable = 0n;
      if (o.open === 0n) {
        this.level(o.isAsk, o.tick).entries[Number(id & 0xffffn)] = { kind: "gone" };
        this.s.orders.delete(id);
      }
    }
    return [base, quote];
  }

  take(isBuy: boolean, limit: number, lots: bigint, maxLevels: number, fok: boolean): [bigint, bigint] {
    let remaining = lots;
    let quote = 0n;
    let visited = 0;
    const plan: [MOrder, bigint][] = [];
    for (const tick of this.ticks(isBuy)) {
      if (isBuy ? tick > limit : tick < limit) break;
      const l = this.level(isBuy, tick);
      const open = this.openOf(l);
      const x = open < remaining ? open : remaining;
      let left = x;
      for (const e of l.entries) {
        if (left === 0n) break;
        if (e.kind !== "live" || e.order.open === 0n) continue;
        const y = e.order.open < left ? e.order.open : left;
        plan.push([e.order, y]);
        left -= y;
      }
      remaining -= x;
      quote += quoteOf(tick, x);
      if (x < open) break;
      visited++;
      if (remaining === 0n || visited === maxLevels) break;
    }
    if (fok && remaining !== 0n) throw new ModelRevert("FillOrKillNotFilled", [lots, lots - remaining]);
    for (const [o, y] of plan) {
      o.open -= y;
      o.claimable += y;
    }
    if (isBuy) this.s.filled.ask += lots - remaining;
    else this.s.filled.bid += lots - remaining;
    return [lots - remaining, quote];
  }

  withdraw(caller: number, base: bigint, quote: bigint) {
    const f = this.s.free[caller];
    if (base > f[0]) throw new ModelRevert("InsufficientBalance", [true, f[0], base]);
    if (quote > f[1]) throw new ModelRevert("InsufficientBalance", [false, f[1], quote]);
    f[0] -= base;
    f[1] -= quote;
  }

  /** Tokens the book must hold: free balances, escrow of open lots, proceeds of filled unclaimed lots. */
  owed(): [bigint, bigint] {
    let base = this.s.free.reduce((a, f) => a + f[0], 0n);
    let quote = this.s.free.reduce((a, f) => a + f[1], 0n);
    for (const o of this.s.orders.values()) {
      if (o.isAsk) {
        base += o.open * LOT;
        quote += quoteOf(o.tick, o.claimable);
      } else {
        quote += quoteOf(o.tick, o.open);
        base += o.claimable * LOT;
      }
    }
    return [base, quote];
  }
}

interface PropertyConfig {
  seed: string;
  ops: number;
  bidTicks: [number, number];
  askTicks: [number, number];
  maxLots: number;
  weights: {
    post: number;
    cancel: number;
    take: number;
    claim: number;
    replace: number;
    requote: number;
    withdraw: number;
  };
}

async function runProperty(cfg: PropertyConfig) {
  const m = await networkHelpers.loadFixture(deployMarket);
  const rng = seedrandom.alea(cfg.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const actors = m.signers.slice(0, 8); // 1–4 makers, 5–6 takers that also make, 0 never funded
  const address = (i: number) => actors[i].address;
  const model = new BookModel(actors.length, Number(await m.book.LEVEL_CAPACITY()));
  for (const i of [1, 2]) {
    await by(m.book, actors[i]).deposit(1_000n * LOT, quoteOf(100, 1_000n));
    model.s.free[i] = [1_000n * LOT, quoteOf(100, 1_000n)];
  }
  const seen = new Map<string, number>();
  const note = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
  const events = { fills: { ask: 0n, bid: 0n }, claims: { ask: 0n, bid: 0n } };
  const tally = (receipt: ContractTransactionReceipt | null) => {
    for (const log of receipt!.logs) {
      const p = m.book.interface.parseLog(log);
      if (p?.name === "Fill") events.fills[p.args.isBuy ? "ask" : "bid"] += p.args.lots as bigint;
      if (p?.name === "OrderClaimed") events.claims[((p.args.orderId as bigint) >> 40n) & 1n ? "ask" : "bid"] += p.args.claimedLots as bigint;
    }
  };
  /** Applies one operation to the model and the chain and checks that both agree on the outcome. */
  const step = async (
    label: string,
    apply: () => unknown,
    call: () => Promise<unknown>,
    send: () => Promise<{ wait(): Promise<ContractTransactionReceipt | null> }>,
  ) => {
    let expected: unknown;
    try {
      expected = model.atomic(apply);
    } catch (e) {
      if (!(e instanceof ModelRevert)) throw e;
      note(`${label}:${e.errorName}`);
      await expect(send())
        .to.be.revertedWithCustomError(m.book, e.errorName)
        .withArgs(...e.args);
      return;
    }
    note(label);
    const got = await call();
    expect(Array.isArray(got) ? [...(got as unknown[])] : got, label).to.deep.equal(expected);
    tally(await (await send()).wait());
  };
  const liveOf = (maker: number) => [...model.s.orders.values()].filter((o) => o.maker === maker).map((o) => o.id);
  const anyId = () => {
    const ids = [...model.s.orders.keys()];
    return ids.length > 0 && rng() < 0.9 ? pick(ids) : orderId(rng() < 0.5, int(cfg.bidTicks[0], cfg.askTicks[1]), int(0, 3));
  };
  const newOrder = (): { isAsk: boolean; tick: number; lots: bigint } => {
    const isAsk = rng() < 0.5;
    const [lo, hi] = isAsk ? cfg.askTicks : cfg.bidTicks;
    return { isAsk, tick: int(lo, hi), lots: BigInt(int(1, cfg.maxLots)) };
  };
  const total = Object.values(cfg.weights).reduce((a, b) => a + b, 0);

  for (let n = 0; n < cfg.ops; n++) {
    let r = rng() * total;
    const choose = (w: number) => (r -= w) < 0;
    const who = int(1, 6);
    const signer = actors[who];
    if (choose(cfg.weights.post)) {
      const o = newOrder();
      await step(
        "post",
        () => model.post(who, o.isAsk, o.tick, o.lots),
        () => by(m.book, signer).post.staticCall(o.isAsk, o.tick, o.lots),
        () => by(m.book, signer).post(o.isAsk, o.tick, o.lots),
      );
    } else if (choose(cfg.weights.cancel)) {
      const mine = liveOf(who);
      const id = mine.length > 0 && rng() < 0.85 ? pick(mine) : anyId();
      await step(
        "cancel",
        () => model.cancel(who, id, address),
        () => by(m.book, signer).cancel.staticCall(id),
        () => by(m.book, signer).cancel(id),
      );
    } else if (choose(cfg.weights.take)) {
      const isBuy = rng() < 0.5;
      const [lo, hi] = isBuy ? cfg.askTicks : cfg.bidTicks;
      const limit = int(lo - 1, hi + 1);
      const lots = BigInt(int(1, 4 * cfg.maxLots));
      const levels = int(1, 4);
      const fok = rng() < 0.3;
      await step(
        "take",
        () => model.take(isBuy, limit, lots, levels, fok),
        () => by(m.book, signer).take.staticCall(isBuy, limit, lots, levels, fok),
        () => by(m.book, signer).take(isBuy, limit, lots, levels, fok),
      );
    } else if (choose(cfg.weights.claim)) {
      const ids = liveOf(who).filter(() => rng() < 0.6);
      if (rng() < 0.05) ids.push(anyId());
      const unique = [...new Set(ids)];
      await step(
        "claim",
        () => model.claim(who, unique, address),
        () => by(m.book, signer).claim.staticCall(unique),
        () => by(m.book, signer).claim(unique),
      );
    } else if (choose(cfg.weights.replace)) {
      const mine = liveOf(who);
      if (mine.length === 0) continue;
      const id = pick(mine);
      const isAsk = ((id >> 40n) & 1n) === 1n;
      const [lo, hi] = isAsk ? cfg.askTicks : cfg.bidTicks;
      const tick = int(lo, hi);
      const lots = BigInt(int(1, cfg.maxLots));
      await step(
        "replace",
        () => {
          model.cancel(who, id, address);
          return model.post(who, isAsk, tick, lots);
        },
        () => by(m.book, signer).replace.staticCall(id, tick, lots),
        () => by(m.book, signer).replace(id, tick, lots),
      );
    } else if (choose(cfg.weights.requote)) {
      const cancels = liveOf(who)
        .filter(() => rng() < 0.7)
        .slice(0, 3);
      const posts = [newOrder(), newOrder()];
      await step(
        "requote",
        () => {
          for (const id of cancels) model.cancel(who, id, address);
          return posts.map((o) => model.post(who, o.isAsk, o.tick, o.lots));
        },
        async () => [...(await by(m.book, signer).requote.staticCall(cancels, posts))],
        () => by(m.book, signer).requote(cancels, posts),
      );
    } else {
      const [fb, fq] = model.s.free[who];
      const b = rng() < 0.1 ? fb + 1n : (fb * BigInt(int(0, 100))) / 100n;
      const q = (fq * BigInt(int(0, 100))) / 100n;
      await step(
        "withdraw",
        () => model.withdraw(who, b, q),
        async () => undefined,
        () => by(m.book, signer).withdraw(b, q),
      );
    }

    // Conservation, after every operation: the book holds exactly what it owes.
    const [owedBase, owedQuote] = model.owed();
    expect(await m.base.balanceOf(m.book), `base held after op ${n}`).to.equal(owedBase);
    expect(await m.quote.balanceOf(m.book), `quote held after op ${n}`).to.equal(owedQuote);
    if (n % 25 === 24) await compareAll(m, model, actors);
  }
  await compareAll(m, model, actors);

  // Wind down: every maker cancels everything, then each fill must have been claimed exactly once.
  for (let i = 1; i < actors.length; i++) {
    for (const id of liveOf(i)) {
      await step(
        "cancel",
        () => model.cancel(i, id, address),
        () => by(m.book, actors[i]).cancel.staticCall(id),
        () => by(m.book, actors[i]).cancel(id),
      );
    }
  }
  expect(events.fills).to.deep.equal(events.claims);
  expect(events.fills).to.deep.equal(model.s.filled);
  expect(model.s.claimedLots).to.deep.equal(model.s.filled);
  for (let i = 1; i < actors.length; i++) {
    const [b, q] = await free(m, actors[i]);
    expect([b, q]).to.deep.equal(model.s.free[i]);
    await by(m.book, actors[i]).withdraw(b, q);
  }
  expect(await m.base.balanceOf(m.book)).to.equal(0n);
  expect(await m.quote.balanceOf(m.book)).to.equal(0n);
  return seen;
}

/** Every live order, every level and every free balance of the chain equals the model's. */
async function compareAll(m: Market, model: BookModel, actors: Signer[]) {
  for (const o of model.s.orders.values()) {
    expect(o.open + o.claimable + o.claimed, `order ${o.id} conserves its lots`).to.equal(o.size);
    expect(await order(m, o.id), `order ${o.id}`).to.deep.equal({
      maker: await actors[o.maker].getAddress(),
      open: o.open,
      claimable: o.claimable,
    });
  }
  for (const [key, l] of model.s.levels) {
    const [side, tick] = key.split(":");
    expect(await m.book.levelOf(side === "true", Number(tick)), `level ${key}`).to.deep.equal([model.openOf(l), BigInt(l.entries.length - l.head)]);
  }
  for (const isAsk of [true, false]) {
    const ticks = model.ticks(isAsk);
    const [gotTicks, gotLots] = await m.book.depth(isAsk, 256);
    expect([...gotTicks].map(Number)).to.deep.equal(ticks);
    expect([...gotLots]).to.deep.equal(ticks.map((t) => model.openOf(model.level(isAsk, t))));
  }
  for (let i = 1; i < actors.length; i++) expect(await free(m, actors[i]), `free balance of actor ${i}`).to.deep.equal(model.s.free[i]);
}

describe("OrderBook against a naive reference book (seeded random operations)", () => {
  it("matches the model order by order, conserves tokens after every step, and never over-fills (wide book)", async () => {
    const seen = await runProperty({
      seed: "order-book/wide/1",
      ops: 400,
      bidTicks: [95, 101],
      askTicks: [100, 106],
      maxLots: 20,
      weights: { post: 40, cancel: 18, take: 20, claim: 8, replace: 5, requote: 6, withdraw: 3 },
    });
    for (const what of [
      "post",
      "cancel",
      "take",
      "claim",
      "replace",
      "requote",
      "withdraw",
      "post:WouldCross",
      "take:FillOrKillNotFilled",
      "cancel:NotOrderOwner",
    ]) {
      expect(seen.get(what) ?? 0, `operations of kind ${what}`).to.be.greaterThan(0);
    }
  });

  it("stays exact on a crowded book where queues fill to capacity and hole records pile up", async () => {
    const seen = await runProperty({
      seed: "order-book/narrow/1",
      ops: 700,
      bidTicks: [99, 100],
      askTicks: [101, 102],
      maxLots: 3,
      weights: { post: 55, cancel: 15, take: 14, claim: 6, replace: 4, requote: 4, withdraw: 2 },
    });
    for (const what of ["post:LevelFull", "cancel", "take", "claim", "requote"]) {
      expect(seen.get(what) ?? 0, `operations of kind ${what}`).to.be.greaterThan(0);
    }
  });
});

/** A token whose transfer hooks make one armed call (here: back into the book), recording its revert. */
async function deployReentrantToken() {
  const source = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;
contract ReentrantToken {
    mapping(address => uint256) public balanceOf;
    address public target; bytes public payload; bytes public lastRevert; bool public armed;
    function mint(address to, uint256 a) external { balanceOf[to] += a; }
    function arm(address t, bytes calldata p) external { target = t; payload = p; armed = true; }
    function transfer(address to, uint256 a) external returns (bool) { _hook(); balanceOf[msg.sender] -= a; balanceOf[to] += a; return true; }
    function transferFrom(address f, address to, uint256 a) external returns (bool) { _hook(); balanceOf[f] -= a; balanceOf[to] += a; return true; }
    function _hook() internal { if (armed) { armed = false; (bool ok, bytes memory ret) = target.call(payload); if (!ok) lastRevert = ret; } }
}`;
  const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };
  const input = {
    language: "Solidity",
    sources: { "ReentrantToken.sol": { content: source } },
    settings: { outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const c = out.contracts["ReentrantToken.sol"].ReentrantToken;
  const [deployer] = await ethers.getSigners();
  const factory = new ethers.ContractFactory(c.abi, c.evm.bytecode.object, deployer);
  const token = await factory.deploy();
  await token.waitForDeployment();
  return token as unknown as Contract;
}
