// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IMarginEngine
/// @notice Cross-margined accounts holding stablecoin collateral, one oracle-priced perpetual position on the
/// underlying and up to `MAX_OPTION_POSITIONS` short option positions on listed European series.
///
/// Counterparty: every trade is made at the oracle price against the engine's house pool, which pays realised
/// profits and option premiums and receives realised losses, option buy-backs and settlements. There is no
/// funding rate and no trading fee. Liquidation is permissionless below maintenance margin and pays a penalty
/// (a fraction of the closed notional) split between the keeper and the insurance fund; a deficit is bad debt,
/// covered by the insurance fund first and otherwise recorded as uncovered (absorbed by the house pool).
///
/// Units: cash amounts (collateral, premiums, P&L, penalties, bad debt, margin requirements) are raw units of
/// the collateral token; sizes are WAD units of the underlying (`sizeWad`, 1e18 = one unit); prices are quote per
/// unit of underlying with 18 decimals (`priceX18`, as the oracle); ratios are WAD (`imRatioWad`, 1e18 = 100 %).
/// Margin formulas and invariants: docs/margin-engine.md.
interface IMarginEngine {
    /// @notice Risk parameters, set at construction and by the owner.
    /// @param imRatioWad initial margin per unit of perp notional; IM adds (im − mm) × option underlying notional
    /// @param mmRatioWad maintenance margin per unit of perp notional
    /// @param shockWad relative spot move (up for calls, down for puts) at which short options are margined
    /// @param volWad annualised Black–Scholes volatility that marks every option
    /// @param penaltyWad liquidation penalty per unit of closed notional (≤ mmRatioWad)
    /// @param keeperShareWad part of the collected penalty paid to the keeper; the rest goes to the insurance fund
    /// @param maxOracleAgeSec oldest oracle price accepted by trades, withdrawals and liquidation (settlement uses
    /// the first round at or after expiry, whatever its age)
    struct RiskParams {
        uint64 imRatioWad;
        uint64 mmRatioWad;
        uint64 shockWad;
        uint64 volWad;
        uint64 penaltyWad;
        uint64 keeperShareWad;
        uint64 maxOracleAgeSec;
    }

    /// @notice A listed option series (cash-settled European option, rate 0).
    struct Series {
        uint128 strikeX18;
        uint64 expiry;
        bool isCall;
    }

    /// @notice One short option position of an account.
    struct OptionPosition {
        uint32 seriesId;
        uint128 sizeWad;
    }

    /// @notice What `accountOf` reports.
    /// @param collateral collateral balance (token units)
    /// @param perpSizeWad signed perp size: > 0 long, < 0 short
    /// @param perpOpenNotionalWad signed cost basis in quote WAD (Σ size × entry price); P&L = size × spot − this
    /// @param perpEntryPriceX18 average entry price, |openNotional| / |size| (0 when flat)
    /// @param options short option positions
    /// @param badDebt bad debt this account has created over its life (token units)
    struct AccountView {
        uint256 collateral;
        int256 perpSizeWad;
        int256 perpOpenNotionalWad;
        uint256 perpEntryPriceX18;
        OptionPosition[] options;
        uint256 badDebt;
    }

    /// @notice Margin of one account at a spot price, in token units (equity rounded down, requirements up).
    struct Margin {
        int256 equity;
        uint256 maintenance;
        uint256 initial;
    }

    /// @notice Engine-wide totals.
    /// @param totalCollateral Σ account collateral (token units)
    /// @param insuranceFund insurance fund balance (token units)
    /// @param housePool counterparty pool balance (token units)
    /// @param badDebt bad debt ever created (token units)
    /// @param badDebtCovered part of `badDebt` the insurance fund paid
    /// @param badDebtUncovered part of `badDebt` nobody paid (the house pool absorbed the loss)
    /// @param longOpenInterestWad Σ long perp sizes
    /// @param shortOpenInterestWad Σ |short perp sizes|
    /// @param optionOpenInterestWad Σ short option sizes
    struct Totals {
        uint256 totalCollateral;
        uint256 insuranceFund;
        uint256 housePool;
        uint256 badDebt;
        uint256 badDebtCovered;
        uint256 badDebtUncovered;
        uint256 longOpenInterestWad;
        uint256 shortOpenInterestWad;
        uint256 optionOpenInterestWad;
    }

