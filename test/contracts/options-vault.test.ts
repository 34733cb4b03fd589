import { expect } from "chai";
import { network } from "hardhat";
import seedrandom from "seedrandom";
import type { Contract, ContractTransactionReceipt, Signer } from "ethers";
import { blackScholes, blackScholesPrice } from "../../sim/pricing/black-scholes.ts";
import { as } from "../helpers/connect.ts";
import { expectClose } from "../helpers/close.ts";

// Same-timestamp blocks let a transaction run at the timestamp that eth_call views see (the latest block's),
// so quotes, states and revert arguments read just before a transaction are exactly what it will see.
// Gas estimates are padded: Black–Scholes gas depends on its inputs (erfc branches), and an estimate taken at
// one timestamp can fall a few hundred gas short at the next.
const { ethers, networkHelpers } = await network.create({
  override: { allowBlocksWithSameTimestamp: true, gasMultiplier: 1.2 },
});
const { time } = networkHelpers;

const WAD = 10n ** 18n;
const USD = 10n ** 6n;
const YEAR = 31_536_000;
const DAY = 86_400;
const w = (x: number): bigint => BigInt(Math.round(x * 1e9)) * 10n ** 9n; // exact for ≤ 9 decimals
const fromWad = (x: bigint): number => Number(x) / 1e18;
const fromUsd = (x: bigint): number => Number(x) / 1e6;

// Vol surface, fees and shock used throughout (the model below mirrors them in floating point).
const P = { baseVol: 0.8, skewSlope: -0.5, minSkew: 0.5, maxSkew: 2 };
const F = { option: 0.01, spot: 0.0005, delta: 0.02, vega: 0.02 };
const MK = { rate: 0.05, shockSpot: 0.2, shockVol: 0.3, maxOracleAgeSec: 600 };
const PRICING = { baseVolWad: w(P.baseVol), skewSlopeWad: w(P.skewSlope), minSkewWad: w(P.minSkew), maxSkewWad: w(P.maxSkew) };
const FEES = { optionFeeWad: w(F.option), spotFeeWad: w(F.spot), deltaFeeWad: w(F.delta), vegaFeeWad: w(F.vega) };
const MARKET = {
  rateWad: w(MK.rate),
  shockSpotWad: w(MK.shockSpot),
  shockVolWad: w(MK.shockVol),
  maxOracleAgeSec: MK.maxOracleAgeSec,
};

// ───────────── double-precision model of the vault's pricing (the reference) ─────────────

interface Terms {
  strike: number;
  expiry: number;
  isCall: boolean;
}

function skewVol(strike: number, spot: number): number {
  const m = 1 + P.skewSlope * Math.log(strike / spot);
  return P.baseVol * Math.min(Math.max(m, P.minSkew), P.maxSkew);
}

/** Per-unit mark, Greeks and VAULT_INV_A value of one long unit at `spot`, time `now`. */
function unit(s: Terms, spot: number, now: number) {
  const type = s.isCall ? "call" : "put";
  const shockedSpot = spot * (s.isCall ? 1 + MK.shockSpot : 1 - MK.shockSpot);
  if (now >= s.expiry) {
    const intrinsic = (x: number) => Math.max(s.isCall ? x - s.strike : s.strike - x, 0);
    return { vol: 0, mark: intrinsic(spot), delta: 0, vega: 0, shocked: intrinsic(shockedSpot) };
  }
  const timeYears = (s.expiry - now) / YEAR;
  const vol = skewVol(s.strike, spot);
  const v = blackScholes({ type, spot, strike: s.strike, vol, timeYears, rate: MK.rate });
  const shocked = blackScholesPrice({ type, spot: shockedSpot, strike: s.strike, vol: vol + MK.shockVol, timeYears, rate: MK.rate });
  return { vol, mark: v.price, delta: v.delta, vega: v.vega, shocked };
}

/** Σ openInterest × mark and × shocked value over series with open interest, in quote units. */
function book(positions: ReadonlyArray<{ terms: Terms; oi: number }>, spot: number, now: number) {
  let mark = 0;
  let shocked = 0;
  for (const { terms, oi } of positions) {
    const u = unit(terms, spot, now);
    mark += oi * u.mark;
    shocked += oi * u.shocked;
  }
  return { mark, shocked };
}

