// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FixedPointMathLib as M} from "solady/src/utils/FixedPointMathLib.sol";
import {IOptionsVault} from "../interfaces/IOptionsVault.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {LiveSeriesSet} from "./LiveSeriesSet.sol";
import {OptionsVaultMath} from "./OptionsVaultMath.sol";
import {OptionsVaultPricer} from "./OptionsVaultPricer.sol";

/// @title OptionsVault
/// @notice ERC-4626 stablecoin vault that makes a market in cash-settled European options (see IOptionsVault).
/// @dev How the per-trade cost is bounded:
/// - At most `MAX_LIVE_SERIES` (16) listed, unsettled series; their ids sit in one storage word.
/// - Marks and the VAULT_INV_A liability are exact: every buy, sell, deposit and withdrawal sweeps the live
///   series with open interest (one SLOAD each, then one STATICCALL to `pricer` pricing them all: the mark, plus
///   the shocked value for buys and withdrawals) at the current oracle spot.
/// - Greeks are cached: the vault's net delta/vega are Σ −openInterest × per-unit Greeks, where a series'
///   per-unit Greeks are recomputed only when it trades (or on `refreshGreeks`). Other series contribute
///   their Greeks as of their last trade or refresh; that approximation only affects the fee.
/// Positions are internal balances, not ERC-1155: nothing needs to move them, and ERC-1155 would add a
/// TransferSingle event per trade and a receiver callback for contract holders.
contract OptionsVault is IOptionsVault, ERC4626, Ownable, ReentrancyGuardTransient {
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Most listed series that are not settled yet.
    uint256 public constant MAX_LIVE_SERIES = LiveSeriesSet.CAPACITY;
    uint256 private constant WAD = 1e18;
    uint256 private constant MAX_EXPIRY_SEC = 10 * 365 days;

    /// @notice The push oracle giving spot (quote per unit of underlying, WAD).
    IPriceOracle public immutable oracle;
    /// @notice The stateless Black–Scholes sweep, deployed by the constructor.
    OptionsVaultPricer public immutable pricer;
    /// @dev 10^(18 − asset decimals): quote WAD per raw asset unit.
    uint256 private immutable _wadPerAsset;
    uint8 private immutable _offset;

    /// @dev The only slot the per-trade sweep reads for each live series.
    struct Core {
        uint96 strikeWad;
        uint40 expiry;
        bool isCall;
        uint112 openInterest;
    }

    struct Settlement {
        bool settled;
        uint128 settlementPriceWad;
        uint120 payoutPerUnitWad;
    }

    /// @dev Per-unit Greeks of a long position as of the series' last trade or refresh.
    struct Greeks {
        int128 deltaWad;
        uint128 vegaWad;
    }

    /// @dev The sweep's totals (quote WAD, rounded up per term) and the traded series' unit values.
    struct Book {
        uint256 spotWad;
        uint256 markWad;
        uint256 shockedWad;
        OptionsVaultPricer.Unit traded;
    }

    /// @dev Everything a buy or sell needs, from `_evaluate`.
    struct Trade {
        uint256 spotWad;
        uint256 volWad;
        uint256 premium;
        uint256 fee;
        uint256 cash;
        uint256 lockedAfter;
        uint256 openInterestAfter;
        int256 deltaUnitWad;
        uint256 vegaUnitWad;
        int256 netDeltaAfter;
        int256 netVegaAfter;
    }

    mapping(uint256 seriesId => Core) private _core;
    mapping(uint256 seriesId => Settlement) private _settlement;
    mapping(uint256 seriesId => Greeks) private _greeks;
    mapping(uint256 seriesId => mapping(address account => uint256)) private _positions;
    mapping(bytes32 terms => uint256) private _seriesByTerms;

    uint256 private _live;
    uint256 private _seriesCount;
    int128 private _netDelta;
    int128 private _netVega;
    uint256 private _owed;
    uint256 private _badDebt;

    PricingParams private _pricing;
    FeeParams private _fees;
    MarketParams private _market;

    constructor(
        IERC20Metadata asset_,
        IPriceOracle oracle_,
        string memory name_,
        string memory symbol_,
        PricingParams memory pricing_,
        FeeParams memory fees_,
        MarketParams memory market_
    ) ERC20(name_, symbol_) ERC4626(asset_) Ownable(msg.sender) {
        uint8 assetDecimals = asset_.decimals();
        if (assetDecimals > 18) revert ParameterOutOfRange("assetDecimals", assetDecimals, 0, 18);
        oracle = oracle_;
        pricer = new OptionsVaultPricer();
        _wadPerAsset = 10 ** (18 - assetDecimals);
        _offset = 18 - assetDecimals; // shares have 18 decimals; the offset also blunts share-inflation attacks
        _setPricing(pricing_);
        _setFees(fees_);
        _setMarket(market_);
    }

    // ───────────────────────────── owner ─────────────────────────────

    /// @inheritdoc IOptionsVault
    function addSeries(uint256 strikeWad, uint256 expiry, bool isCall) external onlyOwner returns (uint256 seriesId) {
        if (strikeWad < BlackScholes.MIN_PRICE_WAD || strikeWad > type(uint96).max) {
            revert InvalidStrike(strikeWad, BlackScholes.MIN_PRICE_WAD, type(uint96).max);
        }
        if (expiry <= block.timestamp || expiry > block.timestamp + MAX_EXPIRY_SEC) {
            revert InvalidExpiry(expiry, block.timestamp, block.timestamp + MAX_EXPIRY_SEC);
        }
        bytes32 terms = keccak256(abi.encode(strikeWad, expiry, isCall));
        uint256 existing = _seriesByTerms[terms];
        if (existing != 0) revert SeriesExists(existing);
        seriesId = _seriesCount + 1;
        (uint256 live, bool inserted) = LiveSeriesSet.insert(_live, seriesId);
        if (!inserted || seriesId > LiveSeriesSet.MAX_ID) {
            revert TooManySeries(LiveSeriesSet.count(_live), MAX_LIVE_SERIES, seriesId, LiveSeriesSet.MAX_ID);
        }
        _live = live;
        _seriesCount = seriesId;
        _seriesByTerms[terms] = seriesId;
        _core[seriesId] = Core(uint96(strikeWad), uint40(expiry), isCall, 0);
        emit SeriesListed(seriesId, strikeWad, expiry, isCall);
    }

    /// @inheritdoc IOptionsVault
    function setPricingParams(PricingParams calldata params) external onlyOwner {
        _setPricing(params);
    }

    /// @inheritdoc IOptionsVault
    function setFeeParams(FeeParams calldata params) external onlyOwner {
        _setFees(params);
    }

    /// @inheritdoc IOptionsVault
    function setMarketParams(MarketParams calldata params) external onlyOwner {
        _setMarket(params);
    }

    // ───────────────────────────── traders ─────────────────────────────

    /// @inheritdoc IOptionsVault
    function buy(uint256 seriesId, uint256 amountWad, uint256 maxCost, uint256 deadline)
        external
        nonReentrant
        returns (uint256 cost)
    {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        Trade memory t = _evaluate(seriesId, true, amountWad);
        cost = t.premium + t.fee;
        if (cost > maxCost) revert CostAboveLimit(cost, maxCost);
        uint256 cashAfter = t.cash + cost;
        if (cashAfter < t.lockedAfter) revert Undercollateralised(cashAfter, t.lockedAfter);
        _positions[seriesId][msg.sender] += amountWad;
        _commit(seriesId, t);
        _transferIn(msg.sender, cost);
        _emitTraded(seriesId, true, amountWad, t);
    }

    /// @inheritdoc IOptionsVault
    /// @dev No VAULT_INV_A check: the vault pays at most amount × mark and releases amount × shocked value
    /// ≥ amount × mark of liability, so a sell never lowers cash − shocked liability.
    function sell(uint256 seriesId, uint256 amountWad, uint256 minProceeds, uint256 deadline)
        external
        nonReentrant
        returns (uint256 proceeds)
    {
        if (block.timestamp > deadline) revert DeadlineExpired(deadline, block.timestamp);
        Trade memory t = _evaluate(seriesId, false, amountWad);
        uint256 held = _positions[seriesId][msg.sender];
        if (held < amountWad) revert InsufficientPosition(seriesId, held, amountWad);
        proceeds = M.zeroFloorSub(t.premium, t.fee);
        if (proceeds < minProceeds) revert ProceedsBelowLimit(proceeds, minProceeds);
        _positions[seriesId][msg.sender] = held - amountWad;
        _commit(seriesId, t);
        if (proceeds != 0) _transferOut(msg.sender, proceeds);
        _emitTraded(seriesId, false, amountWad, t);
    }

    /// @inheritdoc IOptionsVault
    function settle(uint256 seriesId, uint256 roundId) external nonReentrant {
        Core memory c = _existing(seriesId);
        if (_settlement[seriesId].settled) revert SeriesAlreadySettled(seriesId);
        if (block.timestamp < c.expiry) revert SeriesNotExpired(seriesId, c.expiry, block.timestamp);
        uint256 priceWad;
        uint256 payoutPerUnitWad;
        uint256 totalPayout;
        uint256 shortfall;
        if (c.openInterest != 0) {
            // The price is fixed by rule (the oracle's first round at or after expiry), not by when this runs.
            (priceWad,) = oracle.settlementRound(c.expiry, roundId);
            payoutPerUnitWad = OptionsVaultMath.intrinsic(c.isCall, priceWad, c.strikeWad);
            totalPayout = M.divUp(M.mulWadUp(c.openInterest, payoutPerUnitWad), _wadPerAsset);
            uint256 cash = _cash();
            if (totalPayout > cash) {
                // Pro-rata haircut: claims sum to at most the cash left, the rest is bad debt.
                shortfall = totalPayout - cash;
                totalPayout = cash;
                payoutPerUnitWad = M.fullMulDiv(cash * _wadPerAsset, WAD, c.openInterest);
                _badDebt += shortfall;
            }
            _owed += totalPayout;
            Greeks memory g = _greeks[seriesId];
            _netDelta = (_netDelta - _contribution(c.openInterest, g.deltaWad)).toInt128();
            _netVega = (_netVega - _contribution(c.openInterest, int256(uint256(g.vegaWad)))).toInt128();
        }
        _settlement[seriesId] = Settlement(true, priceWad.toUint128(), payoutPerUnitWad.toUint120());
        _live = LiveSeriesSet.remove(_live, seriesId);
        emit Settled(seriesId, priceWad, payoutPerUnitWad, totalPayout, shortfall);
    }

    /// @inheritdoc IOptionsVault
    function claimPayout(uint256 seriesId) external nonReentrant returns (uint256 payout) {
        Settlement memory s = _settlement[seriesId];
        if (!s.settled) {
            _existing(seriesId);
            revert SeriesNotSettled(seriesId);
        }
        uint256 amountWad = _positions[seriesId][msg.sender];
        if (amountWad == 0) revert NothingToClaim(seriesId, msg.sender);
        _positions[seriesId][msg.sender] = 0;
        _core[seriesId].openInterest -= uint112(amountWad);
        payout = M.mulWad(amountWad, s.payoutPerUnitWad) / _wadPerAsset;
        _owed -= payout; // Σ claims ≤ the rounded-up reserve, so this cannot underflow
        if (payout != 0) _transferOut(msg.sender, payout);
        emit PayoutClaimed(seriesId, msg.sender, amountWad, payout);
    }

    /// @inheritdoc IOptionsVault
    function refreshGreeks(uint256[] calldata seriesIds) external {
        MarketParams memory m = _market;
        PricingParams memory p = _pricing;
        uint256 spotWad = oracle.priceNoOlderThan(m.maxOracleAgeSec);
        int256 netDelta_ = _netDelta;
        int256 netVega_ = _netVega;
        for (uint256 i; i < seriesIds.length; ++i) {
            uint256 id = seriesIds[i];
            Core memory c = _existing(id);
            if (block.timestamp >= c.expiry) continue; // expired or settled: Greeks are frozen until settlement
            OptionsVaultPricer.Unit memory u = pricer.greeks(_terms(c), spotWad, block.timestamp, p, m);
            Greeks memory g = _greeks[id];
            netDelta_ += _contribution(c.openInterest, u.deltaWad) - _contribution(c.openInterest, g.deltaWad);
            netVega_ += _contribution(c.openInterest, int256(u.vegaWad))
                - _contribution(c.openInterest, int256(uint256(g.vegaWad)));
            _greeks[id] = Greeks(u.deltaWad.toInt128(), u.vegaWad.toUint128());
        }
        _netDelta = netDelta_.toInt128();
        _netVega = netVega_.toInt128();
        emit GreeksRefreshed(netDelta_, netVega_);
    }

    // ───────────────────────────── LPs (ERC-4626) ─────────────────────────────

    /// @notice NAV: cash minus the mark-to-market value of open options (0 if negative), asset units.
    /// @dev Reverts with the oracle's `StalePrice` when options are open and the price is older than
    /// `maxOracleAgeSec`: shares are never priced off a stale mark.
    function totalAssets() public view override returns (uint256) {
        (uint256 nav,,) = _lpBook(false);
        return nav;
    }

    /// @inheritdoc ERC4626
    function deposit(uint256 assets, address receiver) public override nonReentrant returns (uint256 shares) {
        (uint256 nav,,) = _lpBook(false);
        shares = _toShares(assets, nav, Math.Rounding.Floor);
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @inheritdoc ERC4626
    function mint(uint256 shares, address receiver) public override nonReentrant returns (uint256 assets) {
        (uint256 nav,,) = _lpBook(false);
        assets = _toAssets(shares, nav, Math.Rounding.Ceil);
        _deposit(msg.sender, receiver, assets, shares);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with `WithdrawExceedsFreeCollateral` when `assets` > cash − locked collateral.
    function withdraw(uint256 assets, address receiver, address holder)
        public
        override
        nonReentrant
        returns (uint256 shares)
    {
        (uint256 nav, uint256 cash, uint256 locked) = _lpBook(true);
        _checkFree(assets, cash, locked);
        shares = _toShares(assets, nav, Math.Rounding.Ceil);
        uint256 balance = balanceOf(holder);
        if (shares > balance) {
            revert ERC4626ExceededMaxWithdraw(holder, assets, _toAssets(balance, nav, Math.Rounding.Floor));
        }
        _withdraw(msg.sender, receiver, holder, assets, shares);
    }

    /// @inheritdoc ERC4626
    /// @dev Reverts with `WithdrawExceedsFreeCollateral` when the assets redeemed > cash − locked collateral.
    function redeem(uint256 shares, address receiver, address holder)
        public
        override
        nonReentrant
        returns (uint256 assets)
    {
        (uint256 nav, uint256 cash, uint256 locked) = _lpBook(true);
        uint256 balance = balanceOf(holder);
        if (shares > balance) revert ERC4626ExceededMaxRedeem(holder, shares, balance);
        assets = _toAssets(shares, nav, Math.Rounding.Floor);
        _checkFree(assets, cash, locked);
        _withdraw(msg.sender, receiver, holder, assets, shares);
    }

    /// @notice The holder's assets, capped by the cash not locked by VAULT_INV_A.
    function maxWithdraw(address holder) public view override returns (uint256) {
        (uint256 nav, uint256 cash, uint256 locked) = _lpBook(true);
        return M.min(_toAssets(balanceOf(holder), nav, Math.Rounding.Floor), M.zeroFloorSub(cash, locked));
    }

    /// @notice The holder's shares, capped by the cash not locked by VAULT_INV_A.
    function maxRedeem(address holder) public view override returns (uint256) {
        (uint256 nav, uint256 cash, uint256 locked) = _lpBook(true);
        return M.min(balanceOf(holder), _toShares(M.zeroFloorSub(cash, locked), nav, Math.Rounding.Floor));
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IOptionsVault
    function quote(uint256 seriesId, bool isBuy, uint256 amountWad)
        external
        view
        returns (uint256 premium, uint256 fee, uint256 volWad, uint256 spotWad)
    {
        Trade memory t = _evaluate(seriesId, isBuy, amountWad);
        return (t.premium, t.fee, t.volWad, t.spotWad);
    }

    /// @inheritdoc IOptionsVault
    function checkInvariants() external view returns (bool vaultInvA, uint256 cash, uint256 shockedLiability) {
        VaultState memory s = _state();
        return (s.cash >= s.lockedCollateral, s.cash, s.lockedCollateral);
    }

    /// @inheritdoc IOptionsVault
    function vaultState() external view returns (VaultState memory) {
        return _state();
    }

    /// @inheritdoc IOptionsVault
    function netDelta() external view returns (int256) {
        return _netDelta;
    }

    /// @inheritdoc IOptionsVault
    function netVega() external view returns (int256) {
        return _netVega;
    }

    /// @inheritdoc IOptionsVault
    function utilisation() external view returns (uint256) {
        return _state().utilisationWad;
    }

    /// @inheritdoc IOptionsVault
    function lockedCollateral() external view returns (uint256) {
        return _state().lockedCollateral;
    }

    /// @inheritdoc IOptionsVault
    function seriesCount() external view returns (uint256) {
        return _seriesCount;
    }

    /// @inheritdoc IOptionsVault
    function liveSeries() external view returns (uint256[] memory ids) {
        uint256 live = _live;
        ids = new uint256[](LiveSeriesSet.count(live));
        uint256 n;
        for (; live != 0; live >>= 16) {
            if (live & 0xffff != 0) ids[n++] = live & 0xffff;
        }
    }

    /// @inheritdoc IOptionsVault
    function getSeries(uint256 seriesId) external view returns (SeriesInfo memory info) {
        Core memory c = _existing(seriesId);
        Settlement memory s = _settlement[seriesId];
        Greeks memory g = _greeks[seriesId];
        info = SeriesInfo(
            c.strikeWad,
            c.expiry,
            c.isCall,
            s.settled,
            c.openInterest,
            s.settlementPriceWad,
            s.payoutPerUnitWad,
            g.deltaWad,
            g.vegaWad
        );
    }

    /// @inheritdoc IOptionsVault
    function positionOf(uint256 seriesId, address account) external view returns (uint256) {
        return _positions[seriesId][account];
    }

    /// @inheritdoc IOptionsVault
    function owedPayouts() external view returns (uint256) {
        return _owed;
    }

    /// @inheritdoc IOptionsVault
    function badDebt() external view returns (uint256) {
        return _badDebt;
    }

    /// @inheritdoc IOptionsVault
    function pricingParams() external view returns (PricingParams memory) {
        return _pricing;
    }

    /// @inheritdoc IOptionsVault
    function feeParams() external view returns (FeeParams memory) {
        return _fees;
    }

    /// @inheritdoc IOptionsVault
    function marketParams() external view returns (MarketParams memory) {
        return _market;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Prices a trade: premium and fee (asset units), the VAULT_INV_A liability after it and the new Greeks.
    function _evaluate(uint256 seriesId, bool isBuy, uint256 amountWad) internal view returns (Trade memory t) {
        if (amountWad == 0) revert ZeroAmount();
        Core memory c = _existing(seriesId);
        if (block.timestamp >= c.expiry) revert SeriesExpired(seriesId, c.expiry, block.timestamp);
        uint256 oi = c.openInterest;
        if (!isBuy && amountWad > oi) revert InsufficientPosition(seriesId, oi, amountWad);
        t.spotWad = oracle.priceNoOlderThan(_market.maxOracleAgeSec);
        Book memory b = _book(t.spotWad, seriesId, isBuy);
        OptionsVaultPricer.Unit memory u = b.traded;
        t.volWad = u.volWad;
        t.deltaUnitWad = u.deltaWad;
        t.vegaUnitWad = u.vegaWad;
        t.openInterestAfter = isBuy ? oi + amountWad : oi - amountWad;
        t.cash = _cash();

        OptionsVaultMath.FeeInputs memory x;
        x.amountWad = amountWad;
        x.spotWad = t.spotWad;
        x.markUnitWad = u.markWad;
        x.cashWad = t.cash * _wadPerAsset;
        x.navWad = M.zeroFloorSub(x.cashWad, b.markWad);
        // Before = cached aggregates with the traded series re-marked; after = the same with the new size.
        Greeks memory g = _greeks[seriesId];
        int256 deltaRest = int256(_netDelta) - _contribution(oi, g.deltaWad);
        int256 vegaRest = int256(_netVega) - _contribution(oi, int256(uint256(g.vegaWad)));
        x.deltaBeforeWad = deltaRest + _contribution(oi, u.deltaWad);
        x.vegaBeforeWad = vegaRest + _contribution(oi, int256(u.vegaWad));
        t.netDeltaAfter = deltaRest + _contribution(t.openInterestAfter, u.deltaWad);
        t.netVegaAfter = vegaRest + _contribution(t.openInterestAfter, int256(u.vegaWad));
        x.deltaAfterWad = t.netDeltaAfter;
        x.vegaAfterWad = t.netVegaAfter;
        x.lockedAfterWad =
            b.shockedWad - M.mulWadUp(oi, u.shockedWad) + M.mulWadUp(t.openInterestAfter, u.shockedWad);
        t.lockedAfter = _assetsUp(x.lockedAfterWad);

        t.premium = isBuy ? _assetsUp(M.mulWadUp(amountWad, u.markWad)) : M.mulWad(amountWad, u.markWad) / _wadPerAsset;
        t.fee = _assetsUp(OptionsVaultMath.tradeFee(_fees, x));
    }

    /// @dev Writes a priced trade: open interest, the traded series' Greeks and the aggregates.
    function _commit(uint256 seriesId, Trade memory t) private {
        _core[seriesId].openInterest = t.openInterestAfter.toUint112();
        _greeks[seriesId] = Greeks(t.deltaUnitWad.toInt128(), t.vegaUnitWad.toUint128());
        _netDelta = t.netDeltaAfter.toInt128();
        _netVega = t.netVegaAfter.toInt128();
    }

    function _emitTraded(uint256 seriesId, bool isBuy, uint256 amountWad, Trade memory t) private {
        emit Traded(
            msg.sender,
            seriesId,
            isBuy,
            amountWad,
            t.premium,
            t.fee,
            t.volWad,
            t.spotWad,
            t.netDeltaAfter,
            t.netVegaAfter
        );
    }

    /// @dev Sweeps the live series with open interest (and `tradedId`) through the pricer: Σ openInterest × mark
    /// and × shocked value (quote WAD, each term rounded up) and the traded series' unit values with Greeks.
    /// A zero `spotWad` is fetched from the oracle with the freshness bound, and only if there is something to price.
    /// Without `withShock` the shocked totals are 0 (they are needed only by buys, withdrawals and views).
    function _book(uint256 spotWad, uint256 tradedId, bool withShock) internal view returns (Book memory b) {
        uint256 liveSet = _live;
        OptionsVaultPricer.Terms[] memory terms = new OptionsVaultPricer.Terms[](LiveSeriesSet.count(liveSet));
        uint256 n;
        uint256 tradedIndex = type(uint256).max;
        for (uint256 live = liveSet; live != 0; live >>= 16) {
            uint256 id = live & 0xffff;
            if (id == 0) continue;
            Core memory c = _core[id];
            if (id == tradedId) tradedIndex = n;
            else if (c.openInterest == 0) continue;
            terms[n++] = _terms(c);
        }
        b.spotWad = spotWad;
        if (n == 0) return b;
        assembly ("memory-safe") {
            mstore(terms, n) // shrink the array to the series actually priced
        }
        MarketParams memory m = _market;
        if (spotWad == 0) b.spotWad = oracle.priceNoOlderThan(m.maxOracleAgeSec);
        (b.markWad, b.shockedWad, b.traded) = pricer.sweep(terms, tradedIndex, b.spotWad, block.timestamp, _pricing, m, withShock);
    }

    function _terms(Core memory c) private pure returns (OptionsVaultPricer.Terms memory) {
        return OptionsVaultPricer.Terms(c.strikeWad, c.expiry, c.isCall, c.openInterest);
    }

    /// @dev The vault's state at the latest oracle price, whatever its age (for views only).
    function _state() private view returns (VaultState memory s) {
        (, s.spotWad,) = oracle.latestRound();
        Book memory b = _book(s.spotWad, 0, true);
        s.cash = _cash();
        s.markLiability = _assetsUp(b.markWad);
        s.nav = M.zeroFloorSub(s.cash, s.markLiability);
        s.lockedCollateral = _assetsUp(b.shockedWad);
        s.owedPayouts = _owed;
        s.badDebt = _badDebt;
        s.netDeltaWad = _netDelta;
        s.netVegaWad = _netVega;
        s.liveSeries = LiveSeriesSet.count(_live);
        if (s.cash != 0) s.utilisationWad = M.mulDiv(s.lockedCollateral, WAD, s.cash);
        else if (s.lockedCollateral != 0) s.utilisationWad = type(uint256).max;
    }

    /// @dev NAV, cash and locked collateral (asset units; 0 without `withShock`) for LP flows, at a fresh oracle
    /// price if options are open.
    function _lpBook(bool withShock) private view returns (uint256 nav, uint256 cash, uint256 locked) {
        Book memory b = _book(0, 0, withShock);
        cash = _cash();
        nav = M.zeroFloorSub(cash, _assetsUp(b.markWad));
        locked = _assetsUp(b.shockedWad);
    }

    function _checkFree(uint256 assets, uint256 cash, uint256 locked) private pure {
        uint256 free = M.zeroFloorSub(cash, locked);
        if (assets > free) revert WithdrawExceedsFreeCollateral(assets, free, locked);
    }

    /// @dev OpenZeppelin's conversion (virtual shares and assets) at a NAV computed once per call.
    function _toShares(uint256 assets, uint256 nav, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** _offset, nav + 1, rounding);
    }

    function _toAssets(uint256 shares, uint256 nav, Math.Rounding rounding) private view returns (uint256) {
        return Math.mulDiv(shares, nav + 1, totalSupply() + 10 ** _offset, rounding);
    }

    function _decimalsOffset() internal view override returns (uint8) {
        return _offset;
    }

    /// @dev Asset balance minus settled payouts owed to holders.
    function _cash() private view returns (uint256) {
        return M.zeroFloorSub(IERC20(asset()).balanceOf(address(this)), _owed);
    }

    /// @dev The vault's (short) share of a Greek: −openInterest × perUnit, rounded toward zero. Adding and later
    /// subtracting the same (openInterest, perUnit) pair cancels exactly, so the aggregates do not drift.
    function _contribution(uint256 openInterest, int256 perUnitWad) private pure returns (int256) {
        return -M.sMulWad(int256(openInterest), perUnitWad);
    }

    function _assetsUp(uint256 wad) private view returns (uint256) {
        return M.divUp(wad, _wadPerAsset);
    }

    function _existing(uint256 seriesId) private view returns (Core memory c) {
        c = _core[seriesId];
        if (c.expiry == 0) revert UnknownSeries(seriesId);
    }

    function _setPricing(PricingParams memory p) private {
        _checkRange("minSkewWad", p.minSkewWad, 1, p.maxSkewWad);
        uint256 minVol = BlackScholes.MIN_VOL_WAD;
        uint256 maxVol = BlackScholes.MAX_VOL_WAD;
        _checkRange("baseVol*minSkew", M.mulWad(p.baseVolWad, p.minSkewWad), minVol, maxVol);
        _checkRange("baseVol*maxSkew", M.mulWad(p.baseVolWad, p.maxSkewWad), minVol, maxVol);
        _pricing = p;
        emit PricingParamsSet(p);
    }

    function _setFees(FeeParams memory f) private {
        _checkRange("optionFeeWad", f.optionFeeWad, 0, WAD);
        _checkRange("spotFeeWad", f.spotFeeWad, 0, WAD);
        _checkRange("deltaFeeWad", f.deltaFeeWad, 0, WAD);
        _checkRange("vegaFeeWad", f.vegaFeeWad, 0, WAD);
        _fees = f;
        emit FeeParamsSet(f);
    }

    function _setMarket(MarketParams memory m) private {
        _checkRange("rateWad", m.rateWad, 0, BlackScholes.MAX_RATE_WAD);
        _checkRange("shockSpotWad", m.shockSpotWad, 0, WAD - 1);
        _checkRange("shockVolWad", m.shockVolWad, 0, BlackScholes.MAX_VOL_WAD);
        _checkRange("maxOracleAgeSec", m.maxOracleAgeSec, 1, type(uint32).max);
        _market = m;
        emit MarketParamsSet(m);
    }

    /// @dev One revert site for every parameter check (keeps the bytecode under the 24,576-byte limit).
    function _checkRange(bytes32 name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ParameterOutOfRange(name, value, min, max);
    }
}
