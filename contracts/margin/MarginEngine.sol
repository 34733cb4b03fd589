// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SafeTransferLib} from "solady/src/utils/SafeTransferLib.sol";
import {IMarginEngine} from "../interfaces/IMarginEngine.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {MarginMath} from "./MarginMath.sol";

/// @title MarginEngine
/// @notice Collateral, an oracle-priced perp and short options per account; maintenance margin from the oracle
/// mark; permissionless liquidation with a keeper/insurance penalty split; bad debt accounting.
/// See IMarginEngine for the rules and docs/margin-engine.md for formulas, rounding and invariants.
///
/// Rounding always goes against the account: requirements, option liabilities and buy-back costs round up;
/// equity, premiums and realised P&L round down (toward −∞). Every cash movement is an integer number of token
/// units moved between four places (account collateral, house pool, insurance fund, a wallet), so the token
/// balance reconciles exactly with the books (MARGIN_INV_A).
contract MarginEngine is IMarginEngine, Ownable {
    using SafeTransferLib for address;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice Most option positions one account may hold (bounds the gas of margin checks and liquidation).
    uint256 public constant MAX_OPTION_POSITIONS = 8;
    /// @notice Largest |perp size| or option position size (1e12 units of underlying).
    uint256 public constant MAX_SIZE_WAD = 1e30;
    /// @notice `checkInvariants` bit: token balance == Σ collateral + insurance fund + house pool.
    uint256 public constant MARGIN_INV_A = 1;
    /// @notice `checkInvariants` bit: bad debt is fully attributed to accounts closed out at zero collateral.
    uint256 public constant MARGIN_INV_B = 2;
    /// @notice `checkInvariants` bit: per-account collateral and sizes add up to the totals.
    uint256 public constant MARGIN_INV_C = 4;

    uint256 private constant WAD = 1e18;

    struct Account {
        uint128 collateral;
        uint128 badDebt;
        int128 perpSizeWad;
        int128 perpOpenNotionalWad;
        OptionPosition[] options;
    }

    /// @dev Working values of one liquidation (kept in memory to stay within the stack).
    struct Liquidation {
        uint256 roundId;
        uint256 priceX18;
        int256 perpClosedWad;
        uint256 optionsClosed;
        uint256 notionalWad;
        int256 cash;
        uint256 penalty;
        uint256 keeperReward;
        uint256 insurance;
        uint256 badDebt;
        uint256 covered;
        uint256 collateralAfter;
    }

    /// @inheritdoc IMarginEngine
    address public immutable collateralToken;
    /// @inheritdoc IMarginEngine
    address public immutable oracle;
    /// @dev 10^(18 − token decimals): quote WAD per token unit.
    uint256 private immutable _scale;

    uint128 private _totalCollateral;
    uint128 private _housePool;
    uint128 private _insuranceFund;
    uint128 private _badDebtUncovered;
    uint128 private _badDebt;
    uint128 private _optionOpenInterest;
    uint128 private _longOpenInterest;
    uint128 private _shortOpenInterest;
    RiskParams private _params;
    Series[] private _series;
    /// @inheritdoc IMarginEngine
    mapping(uint256 expiry => uint256 priceX18) public settlementPrice;
    mapping(address => Account) private _accounts;

    bool private transient _entered;

    modifier nonReentrant() {
        if (_entered) revert Reentrancy();
        _entered = true;
        _;
        _entered = false;
    }

    constructor(address collateralToken_, address oracle_, RiskParams memory params) Ownable(msg.sender) {
        uint8 decimals = IERC20Metadata(collateralToken_).decimals();
        if (decimals > 18) revert UnsupportedDecimals(decimals);
        collateralToken = collateralToken_;
        oracle = oracle_;
        _scale = 10 ** (18 - decimals);
        _setRiskParams(params);
    }

    // ───────────────────────────── accounts ─────────────────────────────

    /// @inheritdoc IMarginEngine
    function deposit(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        _totalCollateral = (uint256(_totalCollateral) + amount).toUint128(); // bounds every account too
        unchecked {
            _accounts[msg.sender].collateral += uint128(amount);
        }
        emit Deposited(msg.sender, amount);
    }

    /// @inheritdoc IMarginEngine
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        Account storage a = _accounts[msg.sender];
        uint256 c = a.collateral;
        if (amount > c) revert InsufficientCollateral(msg.sender, c, amount);
        unchecked {
            a.collateral = uint128(c - amount);
            _totalCollateral -= uint128(amount);
        }
        if (_hasPositions(a)) {
            RiskParams memory p = _params;
            (, uint256 spot) = _freshPrice(p.maxOracleAgeSec);
            _requireInitial(msg.sender, a, spot, p);
        }
        collateralToken.safeTransfer(msg.sender, amount);
        emit Withdrawn(msg.sender, amount);
    }

    /// @inheritdoc IMarginEngine
    function tradePerp(int256 sizeDeltaWad) external nonReentrant returns (int256 realisedPnl) {
        if (sizeDeltaWad == 0) revert ZeroAmount();
        RiskParams memory p = _params;
        (uint256 roundId, uint256 spot) = _freshPrice(p.maxOracleAgeSec);
        Account storage a = _accounts[msg.sender];
        int256 size = a.perpSizeWad;
        int256 openNotional = a.perpOpenNotionalWad;
        int256 newSize = size + sizeDeltaWad;
        if (MarginMath.abs(newSize) > MAX_SIZE_WAD) revert SizeTooLarge(MarginMath.abs(newSize), MAX_SIZE_WAD);
        bool increases = size == 0 || (size > 0) == (sizeDeltaWad > 0);
        if (increases) {
            // Cost basis rounds up: a long pays the extra wei, a short receives one less.
            openNotional += MarginMath.divCeil(sizeDeltaWad * int256(spot), WAD);
        } else {
            bool flips = MarginMath.abs(sizeDeltaWad) > MarginMath.abs(size);
            int256 closing = flips ? size : -sizeDeltaWad;
            int256 closedOpenNotional;
            (closedOpenNotional, realisedPnl) = _perpClose(size, openNotional, closing, spot);
            openNotional -= closedOpenNotional;
            if (flips) {
                openNotional = MarginMath.divCeil(newSize * int256(spot), WAD);
                increases = true;
            }
        }
        a.perpSizeWad = newSize.toInt128();
        a.perpOpenNotionalWad = openNotional.toInt128();
        _updateOpenInterest(size, newSize);
        if (realisedPnl > 0) _payAccount(a, uint256(realisedPnl));
        else if (realisedPnl < 0) _chargeAccount(msg.sender, a, uint256(-realisedPnl));
        if (increases) _requireInitial(msg.sender, a, spot, p);
        emit PerpTraded(msg.sender, sizeDeltaWad, spot, roundId, newSize, realisedPnl);
    }

    /// @inheritdoc IMarginEngine
    function writeOption(uint256 seriesId, uint256 sizeWad) external nonReentrant returns (uint256 premium) {
        if (sizeWad == 0) revert ZeroAmount();
        Series memory s = _liveSeries(seriesId);
        RiskParams memory p = _params;
        (, uint256 spot) = _freshPrice(p.maxOracleAgeSec);
        Account storage a = _accounts[msg.sender];
        (uint256 i, uint256 n) = _findOption(a, seriesId);
        uint256 newSize = (i < n ? a.options[i].sizeWad : 0) + sizeWad;
        if (newSize > MAX_SIZE_WAD) revert SizeTooLarge(newSize, MAX_SIZE_WAD);
        if (i < n) {
            a.options[i].sizeWad = uint128(newSize);
        } else {
            if (n == MAX_OPTION_POSITIONS) revert TooManyOptionPositions(msg.sender, MAX_OPTION_POSITIONS);
            a.options.push(OptionPosition(uint32(seriesId), uint128(newSize)));
        }
        _optionOpenInterest = (uint256(_optionOpenInterest) + sizeWad).toUint128();
        uint256 value = MarginMath.optionValue(s.isCall, spot, s.strikeX18, p.volWad, s.expiry - block.timestamp);
        premium = sizeWad * value / (WAD * _scale);
        if (premium != 0) _payAccount(a, premium);
        _requireInitial(msg.sender, a, spot, p);
        emit OptionWritten(msg.sender, seriesId, sizeWad, premium, spot);
    }

    /// @inheritdoc IMarginEngine
    function closeOption(uint256 seriesId, uint256 sizeWad) external nonReentrant returns (uint256 cost) {
        if (sizeWad == 0) revert ZeroAmount();
        Series memory s = _liveSeries(seriesId);
        RiskParams memory p = _params;
        (, uint256 spot) = _freshPrice(p.maxOracleAgeSec);
        Account storage a = _accounts[msg.sender];
        _reduceOption(a, msg.sender, seriesId, sizeWad);
        uint256 value = MarginMath.optionValue(s.isCall, spot, s.strikeX18, p.volWad, s.expiry - block.timestamp);
        cost = MarginMath.divUp(sizeWad * value, WAD * _scale);
        if (cost != 0) _chargeAccount(msg.sender, a, cost);
        emit OptionClosed(msg.sender, seriesId, sizeWad, cost, spot);
    }

    /// @inheritdoc IMarginEngine
    function settleOption(address account, uint256 seriesId, uint256 roundId) external nonReentrant returns (uint256 payoff) {
        Series memory s = _getSeries(seriesId);
        if (block.timestamp < s.expiry) revert SeriesNotExpired(seriesId, s.expiry, block.timestamp);
        Account storage a = _accounts[account];
        (uint256 i, uint256 n) = _findOption(a, seriesId);
        if (i == n) revert NoOptionPosition(account, seriesId);
        uint256 sizeWad = a.options[i].sizeWad;
        uint256 priceX18 = _fixSettlementPrice(s.expiry, roundId);
        _reduceOption(a, account, seriesId, sizeWad);
        payoff = MarginMath.divUp(sizeWad * MarginMath.intrinsic(s.isCall, priceX18, s.strikeX18), WAD * _scale);
        if (payoff != 0) _chargeAccount(account, a, payoff);
        emit OptionSettled(account, seriesId, sizeWad, priceX18, payoff);
    }

    /// @inheritdoc IMarginEngine
    function liquidate(address account, uint256 maxPerpSizeWad) external nonReentrant returns (uint256) {
        RiskParams memory p = _params;
        Liquidation memory l;
        (l.roundId, l.priceX18) = _freshPrice(p.maxOracleAgeSec);
        Account storage a = _accounts[account];
        (Margin memory m, uint256 optionValueWad) = _marginAndOptionValue(a, l.priceX18, p);
        if (m.equity >= int256(m.maintenance)) revert AccountHealthy(account, m.equity, m.maintenance);

        int256 size = a.perpSizeWad;
        int256 openNotional = a.perpOpenNotionalWad;
        uint256 absSize = MarginMath.abs(size);
        uint256 collateralBefore = a.collateral;
        // An account with no equity left is closed out entirely, whatever the keeper asked.
        uint256 q = m.equity <= 0 || maxPerpSizeWad >= absSize ? absSize : maxPerpSizeWad;
        if (q == 0 && absSize != 0) revert NothingToLiquidate(account);
        int256 closedOpenNotional;
        if (q != 0) {
            l.perpClosedWad = size > 0 ? int256(q) : -int256(q);
            (closedOpenNotional, l.cash) = _perpClose(size, openNotional, l.perpClosedWad, l.priceX18);
            if (q != absSize && int256(collateralBefore) + l.cash < 0) {
                // Rounding dust could make a partial close overdraw: close everything instead (MARGIN_INV_B).
                q = absSize;
                l.perpClosedWad = size;
                (closedOpenNotional, l.cash) = _perpClose(size, openNotional, size, l.priceX18);
            }
            a.perpSizeWad = int128(size - l.perpClosedWad);
            a.perpOpenNotionalWad = int128(openNotional - closedOpenNotional);
            _updateOpenInterest(size, size - l.perpClosedWad);
            l.notionalWad = q * l.priceX18 / WAD;
        }
        bool closeAll = q == absSize;
        if (closeAll && a.options.length != 0) {
            // Bought back at the marks the health check just deducted from equity.
            l.optionsClosed = _deleteOptions(a);
            l.notionalWad += optionValueWad;
            l.cash -= int256(MarginMath.divUp(optionValueWad, _scale));
        }
        _settleLiquidation(a, l, p, collateralBefore);
        if (l.keeperReward != 0) collateralToken.safeTransfer(msg.sender, l.keeperReward);
        _emitLiquidated(account, l);
        return l.keeperReward;
    }

    // ───────────────────────────── pools and owner ─────────────────────────────

    /// @inheritdoc IMarginEngine
    function fundHouse(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        _housePool = (uint256(_housePool) + amount).toUint128();
        emit HouseFunded(msg.sender, amount);
    }

    /// @inheritdoc IMarginEngine
    function fundInsurance(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        _insuranceFund = (uint256(_insuranceFund) + amount).toUint128();
        emit InsuranceFunded(msg.sender, amount);
    }

    /// @inheritdoc IMarginEngine
    function absorbSurplus() external nonReentrant {
        uint256 balance = IERC20Metadata(collateralToken).balanceOf(address(this));
        uint256 accounted = _accounted();
        if (balance <= accounted) return;
        uint256 surplus = balance - accounted;
        _insuranceFund = (uint256(_insuranceFund) + surplus).toUint128();
        emit SurplusAbsorbed(surplus);
    }

    /// @inheritdoc IMarginEngine
    function withdrawHouse(address to, uint256 amount) external onlyOwner nonReentrant {
        uint256 h = _housePool;
        if (amount > h) revert HousePoolInsufficient(h, amount);
        unchecked {
            _housePool = uint128(h - amount);
        }
        collateralToken.safeTransfer(to, amount);
        emit HouseWithdrawn(to, amount);
    }

    /// @inheritdoc IMarginEngine
    function setRiskParams(RiskParams calldata params) external onlyOwner {
        _setRiskParams(params);
    }

    /// @inheritdoc IMarginEngine
    function listSeries(bool isCall, uint256 strikeX18, uint256 expiry) external onlyOwner returns (uint256 seriesId) {
        seriesId = _series.length;
        if (
            strikeX18 < BlackScholes.MIN_PRICE_WAD || strikeX18 > BlackScholes.MAX_PRICE_WAD || expiry <= block.timestamp
                || expiry - block.timestamp > BlackScholes.MAX_EXPIRY_SEC || seriesId > type(uint32).max
        ) revert InvalidSeries(strikeX18, expiry, block.timestamp);
        _series.push(Series(uint128(strikeX18), uint64(expiry), isCall));
        emit SeriesListed(seriesId, isCall, strikeX18, expiry);
    }

    // ───────────────────────────── views ─────────────────────────────

    /// @inheritdoc IMarginEngine
    function riskParams() external view returns (RiskParams memory) {
        return _params;
    }

    /// @inheritdoc IMarginEngine
    function series(uint256 seriesId) external view returns (Series memory) {
        return _getSeries(seriesId);
    }

    /// @inheritdoc IMarginEngine
    function seriesCount() external view returns (uint256) {
        return _series.length;
    }

    /// @inheritdoc IMarginEngine
    function accountOf(address account) external view returns (AccountView memory v) {
        Account storage a = _accounts[account];
        v.collateral = a.collateral;
        v.perpSizeWad = a.perpSizeWad;
        v.perpOpenNotionalWad = a.perpOpenNotionalWad;
        if (v.perpSizeWad != 0) {
            v.perpEntryPriceX18 = MarginMath.abs(v.perpOpenNotionalWad) * WAD / MarginMath.abs(v.perpSizeWad);
        }
        v.options = a.options;
        v.badDebt = a.badDebt;
    }

    /// @inheritdoc IMarginEngine
    function margin(address account) public view returns (Margin memory m) {
        Account storage a = _accounts[account];
        if (!_hasPositions(a)) return Margin(int256(uint256(a.collateral)), 0, 0);
        (uint256 roundId, uint256 spot,) = IPriceOracle(oracle).latestRound();
        if (roundId == 0) revert NoOraclePrice();
        m = _marginOf(a, spot, _params);
    }

    /// @inheritdoc IMarginEngine
    function equity(address account) external view returns (int256) {
        return margin(account).equity;
    }

    /// @inheritdoc IMarginEngine
    function maintenanceRequirement(address account) external view returns (uint256) {
        return margin(account).maintenance;
    }

    /// @inheritdoc IMarginEngine
    function initialRequirement(address account) external view returns (uint256) {
        return margin(account).initial;
    }

    /// @inheritdoc IMarginEngine
    function isLiquidatable(address account) external view returns (bool) {
        Account storage a = _accounts[account];
        if (!_hasPositions(a)) return false;
        RiskParams memory p = _params;
        (uint256 roundId, uint256 spot, uint256 updatedAt) = IPriceOracle(oracle).latestRound();
        if (roundId == 0 || block.timestamp - updatedAt > p.maxOracleAgeSec) return false;
        Margin memory m = _marginOf(a, spot, p);
        return m.equity < int256(m.maintenance);
    }

    /// @inheritdoc IMarginEngine
    function totals() external view returns (Totals memory t) {
        t.totalCollateral = _totalCollateral;
        t.insuranceFund = _insuranceFund;
        t.housePool = _housePool;
        t.badDebt = _badDebt;
        t.badDebtUncovered = _badDebtUncovered;
        t.badDebtCovered = t.badDebt - t.badDebtUncovered;
        t.longOpenInterestWad = _longOpenInterest;
        t.shortOpenInterestWad = _shortOpenInterest;
        t.optionOpenInterestWad = _optionOpenInterest;
    }

    /// @inheritdoc IMarginEngine
    function checkInvariants(address[] calldata accounts) external view returns (uint256 violations) {
        if (IERC20Metadata(collateralToken).balanceOf(address(this)) != _accounted()) violations |= MARGIN_INV_A;
        uint256 collateral;
        uint256 badDebt;
        uint256 longs;
        uint256 shorts;
        uint256 options;
        for (uint256 i; i < accounts.length; ++i) {
            Account storage a = _accounts[accounts[i]];
            collateral += a.collateral;
            badDebt += a.badDebt;
            int256 size = a.perpSizeWad;
            if (size > 0) longs += uint256(size);
            else shorts += uint256(-size);
            uint256 n = a.options.length;
            for (uint256 j; j < n; ++j) {
                options += a.options[j].sizeWad;
            }
        }
        if (badDebt != _badDebt || _badDebtUncovered > _badDebt) violations |= MARGIN_INV_B;
        if (
            collateral != _totalCollateral || longs != _longOpenInterest || shorts != _shortOpenInterest
                || options != _optionOpenInterest
        ) violations |= MARGIN_INV_C;
    }

    // ───────────────────────────── internals ─────────────────────────────

    /// @dev Equity and requirements in token units: equity rounded down, requirements up.
    function _marginOf(Account storage a, uint256 spot, RiskParams memory p) private view returns (Margin memory m) {
        (m,) = _marginAndOptionValue(a, spot, p);
    }

    /// @dev `_marginOf` plus Σ ⌈n·V(S)⌉ (quote WAD), the options' buy-back value at the mark.
    function _marginAndOptionValue(Account storage a, uint256 spot, RiskParams memory p)
        private
        view
        returns (Margin memory m, uint256 optionValueWad)
    {
        int256 equityWad;
        uint256 mmWad;
        uint256 imWad;
        (equityWad, mmWad, imWad, optionValueWad) = _assess(a, spot, p);
        m.equity = MarginMath.divFloor(equityWad, _scale);
        m.maintenance = MarginMath.divUp(mmWad, _scale);
        m.initial = MarginMath.divUp(imWad, _scale);
    }

    /// @dev Quote-WAD equity, maintenance, initial requirement and option value Σ ⌈n·V(S)⌉ at `spot`:
    ///   equity = collateral + ⌊size·S⌋ − openNotional − Σ ⌈n·V(S)⌉
    ///   MM     = ⌈mm·⌈|size|·S⌉⌉ + Σ ⌈n·V(S·(1 ± shock))⌉            (+ for calls, − for puts)
    ///   IM     = MM + ⌈(im − mm)·(⌈|size|·S⌉ + Σ ⌈n·S⌉)⌉
    function _assess(Account storage a, uint256 spot, RiskParams memory p)
        private
        view
        returns (int256 equityWad, uint256 mmWad, uint256 imWad, uint256 optionValueWad)
    {
        equityWad = int256(uint256(a.collateral) * _scale);
        int256 size = a.perpSizeWad;
        uint256 notionalWad;
        if (size != 0) {
            equityWad += MarginMath.divFloor(size * int256(spot), WAD) - a.perpOpenNotionalWad;
            notionalWad = MarginMath.divUp(MarginMath.abs(size) * spot, WAD);
            mmWad = MarginMath.divUp(notionalWad * p.mmRatioWad, WAD);
        }
        uint256 n = a.options.length;
        for (uint256 i; i < n; ++i) {
            OptionPosition memory o = a.options[i];
            (uint256 mark, uint256 shocked) = _optionValues(_series[o.seriesId], spot, p);
            optionValueWad += MarginMath.divUp(o.sizeWad * mark, WAD);
            mmWad += MarginMath.divUp(o.sizeWad * shocked, WAD);
            notionalWad += MarginMath.divUp(o.sizeWad * spot, WAD);
        }
        equityWad -= int256(optionValueWad);
        imWad = mmWad + MarginMath.divUp(notionalWad * (p.imRatioWad - p.mmRatioWad), WAD);
    }

    /// @dev Per-unit mark and shocked liability of a series. After expiry: intrinsic at the settlement price once
    /// fixed (no shock: the liability is known), intrinsic at spot before that.
    function _optionValues(Series memory s, uint256 spot, RiskParams memory p)
        private
        view
        returns (uint256 mark, uint256 shocked)
    {
        uint256 tau = s.expiry > block.timestamp ? s.expiry - block.timestamp : 0;
        if (tau == 0) {
            uint256 fixedPrice = settlementPrice[s.expiry];
            if (fixedPrice != 0) {
                mark = MarginMath.intrinsic(s.isCall, fixedPrice, s.strikeX18);
                return (mark, mark);
            }
        }
        mark = MarginMath.optionValue(s.isCall, spot, s.strikeX18, p.volWad, tau);
        // Calls are shocked up (rounded up), puts down (rounded down): both conservative.
        uint256 shockedSpot =
            s.isCall ? MarginMath.divUp(spot * (WAD + p.shockWad), WAD) : spot * (WAD - p.shockWad) / WAD;
        shocked = MarginMath.optionValue(s.isCall, shockedSpot, s.strikeX18, p.volWad, tau);
        if (shocked < mark) shocked = mark;
    }

    /// @dev Cost basis released and realised P&L (token units, rounded down) of closing `closing` (same sign as
    /// `size`, |closing| ≤ |size|) at `spot`. The released basis is pro rata, exact when closing everything.
    function _perpClose(int256 size, int256 openNotional, int256 closing, uint256 spot)
        private
        view
        returns (int256 closedOpenNotional, int256 cash)
    {
        closedOpenNotional = closing == size ? openNotional : openNotional * closing / size;
        cash = MarginMath.divFloor(MarginMath.divFloor(closing * int256(spot), WAD) - closedOpenNotional, _scale);
    }

    /// @dev Removes every option position of the account; returns how many there were.
    function _deleteOptions(Account storage a) private returns (uint256 count) {
        count = a.options.length;
        uint256 sizes;
        for (uint256 i; i < count; ++i) {
            sizes += a.options[i].sizeWad;
        }
        delete a.options;
        _optionOpenInterest -= uint128(sizes);
    }

    /// @dev The cash waterfall of a liquidation: closed P&L and buy-backs (`l.cash`) settle with the house first;
    /// the penalty is taken from what is left; a negative remainder is bad debt (insurance fund, then uncovered).
    function _settleLiquidation(Account storage a, Liquidation memory l, RiskParams memory p, uint256 collateralBefore)
        private
    {
        int256 left = int256(collateralBefore) + l.cash;
        int256 houseDelta = -l.cash;
        if (left >= 0) {
            uint256 due = MarginMath.divUp(l.notionalWad * p.penaltyWad, WAD * _scale);
            l.penalty = due < uint256(left) ? due : uint256(left);
            l.keeperReward = l.penalty * p.keeperShareWad / WAD;
            l.insurance = l.penalty - l.keeperReward;
            l.collateralAfter = uint256(left) - l.penalty;
            if (l.insurance != 0) _insuranceFund = (uint256(_insuranceFund) + l.insurance).toUint128();
        } else {
            // Only a full close-out gets here: a partial close that would overdraw was widened to one.
            l.badDebt = uint256(-left);
            uint256 fund = _insuranceFund;
            l.covered = fund < l.badDebt ? fund : l.badDebt;
            uint256 uncovered = l.badDebt - l.covered;
            _insuranceFund = uint128(fund - l.covered);
            houseDelta -= int256(uncovered);
            _badDebt = (uint256(_badDebt) + l.badDebt).toUint128();
            _badDebtUncovered += uint128(uncovered);
            a.badDebt = (uint256(a.badDebt) + l.badDebt).toUint128();
        }
        a.collateral = uint128(l.collateralAfter);
        _totalCollateral = uint128(_totalCollateral - collateralBefore + l.collateralAfter);
        _moveHouse(houseDelta);
    }

    function _emitLiquidated(address account, Liquidation memory l) private {
        emit Liquidated(
            account,
            msg.sender,
            l.roundId,
            l.priceX18,
            l.perpClosedWad,
            l.optionsClosed,
            l.notionalWad / _scale,
            l.penalty,
            l.keeperReward,
            l.insurance,
            l.badDebt,
            l.collateralAfter
        );
        if (l.badDebt != 0) emit BadDebtRecorded(account, l.badDebt, l.covered, l.badDebt - l.covered);
    }

    /// @dev Adds a signed amount to the house pool, reverting when it cannot pay.
    function _moveHouse(int256 delta) private {
        uint256 h = _housePool;
        if (delta < 0) {
            uint256 out = uint256(-delta);
            if (out > h) revert HousePoolInsufficient(h, out);
            unchecked {
                _housePool = uint128(h - out);
            }
        } else if (delta > 0) {
            _housePool = (h + uint256(delta)).toUint128();
        }
    }

    /// @dev House pool → account collateral.
    function _payAccount(Account storage a, uint256 amount) private {
        _moveHouse(-int256(amount));
        _totalCollateral = (uint256(_totalCollateral) + amount).toUint128();
        unchecked {
            a.collateral += uint128(amount);
        }
    }

    /// @dev Account collateral → house pool; the collateral must cover it.
    function _chargeAccount(address account, Account storage a, uint256 amount) private {
        uint256 c = a.collateral;
        if (amount > c) revert InsufficientCollateral(account, c, amount);
        unchecked {
            a.collateral = uint128(c - amount);
            _totalCollateral -= uint128(amount);
        }
        _moveHouse(int256(amount));
    }

    function _requireInitial(address account, Account storage a, uint256 spot, RiskParams memory p) private view {
        Margin memory m = _marginOf(a, spot, p);
        if (m.equity < int256(m.initial)) revert InsufficientMargin(account, m.equity, m.initial);
    }

    function _freshPrice(uint256 maxAgeSec) private view returns (uint256 roundId, uint256 priceX18) {
        uint256 updatedAt;
        (roundId, priceX18, updatedAt) = IPriceOracle(oracle).latestRound();
        if (roundId == 0) revert NoOraclePrice();
        if (block.timestamp - updatedAt > maxAgeSec) revert StaleOraclePrice(updatedAt, maxAgeSec, block.timestamp);
    }

    /// @dev The expiry's settlement price, fixed on first use by the oracle's rule (the first round stamped at or
    /// after expiry, `IPriceOracle.settlementRound`; the vault uses the same rule), so neither who settles first
    /// nor when can choose it. Once fixed, `roundId` is ignored.
    function _fixSettlementPrice(uint256 expiry, uint256 roundId) private returns (uint256 priceX18) {
        priceX18 = settlementPrice[expiry];
        if (priceX18 != 0) return priceX18;
        (priceX18,) = IPriceOracle(oracle).settlementRound(expiry, roundId);
        settlementPrice[expiry] = priceX18;
        emit SettlementPriceFixed(expiry, priceX18, roundId);
    }

    function _reduceOption(Account storage a, address account, uint256 seriesId, uint256 sizeWad) private {
        (uint256 i, uint256 n) = _findOption(a, seriesId);
        uint256 held = i < n ? a.options[i].sizeWad : 0;
        if (held < sizeWad) revert InsufficientOptionPosition(account, seriesId, held, sizeWad);
        if (held == sizeWad) {
            if (i != n - 1) a.options[i] = a.options[n - 1];
            a.options.pop();
        } else {
            a.options[i].sizeWad = uint128(held - sizeWad);
        }
        _optionOpenInterest -= uint128(sizeWad);
    }

    /// @dev Index of the account's position in `seriesId`, or n (the count) when it holds none.
    function _findOption(Account storage a, uint256 seriesId) private view returns (uint256 i, uint256 n) {
        n = a.options.length;
        for (; i < n; ++i) {
            if (a.options[i].seriesId == seriesId) break;
        }
    }

    function _updateOpenInterest(int256 before, int256 after_) private {
        if (before > 0) _longOpenInterest -= uint128(uint256(before));
        else if (before < 0) _shortOpenInterest -= uint128(uint256(-before));
        if (after_ > 0) _longOpenInterest = (uint256(_longOpenInterest) + uint256(after_)).toUint128();
        else if (after_ < 0) _shortOpenInterest = (uint256(_shortOpenInterest) + uint256(-after_)).toUint128();
    }

    function _getSeries(uint256 seriesId) private view returns (Series memory) {
        if (seriesId >= _series.length) revert UnknownSeries(seriesId, _series.length);
        return _series[seriesId];
    }

    function _liveSeries(uint256 seriesId) private view returns (Series memory s) {
        s = _getSeries(seriesId);
        if (block.timestamp >= s.expiry) revert SeriesExpired(seriesId, s.expiry, block.timestamp);
    }

    function _hasPositions(Account storage a) private view returns (bool) {
        return a.perpSizeWad != 0 || a.options.length != 0;
    }

    function _accounted() private view returns (uint256) {
        return uint256(_totalCollateral) + _insuranceFund + _housePool;
    }

    function _setRiskParams(RiskParams memory p) private {
        if (
            p.mmRatioWad == 0 || p.mmRatioWad > p.imRatioWad || p.imRatioWad > WAD || p.penaltyWad > p.mmRatioWad
                || p.keeperShareWad > WAD || p.shockWad >= WAD || p.volWad < BlackScholes.MIN_VOL_WAD
                || p.volWad > BlackScholes.MAX_VOL_WAD || p.maxOracleAgeSec == 0
        ) revert InvalidRiskParams(p);
        _params = p;
        emit RiskParamsSet(p);
    }
}
