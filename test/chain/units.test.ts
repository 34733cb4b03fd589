import { expect } from "chai";
import { fromBase, fromQuote, fromWad, fromWei, gweiToWei, toBase, toQuote, toSignedWad, toWad, weiToGwei } from "../../sim/chain/units.ts";

// Raw amounts across the range the engine sees: dust, typical sizes, values past 2^53, negative (signed wads).
const RAWS = [0n, 1n, 7n, 999_999n, 1_000_000n, 123_456_789n, 2n ** 53n + 1n, 10n ** 24n + 3n, 3_141_592_653_589_793_238n, -1n, -(10n ** 18n) - 5n];

describe("chain units: token decimals in one module", () => {
  it("converts raw amounts exactly as one division by the decimals' power of ten (seeded outputs unchanged)", () => {
    for (const raw of RAWS) {
      // Object.is: bit-identical doubles, not merely close (−0 and +0 told apart).
      expect(Object.is(fromQuote(raw), Number(raw) / 1e6), `fromQuote(${raw})`).to.equal(true);
      expect(Object.is(fromBase(raw), Number(raw) / 1e18), `fromBase(${raw})`).to.equal(true);
      expect(Object.is(fromWad(raw), Number(raw) / 1e18), `fromWad(${raw})`).to.equal(true);
      expect(Object.is(fromWei(raw), Number(raw) / 1e18), `fromWei(${raw})`).to.equal(true);
      expect(Object.is(weiToGwei(raw), Number(raw) / 1e9), `weiToGwei(${raw})`).to.equal(true);
    }
    expect(fromQuote(1_500_000n)).to.equal(1.5);
    expect(fromBase(25n * 10n ** 16n)).to.equal(0.25);
  });

  it("rounds float amounts down to raw units, keeping full precision for 18 decimals", () => {
    expect(toQuote(1.5)).to.equal(1_500_000n);
    expect(toQuote(0.0000019)).to.equal(1n); // 1.9 micro-dollars: the payer keeps the dust
    expect(toBase(0.25)).to.equal(25n * 10n ** 16n);
    expect(toBase(1234.5678)).to.equal(1_234_567_800_000_000_000_000n); // not 1234.5678·1e18 rounded through a double
    expect(toWad(2000)).to.equal(2000n * 10n ** 18n);
    expect(toWad(-0.5)).to.equal(0n);
    expect(toQuote(Number.NaN)).to.equal(0n);
  });

  it("keeps the sign of signed wads and rounds gwei to the nearest wei", () => {
    expect(toSignedWad(-0.1)).to.equal(-100_000_000_000_000_000n);
    expect(toSignedWad(0.25)).to.equal(250_000_000_000_000_000n);
    expect(gweiToWei(1.5)).to.equal(1_500_000_000n);
    expect(gweiToWei(0.0000000004)).to.equal(0n);
    expect(gweiToWei(0.0000000006)).to.equal(1n);
    for (const gwei of [0, 0.001, 1, 7.25, 123.456789]) expect(weiToGwei(gweiToWei(gwei))).to.equal(gwei);
  });
});