/** The fee formula of docs/options-vault.md, in quote units. */
function feeModel(x: {
  amount: number;
  spot: number;
  mark: number;
  deltaBefore: number;
  deltaAfter: number;
  vegaBefore: number;
  vegaAfter: number;
  nav: number;
  cash: number;
  lockedAfter: number;
}): number {
  let fee = F.option * x.amount * x.mark + F.spot * x.amount * x.spot;
  const [d0, d1] = [Math.abs(x.deltaBefore), Math.abs(x.deltaAfter)];
  if (d1 > d0) fee += F.delta * (d1 - d0) * x.spot * Math.min(1, (d1 * x.spot) / x.nav);
  const [v0, v1] = [Math.abs(x.vegaBefore), Math.abs(x.vegaAfter)];
  if (v1 > v0) fee += F.vega * (v1 - v0) * Math.min(1, x.lockedAfter / x.cash);
  return fee;
}

// ───────────── fixture ─────────────

const SPOT = 2000;
const TERMS_OF = (expiry: number): Terms[] => [
  { strike: 2000, expiry, isCall: true }, // 1
  { strike: 2000, expiry, isCall: false }, // 2
  { strike: 2400, expiry, isCall: true }, // 3
  { strike: 1600, expiry, isCall: false }, // 4
];
const LP_DEPOSIT = 1_000_000n * USD;

async function deployVault() {
  const [owner, lp, alice, bob, carol] = await ethers.getSigners();
  const usd = (await ethers.deployContract("TestToken", ["USD", "USD", 6])) as unknown as Contract;
  const oracle = (await ethers.deployContract("PriceOracle", [owner])) as unknown as Contract;
  await oracle.push(w(SPOT));
  const vault = (await ethers.deployContract("OptionsVault", [usd, oracle, "deltalag options vault", "dlOV", PRICING, FEES, MARKET])) as unknown as Contract;
  for (const who of [lp, alice, bob, carol]) {
    await usd.mint(who, 100_000_000n * USD);
    await as(usd, who).approve(vault, ethers.MaxUint256);
  }
  await as(vault, lp).deposit(LP_DEPOSIT, lp);
  const expiry = (await time.latest()) + 30 * DAY;
  const terms = TERMS_OF(expiry);
  for (const t of terms) await vault.addSeries(w(t.strike), t.expiry, t.isCall);
  return { vault, usd, oracle, owner, lp, alice, bob, carol, expiry, terms };
}

/** Makes the next block reuse the latest block's timestamp (the one views see) and returns it. */
async function pin(): Promise<number> {
  const t = await time.latest();
  await time.setNextBlockTimestamp(t);
  return t;
}

function tradedEvent(vault: Contract, receipt: ContractTransactionReceipt | null) {
  for (const log of receipt!.logs) {
    const parsed = vault.interface.parseLog(log);
    if (parsed?.name === "Traded") return parsed.args;
  }
  throw new Error("no Traded event");
}

const FAR = 2n ** 255n; // deadline / cost limit that never binds

// ethers types results of an untyped Contract as `any`; these readers give the views their real types.
interface VaultState {
  spotWad: bigint;
  cash: bigint;
  nav: bigint;
  markLiability: bigint;
  lockedCollateral: bigint;
  owedPayouts: bigint;
  badDebt: bigint;
  netDeltaWad: bigint;
  netVegaWad: bigint;
  utilisationWad: bigint;
  liveSeries: bigint;
}
const stateOf = async (vault: Contract): Promise<VaultState> => (await vault.vaultState()) as VaultState;
/** [premium, fee, volWad, spotWad] */
const quoteOf = async (vault: Contract, id: number, isBuy: boolean, amount: number): Promise<bigint[]> =>
  [...(await vault.quote(id, isBuy, w(amount)))] as bigint[];
const balanceOf = async (token: Contract, who: Signer): Promise<bigint> => (await token.balanceOf(who)) as bigint;
/** Pushes a price and returns its round id (the settlement round when it is the first push at or after expiry). */
async function pushRound(oracle: Contract, price: number): Promise<bigint> {
  await oracle.push(w(price));
  return ((await oracle.latestRound()) as bigint[])[0];
}

