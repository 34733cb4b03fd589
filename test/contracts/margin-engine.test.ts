import { expect } from "chai";
import { network } from "hardhat";
import type { Contract, ContractTransactionReceipt, Log } from "ethers";
import { as } from "../helpers/connect.ts";
import { expectClose } from "../helpers/close.ts";
import { blackScholesPrice } from "../../sim/pricing/black-scholes.ts";
import { Rng } from "../../sim/random.ts";

const { ethers, networkHelpers } = await network.create();

const E18 = 10n ** 18n;
const YEAR = 31_536_000;
/** Whole USD to 6-decimal token units. */
const usd = (x: number | bigint): bigint => BigInt(x) * 10n ** 6n;
const px = (x: number): bigint => BigInt(Math.round(x * 1e6)) * 10n ** 12n;
const PARAMS = {
  imRatioWad: 10n ** 17n, // 10 %
  mmRatioWad: 5n * 10n ** 16n, // 5 %
  shockWad: 10n ** 17n, // ±10 % spot
  volWad: 8n * 10n ** 17n, // 80 %
  penaltyWad: 2n * 10n ** 16n, // 2 % of closed notional
  keeperShareWad: 5n * 10n ** 17n, // half to the keeper
  maxOracleAgeSec: 60n,
};

async function deploy() {
  const [owner, alice, bob, carol, dave, keeper] = await ethers.getSigners();
  const usdc = await ethers.deployContract("TestToken", ["USD Coin", "USDC", 6]);
  const oracle = await ethers.deployContract("PriceOracle", [owner.address]);
  const engine = await ethers.deployContract("MarginEngine", [usdc, oracle, PARAMS]);
  await oracle.push(px(2000));
  for (const s of [owner, alice, bob, carol, dave]) {
    await usdc.mint(s, usd(10_000_000));
    await as(usdc, s).approve(engine, ethers.MaxUint256);
  }
  await engine.fundHouse(usd(1_000_000));
  return { usdc, oracle, engine, owner, alice, bob, carol, dave, keeper };
}

async function now(): Promise<number> {
  return networkHelpers.time.latest();
}

function bs(type: "call" | "put", spot: number, strike: number, tauSec: number): number {
  return blackScholesPrice({ type, spot, strike, vol: 0.8, timeYears: tauSec / YEAR, rate: 0 });
}

/** The oracle's first round stamped at or after `timestamp` (what a settler finds off-chain), or 0 if none yet. */
async function firstRoundAtOrAfter(oracle: Contract, timestamp: number): Promise<bigint> {
  const [latest] = (await oracle.latestRound()) as bigint[];
  let first = 0n;
  for (let id = latest; id >= 1n; id--) {
    const [, updatedAt] = (await oracle.getRound(id)) as bigint[];
    if (updatedAt < BigInt(timestamp)) break;
    first = id;
  }
  return first;
}

function events(engine: Contract, receipt: ContractTransactionReceipt | null, name: string) {
  return (receipt?.logs ?? [])
    .map((log: Log) => engine.interface.parseLog(log))
    .filter((e) => e !== null && e.name === name)
    .map((e) => e!.args);
}

