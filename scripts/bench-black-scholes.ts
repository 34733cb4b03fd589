/**
 * Accuracy and gas of contracts/libraries/BlackScholes.sol against the double-precision pricer in
 * sim/pricing, without and with a continuous dividend/borrow yield q.
 * Run: `npx hardhat build --quiet && npx node scripts/bench-black-scholes.ts`.
 *
 * Grid: S/K 0.5–2 (25 log-spaced), σ 5 %–300 % (10 log-spaced), T 1 h–2 y (8), r ∈ {0, 5 %},
 * q ∈ {0, 3 %, 50 %}, calls and puts. q = 0 runs the q-free functions (what every caller uses today);
 * q ≠ 0 runs the yield overloads.
 * Price error = |chain − ref| / max(ref, 1e-9·S); delta error = |chain − ref| (delta is already in [−1, 1]).
 * Library gas: the harness brackets one internal call with gasleft() (`*Gas` functions), so it excludes the
 * 21000 base, calldata, dispatch and ABI decoding. Call gas: gasUsed from the receipt of a real transaction
 * to the external wrapper, minus 21000, minus calldata gas (4 per zero byte, 16 per non-zero byte), i.e.
 * execution including dispatch.
 */
import { network } from "hardhat";
import { blackScholes } from "../sim/pricing/black-scholes.ts";

const { ethers } = await network.create();
const harness = await ethers.deployContract("BlackScholesHarness");
const [sender] = await ethers.getSigners();
const harnessAddress = await harness.getAddress();

const YEAR = 31_536_000;
const STRIKE = 100;
const logSpace = (lo: number, hi: number, n: number): number[] => Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
const toWad = (x: number): bigint => BigInt(Math.round(x * 1e6)) * 10n ** 12n;
const fromWad = (x: bigint): number => Number(x) / 1e18;
const MONEYNESS = logSpace(0.5, 2, 25);
const VOLS = logSpace(0.05, 3, 10);
const SECONDS = [3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400, 91 * 86_400, YEAR, 2 * YEAR];
const RATES = [0, 0.05];
const YIELDS = [0, 0.03, 0.5];

type Row = "price" | "delta" | "priceAndDelta" | "priceAndDelta, q = 0 via the overload" | "priceAndDelta, q ≠ 0";
const ROWS: readonly Row[] = ["price", "delta", "priceAndDelta", "priceAndDelta, q = 0 via the overload", "priceAndDelta, q ≠ 0"];
const libGas = new Map<Row, number[]>(ROWS.map((r) => [r, []]));
const callGas = new Map<Row, number[]>(ROWS.map((r) => [r, []]));
const errors = { zero: { price: [] as number[], delta: [] as number[] }, yield: { price: [] as number[], delta: [] as number[] } };
const worst = { zero: { err: 0, where: "" }, yield: { err: 0, where: "" } };
let floorBound = 0;

/** Zero and non-zero bytes of 0x-prefixed calldata. */
function byteCounts(data: string): { zeros: number; nonZeros: number } {
  let zeros = 0;
  for (let i = 2; i < data.length; i += 2) if (data.slice(i, i + 2) === "00") zeros++;
  return { zeros, nonZeros: (data.length - 2) / 2 - zeros };
}

/** Execution gas of one external call, from the receipt of a mined transaction. */
async function receiptGas(fn: string, args: unknown[]): Promise<number> {
  const data = harness.interface.encodeFunctionData(fn, args);
  const tx = await sender.sendTransaction({ to: harnessAddress, data, gasLimit: 1_000_000 }); // explicit: no estimate
  const receipt = await tx.wait();
  if (receipt === null || receipt.status !== 1) throw new Error(`bench: ${fn} transaction failed`);
  const used = Number(receipt.gasUsed);
  const { zeros, nonZeros } = byteCounts(data);
  if (used <= 21_000 + 10 * (zeros + 4 * nonZeros)) floorBound++; // EIP-7623 calldata floor binds
  return used - 21_000 - (4 * zeros + 16 * nonZeros);
}

