// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice A push oracle: authorised updaters write the price; consumers read it with a staleness bound, and
/// expiring contracts settle from its round history by one rule (`settlementRound`).
/// @dev Round ids start at 1 and grow by one per push. Every round is kept (as a Chainlink aggregator keeps
/// `getRoundData`), so a settlement price can be proven from history however late `settle` is called.
interface IPriceOracle {
    /// @notice Emitted on every push.
    /// @param roundId increments by one per push, starting at 1
    /// @param priceX18 quote per base, 18 decimals
    /// @param updatedAt block timestamp of the push
    event PriceUpdated(uint256 indexed roundId, uint256 priceX18, uint256 updatedAt);
    /// @notice Emitted when the owner grants or revokes an updater.
    event UpdaterSet(address indexed updater, bool allowed);

    /// @notice The caller may not push prices.
    error NotUpdater(address caller);
    /// @notice A price of zero was pushed.
    error ZeroPrice();
    /// @notice A pushed price does not fit the stored 128 bits.
    error PriceTooLarge(uint256 priceX18, uint256 maxPriceX18);
    /// @notice The latest price is older than the consumer allows.
    error StalePrice(uint256 updatedAt, uint256 maxAgeSec, uint256 nowSec);
    /// @notice Nothing was ever pushed.
    error NoPrice();
    /// @notice No round has this id (ids run from 1 to the latest).
    error RoundNotFound(uint256 roundId, uint256 latestRoundId);
    /// @notice The named round is not the first one stamped at or after `timestamp`: either it is stamped
    /// before it (`updatedAt` < `timestamp`), or the round before it already is at or after it
    /// (`previousUpdatedAt` ≥ `timestamp`; 0 for round 1).
    error NotFirstRoundAtOrAfter(uint256 roundId, uint256 updatedAt, uint256 previousUpdatedAt, uint256 timestamp);

    /// @notice Writes a new round (quote per base, 18 decimals, at most 2^128 − 1) stamped with the block time.
    function push(uint256 priceX18) external;

    /// @notice Grants or revokes the right to push; owner only.
    function setUpdater(address updater, bool allowed) external;

    /// @notice The latest round, with no staleness check (all zero before the first push).
    function latestRound() external view returns (uint256 roundId, uint256 priceX18, uint256 updatedAt);

    /// @notice One past round; reverts with `RoundNotFound` for 0 or an id above the latest.
    function getRound(uint256 roundId) external view returns (uint256 priceX18, uint256 updatedAt);

    /// @notice The latest price, reverting with `StalePrice` when older than `maxAgeSec`.
    function priceNoOlderThan(uint256 maxAgeSec) external view returns (uint256 priceX18);

    /// @notice The settlement rule shared by every contract that settles at a time `timestamp` (an expiry):
    /// the price of the FIRST round stamped at or after `timestamp`. The caller names the round
    /// (`roundId`, found off-chain from `PriceUpdated` events) and this checks it: round.updatedAt ≥
    /// timestamp > previous round's updatedAt. Rounds never change once pushed, so the answer for a
    /// timestamp is final as soon as its round exists: when a settlement is called cannot change its price.
    /// @dev Reverts with `RoundNotFound` or `NotFirstRoundAtOrAfter` (carrying both timestamps).
    function settlementRound(uint256 timestamp, uint256 roundId) external view returns (uint256 priceX18, uint256 updatedAt);
}
