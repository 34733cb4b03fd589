/**
 * Accuracy and gas of contracts/libraries/BlackScholes.sol against the double-precision pricer in
 * sim/pricing. Run: `npx hardhat build --quiet && npx node scripts/bench-black-scholes.ts`.
 *
 * Grid: S/K 0.5–2 (25 log-spaced), σ 5 %–300 % (10 log-spaced), T 1 h–2 y (8), r ∈ {0, 5 %}, calls and puts.
 * Price error = |chain − ref| / max(ref, 1e-9·S); delta error = |chain − ref| (delta is already in [−1, 1]).
 * Library gas: the harness brackets one internal call with gasleft() (`*Gas` functions), so it excludes the
 * 21000 base, calldata, dispatch and ABI decoding. Call gas: eth_estimateGas of the external wrapper minus
 * 21000 minus calldata gas (4 per zero byte, 16 per non-zero byte), i.e. execution including dispatch.
 */
import { network } from "hardhat";
import { blackScholes } from "../sim/pricing/black-scholes.ts";

const { ethers } = await network.create();
const harness = await ethers.deployContract("BlackScholesHarness");

const YEAR = 31_536_000;
const STRIKE = 100;
const logSpace = (lo: number, hi: number, n: number): number[] => Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
const toWad = (x: number): bigint => BigInt(Math.round(x * 1e6)) * 10n ** 12n;
const fromWad = (x: bigint): number => Number(x) / 1e18;
const MONEYNESS = logSpace(0.5, 2, 25);
const VOLS = logSpace(0.05, 3, 10);
const SECONDS = [3600, 6 * 3600, 86_400, 7 * 86_400, 30 * 86_400, 91 * 86_400, YEAR, 2 * YEAR];
const RATES = [0, 0.05];

const priceErrors: number[] = [];
const deltaErrors: number[] = [];
const gas = { price: [] as number[], delta: [] as number[], priceAndDelta: [] as number[] };
const callGas = { price: [] as number[], delta: [] as number[], priceAndDelta: [] as number[] };
let worst = { err: 0, where: "" };
let floorBound = 0;

/** Zero and non-zero bytes of 0x-prefixed calldata. */
function byteCounts(data: string): { zeros: number; nonZeros: number } {
  let zeros = 0;
  for (let i = 2; i < data.length; i += 2) if (data.slice(i, i + 2) === "00") zeros++;
  return { zeros, nonZeros: (data.length - 2) / 2 - zeros };
}

async function executionGas(fn: "callPrice" | "putPrice" | "callDelta" | "putDelta" | "priceAndDelta", args: unknown[]): Promise<number> {
  const data = harness.interface.encodeFunctionData(fn, args);
  const estimate = Number(await ethers.provider.estimateGas({ to: await harness.getAddress(), data }));
  const { zeros, nonZeros } = byteCounts(data);
  if (estimate <= 21_000 + 10 * (zeros + 4 * nonZeros)) floorBound++; // EIP-7623 calldata floor binds
  return estimate - 21_000 - (4 * zeros + 16 * nonZeros);
}

let n = 0;
for (const m of MONEYNESS) for (const vol of VOLS) for (const t of SECONDS) for (const rate of RATES) {
  for (const isCall of [true, false]) {
    const args = [toWad(STRIKE * m), BigInt(STRIKE) * 10n ** 18n, toWad(vol), t, toWad(rate)] as const;
    const [[gPd, price, delta], [gP], [gD]] = await Promise.all([
      harness.priceAndDeltaGas(isCall, ...args),
      harness.priceGas(isCall, ...args),
      harness.deltaGas(isCall, ...args),
    ]);
    gas.priceAndDelta.push(Number(gPd));
    gas.price.push(Number(gP));
    gas.delta.push(Number(gD));
    const spot = fromWad(args[0]);
    const ref = blackScholes({ type: isCall ? "call" : "put", spot, strike: STRIKE, vol: fromWad(args[2]), timeYears: t / YEAR, rate });
    const err = Math.abs(fromWad(price) - ref.price) / Math.max(ref.price, 1e-9 * spot);
    priceErrors.push(err);
    deltaErrors.push(Math.abs(fromWad(delta) - ref.delta));
    if (err > worst.err) worst = { err, where: `${isCall ? "call" : "put"} S/K=${m.toFixed(3)} σ=${vol.toFixed(3)} T=${t}s r=${rate}` };
    if (n++ % 13 === 0) { // a sample coprime with the grid strides
      callGas.price.push(await executionGas(isCall ? "callPrice" : "putPrice", [...args]));
      callGas.delta.push(await executionGas(isCall ? "callDelta" : "putDelta", [...args]));
      callGas.priceAndDelta.push(await executionGas("priceAndDelta", [isCall, ...args]));
    }
  }
}

const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const quantile = (xs: number[], q: number): number => sorted(xs)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const e = (x: number): string => x.toExponential(2);

console.log(`\nBlackScholes.sol vs sim/pricing/black-scholes.ts over ${n} evaluations (${MONEYNESS.length} S/K × ${VOLS.length} σ × ${SECONDS.length} T × ${RATES.length} r × call/put)\n`);
console.log("accuracy                    max        median     p99");
console.log(`price  |err|/max(P,1e-9·S)  ${e(Math.max(...priceErrors))}   ${e(quantile(priceErrors, 0.5))}   ${e(quantile(priceErrors, 0.99))}`);
console.log(`delta  |err|                ${e(Math.max(...deltaErrors))}   ${e(quantile(deltaErrors, 0.5))}   ${e(quantile(deltaErrors, 0.99))}`);
console.log(`worst price: ${worst.where}\n`);
console.log(`gas per call                 library (gasleft)         external call (estimateGas − 21000 − calldata)`);
console.log(`                             min    median  max        min    median  max    (${callGas.price.length} samples)`);
for (const k of ["price", "delta", "priceAndDelta"] as const) {
  const row = (xs: number[]) => [Math.min(...xs), quantile(xs, 0.5), Math.max(...xs)].map((x) => String(x).padStart(6)).join(" ");
  console.log(`${k.padEnd(28)} ${row(gas[k])}     ${row(callGas[k])}`);
}
const bracket = Number(await harness.emptyGas());
console.log(`\nlibrary gas includes ${bracket} gas of gasleft() bracketing; external-call gas includes ABI decoding and dispatch.`);
if (floorBound > 0) console.log(`note: ${floorBound} estimates hit the EIP-7623 calldata floor, understating their execution gas.`);