    /// @notice Collateral moved from the account's wallet into the engine.
    event Deposited(address indexed account, uint256 amount);
    /// @notice Collateral moved from the engine to the account's wallet.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The account traded its perp at the oracle price.
    /// @param sizeDeltaWad signed size traded (> 0 bought)
    /// @param newSizeWad signed size after the trade
    /// @param realisedPnl P&L of the reduced part, credited to (or debited from) collateral (token units)
    event PerpTraded(
        address indexed account, int256 sizeDeltaWad, uint256 priceX18, uint256 roundId, int256 newSizeWad, int256 realisedPnl
    );
    /// @notice The account wrote options and was credited the premium at the mark.
    event OptionWritten(address indexed account, uint256 indexed seriesId, uint256 sizeWad, uint256 premium, uint256 priceX18);
    /// @notice The account bought back options at the mark.
    event OptionClosed(address indexed account, uint256 indexed seriesId, uint256 sizeWad, uint256 cost, uint256 priceX18);
    /// @notice An expired position was settled in cash at its series' settlement price.
    event OptionSettled(
        address indexed account, uint256 indexed seriesId, uint256 sizeWad, uint256 settlementPriceX18, uint256 payoff
    );
    /// @notice The settlement price of an expiry was fixed (the oracle's first round at or after expiry).
    event SettlementPriceFixed(uint256 indexed expiry, uint256 priceX18, uint256 roundId);
    /// @notice The owner listed an option series.
    event SeriesListed(uint256 indexed seriesId, bool isCall, uint256 strikeX18, uint256 expiry);
    /// @notice The risk parameters changed.
    event RiskParamsSet(RiskParams params);
    /// @notice Tokens were added to the house pool.
    event HouseFunded(address indexed from, uint256 amount);
    /// @notice The owner took tokens out of the house pool.
    event HouseWithdrawn(address indexed to, uint256 amount);
    /// @notice Tokens were added to the insurance fund.
    event InsuranceFunded(address indexed from, uint256 amount);
    /// @notice Tokens sent to the engine outside its entry points were moved into the insurance fund.
    event SurplusAbsorbed(uint256 amount);
    /// @notice An account was liquidated at the oracle price.
    /// @param perpSizeClosedWad signed perp size closed (> 0: a long was sold)
    /// @param optionsClosed number of option positions bought back
    /// @param closedNotional |perp size closed| × price + buy-back value of the options (token units, rounded down)
    /// @param penalty penalty collected: keeperReward + insuranceContribution (the due penalty capped at what is left)
    /// @param badDebt deficit created (0 unless the account's collateral ran out)
    /// @param collateralAfter collateral left to the account
    event Liquidated(
        address indexed account,
        address indexed keeper,
        uint256 roundId,
        uint256 priceX18,
        int256 perpSizeClosedWad,
        uint256 optionsClosed,
        uint256 closedNotional,
        uint256 penalty,
        uint256 keeperReward,
        uint256 insuranceContribution,
        uint256 badDebt,
        uint256 collateralAfter
    );
    /// @notice A liquidation left a deficit: `coveredByInsurance + uncovered == amount`.
    event BadDebtRecorded(address indexed account, uint256 amount, uint256 coveredByInsurance, uint256 uncovered);

