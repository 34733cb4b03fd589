// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IOptionsVault
/// @notice An ERC-4626 vault over the stablecoin that is the counterparty (an AMM) for cash-settled European
/// calls and puts on the oracle's underlying. LPs deposit the stablecoin; traders buy options from the vault
/// and sell back what they hold, at Black–Scholes with a skewed implied vol plus a risk-dependent fee.
/// @dev Units. `*Wad` values are 1e18 fixed point: strikes and spot in quote per unit of underlying, vols
/// annualised (0.8e18 = 80 %), option amounts in units of underlying, fractions (1e18 = 100 %). Premiums,
/// fees, payouts, liabilities and collateral are raw units of the stablecoin (`asset()`, e.g. 6 decimals).
/// The vault is always short: traders can only sell back what they bought, so each series' open interest
/// (the traders' total long) is the vault's short position.
///
/// VAULT_INV_A (solvency under a shock): cash ≥ Σ over live series of openInterest × value at the shocked
/// spot and vol, where cash = asset balance − settled payouts not yet claimed, a call's value is taken at
/// spot·(1 + shockSpot) and a put's at spot·(1 − shockSpot), both at the series' skewed vol + shockVol.
/// Buys and LP withdrawals that would break it revert; sells cannot break it (see docs/options-vault.md).
interface IOptionsVault {
    /// @notice Implied vol surface: vol = baseVol × clamp(1 + skewSlope·ln(K/S), minSkew, maxSkew).
    struct PricingParams {
        uint64 baseVolWad;
        int64 skewSlopeWad;
        uint64 minSkewWad;
        uint64 maxSkewWad;
    }

    /// @notice Fee coefficients (see `quote` and docs/options-vault.md for the formula).
    /// @param optionFeeWad fraction of the premium at mid
    /// @param spotFeeWad fraction of the spot notional (amount × spot)
    /// @param deltaFeeWad fraction of the added |net delta| notional, scaled by the vault's delta exposure / NAV
    /// @param vegaFeeWad vol charged on the added |net vega| at full utilisation (0.02e18 = 2 vol points)
    struct FeeParams {
        uint64 optionFeeWad;
        uint64 spotFeeWad;
        uint64 deltaFeeWad;
        uint64 vegaFeeWad;
    }

    /// @notice Rate, oracle freshness and the VAULT_INV_A shock.
    /// @param rateWad risk-free rate used in Black–Scholes (continuously compounded)
    /// @param shockSpotWad relative spot shock X of VAULT_INV_A (0.2e18 = ±20 %); below 1e18
    /// @param shockVolWad absolute vol shock Y of VAULT_INV_A (0.3e18 = +30 vol points)
    /// @param maxOracleAgeSec oldest oracle price accepted for trades, LP flows and Greek refreshes (settlement
    /// has no age bound: it uses the oracle's first round at or after expiry, however late that round came)
    struct MarketParams {
        uint64 rateWad;
        uint64 shockSpotWad;
        uint64 shockVolWad;
        uint32 maxOracleAgeSec;
    }

    /// @notice A listed series and its settlement state.
    /// @param openInterest traders' total long (WAD units); after settlement, the part not yet claimed
    /// @param settlementPriceWad oracle price used at settlement (0 before, or when settled with no open interest)
    /// @param payoutPerUnitWad quote WAD paid per unit of long, max(S − K, 0) or max(K − S, 0) (less any haircut)
    struct SeriesInfo {
        uint256 strikeWad;
        uint256 expiry;
        bool isCall;
        bool settled;
        uint256 openInterest;
        uint256 settlementPriceWad;
        uint256 payoutPerUnitWad;
        int256 deltaPerUnitWad;
        uint256 vegaPerUnitWad;
    }

    /// @notice Everything the simulator reads after a block, in one call (priced at the latest oracle price,
    /// whatever its age).
    /// @param cash asset balance minus settled payouts owed to holders
    /// @param nav cash minus the mark-to-market value of open options (0 if negative): `totalAssets()`
    /// @param markLiability Σ openInterest × Black–Scholes value at the skewed vol, rounded up
    /// @param lockedCollateral Σ openInterest × shocked value (the VAULT_INV_A liability), rounded up
    /// @param utilisationWad lockedCollateral / cash (1e18 = 100 %; may exceed 1e18 once the invariant fails)
    struct VaultState {
        uint256 spotWad;
        uint256 cash;
        uint256 nav;
        uint256 markLiability;
        uint256 lockedCollateral;
        uint256 owedPayouts;
        uint256 badDebt;
        int256 netDeltaWad;
        int256 netVegaWad;
        uint256 utilisationWad;
        uint256 liveSeries;
    }