let n = 0;
for (const m of MONEYNESS)
  for (const vol of VOLS)
    for (const t of SECONDS)
      for (const rate of RATES)
        for (const q of YIELDS) {
          for (const isCall of [true, false]) {
            const args = [toWad(STRIKE * m), BigInt(STRIKE) * 10n ** 18n, toWad(vol), t, toWad(rate)] as const;
            const kind = q === 0 ? "zero" : "yield";
            let price: bigint;
            let delta: bigint;
            if (q === 0) {
              const [[gPd, p, d], [gP], [gD], [gPd0]] = await Promise.all([
                harness.priceAndDeltaGas(isCall, ...args),
                harness.priceGas(isCall, ...args),
                harness.deltaGas(isCall, ...args),
                harness.priceAndDeltaWithYieldGas(isCall, ...args, 0n),
              ]);
              [price, delta] = [p, d];
              libGas.get("priceAndDelta")!.push(Number(gPd));
              libGas.get("price")!.push(Number(gP));
              libGas.get("delta")!.push(Number(gD));
              libGas.get("priceAndDelta, q = 0 via the overload")!.push(Number(gPd0));
            } else {
              const [gPd, p, d] = await harness.priceAndDeltaWithYieldGas(isCall, ...args, toWad(q));
              [price, delta] = [p, d];
              libGas.get("priceAndDelta, q ≠ 0")!.push(Number(gPd));
            }
            const spot = fromWad(args[0]);
            const ref = blackScholes({
              type: isCall ? "call" : "put",
              spot,
              strike: STRIKE,
              vol: fromWad(args[2]),
              timeYears: t / YEAR,
              rate,
              dividendYield: q,
            });
            const err = Math.abs(fromWad(price) - ref.price) / Math.max(ref.price, 1e-9 * spot);
            errors[kind].price.push(err);
            errors[kind].delta.push(Math.abs(fromWad(delta) - ref.delta));
            if (err > worst[kind].err)
              worst[kind] = { err, where: `${isCall ? "call" : "put"} S/K=${m.toFixed(3)} σ=${vol.toFixed(3)} T=${t}s r=${rate} q=${q}` };
            if (n++ % 13 === 0) {
              // a sample coprime with the grid strides
              if (q === 0) {
                callGas.get("price")!.push(await receiptGas(isCall ? "callPrice" : "putPrice", [...args]));
                callGas.get("delta")!.push(await receiptGas(isCall ? "callDelta" : "putDelta", [...args]));
                callGas.get("priceAndDelta")!.push(await receiptGas("priceAndDelta", [isCall, ...args]));
                callGas.get("priceAndDelta, q = 0 via the overload")!.push(await receiptGas("priceAndDeltaWithYield", [isCall, ...args, 0n]));
              } else {
                callGas.get("priceAndDelta, q ≠ 0")!.push(await receiptGas("priceAndDeltaWithYield", [isCall, ...args, toWad(q)]));
              }
            }
          }
        }

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], p: number): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const e = (x: number): string => x.toExponential(2);

console.log(
  `\nBlackScholes.sol vs sim/pricing/black-scholes.ts over ${n} evaluations (${MONEYNESS.length} S/K × ${VOLS.length} σ × ${SECONDS.length} T × ${RATES.length} r × ${YIELDS.length} q × call/put)\n`,
);
console.log("accuracy                          max        median     p99");
for (const [kind, label] of [
  ["zero", "q = 0"],
  ["yield", "q ≠ 0"],
] as const) {
  const { price, delta } = errors[kind];
  console.log(`price  |err|/max(P,1e-9·S)  ${label}  ${e(Math.max(...price))}   ${e(quantile(price, 0.5))}   ${e(quantile(price, 0.99))}`);
  console.log(`delta  |err|                ${label}  ${e(Math.max(...delta))}   ${e(quantile(delta, 0.5))}   ${e(quantile(delta, 0.99))}`);
}
console.log(`worst price, q = 0: ${worst.zero.where}`);
console.log(`worst price, q ≠ 0: ${worst.yield.where}\n`);
console.log(`gas per call                           library (gasleft)       external call (receipt gasUsed − 21000 − calldata)`);
console.log(`                                       min    median  max      min    median  max    samples`);
for (const k of ROWS) {
  const row = (xs: number[]) => [Math.min(...xs), quantile(xs, 0.5), Math.max(...xs)].map((x) => String(x).padStart(6)).join(" ");
  console.log(`${k.padEnd(38)} ${row(libGas.get(k)!)}   ${row(callGas.get(k)!)}   ${String(callGas.get(k)!.length).padStart(4)}`);
}
const bracket = Number(await harness.emptyGas());
console.log(`\nlibrary gas includes ${bracket} gas of gasleft() bracketing; external-call gas includes ABI decoding and dispatch.`);
if (floorBound > 0) console.log(`note: ${floorBound} receipts hit the EIP-7623 calldata floor, understating their execution gas.`);