    /// @notice The collateral token has more than 18 decimals.
    error UnsupportedDecimals(uint8 decimals);
    /// @notice Risk parameters out of range (see `setRiskParams`).
    error InvalidRiskParams(RiskParams params);
    /// @notice A zero amount or size.
    error ZeroAmount();
    /// @notice A size above `MAX_SIZE_WAD`.
    error SizeTooLarge(uint256 sizeWad, uint256 maxSizeWad);
    /// @notice The account's collateral cannot pay `required`.
    error InsufficientCollateral(address account, uint256 available, uint256 required);
    /// @notice The operation would leave equity below the initial margin requirement.
    error InsufficientMargin(address account, int256 equity, uint256 initialRequirement);
    /// @notice The oracle price is older than `maxOracleAgeSec`.
    error StaleOraclePrice(uint256 updatedAt, uint256 maxAgeSec, uint256 nowSec);
    /// @notice The oracle has never been pushed.
    error NoOraclePrice();
    /// @notice Liquidation of an account whose equity covers its maintenance requirement.
    error AccountHealthy(address account, int256 equity, uint256 maintenanceRequirement);
    /// @notice A liquidation that would close nothing (`maxPerpSizeWad` of 0 against an open perp).
    error NothingToLiquidate(address account);
    /// @notice The series id was never listed.
    error UnknownSeries(uint256 seriesId, uint256 seriesCount);
    /// @notice The series has expired (writing and buying back stop at expiry).
    error SeriesExpired(uint256 seriesId, uint256 expiry, uint256 nowSec);
    /// @notice The series has not expired yet (settlement starts at expiry).
    error SeriesNotExpired(uint256 seriesId, uint256 expiry, uint256 nowSec);
    /// @notice The account holds less of the series than asked (`held` is 0 when it holds none).
    error InsufficientOptionPosition(address account, uint256 seriesId, uint256 held, uint256 requested);
    /// @notice The account holds no position in the series.
    error NoOptionPosition(address account, uint256 seriesId);
    /// @notice The account already holds `max` option positions.
    error TooManyOptionPositions(address account, uint256 max);
    /// @notice A strike or expiry outside the listable range.
    error InvalidSeries(uint256 strikeX18, uint256 expiry, uint256 nowSec);
    /// @notice The house pool cannot pay `required`.
    error HousePoolInsufficient(uint256 available, uint256 required);
    /// @notice A state-changing entry point was re-entered.
    error Reentrancy();

    // ───────────────────────────── accounts ─────────────────────────────

    /// @notice Pulls `amount` collateral from the caller's wallet into the caller's account.
    function deposit(uint256 amount) external;

    /// @notice Sends `amount` collateral to the caller; the account must keep equity ≥ initial margin.
    /// @dev Needs a fresh oracle price only while the account holds positions.
    function withdraw(uint256 amount) external;

    /// @notice Buys (`sizeDeltaWad` > 0) or sells perp exposure at the oracle price.
    /// @dev A trade that increases |size| or flips its sign must leave equity ≥ initial margin; a pure reduction
    /// has no margin check but its realised loss must fit in the collateral (else the account must be liquidated).
    /// @return realisedPnl P&L of the reduced part (token units, rounded down)
    function tradePerp(int256 sizeDeltaWad) external returns (int256 realisedPnl);

    /// @notice Writes (sells) `sizeWad` options of a listed, unexpired series; the premium at the mark is credited.
    /// @dev Must leave equity ≥ initial margin.
    /// @return premium credited (token units, rounded down)
    function writeOption(uint256 seriesId, uint256 sizeWad) external returns (uint256 premium);

    /// @notice Buys back `sizeWad` of the caller's short options at the mark, before expiry.
    /// @return cost debited (token units, rounded up)
    function closeOption(uint256 seriesId, uint256 sizeWad) external returns (uint256 cost);

    /// @notice Settles an expired position in cash at the series' settlement price; permissionless.
    /// @dev The first settlement of an expiry fixes its price by the oracle's rule, the same as the options
    /// vault's: the price of the first round stamped at or after expiry (`IPriceOracle.settlementRound`), named
    /// by `roundId` and verified by the oracle (`NotFirstRoundAtOrAfter` / `RoundNotFound` otherwise). Later
    /// settlements of that expiry reuse the fixed price and ignore `roundId`; settling late changes nothing.
    /// @return payoff debited from the account (token units, rounded up)
    function settleOption(address account, uint256 seriesId, uint256 roundId) external returns (uint256 payoff);