    /// @notice Emitted when the owner lists a series.
    event SeriesListed(uint256 indexed seriesId, uint256 strikeWad, uint256 expiry, bool isCall);
    /// @notice Emitted on every buy and sell, with the vault's (cached) Greeks after it.
    /// @param premium Black–Scholes premium in asset units (rounded up on buys, down on sells)
    /// @param fee fee in asset units (rounded up); the trader paid premium + fee or received premium − fee
    event Traded(
        address indexed trader,
        uint256 indexed seriesId,
        bool isBuy,
        uint256 amountWad,
        uint256 premium,
        uint256 fee,
        uint256 volWad,
        uint256 spotWad,
        int256 netDeltaWad,
        int256 netVegaWad
    );
    /// @notice Emitted once per series at settlement.
    /// @param totalPayout asset units reserved for holders
    /// @param shortfall asset units holders are owed but the vault could not cover (added to `badDebt`)
    event Settled(
        uint256 indexed seriesId, uint256 settlementPriceWad, uint256 payoutPerUnitWad, uint256 totalPayout, uint256 shortfall
    );
    /// @notice Emitted when a holder claims a settled position.
    event PayoutClaimed(uint256 indexed seriesId, address indexed holder, uint256 amountWad, uint256 payout);
    /// @notice Emitted by `refreshGreeks`, with the re-marked aggregates.
    event GreeksRefreshed(int256 netDeltaWad, int256 netVegaWad);
    /// @notice Emitted when the owner sets the vol surface.
    event PricingParamsSet(PricingParams params);
    /// @notice Emitted when the owner sets the fee coefficients.
    event FeeParamsSet(FeeParams params);
    /// @notice Emitted when the owner sets rate, oracle ages and shocks.
    event MarketParamsSet(MarketParams params);