describe("MarginEngine", () => {
  describe("margin math", () => {
    it("marks a perp to the oracle: equity, 5 % maintenance and 10 % initial of notional, realised P&L on reduce", async () => {
      const { engine, oracle, alice } = await deploy();
      await as(engine, alice).deposit(usd(1000));
      await as(engine, alice).tradePerp(2n * E18); // 2 units at 2000: notional 4000
      let m = await engine.margin(alice);
      expect([m.equity, m.maintenance, m.initial]).to.deep.equal([usd(1000), usd(200), usd(400)]);
      expect((await engine.accountOf(alice)).perpEntryPriceX18).to.equal(px(2000));

      await oracle.push(px(1900)); // P&L −200, notional 3800
      m = await engine.margin(alice);
      expect([m.equity, m.maintenance, m.initial]).to.deep.equal([usd(800), usd(190), usd(380)]);

      // Selling one unit realises (1900 − 2000) × 1 = −100 into collateral; the other unit keeps its basis.
      await expect(as(engine, alice).tradePerp(-E18)).to.emit(engine, "PerpTraded").withArgs(alice.address, -E18, px(1900), 2, E18, -usd(100));
      const acct = await engine.accountOf(alice);
      expect([acct.collateral, acct.perpSizeWad, acct.perpOpenNotionalWad]).to.deep.equal([usd(900), E18, px(2000)]);
      expect(await engine.equity(alice)).to.equal(usd(800));

      // A flip closes the long and opens a short at the oracle: −2 → short 1 at 1900, needs 190 initial.
      await as(engine, alice).tradePerp(-2n * E18);
      const flipped = await engine.accountOf(alice);
      expect([flipped.collateral, flipped.perpSizeWad, flipped.perpOpenNotionalWad]).to.deep.equal([usd(800), -E18, -px(1900)]);
      await oracle.push(px(1700)); // short gains 200
      expect(await engine.equity(alice)).to.equal(usd(1000));
      expect(await engine.maintenanceRequirement(alice)).to.equal(usd(85));
    });

    it("credits the Black–Scholes premium and margins short options at the shocked spot plus (im − mm) of spot", async () => {
      const { engine, oracle, bob } = await deploy();
      const expiry = (await now()) + 30 * 86_400;
      await engine.listSeries(true, px(2200), expiry); // id 0: call 2200
      await engine.listSeries(false, px(1800), expiry); // id 1: put 1800
      await as(engine, bob).deposit(usd(1000));
      const tx = await as(engine, bob).writeOption(0, E18);
      const tau = expiry - (await now());
      const premium = BigInt(Math.floor(bs("call", 2000, 2200, tau) * 1e6));
      const [written] = events(engine, await tx.wait(), "OptionWritten");
      expect(Number(written.premium)).to.be.closeTo(Number(premium), 1); // chain vs double pricer: ≤ 1 unit
      expect((await engine.accountOf(bob)).collateral).to.equal(usd(1000) + written.premium);

      const m = await engine.margin(bob);
      const mark = bs("call", 2000, 2200, tau);
      const shocked = bs("call", 2200, 2200, tau); // call shocked up 10 %
      expectClose(Number(m.equity) / 1e6, 1000 + Number(written.premium) / 1e6 - mark, 2e-6, "equity");
      expectClose(Number(m.maintenance) / 1e6, shocked, 2e-6, "maintenance");
      expectClose(Number(m.initial) / 1e6, shocked + 0.05 * 2000, 2e-6, "initial");

      // A put is shocked down; requirements add up across positions.
      await as(engine, bob).writeOption(1, 2n * E18);
      await oracle.push(px(1950));
      const tau2 = expiry - (await now());
      const m2 = await engine.margin(bob);
      const mm2 = bs("call", 2145, 2200, tau2) + 2 * bs("put", 1755, 1800, tau2);
      expectClose(Number(m2.maintenance) / 1e6, mm2, 4e-6, "maintenance of call + 2 puts");
      expectClose(Number(m2.initial) / 1e6, mm2 + 0.05 * 1950 * 3, 4e-6, "initial of call + 2 puts");

      // Buying back one put costs its mark, rounded up.
      const receipt = await (await as(engine, bob).closeOption(1, E18)).wait();
      const [closed] = events(engine, receipt, "OptionClosed");
      expect(Number(closed.cost)).to.be.closeTo(Math.ceil(bs("put", 1950, 1800, expiry - (await now())) * 1e6), 1);
      expect((await engine.accountOf(bob)).options.map((o: { sizeWad: bigint }) => o.sizeWad)).to.deep.equal([E18, E18]);
    });

    it("settles expired options in cash at the oracle's first round at or after expiry, and only that round", async () => {
      const { engine, oracle, bob, carol } = await deploy();
      const expiry = (await now()) + 3600;
      await engine.listSeries(false, px(1800), expiry);
      for (const s of [bob, carol]) {
        await as(engine, s).deposit(usd(1000));
        await as(engine, s).writeOption(0, E18 / 2n);
      }
      await expect(engine.settleOption(bob, 0, 1)).to.be.revertedWithCustomError(engine, "SeriesNotExpired");
      await networkHelpers.time.increaseTo(expiry + 10);
      const [, , round1At] = (await oracle.latestRound()) as bigint[];
      // Only round 1 exists, stamped before expiry: the rule has no answer yet.
      await expect(engine.settleOption(bob, 0, 1))
        .to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter")
        .withArgs(1, round1At, 0, expiry);
      await expect(engine.settleOption(bob, 0, 2))
        .to.be.revertedWithCustomError(oracle, "RoundNotFound")
        .withArgs(2, 1);
      await oracle.push(px(1700)); // round 2: the first at or after expiry
      await oracle.push(px(1650)); // round 3: later, so never the settlement round
      await expect(engine.settleOption(bob, 0, 3)).to.be.revertedWithCustomError(oracle, "NotFirstRoundAtOrAfter");
      const before = (await engine.accountOf(bob)).collateral;
      await expect(engine.settleOption(bob, 0, 2))
        .to.emit(engine, "SettlementPriceFixed")
        .withArgs(expiry, px(1700), 2)
        .and.to.emit(engine, "OptionSettled")
        .withArgs(bob.address, 0, E18 / 2n, px(1700), usd(50)); // (1800 − 1700) × 0.5
      expect((await engine.accountOf(bob)).collateral).to.equal(before - usd(50));
      await oracle.push(px(1500)); // later pushes do not move the fixed price; the hint is no longer read
      await expect(engine.settleOption(carol, 0, 0))
        .to.emit(engine, "OptionSettled")
        .withArgs(carol.address, 0, E18 / 2n, px(1700), usd(50));
      await expect(engine.settleOption(carol, 0, 2))
        .to.be.revertedWithCustomError(engine, "NoOptionPosition")
        .withArgs(carol.address, 0);
      expect((await engine.totals()).optionOpenInterestWad).to.equal(0n);
    });

    it("fixes the price by rule, not by timing: a first settlement long after expiry and further pushes pays the same, as the vault does", async () => {
      const { engine, oracle, usdc, owner, bob } = await deploy();
      const expiry = (await now()) + 3600;
      await engine.listSeries(true, px(2000), expiry);
      await as(engine, bob).deposit(usd(5000));
      await as(engine, bob).writeOption(0, 2n * E18);
      // The options vault on the same oracle, with a call on the same expiry.
      const market = { rateWad: 0n, shockSpotWad: 2n * 10n ** 17n, shockVolWad: 3n * 10n ** 17n, maxOracleAgeSec: 600n };
      const pricing = { baseVolWad: 8n * 10n ** 17n, skewSlopeWad: 0n, minSkewWad: 5n * 10n ** 17n, maxSkewWad: 2n * E18 };
      const vault = await ethers.deployContract("OptionsVault", [
        usdc,
        oracle,
        "v",
        "v",
        pricing,
        { optionFeeWad: 0n, spotFeeWad: 0n, deltaFeeWad: 0n, vegaFeeWad: 0n },
        market,
      ]);
      await as(usdc, owner).approve(vault, ethers.MaxUint256);
      await vault.deposit(usd(1_000_000), owner);
      await vault.addSeries(px(2000), expiry, true);
      await vault.buy(1, 2n * E18, ethers.MaxUint256, ethers.MaxUint256);

      await networkHelpers.time.increaseTo(expiry - 5);
      await oracle.push(px(2050)); // last round before expiry
      await networkHelpers.time.increaseTo(expiry + 3);
      await oracle.push(px(2100)); // the settlement round
      for (const p of [2500, 2900, 1800]) {
        await networkHelpers.time.increase(3600);
        await oracle.push(px(p));
      }
      const round = await firstRoundAtOrAfter(oracle as unknown as Contract, expiry);
      expect(round).to.equal(3n);
      await expect(engine.settleOption(bob, 0, round))
        .to.emit(engine, "OptionSettled")
        .withArgs(bob.address, 0, 2n * E18, px(2100), usd(200));
      await expect(vault.settle(1, round)).to.emit(vault, "Settled").withArgs(1, px(2100), px(100), usd(200), 0);
      expect(await engine.settlementPrice(expiry)).to.equal((await vault.getSeries(1)).settlementPriceWad);
    });
  });

  describe("reverts", () => {
    it("refuses trades and liquidations on a stale oracle price", async () => {
      const { engine, oracle, alice, bob, keeper } = await deploy();
      await as(engine, alice).deposit(usd(1000));
      await as(engine, alice).tradePerp(4n * E18);
      await oracle.push(px(1800)); // alice is now liquidatable
      expect(await engine.isLiquidatable(alice)).to.equal(true);
      await networkHelpers.time.increase(61);
      const [, , updatedAt] = await oracle.latestRound();
      expect(await engine.isLiquidatable(alice)).to.equal(false);
      const t = (await now()) + 1;
      await networkHelpers.time.setNextBlockTimestamp(t);
      await expect(as(engine, keeper).liquidate(alice, ethers.MaxUint256)).to.be.revertedWithCustomError(engine, "StaleOraclePrice").withArgs(updatedAt, 60, t);
      await expect(as(engine, alice).tradePerp(E18)).to.be.revertedWithCustomError(engine, "StaleOraclePrice");
      await expect(as(engine, alice).withdraw(1)).to.be.revertedWithCustomError(engine, "StaleOraclePrice");
      // An account without positions needs no price to withdraw.
      await expect(as(engine, bob).deposit(usd(5))).to.emit(engine, "Deposited");
      await expect(as(engine, bob).withdraw(usd(5)))
        .to.emit(engine, "Withdrawn")
        .withArgs(bob.address, usd(5));
    });

    it("refuses to liquidate a healthy account, with its equity and requirement", async () => {
      const { engine, oracle, alice, keeper } = await deploy();
      await expect(as(engine, keeper).liquidate(alice, 1)).to.be.revertedWithCustomError(engine, "AccountHealthy").withArgs(alice.address, 0, 0);
      await as(engine, alice).deposit(usd(1000));
      await as(engine, alice).tradePerp(4n * E18);
      await oracle.push(px(1950)); // equity 800, maintenance 390
      await expect(as(engine, keeper).liquidate(alice, ethers.MaxUint256))
        .to.be.revertedWithCustomError(engine, "AccountHealthy")
        .withArgs(alice.address, usd(800), usd(390));
      await oracle.push(px(1800));
      await expect(as(engine, keeper).liquidate(alice, 0)).to.be.revertedWithCustomError(engine, "NothingToLiquidate").withArgs(alice.address);
    });

    it("rejects opens and withdrawals that would leave equity below initial margin", async () => {
      const { engine, alice } = await deploy();
      await as(engine, alice).deposit(usd(100));
      await expect(as(engine, alice).tradePerp(E18)).to.be.revertedWithCustomError(engine, "InsufficientMargin").withArgs(alice.address, usd(100), usd(200));
      await as(engine, alice).deposit(usd(900));
      await as(engine, alice).tradePerp(4n * E18); // initial 800
      await expect(as(engine, alice).withdraw(usd(300)))
        .to.be.revertedWithCustomError(engine, "InsufficientMargin")
        .withArgs(alice.address, usd(700), usd(800));
      await expect(as(engine, alice).withdraw(usd(1001)))
        .to.be.revertedWithCustomError(engine, "InsufficientCollateral")
        .withArgs(alice.address, usd(1000), usd(1001));
      await as(engine, alice).withdraw(usd(200)); // exactly at initial margin
      // A flip is an increase: selling 9 closes the long at no P&L and opens a short 5, which needs 1000.
      await expect(as(engine, alice).tradePerp(-9n * E18))
        .to.be.revertedWithCustomError(engine, "InsufficientMargin")
        .withArgs(alice.address, usd(800), usd(1000));
      await expect(as(engine, alice).tradePerp(0)).to.be.revertedWithCustomError(engine, "ZeroAmount");
    });

    it("rejects unknown, expired and unheld option series, and a ninth position", async () => {
      const { engine, oracle, alice } = await deploy();
      const expiry = (await now()) + 600;
      await engine.listSeries(true, px(2100), expiry);
      await as(engine, alice).deposit(usd(1000));
      await expect(as(engine, alice).writeOption(7, E18)).to.be.revertedWithCustomError(engine, "UnknownSeries").withArgs(7, 1);
      await expect(as(engine, alice).closeOption(0, E18))
        .to.be.revertedWithCustomError(engine, "InsufficientOptionPosition")
        .withArgs(alice.address, 0, 0, E18);
      await networkHelpers.time.increaseTo(expiry);
      await expect(as(engine, alice).writeOption(0, E18)).to.be.revertedWithCustomError(engine, "SeriesExpired");
      await expect(engine.listSeries(true, px(2100), expiry)).to.be.revertedWithCustomError(engine, "InvalidSeries");
      for (let i = 0; i < 9; i++) await engine.listSeries(i % 2 === 0, px(2000 + 10 * i), expiry + 86_400);
      await oracle.push(px(2000)); // the time jump left the price stale
      for (let i = 1; i <= 8; i++) await as(engine, alice).writeOption(i, E18 / 1000n);
      await expect(as(engine, alice).writeOption(9, E18 / 1000n))
        .to.be.revertedWithCustomError(engine, "TooManyOptionPositions")
        .withArgs(alice.address, 8);
    });

    it("limits risk parameters, listings and house withdrawals to the owner", async () => {
      const { engine, alice } = await deploy();
      const bad = { ...PARAMS, penaltyWad: PARAMS.mmRatioWad + 1n };
      await expect(as(engine, alice).setRiskParams(PARAMS)).to.be.revertedWithCustomError(engine, "OwnableUnauthorizedAccount");
      await expect(as(engine, alice).listSeries(true, px(2000), (await now()) + 60)).to.be.revertedWithCustomError(engine, "OwnableUnauthorizedAccount");
      await expect(as(engine, alice).withdrawHouse(alice, 1)).to.be.revertedWithCustomError(engine, "OwnableUnauthorizedAccount");
      await expect(engine.setRiskParams(bad)).to.be.revertedWithCustomError(engine, "InvalidRiskParams");
      await expect(engine.setRiskParams({ ...PARAMS, mmRatioWad: 0n })).to.be.revertedWithCustomError(engine, "InvalidRiskParams");
      await expect(engine.setRiskParams({ ...PARAMS, imRatioWad: PARAMS.mmRatioWad - 1n })).to.be.revertedWithCustomError(engine, "InvalidRiskParams");
      await expect(engine.setRiskParams({ ...PARAMS, maxOracleAgeSec: 0n })).to.be.revertedWithCustomError(engine, "InvalidRiskParams");
      await expect(engine.setRiskParams({ ...PARAMS, mmRatioWad: 6n * 10n ** 16n })).to.emit(engine, "RiskParamsSet");
      await expect(engine.withdrawHouse(alice, usd(1_000_001)))
        .to.be.revertedWithCustomError(engine, "HousePoolInsufficient")
        .withArgs(usd(1_000_000), usd(1_000_001));
    });
  });

  describe("liquidation", () => {
    it("closes a long after a price drop and pays the keeper and the insurance fund 2 % of notional, half each", async () => {
      const { engine, oracle, usdc, alice, keeper } = await deploy();
      await as(engine, alice).deposit(usd(1000));
      await as(engine, alice).tradePerp(4n * E18); // notional 8000, initial 800
      await oracle.push(px(1800)); // P&L −800 → equity 200 < maintenance 360
      expect(await engine.isLiquidatable(alice)).to.equal(true);
      const house = (await engine.totals()).housePool;
      // Closed notional 7200 → penalty 144: 72 to the keeper, 72 to the fund; alice keeps 1000 − 800 − 144 = 56.
      await expect(as(engine, keeper).liquidate(alice, ethers.MaxUint256))
        .to.emit(engine, "Liquidated")
        .withArgs(alice.address, keeper.address, 2, px(1800), 4n * E18, 0, usd(7200), usd(144), usd(72), usd(72), 0, usd(56));
      expect(await usdc.balanceOf(keeper)).to.equal(usd(72));
      const t = await engine.totals();
      expect([t.insuranceFund, t.housePool - house, t.totalCollateral, t.longOpenInterestWad]).to.deep.equal([usd(72), usd(800), usd(56), 0n]);
      expect(await engine.isLiquidatable(alice)).to.equal(false);
      expect(await engine.checkInvariants([alice.address])).to.equal(0n);
    });

    it("closes only what the keeper asks for while the account keeps positive equity", async () => {
      const { engine, oracle, alice, keeper } = await deploy();
      await as(engine, alice).deposit(usd(1000));
      await as(engine, alice).tradePerp(4n * E18);
      await oracle.push(px(1800));
      // One unit: realised −200, notional 1800, penalty 36 (18 + 18); collateral 1000 − 200 − 36 = 764.
      await expect(as(engine, keeper).liquidate(alice, E18))
        .to.emit(engine, "Liquidated")
        .withArgs(alice.address, keeper.address, 2, px(1800), E18, 0, usd(1800), usd(36), usd(18), usd(18), 0, usd(764));
      const a = await engine.accountOf(alice);
      expect([a.perpSizeWad, a.perpOpenNotionalWad]).to.deep.equal([3n * E18, px(6000)]);
      const m = await engine.margin(alice); // 764 + 3·1800 − 6000 = 164 < 270: still liquidatable
      expect([m.equity, m.maintenance]).to.deep.equal([usd(164), usd(270)]);
      expect(await engine.isLiquidatable(alice)).to.equal(true);
    });

    it("buys back short options at the mark when it closes an account out", async () => {
      const { engine, oracle, bob, keeper } = await deploy();
      const expiry = (await now()) + 7 * 86_400;
      await engine.listSeries(true, px(2000), expiry);
      await as(engine, bob).deposit(usd(700)); // initial ≈ 2 × C(2200) + 5 % × 2 × 2000 ≈ 650
      await as(engine, bob).writeOption(0, 2n * E18);
      await oracle.push(px(2300)); // the calls are now deep in the money
      expect(await engine.isLiquidatable(bob)).to.equal(true);
      const collateral = (await engine.accountOf(bob)).collateral;
      const receipt = await (await as(engine, keeper).liquidate(bob, 0)).wait();
      const [l] = events(engine, receipt, "Liquidated");
      const tau = expiry - (await now());
      const buyBack = 2 * bs("call", 2300, 2000, tau);
      expect(l.optionsClosed).to.equal(1n);
      expectClose(Number(l.closedNotional) / 1e6, buyBack, 2e-6, "closed notional = buy-back value");
      const due = Math.ceil(0.02 * buyBack * 1e6);
      const left = Number(collateral) - Math.ceil(buyBack * 1e6);
      expect(Number(l.penalty)).to.be.closeTo(Math.min(due, Math.max(left, 0)), 2);
      expect(l.keeperReward + l.insuranceContribution).to.equal(l.penalty);
      expect((await engine.accountOf(bob)).options.length).to.equal(0);
      expect((await engine.totals()).optionOpenInterestWad).to.equal(0n);
    });

    it("turns a gap below the bankruptcy price into bad debt: insurance first, then uncovered", async () => {
      const { engine, oracle, alice, bob, keeper } = await deploy();
      await engine.fundInsurance(usd(300));
      for (const s of [alice, bob]) {
        await as(engine, s).deposit(usd(1000));
        await as(engine, s).tradePerp(4n * E18); // bankruptcy price 2000 − 1000/4 = 1750
      }
      await oracle.push(px(1500)); // loss 2000 each, deficit 1000 each
      const house = (await engine.totals()).housePool;
      // Equity ≤ 0 closes everything whatever the keeper asked; no penalty is left to collect.
      await expect(as(engine, keeper).liquidate(alice, 1))
        .to.emit(engine, "Liquidated")
        .withArgs(alice.address, keeper.address, 2, px(1500), 4n * E18, 0, usd(6000), 0, 0, 0, usd(1000), 0)
        .and.to.emit(engine, "BadDebtRecorded")
        .withArgs(alice.address, usd(1000), usd(300), usd(700));
      await expect(as(engine, keeper).liquidate(bob, ethers.MaxUint256)).to.emit(engine, "BadDebtRecorded").withArgs(bob.address, usd(1000), 0, usd(1000));
      const t = await engine.totals();
      expect([t.badDebt, t.badDebtCovered, t.badDebtUncovered, t.insuranceFund]).to.deep.equal([usd(2000), usd(300), usd(1700), 0n]);
      // The house took both accounts' collateral and the fund's 300: 2000 + 300.
      expect(t.housePool - house).to.equal(usd(2300));
      expect((await engine.accountOf(alice)).badDebt).to.equal(usd(1000));
      expect(await engine.checkInvariants([alice.address, bob.address])).to.equal(0n);
    });
  });

  describe("invariants", () => {
    it("MARGIN_INV_A flags tokens sent around the books and absorbSurplus restores it", async () => {
      const { engine, usdc, alice } = await deploy();
      await as(engine, alice).deposit(usd(10));
      await as(usdc, alice).transfer(engine, 5);
      expect(await engine.checkInvariants([alice.address])).to.equal(1n);
      await expect(engine.absorbSurplus()).to.emit(engine, "SurplusAbsorbed").withArgs(5);
      expect(await engine.checkInvariants([alice.address])).to.equal(0n);
      expect(await engine.checkInvariants([])).to.equal(4n); // MARGIN_INV_C needs every account
    });

    it("hold after a seeded random sequence of deposits, trades, options, price moves and liquidations", async () => {
      const { engine, oracle, usdc, alice, bob, carol, dave, keeper } = await deploy();
      const traders = [alice, bob, carol, dave];
      const addresses = traders.map((s) => s.address);
      const rng = new Rng("margin-engine/invariants/1");
      const t0 = await now();
      const seriesList: { id: number; expiry: number }[] = [];
      for (const [isCall, k, dt] of [
        [true, 2200, 900],
        [false, 1800, 1800],
        [true, 2000, 3600],
        [false, 2000, 7200],
        [true, 2400, 7200],
      ] as const) {
        await engine.listSeries(isCall, px(k), t0 + dt);
        seriesList.push({ id: seriesList.length, expiry: t0 + dt });
      }
      let price = 2000;
      const stats = { ok: 0, reverted: 0, liquidations: 0, badDebtEvents: 0, settlements: 0 };
      const attempt = async (send: () => Promise<unknown>) => {
        try {
          await send();
          stats.ok++;
        } catch {
          stats.reverted++;
        }
      };
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)];

      for (let step = 0; step < 220; step++) {
        // Price: a small diffusive move every step, a ±25 % jump now and then.
        price *= Math.exp(0.02 * rng.normal());
        if (rng.bernoulli(0.06)) price *= rng.bernoulli(0.6) ? 0.75 : 1.25;
        if (rng.bernoulli(0.1)) await networkHelpers.time.increase(Math.floor(rng.uniform() * 600));
        await oracle.push(px(price));

        const s = pick(traders);
        const u = rng.uniform();
        if (u < 0.2) await attempt(() => as(engine, s).deposit(usd(100 + Math.floor(rng.uniform() * 3000))));
        else if (u < 0.55) {
          const eq = Number(await engine.equity(s)) / 1e6;
          const size = ((Math.max(eq, 100) * (1 + rng.uniform() * 9)) / price) * (rng.bernoulli(0.5) ? 1 : -1);
          await attempt(() => as(engine, s).tradePerp(BigInt(Math.round(size * 1e6)) * 10n ** 12n));
        } else if (u < 0.7) await attempt(() => as(engine, s).writeOption(pick(seriesList).id, BigInt(Math.round(rng.uniform() * 2e6)) * 10n ** 12n + 1n));
        else if (u < 0.78) {
          const held: { seriesId: bigint; sizeWad: bigint }[] = [...(await engine.accountOf(s)).options];
          if (held.length > 0) {
            const o = pick(held);
            await attempt(() => as(engine, s).closeOption(o.seriesId, o.sizeWad / 2n + 1n));
          }
        } else if (u < 0.88) await attempt(() => as(engine, s).withdraw(usd(1 + Math.floor(rng.uniform() * 500))));
        else {
          for (const a of traders) {
            for (const o of (await engine.accountOf(a)).options) {
              if (seriesList[Number(o.seriesId)].expiry <= (await now())) {
                const round = await firstRoundAtOrAfter(oracle as unknown as Contract, seriesList[Number(o.seriesId)].expiry);
                await attempt(async () => {
                  await engine.settleOption(a, o.seriesId, round);
                  stats.settlements++;
                });
              }
            }
          }
        }

        // The keeper sweeps every account; MARGIN_INV_B is checked on each liquidation's receipt.
        for (const a of traders) {
          if (!(await engine.isLiquidatable(a))) continue;
          const badBefore = (await engine.totals()).badDebt;
          const maxSize = rng.bernoulli(0.5) ? ethers.MaxUint256 : BigInt(Math.round(rng.uniform() * 3e6)) * 10n ** 12n + 1n;
          const receipt = await (await as(engine, keeper).liquidate(a, maxSize)).wait();
          stats.liquidations++;
          const [l] = events(engine, receipt, "Liquidated");
          const badAfter = (await engine.totals()).badDebt;
          expect(badAfter - badBefore, "bad debt grows only by the event's amount").to.equal(l.badDebt);
          if (l.badDebt > 0n) {
            stats.badDebtEvents++;
            const acct = await engine.accountOf(a);
            expect([acct.collateral, acct.perpSizeWad, acct.options.length], "MARGIN_INV_B: bad debt only at zero collateral").to.deep.equal([0n, 0n, 0]);
            expect(l.collateralAfter).to.equal(0n);
          }
        }
        expect(await engine.checkInvariants(addresses), `invariants after step ${step}`).to.equal(0n);
      }
      // The exact token reconciliation, recomputed off chain (MARGIN_INV_A and C).
      const t = await engine.totals();
      let sum = 0n;
      for (const a of traders) sum += (await engine.accountOf(a)).collateral;
      expect(sum).to.equal(t.totalCollateral);
      expect(await usdc.balanceOf(engine)).to.equal(t.totalCollateral + t.insuranceFund + t.housePool);
      console.log(`      random sequence: ${JSON.stringify(stats)}`);
      expect(stats.liquidations, JSON.stringify(stats)).to.be.greaterThan(3);
      expect(stats.badDebtEvents, JSON.stringify(stats)).to.be.greaterThan(0);
      expect(stats.settlements, JSON.stringify(stats)).to.be.greaterThan(0);
    });
  });

  describe("gas", () => {
    it("reports the gas of deposit, trade, write and liquidate from receipts", async () => {
      const { engine, oracle, owner, alice, bob, carol, dave, keeper } = await deploy();
      const expiry = (await now()) + 7 * 86_400;
      await engine.listSeries(true, px(2200), expiry);
      await engine.listSeries(false, px(1800), expiry);
      for (const [isCall, k] of [
        [true, 2000],
        [true, 2100],
        [true, 2300],
        [false, 2000],
        [false, 1900],
        [false, 1700],
      ] as const) {
        await engine.listSeries(isCall, px(k), expiry);
      }
      // Warm-up, so the figures are steady-state: open interest, insurance fund and the keeper's balance are
      // already non-zero (a first write of a zero slot costs 20k more).
      await engine.deposit(usd(10_000));
      await engine.tradePerp(E18 / 10n);
      await engine.writeOption(0, E18 / 10n);
      await as(engine, dave).deposit(usd(1500));
      await as(engine, dave).tradePerp(4n * E18);
      await oracle.push(px(1650));
      await as(engine, keeper).liquidate(dave, ethers.MaxUint256);
      await oracle.push(px(2000));

      const gas = async (p: Promise<{ wait: () => Promise<ContractTransactionReceipt | null> }>) => Number((await (await p).wait())!.gasUsed);
      const g: Record<string, number> = {};
      g["deposit (new account)"] = await gas(as(engine, alice).deposit(usd(1000)));
      g["deposit (again)"] = await gas(as(engine, alice).deposit(usd(1000)));
      g["tradePerp open"] = await gas(as(engine, alice).tradePerp(4n * E18));
      g["tradePerp increase"] = await gas(as(engine, alice).tradePerp(E18));
      g["tradePerp reduce"] = await gas(as(engine, owner).tradePerp(-E18 / 20n));
      await as(engine, bob).deposit(usd(2000));
      g["writeOption (1st position)"] = await gas(as(engine, bob).writeOption(0, E18));
      g["writeOption (2nd position)"] = await gas(as(engine, bob).writeOption(1, E18));
      g["closeOption (partial)"] = await gas(as(engine, bob).closeOption(1, E18 / 2n));
      await as(engine, bob).writeOption(1, E18 / 2n);
      await as(engine, bob).tradePerp(5n * E18);
      await as(engine, carol).deposit(usd(1500));
      await as(engine, carol).tradePerp(4n * E18);
      // Worst case: 8 option positions plus a perp using the rest of the initial margin.
      await as(engine, dave).deposit(usd(5000));
      for (let id = 0; id < 8; id++) await as(engine, dave).writeOption(id, E18 / 2n);
      const free = Number((await engine.equity(dave)) - (await engine.initialRequirement(dave))) / 1e6;
      await as(engine, dave).tradePerp(BigInt(Math.floor((free / 200) * 0.95 * 1e6)) * 10n ** 12n);
      await oracle.push(px(1650));
      g["withdraw (perp + 1 option)"] = await gas(engine.withdraw(usd(1)));
      g["liquidate partial perp"] = await gas(as(engine, keeper).liquidate(alice, E18));
      g["liquidate full perp"] = await gas(as(engine, keeper).liquidate(carol, ethers.MaxUint256));
      g["liquidate perp + 2 options"] = await gas(as(engine, keeper).liquidate(bob, ethers.MaxUint256));
      expect(await engine.isLiquidatable(dave)).to.equal(true);
      g["liquidate perp + 8 options"] = await gas(as(engine, keeper).liquidate(dave, ethers.MaxUint256));
      console.log("      gas used (receipts, 21k base included):");
      for (const [k, v] of Object.entries(g)) console.log(`        ${k.padEnd(28)} ${v}`);
      // Loose ceilings that catch regressions, not benchmarks.
      expect(g["deposit (again)"]).to.be.lessThan(60_000);
      expect(g["tradePerp increase"]).to.be.lessThan(80_000);
      expect(g["liquidate perp + 2 options"]).to.be.lessThan(160_000);
      expect(g["liquidate perp + 8 options"]).to.be.lessThan(300_000);
    });
  });
});
