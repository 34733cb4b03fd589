// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPriceOracle
/// @notice A push oracle: authorised updaters write the price; consumers read it with a staleness bound.
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
    /// @notice The latest price is older than the consumer allows.
    error StalePrice(uint256 updatedAt, uint256 maxAgeSec, uint256 nowSec);
    /// @notice Nothing was ever pushed.
    error NoPrice();

    /// @notice Writes a new price (quote per base, 18 decimals) stamped with the block time.
    function push(uint256 priceX18) external;

    /// @notice Grants or revokes the right to push; owner only.
    function setUpdater(address updater, bool allowed) external;

    /// @notice The latest round, with no staleness check.
    function latestRound() external view returns (uint256 roundId, uint256 priceX18, uint256 updatedAt);

    /// @notice The latest price, reverting with `StalePrice` when older than `maxAgeSec`.
    function priceNoOlderThan(uint256 maxAgeSec) external view returns (uint256 priceX18);
}