    /// @notice No series has this id.
    error UnknownSeries(uint256 seriesId);
    /// @notice The series has expired: it can no longer be traded, only settled.
    error SeriesExpired(uint256 seriesId, uint256 expiry, uint256 nowSec);
    /// @notice `settle` was called before the expiry.
    error SeriesNotExpired(uint256 seriesId, uint256 expiry, uint256 nowSec);
    /// @notice The series was settled already.
    error SeriesAlreadySettled(uint256 seriesId);
    /// @notice A payout was claimed before the series was settled.
    error SeriesNotSettled(uint256 seriesId);
    /// @notice The same (strike, expiry, type) is listed already.
    error SeriesExists(uint256 seriesId);
    /// @notice Listing would exceed the number of live (unsettled) series, or the id space.
    error TooManySeries(uint256 live, uint256 maxLive, uint256 nextId, uint256 maxId);
    /// @notice The strike is outside what the pricer accepts.
    error InvalidStrike(uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice The expiry is not in the future or too far out.
    error InvalidExpiry(uint256 expiry, uint256 nowSec, uint256 maxExpiry);
    /// @notice A trade of zero units.
    error ZeroAmount();
    /// @notice The trade arrived after its deadline.
    error DeadlineExpired(uint256 deadline, uint256 nowSec);
    /// @notice A buy would cost more (premium + fee) than the trader's limit.
    error CostAboveLimit(uint256 cost, uint256 maxCost);
    /// @notice A sell would pay less (premium − fee) than the trader's limit.
    error ProceedsBelowLimit(uint256 proceeds, uint256 minProceeds);
    /// @notice The trader sells more than it holds.
    error InsufficientPosition(uint256 seriesId, uint256 held, uint256 amountWad);
    /// @notice The buy would break VAULT_INV_A: cash after the trade below the shocked liability after it.
    error Undercollateralised(uint256 cashAfter, uint256 shockedLiabilityAfter);
    /// @notice The withdrawal exceeds the cash not locked by VAULT_INV_A.
    error WithdrawExceedsFreeCollateral(uint256 assets, uint256 freeAssets, uint256 lockedAssets);
    /// @notice The caller holds nothing in this settled series.
    error NothingToClaim(uint256 seriesId, address holder);
    /// @notice A parameter is outside [min, max].
    error ParameterOutOfRange(bytes32 name, uint256 value, uint256 min, uint256 max);

    // ───────────────────────────── owner ─────────────────────────────

    /// @notice Lists a cash-settled European option; owner only.
    /// @param strikeWad strike, quote per unit of underlying
    /// @param expiry unix time at which it expires; in the future, at most 10 years out
    /// @return seriesId 1, 2, 3, … in listing order
    function addSeries(uint256 strikeWad, uint256 expiry, bool isCall) external returns (uint256 seriesId);

    /// @notice Sets the vol surface; owner only. baseVol × minSkew ≥ 0.1 % and baseVol × maxSkew ≤ 1000 %.
    function setPricingParams(PricingParams calldata params) external;

    /// @notice Sets the fee coefficients; owner only. Each ≤ 1e18.
    function setFeeParams(FeeParams calldata params) external;

    /// @notice Sets rate, oracle ages and shocks; owner only.
    function setMarketParams(MarketParams calldata params) external;

    // ───────────────────────────── traders ─────────────────────────────

    /// @notice Buys `amountWad` units of a series from the vault, paying premium + fee.
    /// @dev Reverts with the oracle's `StalePrice` when its price is older than `maxOracleAgeSec`.
    /// @param maxCost most the trader pays, asset units
    /// @param deadline latest block timestamp at which the trade may execute
    /// @return cost premium + fee paid, asset units
    function buy(uint256 seriesId, uint256 amountWad, uint256 maxCost, uint256 deadline)
        external
        returns (uint256 cost);

    /// @notice Sells `amountWad` units the caller holds back to the vault, receiving premium − fee (floored at 0).
    /// @param minProceeds least the trader accepts, asset units
    /// @param deadline latest block timestamp at which the trade may execute
    /// @return proceeds premium − fee received, asset units
    function sell(uint256 seriesId, uint256 amountWad, uint256 minProceeds, uint256 deadline)
        external
        returns (uint256 proceeds);

    /// @notice Settles an expired series; anyone may call, at any time from its expiry on.
    /// @dev The settlement price is fixed by rule: the price of the oracle's first round stamped at or after
    /// the expiry (`IPriceOracle.settlementRound`), which the caller names with `roundId` and the oracle
    /// verifies (reverting with `NotFirstRoundAtOrAfter` or `RoundNotFound` otherwise). Settling late, after
    /// further pushes, gives the same price. A series with no open interest settles without a price (`roundId`
    /// is ignored). If the payout exceeds the cash, holders are paid pro rata and the rest is bad debt.
    /// @param roundId the oracle round with updatedAt ≥ expiry whose predecessor has updatedAt < expiry
    function settle(uint256 seriesId, uint256 roundId) external;

    /// @notice Pays the caller's whole position in a settled series, payoutPerUnit × amount (rounded down).
    /// @return payout asset units paid
    function claimPayout(uint256 seriesId) external returns (uint256 payout);

    /// @notice Re-marks the cached per-unit delta and vega of the given live series at the current spot
    /// (expired or settled ones are skipped); anyone may call.
    function refreshGreeks(uint256[] calldata seriesIds) external;

    // ───────────────────────────── views ─────────────────────────────

    /// @notice What a trade of `amountWad` would pay or cost now (same code path as `buy`/`sell`).
    /// @return premium Black–Scholes value × amount, asset units (up for buys, down for sells)
    /// @return fee asset units, rounded up
    /// @return volWad skewed implied vol used
    /// @return spotWad oracle spot used
    function quote(uint256 seriesId, bool isBuy, uint256 amountWad)
        external
        view
        returns (uint256 premium, uint256 fee, uint256 volWad, uint256 spotWad);

    /// @notice VAULT_INV_A at the latest oracle price (whatever its age): holds iff cash ≥ shockedLiability.
    function checkInvariants() external view returns (bool vaultInvA, uint256 cash, uint256 shockedLiability);

    /// @notice The vault's state at the latest oracle price; see `VaultState`.
    function vaultState() external view returns (VaultState memory);

    /// @notice Vault net delta in units of underlying (WAD): −Σ openInterest × cached delta per unit.
    function netDelta() external view returns (int256);

    /// @notice Vault net vega, quote per 1.00 of vol (WAD): −Σ openInterest × cached vega per unit; ≤ 0.
    function netVega() external view returns (int256);

    /// @notice lockedCollateral / cash in WAD, at the latest oracle price.
    function utilisation() external view returns (uint256);

    /// @notice Σ openInterest × shocked value (the VAULT_INV_A liability), asset units, at the latest oracle price.
    function lockedCollateral() external view returns (uint256);

    /// @notice Number of series ever listed (ids run from 1 to this).
    function seriesCount() external view returns (uint256);

    /// @notice Ids of the listed series that are not settled yet (at most `MAX_LIVE_SERIES`), in no set order.
    function liveSeries() external view returns (uint256[] memory);

    /// @notice One series' terms, settlement state and cached Greeks.
    function getSeries(uint256 seriesId) external view returns (SeriesInfo memory);

    /// @notice Units of a series held long by `account`.
    function positionOf(uint256 seriesId, address account) external view returns (uint256);

    /// @notice Settled payouts not yet claimed, asset units (excluded from cash).
    function owedPayouts() external view returns (uint256);

    /// @notice Payouts holders were owed at settlement but the vault could not cover, asset units.
    function badDebt() external view returns (uint256);

    /// @notice The vol surface parameters.
    function pricingParams() external view returns (PricingParams memory);

    /// @notice The fee coefficients.
    function feeParams() external view returns (FeeParams memory);

    /// @notice Rate, oracle ages and shocks.
    function marketParams() external view returns (MarketParams memory);
}
