// Gas of the order book's operations, read from receipts (21k intrinsic gas included).
// Run: npx hardhat build --quiet && npx node scripts/gas-order-book.ts
import { network } from "hardhat";
import type { Contract, ContractTransactionReceipt, ContractTransactionResponse, Signer } from "ethers";

const { ethers } = await network.create();

const TICK_SIZE = 100n; // raw quote (6 decimals) per lot per tick: tick 300_000 = 3,000 USD per base unit
const LOT = 10n ** 16n; // 0.01 base (18 decimals)
const MID = 300_000;
const BIG = 10n ** 30n;

interface Row {
  op: string;
  gas: bigint;
  target?: bigint;
}
const rows: Row[] = [];

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<{ gas: bigint; receipt: ContractTransactionReceipt }> {
  const receipt = (await (await tx).wait())!;
  return { gas: receipt.gasUsed, receipt };
}

async function record(op: string, tx: Promise<ContractTransactionResponse>, target?: bigint) {
  const { gas, receipt } = await gasOf(tx);
  rows.push({ op, gas, target });
  return receipt;
}

/** Ids of the orders posted in a receipt, in log order. */
function postedIds(book: Contract, receipt: ContractTransactionReceipt): bigint[] {
  return receipt.logs
    .map((log) => book.interface.parseLog(log))
    .filter((parsed) => parsed?.name === "OrderPosted")
    .map((parsed) => parsed!.args.orderId as bigint);
}

async function post(book: Contract, who: Signer, isAsk: boolean, tick: number, lots: bigint): Promise<bigint> {
  const receipt = (await (await book.connect(who).getFunction("post")(isAsk, tick, lots)).wait())!;
  return postedIds(book, receipt)[0];
}

const signers = await ethers.getSigners();
const [deployer, background, mm, mm2, taker] = signers;
const makers = Array.from({ length: 50 }, (_, i) => new ethers.Wallet(ethers.id(`gas-maker-${i}`), ethers.provider));
for (const w of makers) await ethers.provider.send("hardhat_setBalance", [w.address, "0x" + (10n ** 24n).toString(16)]);

/**
 * A fresh market in a realistic state: every account holds both tokens, makers have free balances,
 * and a background maker rests a bid and an ask far from the action, so the book holds both tokens.
 */
async function freshBook(): Promise<{ book: Contract; base: Contract; quote: Contract }> {
  const base = (await ethers.deployContract("TestToken", ["Option", "OPT", 18])) as unknown as Contract;
  const quote = (await ethers.deployContract("TestToken", ["USD", "USD", 6])) as unknown as Contract;
  const book = (await ethers.deployContract("OrderBook", [base, quote, TICK_SIZE, LOT])) as unknown as Contract;
  for (const who of [background, mm, mm2, taker, ...makers]) {
    await base.connect(deployer).getFunction("mint")(who, BIG);
    await quote.connect(deployer).getFunction("mint")(who, BIG);
    await base.connect(who).getFunction("approve")(book, ethers.MaxUint256);
    await quote.connect(who).getFunction("approve")(book, ethers.MaxUint256);
    if (who !== taker) await book.connect(who).getFunction("deposit")(10n ** 24n, 10n ** 24n);
  }
  await post(book, background, false, MID - 100_000, 100n);
  await post(book, background, true, MID + 100_000, 100n);
  return { book, base, quote };
}

// ── maker operations ───────────────────────────────────────────────────────────
{
  const { book } = await freshBook();
  const f = (name: string) => (who: Signer) => book.connect(who).getFunction(name);
  const postOf = f("post");
  const cancelOf = f("cancel");
  // A second maker quotes one tick outside, so the bitmap words are shared as in a live market.
  await post(book, mm2, false, MID - 20, 10n);
  await post(book, mm2, true, MID + 20, 10n);

  let r = await record("post, first order ever at a tick", postOf(mm)(false, MID - 10, 10n), 100_000n);
  let bid = postedIds(book, r)[0];
  await record("cancel, only order at its level", cancelOf(mm)(bid), 40_000n);
  r = await record("post, to an empty, previously used level", postOf(mm)(false, MID - 10, 10n), 100_000n);
  bid = postedIds(book, r)[0];
  r = await record("post, behind 1 resting order", postOf(mm2)(false, MID - 10, 10n), 100_000n);
  const behind = postedIds(book, r)[0];
  const third = await post(book, makers[0], false, MID - 10, 10n);
  await record("cancel, middle of the queue (hole record)", cancelOf(mm2)(behind), 40_000n);
  await record("cancel, head of the queue", cancelOf(mm)(bid), 40_000n);
  const fourth = await post(book, makers[1], false, MID - 10, 10n);
  await record("cancel, tail of the queue", cancelOf(makers[1])(fourth), 40_000n);
  await cancelOf(makers[0])(third);
  // No free balance: the escrow is pulled from the wallet (same empty level as above).
  r = await record("post, to an empty level, escrow pulled from the wallet", postOf(taker)(false, MID - 10, 10n), 100_000n);
  await cancelOf(taker)(postedIds(book, r)[0]);
  await book.connect(taker).getFunction("withdraw")(0n, 10n * BigInt(MID - 10) * TICK_SIZE);

  // A market maker's quote cycle: bid and ask, replace one, requote both.
  bid = await post(book, mm, false, MID - 10, 10n);
  let ask = await post(book, mm, true, MID + 10, 10n);
  r = await record("replace (cancel + post, 1 tick away)", book.connect(mm).getFunction("replace")(bid, MID - 11, 10n));
  bid = postedIds(book, r)[0];
  const requote = book.connect(mm).getFunction("requote");
  r = await record(
    "requote 2 cancels + 2 posts (levels used before)",
    requote(
      [bid, ask],
      [
        { isAsk: false, tick: MID - 10, lots: 10n },
        { isAsk: true, tick: MID + 10, lots: 10n },
      ],
    ),
    150_000n,
  );
  [bid, ask] = postedIds(book, r);
  r = await record(
    "requote 2 cancels + 2 posts (never used ticks)",
    requote(
      [bid, ask],
      [
        { isAsk: false, tick: MID - 12, lots: 10n },
        { isAsk: true, tick: MID + 12, lots: 10n },
      ],
    ),
    150_000n,
  );
  [bid, ask] = postedIds(book, r);
  r = await record(
    "requote 2 cancels + 2 posts (same ticks)",
    requote(
      [bid, ask],
      [
        { isAsk: false, tick: MID - 12, lots: 10n },
        { isAsk: true, tick: MID + 12, lots: 10n },
      ],
    ),
    150_000n,
  );
  [bid, ask] = postedIds(book, r);
  // Claim after a fill.
  await book.connect(taker).getFunction("take")(true, MID + 12, 10n, 1, true);
  await record("claim 1 filled order", book.connect(mm).getFunction("claim")([ask]));
}