    /// @notice Liquidates an account whose equity is below maintenance, at a fresh oracle price; permissionless.
    /// @dev Closes min(|perp size|, maxPerpSizeWad) of the perp. When that is the whole perp, the account's
    /// equity is ≤ 0, or the partial close's loss would exceed the collateral (rounding dust), everything is
    /// closed: the whole perp and every option (bought back at the mark). The
    /// penalty, penaltyWad × closed notional (rounded up), is capped at the collateral left after the closed
    /// P&L; the keeper receives keeperShareWad of it in its wallet and the insurance fund the rest. A negative
    /// balance is bad debt: the insurance fund covers what it can, the remainder is recorded as uncovered.
    /// @return keeperReward tokens sent to the caller
    function liquidate(address account, uint256 maxPerpSizeWad) external returns (uint256 keeperReward);

    // ───────────────────────────── pools and owner ─────────────────────────────

    /// @notice Adds `amount` from the caller's wallet to the house pool.
    function fundHouse(uint256 amount) external;

    /// @notice Adds `amount` from the caller's wallet to the insurance fund.
    function fundInsurance(uint256 amount) external;

    /// @notice Moves tokens sent to the engine outside its entry points into the insurance fund (restores MARGIN_INV_A).
    function absorbSurplus() external;

    /// @notice Sends `amount` of the house pool to `to`; owner only.
    function withdrawHouse(address to, uint256 amount) external;

    /// @notice Replaces the risk parameters; owner only.
    /// @dev Requires 0 < mm ≤ im ≤ 1e18, penalty ≤ mm, keeperShare ≤ 1e18, shock < 1e18, 0.1 % ≤ vol ≤ 1000 %, maxOracleAgeSec > 0.
    function setRiskParams(RiskParams calldata params) external;

    /// @notice Lists an option series; owner only. Strike in [1e-12, 1e18] quote units, now < expiry ≤ now + 10 years.
    /// @return seriesId index of the new series
    function listSeries(bool isCall, uint256 strikeX18, uint256 expiry) external returns (uint256 seriesId);

    // ───────────────────────────── views ─────────────────────────────

    /// @notice The collateral token.
    function collateralToken() external view returns (address);
    /// @notice The price oracle.
    function oracle() external view returns (address);
    /// @notice The current risk parameters.
    function riskParams() external view returns (RiskParams memory);
    /// @notice A listed series (reverts `UnknownSeries`).
    function series(uint256 seriesId) external view returns (Series memory);
    /// @notice Number of listed series.
    function seriesCount() external view returns (uint256);
    /// @notice Settlement price fixed for an expiry (0 while not fixed).
    function settlementPrice(uint256 expiry) external view returns (uint256 priceX18);
    /// @notice Collateral, positions and bad debt of an account.
    function accountOf(address account) external view returns (AccountView memory);
    /// @notice Equity and requirements at the latest oracle price, whatever its age.
    function margin(address account) external view returns (Margin memory);
    /// @notice Collateral + perp P&L − option marks at the latest oracle price (token units, rounded down).
    function equity(address account) external view returns (int256);
    /// @notice Maintenance requirement at the latest oracle price (token units, rounded up).
    function maintenanceRequirement(address account) external view returns (uint256);
    /// @notice Initial requirement at the latest oracle price (token units, rounded up).
    function initialRequirement(address account) external view returns (uint256);
    /// @notice True when `liquidate` would accept the account now: the price is fresh and equity < maintenance.
    function isLiquidatable(address account) external view returns (bool);
    /// @notice Engine-wide totals.
    function totals() external view returns (Totals memory);
    /// @notice Bit mask of violated invariants (0 = all hold): 1 MARGIN_INV_A, 2 MARGIN_INV_B, 4 MARGIN_INV_C.
    /// @dev `accounts` must list every account that ever held collateral or positions, each once (the simulator's
    /// agents); MARGIN_INV_A does not depend on it. Definitions in docs/margin-engine.md.
    function checkInvariants(address[] calldata accounts) external view returns (uint256 violations);
}