describe("OptionsVault", () => {
  describe("LP deposits and withdrawals (ERC-4626)", () => {
    it("mints 18-decimal shares at NAV and pays back deposits when nothing is open", async () => {
      const { vault, usd, lp, alice } = await networkHelpers.loadFixture(deployVault);
      expect(await vault.decimals()).to.equal(18n);
      expect(await vault.balanceOf(lp)).to.equal(LP_DEPOSIT * 10n ** 12n);
      expect(await vault.totalAssets()).to.equal(LP_DEPOSIT);
      await as(vault, alice).deposit(500n * USD, alice);
      expect(await vault.balanceOf(alice)).to.equal(500n * USD * 10n ** 12n);
      const before = await balanceOf(usd, alice);
      await as(vault, alice).withdraw(200n * USD, alice, alice);
      expect((await balanceOf(usd, alice)) - before).to.equal(200n * USD);
      await as(vault, alice).redeem(await vault.balanceOf(alice), alice, alice);
      expect((await balanceOf(usd, alice)) - before).to.equal(500n * USD);
    });

    it("limits withdrawals to cash not locked by VAULT_INV_A and reverts with WithdrawExceedsFreeCollateral", async () => {
      const { vault, lp, alice } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(1, w(2000), FAR, FAR);
      await pin();
      const s = await stateOf(vault);
      const free = s.cash - s.lockedCollateral;
      expect(free > 0n && free < LP_DEPOSIT, "some but not all cash is locked").to.equal(true);
      expect(await vault.maxWithdraw(lp)).to.equal(free);
      await expect(as(vault, lp).withdraw(free + 1n, lp, lp))
        .to.be.revertedWithCustomError(vault, "WithdrawExceedsFreeCollateral")
        .withArgs(free + 1n, free, s.lockedCollateral);
      const lpShares = await vault.balanceOf(lp);
      await expect(as(vault, lp).redeem(lpShares, lp, lp)).to.be.revertedWithCustomError(vault, "WithdrawExceedsFreeCollateral");
      // Withdrawing exactly the free cash leaves the vault at the VAULT_INV_A boundary, still holding.
      await pin();
      const free2 = await vault.maxWithdraw(lp);
      await as(vault, lp).withdraw(free2, lp, lp);
      const [holds, cash, liability] = await vault.checkInvariants();
      expect(holds).to.equal(true);
      expect(cash).to.equal(liability);
    });

    it("prices shares off the mark: NAV = cash − Σ openInterest × Black–Scholes value", async () => {
      const { vault, alice, terms } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(1, w(50), FAR, FAR);
      await as(vault, alice).buy(4, w(80), FAR, FAR);
      const now = await time.latest();
      const s = await stateOf(vault);
      const ref = book(
        [
          { terms: terms[0], oi: 50 },
          { terms: terms[3], oi: 80 },
        ],
        SPOT,
        now,
      );
      expectClose(fromUsd(s.markLiability), ref.mark, 1e-6 * ref.mark + 2e-6, "mark liability");
      expectClose(fromUsd(s.lockedCollateral), ref.shocked, 1e-6 * ref.shocked + 2e-6, "shocked liability");
      expect(await vault.totalAssets()).to.equal(s.nav);
      expect(s.nav).to.equal(s.cash - s.markLiability);
      expect(s.utilisationWad).to.equal((s.lockedCollateral * WAD) / s.cash);
    });
  });

  describe("pricing", () => {
    it("charges Black–Scholes at the skewed vol plus the documented fee on a buy, within 1e-8 relative", async () => {
      const { vault, alice, terms } = await networkHelpers.loadFixture(deployVault);
      for (const [id, amount] of [
        [1, 10],
        [4, 25],
      ] as const) {
        const s = terms[id - 1];
        const state = await stateOf(vault);
        const dRest = fromWad(await vault.netDelta());
        const vRest = fromWad(await vault.netVega());
        const cash = fromUsd(state.cash);
        const nav = fromUsd(state.nav);
        const locked = fromUsd(state.lockedCollateral);
        const now = await pin();
        const [qPremium, qFee, qVol, qSpot] = await quoteOf(vault, id, true, amount);
        const receipt = await (await as(vault, alice).buy(id, w(amount), FAR, FAR)).wait();
        const ev = tradedEvent(vault, receipt);
        expect([ev.premium, ev.fee, ev.volWad, ev.spotWad]).to.deep.equal([qPremium, qFee, qVol, qSpot]);

        const u = unit(s, SPOT, now);
        expectClose(fromWad(ev.volWad), u.vol, 1e-12, "skewed vol");
        expectClose(fromUsd(ev.premium), amount * u.mark, 1e-8 * amount * u.mark + 2e-6, "premium");
        // The traded series had no open interest, so "before" is the other series' cached Greeks.
        const fee = feeModel({
          amount,
          spot: SPOT,
          mark: u.mark,
          deltaBefore: dRest,
          deltaAfter: dRest - amount * u.delta,
          vegaBefore: vRest,
          vegaAfter: vRest - amount * u.vega,
          nav,
          cash,
          lockedAfter: locked + amount * u.shocked,
        });
        expectClose(fromUsd(ev.fee), fee, 1e-7 * fee + 2e-6, "fee");
        expectClose(fromWad(ev.netDeltaWad), dRest - amount * u.delta, 1e-9, "net delta after");
        expectClose(fromWad(ev.netVegaWad), vRest - amount * u.vega, 1e-6, "net vega after");
      }
    });

    it("pays Black–Scholes minus the base fee on a sell that reduces the vault's risk", async () => {
      const { vault, usd, oracle, alice, terms } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(3, w(40), FAR, FAR);
      await time.increase(3 * DAY);
      await oracle.push(w(SPOT));
      const now = await pin();
      const u = unit(terms[2], SPOT, now);
      const before = await balanceOf(usd, alice);
      const receipt = await (await as(vault, alice).sell(3, w(15), 0, FAR)).wait();
      const ev = tradedEvent(vault, receipt);
      const baseFee = F.option * 15 * u.mark + F.spot * 15 * SPOT;
      expectClose(fromUsd(ev.premium), 15 * u.mark, 1e-8 * 15 * u.mark + 2e-6, "premium");
      expectClose(fromUsd(ev.fee), baseFee, 1e-8 * baseFee + 2e-6, "fee (base only)");
      expect((await balanceOf(usd, alice)) - before).to.equal(ev.premium - ev.fee);
      expect(await vault.positionOf(3, alice)).to.equal(w(25));
    });

    it("raises the fee when a trade increases |net delta| and keeps it at the base fee when it reduces it", async () => {
      const { vault, owner, alice } = await networkHelpers.loadFixture(deployVault);
      await as(vault, owner).setFeeParams({ ...FEES, vegaFeeWad: 0n }); // isolate the delta term
      const baseFee = async (id: number, amount: number) => {
        const [premium, , , spotWad] = await quoteOf(vault, id, true, amount);
        return F.option * fromUsd(premium) + F.spot * amount * fromWad(spotWad);
      };
      await pin();
      const [, fee1] = await quoteOf(vault, 1, true, 100);
      const base1 = await baseFee(1, 100);
      expect(fromUsd(fee1)).to.be.greaterThan(base1 * 1.05);
      await as(vault, alice).buy(1, w(100), FAR, FAR); // vault now short ~55 delta

      // Another call buy adds delta on top of a larger exposure: a higher fee than the first.
      await pin();
      const [, fee2] = await quoteOf(vault, 1, true, 100);
      expect(fee2).to.be.greaterThan(fee1);
      // A put buy of similar size offsets the vault's delta: base fee only (±1 raw unit of rounding).
      const [, feePut] = await quoteOf(vault, 2, true, 100);
      expectClose(fromUsd(feePut), await baseFee(2, 100), 2e-6, "put fee");
      // Selling back calls also reduces |delta|: base fee only.
      const [premiumSell, feeSell, , spotWad] = await quoteOf(vault, 1, false, 50);
      expectClose(fromUsd(feeSell), F.option * fromUsd(premiumSell) + F.spot * 50 * fromWad(spotWad), 2e-6, "sell fee");
    });

    it("re-marks cached Greeks with refreshGreeks so net delta matches Σ −openInterest × delta at the new spot", async () => {
      const { vault, oracle, alice, bob, terms } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(1, w(30), FAR, FAR);
      await as(vault, bob).buy(4, w(70), FAR, FAR);
      await oracle.push(w(2150));
      const now = await pin();
      await vault.refreshGreeks([1, 2, 3, 4]);
      const expected = -30 * unit(terms[0], 2150, now).delta - 70 * unit(terms[3], 2150, now).delta;
      expectClose(fromWad(await vault.netDelta()), expected, 1e-9, "net delta after refresh");
      const info = await vault.getSeries(1);
      expectClose(fromWad(info.deltaPerUnitWad), unit(terms[0], 2150, now).delta, 1e-12, "cached delta");
    });
  });

  describe("reverts", () => {
    it("rejects trades on a stale oracle price with the oracle's StalePrice", async () => {
      const { vault, oracle, alice } = await networkHelpers.loadFixture(deployVault);
      await time.increase(MK.maxOracleAgeSec + 1);
      await expect(vault.quote(1, true, w(1))).to.be.revertedWithCustomError(oracle, "StalePrice");
      await expect(as(vault, alice).buy(1, w(1), FAR, FAR)).to.be.revertedWithCustomError(oracle, "StalePrice");
      await expect(vault.refreshGreeks([1])).to.be.revertedWithCustomError(oracle, "StalePrice");
    });

    it("rejects unknown and expired series, zero amounts, past deadlines and slippage, with the numbers", async () => {
      const { vault, oracle, alice, expiry } = await networkHelpers.loadFixture(deployVault);
      await expect(as(vault, alice).buy(99, w(1), FAR, FAR))
        .to.be.revertedWithCustomError(vault, "UnknownSeries")
        .withArgs(99);
      await expect(vault.settle(99, 1)).to.be.revertedWithCustomError(vault, "UnknownSeries").withArgs(99);
      await expect(vault.getSeries(0)).to.be.revertedWithCustomError(vault, "UnknownSeries").withArgs(0);
      await expect(as(vault, alice).buy(1, 0, FAR, FAR)).to.be.revertedWithCustomError(vault, "ZeroAmount");

      const now = await pin();
      await expect(as(vault, alice).buy(1, w(1), FAR, now - 1))
        .to.be.revertedWithCustomError(vault, "DeadlineExpired")
        .withArgs(now - 1, now);

      await pin();
      const [premium, fee] = await quoteOf(vault, 1, true, 1);
      await expect(as(vault, alice).buy(1, w(1), premium + fee - 1n, FAR))
        .to.be.revertedWithCustomError(vault, "CostAboveLimit")
        .withArgs(premium + fee, premium + fee - 1n);
      await as(vault, alice).buy(1, w(1), premium + fee, FAR); // exactly at the limit passes

      await pin();
      const [sp, sf] = await quoteOf(vault, 1, false, 1);
      await expect(as(vault, alice).sell(1, w(1), sp - sf + 1n, FAR))
        .to.be.revertedWithCustomError(vault, "ProceedsBelowLimit")
        .withArgs(sp - sf, sp - sf + 1n);
      await expect(as(vault, alice).sell(1, w(2), 0, FAR))
        .to.be.revertedWithCustomError(vault, "InsufficientPosition")
        .withArgs(1, w(1), w(2));

      await time.increaseTo(expiry);
      await oracle.push(w(SPOT));
      const later = await pin();
      await expect(as(vault, alice).buy(1, w(1), FAR, FAR))
        .to.be.revertedWithCustomError(vault, "SeriesExpired")
        .withArgs(1, expiry, later);
    });

    it("rejects a buy that would leave cash below the shocked liability (Undercollateralised)", async () => {
      const { vault, alice, terms } = await networkHelpers.loadFixture(deployVault);
      const now = await pin();
      const u = unit(terms[0], SPOT, now);
      const amount = 5_000;
      const [premium, fee] = await quoteOf(vault, 1, true, amount);
      const cashAfter = LP_DEPOSIT + premium + fee;
      await expect(as(vault, alice).buy(1, w(amount), FAR, FAR))
        .to.be.revertedWithCustomError(vault, "Undercollateralised")
        .withArgs(cashAfter, (liability: bigint) => {
          expectClose(fromUsd(liability), amount * u.shocked, 1e-6 * amount * u.shocked, "shocked liability");
          return liability > cashAfter;
        });
    });

    it("guards settlement and claims: not before expiry, only the first round at or after expiry, not twice, settled before claims", async () => {
      const { vault, oracle, alice, bob, expiry } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(1, w(1), FAR, FAR);
      const now = await pin();
      await expect(vault.settle(1, 1)).to.be.revertedWithCustomError(vault, "SeriesNotExpired").withArgs(1, expiry, now);
      await expect(as(vault, alice).claimPayout(1)).to.be.revertedWithCustomError(vault, "SeriesNotSettled").withArgs(1);
      await expect(as(vault, alice).claimPayout(42)).to.be.revertedWithCustomError(vault, "UnknownSeries").withArgs(42);

      // After expiry, with only the fixture's round 1 (stamped before expiry): no round satisfies the rule yet.
      await time.increaseTo(expiry + 10);
      const [, , round1At] = (await oracle.latestRound()) as bigint[];
      await expect(vault.settle(1, 1)).to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter").withArgs(1, round1At, 0, expiry);
      await expect(vault.settle(1, 2)).to.be.revertedWithCustomError(oracle, "RoundNotFound").withArgs(2, 1);
      const first = await pushRound(oracle, 2100);
      const [, , firstAt] = (await oracle.latestRound()) as bigint[];
      const later = await pushRound(oracle, 2300);
      const [, , laterAt] = (await oracle.latestRound()) as bigint[];
      // A later round is refused (its predecessor is already past expiry), and so is one before expiry.
      await expect(vault.settle(1, later)).to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter").withArgs(later, laterAt, firstAt, expiry);
      await expect(vault.settle(1, 1)).to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter");
      await vault.settle(1, first);
      await expect(vault.settle(1, first)).to.be.revertedWithCustomError(vault, "SeriesAlreadySettled").withArgs(1);
      await expect(as(vault, bob).claimPayout(1)).to.be.revertedWithCustomError(vault, "NothingToClaim").withArgs(1, bob.address);
    });

    it("settles at the first round at or after expiry however late settle is called: later pushes do not move the price", async () => {
      const { vault, oracle, alice, expiry } = await networkHelpers.loadFixture(deployVault);
      await as(vault, alice).buy(1, w(2), FAR, FAR); // 2000 call
      await as(vault, alice).buy(2, w(3), FAR, FAR); // 2000 put
      await time.increaseTo(expiry - 30);
      await pushRound(oracle, 1950); // the last round before expiry: not the settlement price either
      await time.increaseTo(expiry + 7);
      const settlementRound = await pushRound(oracle, 2100);
      // The market moves on and the oracle follows for an hour before anyone settles.
      for (const price of [2400, 2600, 1500]) {
        await time.increase(1200);
        await pushRound(oracle, price);
      }
      await expect(vault.settle(1, settlementRound))
        .to.emit(vault, "Settled")
        .withArgs(1, w(2100), w(100), 200n * USD, 0);
      await expect(vault.settle(2, settlementRound)).to.emit(vault, "Settled").withArgs(2, w(2100), 0, 0, 0);
      expect((await vault.getSeries(1)).settlementPriceWad).to.equal(w(2100));
    });

    it("restricts listing and parameters to the owner and validates them", async () => {
      const { vault, alice, expiry } = await networkHelpers.loadFixture(deployVault);
      await expect(as(vault, alice).addSeries(w(2000), expiry + DAY, true))
        .to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
      await expect(as(vault, alice).setFeeParams(FEES)).to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount");
      await expect(as(vault, alice).setPricingParams(PRICING)).to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount");
      await expect(as(vault, alice).setMarketParams(MARKET)).to.be.revertedWithCustomError(vault, "OwnableUnauthorizedAccount");

      await expect(vault.addSeries(w(2000), expiry, true))
        .to.be.revertedWithCustomError(vault, "SeriesExists")
        .withArgs(1);
      const now = await pin();
      await expect(vault.addSeries(w(2000), now, true))
        .to.be.revertedWithCustomError(vault, "InvalidExpiry")
        .withArgs(now, now, now + 10 * 365 * DAY);
      await expect(vault.addSeries(1n, expiry, true)).to.be.revertedWithCustomError(vault, "InvalidStrike");
      await expect(vault.setMarketParams({ ...MARKET, shockSpotWad: WAD }))
        .to.be.revertedWithCustomError(vault, "ParameterOutOfRange")
        .withArgs(ethers.encodeBytes32String("shockSpotWad"), WAD, 0, WAD - 1n);
      await expect(vault.setPricingParams({ ...PRICING, maxSkewWad: w(15) })).to.be.revertedWithCustomError(vault, "ParameterOutOfRange");
      // 4 series are live; 12 more fill the set, the 17th is refused.
      for (let i = 0; i < 12; i++) await vault.addSeries(w(1000 + 100 * i), expiry + DAY, true);
      await expect(vault.addSeries(w(5000), expiry + DAY, true))
        .to.be.revertedWithCustomError(vault, "TooManySeries")
        .withArgs(16, 16, 17, 65_535);
      expect(await vault.seriesCount()).to.equal(16n);
      expect((await vault.liveSeries()).length).to.equal(16);
    });
  });

  describe("settlement", () => {
    for (const settlePrice of [2250, 1700]) {
      it(`pays max(S − K, 0) / max(K − S, 0) per unit at S = ${settlePrice} and leaves the rest to the LPs`, async () => {
        const { vault, usd, oracle, lp, alice, bob, expiry, terms } = await networkHelpers.loadFixture(deployVault);
        const buys = [
          [alice, 1, 40],
          [bob, 1, 10],
          [alice, 2, 30],
          [bob, 3, 20],
          [alice, 4, 60],
          [bob, 2, 5],
        ] as const;
        let premiums = 0n;
        for (const [who, id, amount] of buys) {
          const before = await balanceOf(usd, who);
          await as(vault, who).buy(id, w(amount), FAR, FAR);
          premiums += before - (await balanceOf(usd, who));
        }
        await time.increaseTo(expiry + 5);
        const round = await pushRound(oracle, settlePrice);
        for (const id of [1, 2, 3, 4]) await vault.settle(id, round);
        expect(await vault.liveSeries()).to.deep.equal([]);
        const payoff = (id: number) => {
          const t = terms[id - 1];
          return BigInt(Math.max(t.isCall ? settlePrice - t.strike : t.strike - settlePrice, 0));
        };
        let owed = 0n;
        for (const id of [1, 2, 3, 4]) {
          expect((await vault.getSeries(id)).payoutPerUnitWad).to.equal(payoff(id) * WAD);
          for (const [, sid, amount] of buys) if (sid === id) owed += BigInt(amount) * payoff(id) * USD;
        }
        expect(owed > 0n).to.equal(true);
        expect(await vault.owedPayouts()).to.equal(owed);
        for (const [who, id, amount] of buys) {
          const before = await balanceOf(usd, who);
          await as(vault, who).claimPayout(id);
          expect((await balanceOf(usd, who)) - before).to.equal(BigInt(amount) * payoff(id) * USD);
        }
        expect(await vault.owedPayouts()).to.equal(0n);
        expect(await vault.badDebt()).to.equal(0n);

        // The LP redeems everything: its deposit + premiums and fees − payouts (virtual-share rounding aside).
        const before = await balanceOf(usd, lp);
        await as(vault, lp).redeem(await vault.balanceOf(lp), lp, lp);
        const received = (await balanceOf(usd, lp)) - before;
        const expected = LP_DEPOSIT + premiums - owed;
        expect(expected - received >= 0n && expected - received <= 1n, `LP got ${received}, expected ${expected}`).to.equal(true);
      });
    }

    it("haircuts payouts pro rata and records bad debt when a crash beyond the shock exhausts the cash", async () => {
      const { vault, usd, oracle, lp, alice, expiry } = await networkHelpers.loadFixture(deployVault);
      // Leave only a small free buffer, then sell as many 2000 puts as VAULT_INV_A allows.
      await as(vault, lp).withdraw(900_000n * USD, lp, lp);
      let amount = 2000;
      for (; amount > 0; amount -= 50) {
        try {
          await as(vault, alice).buy(2, w(amount), FAR, FAR);
          break;
        } catch {
          // Undercollateralised: try smaller
        }
      }
      expect(amount).to.be.greaterThan(0);
      await time.increaseTo(expiry + 1);
      const round = await pushRound(oracle, 100); // −95 %: far beyond the 20 % shock
      const cash = (await stateOf(vault)).cash;
      const owed = BigInt(amount) * 1900n * USD;
      await expect(vault.settle(2, round))
        .to.emit(vault, "Settled")
        .withArgs(2, w(100), (ppu: bigint) => ppu < w(1900), cash, owed - cash);
      expect(await vault.badDebt()).to.equal(owed - cash);
      const before = await balanceOf(usd, alice);
      await as(vault, alice).claimPayout(2);
      const got = (await balanceOf(usd, alice)) - before;
      expect(cash - got <= 1n && got <= cash, `claimed ${got} of ${cash}`).to.equal(true);
    });
  });

  describe("VAULT_INV_A", () => {
    it("holds after every buy, sell and LP flow of a seeded random sequence; only price moves can break it", async () => {
      const { vault, oracle, lp, alice, bob, carol, terms } = await networkHelpers.loadFixture(deployVault);
      const rng = seedrandom("vault-inv-a");
      const traders = [alice, bob, carol];
      const held = new Map<string, bigint>();
      const key = (who: Signer & { address: string }, id: number) => `${who.address}/${id}`;
      let spot = SPOT;
      let [trades, rejected, brokenByPrice] = [0, 0, 0];
      for (let step = 0; step < 120; step++) {
        const [holdsBefore] = await vault.checkInvariants();
        const r = rng();
        let acted = false;
        if (r < 0.1) {
          spot *= 1 + (rng() - 0.5) * 0.06;
          await time.increase(Math.floor(rng() * 3600));
          await oracle.push(w(Math.round(spot * 100) / 100));
          const [holds] = await vault.checkInvariants();
          if (holdsBefore && !holds) brokenByPrice++;
          continue;
        }
        const who = traders[Math.floor(rng() * traders.length)];
        const id = 1 + Math.floor(rng() * terms.length);
        try {
          if (r < 0.6) {
            await as(vault, who).buy(id, w(Math.round(rng() * 800 * 100) / 100 + 0.01), FAR, FAR);
            held.set(key(who, id), await vault.positionOf(id, who));
            trades++;
          } else if (r < 0.85) {
            const h = held.get(key(who, id)) ?? 0n;
            if (h === 0n) continue;
            await as(vault, who).sell(id, (h * BigInt(Math.floor(rng() * 100) + 1)) / 100n, 0, FAR);
            held.set(key(who, id), await vault.positionOf(id, who));
            trades++;
          } else if (r < 0.93) {
            await as(vault, lp).withdraw(BigInt(Math.floor(rng() * 200_000)) * USD, lp, lp);
          } else {
            await as(vault, lp).deposit(BigInt(Math.floor(rng() * 200_000)) * USD, lp);
          }
          acted = true;
        } catch (e) {
          const msg = String(e);
          expect(msg.includes("Undercollateralised") || msg.includes("WithdrawExceedsFreeCollateral"), msg).to.equal(true);
          rejected++;
        }
        const [holds, cash, liability] = await vault.checkInvariants();
        if (acted && holdsBefore) expect(holds, `VAULT_INV_A broken at step ${step}: ${cash} < ${liability}`).to.equal(true);
      }
      expect(trades).to.be.greaterThan(40);
      expect(rejected).to.be.greaterThan(0); // the sequence did push the vault to its limit
      // The cached aggregate equals Σ −openInterest × cached delta per unit (no drift from incremental updates).
      let sum = 0n;
      for (const id of [1, 2, 3, 4]) {
        const s = await vault.getSeries(id);
        sum += -((BigInt(s.openInterest) * BigInt(s.deltaPerUnitWad)) / WAD);
      }
      const diff = BigInt(await vault.netDelta()) - sum;
      expect(diff >= -4n && diff <= 4n, `net delta drift ${diff}`).to.equal(true);
      console.log(`      ${trades} trades, ${rejected} rejected by the collateral rule, ${brokenByPrice} breaks by price moves`);
    });
  });

  describe("gas (from receipts, 21k base included)", () => {
    it("reports buy, sell, settle, claim, deposit and withdraw gas against the number of live series", async () => {
      const rows: string[] = [];
      for (const live of [1, 4, 8, 16]) {
        const { vault, oracle, lp, alice, bob, expiry } = await networkHelpers.loadFixture(deployVault);
        for (let i = 4; i < live; i++) await vault.addSeries(w(1010 + 100 * i), expiry, i % 2 === 0);
        const ids = Array.from({ length: live }, (_, i) => i + 1);
        for (const id of ids) await as(vault, bob).buy(id, w(1), FAR, FAR); // open interest everywhere
        const gas = async (p: Promise<{ wait(): Promise<ContractTransactionReceipt | null> }>) => Number((await (await p).wait())!.gasUsed);
        await as(vault, alice).buy(1, w(1), FAR, FAR); // warm alice's position slot
        const buy = await gas(as(vault, alice).buy(1, w(2), FAR, FAR));
        const sell = await gas(as(vault, alice).sell(1, w(1), 0, FAR));
        const deposit = await gas(as(vault, lp).deposit(1000n * USD, lp));
        const withdraw = await gas(as(vault, lp).withdraw(1000n * USD, lp, lp));
        const refresh = await gas(vault.refreshGreeks(ids));
        await time.increaseTo(expiry + 1);
        const round = await pushRound(oracle, 2100);
        const settle = await gas(vault.settle(1, round));
        const claim = await gas(as(vault, alice).claimPayout(1));
        rows.push(
          `      live ${String(live).padStart(2)}: buy ${buy}  sell ${sell}  deposit ${deposit}  withdraw ${withdraw}  ` +
            `refreshGreeks(all) ${refresh}  settle ${settle}  claim ${claim}`,
        );
      }
      console.log(rows.join("\n"));
    });
  });
});