// ── maker-side bounds ─────────────────────────────────────────────────────────
{
  const { book } = await freshBook();
  // A bid 20 ticks under the action keeps the 65,536-tick bitmap block of these bids non-empty.
  await post(book, mm2, false, MID - 20, 10n);
  // The only bid in its 256-tick bitmap word: the cancel also clears the word's bit one bitmap level up.
  const lone = await post(book, mm, false, MID - 300, 10n);
  await record("cancel, only order in its 256-tick bitmap word", book.connect(mm).getFunction("cancel")(lone), 40_000n);
  // The only bid in its 65,536-tick block: two bitmap levels are cleared (refunds hit the 20 % cap).
  const loner = await post(book, mm, false, 140_000, 10n);
  await record("cancel, only order in its 65,536-tick block", book.connect(mm).getFunction("cancel")(loner), 40_000n);
  // Worst case of the claim computation: 62 hole records behind the order being cancelled.
  const ids: bigint[] = [];
  for (let i = 0; i < 64; i++) ids.push(await post(book, makers[i % makers.length], false, MID - 5, 1n));
  for (let i = 62; i >= 1; i--) await book.connect(makers[i % makers.length]).getFunction("cancel")(ids[i]);
  await record("cancel, head with 62 hole records behind (bound)", book.connect(makers[0]).getFunction("cancel")(ids[0]));
}

// ── taker fills ────────────────────────────────────────────────────────────────
for (const levels of [1, 2, 4, 8]) {
  const { book } = await freshBook();
  for (let i = 0; i < levels; i++) await post(book, mm, true, MID + 1 + i, 10n);
  await record(
    `take, ${levels} level${levels > 1 ? "s" : ""} (1 maker each, levels emptied)`,
    book.connect(taker).getFunction("take")(true, MID + levels, 10n * BigInt(levels), levels, true),
    120_000n + 30_000n * BigInt(levels - 1),
  );
}
for (const count of [1, 10, 50]) {
  const { book } = await freshBook();
  for (let i = 0; i < count; i++) await post(book, makers[i], true, MID + 1, 10n);
  await record(
    `take, 1 level with ${count} maker${count > 1 ? "s" : ""} (level emptied)`,
    book.connect(taker).getFunction("take")(true, MID + 1, 10n * BigInt(count), 1, true),
    120_000n,
  );
}
{
  const { book } = await freshBook();
  await post(book, mm, true, MID + 1, 10n);
  await record("take, part of 1 level", book.connect(taker).getFunction("take")(true, MID + 1, 4n, 1, false), 120_000n);
  // Levels spread over different bitmap words (256 and 65,536 ticks apart) cost a little more to find.
  const { book: spread } = await freshBook();
  const ticks = [MID + 1, MID + 300, MID + 70_000, MID + 70_300];
  for (const t of ticks) await post(spread, mm, true, t, 10n);
  await record(
    "take, 4 levels in 4 different bitmap words",
    spread.connect(taker).getFunction("take")(true, MID + 70_300, 40n, 4, true),
    120_000n + 3n * 30_000n,
  );
}

const width = Math.max(...rows.map((r) => r.op.length));
console.log(`${"operation".padEnd(width)}  ${"gas".padStart(7)}  ${"target".padStart(7)}`);
for (const r of rows) {
  const flag = r.target === undefined ? "" : r.gas <= r.target ? "  ok" : "  OVER";
  console.log(`${r.op.padEnd(width)}  ${r.gas.toString().padStart(7)}  ${(r.target?.toString() ?? "-").padStart(7)}${flag}`);
}
