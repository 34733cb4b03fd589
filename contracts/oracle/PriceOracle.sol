// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title PriceOracle
/// @notice Push oracle in the style of a Chainlink feed: one round per push, every round kept, consumers bound
/// staleness, and settlements prove "the first round at or after expiry" from the history.
/// @dev Storage per push, the least an exact history allows: the latest round (id, time, price) stays in one
/// slot so consumers read the price with one SLOAD, and the round is appended to `_rounds` (one new slot,
/// time and price packed). A ring buffer of recycled slots would make the append ~5k instead of ~22k gas but
/// forgets old rounds, so a late settlement could no longer be checked; packing two rounds per slot would
/// need prices below 2^96, under BlackScholes' 1e36 range. See docs/options-vault.md ("Settlement").
contract PriceOracle is IPriceOracle, Ownable {
    struct Latest {
        uint64 roundId;
        uint64 updatedAt;
        uint128 priceX18;
    }

    struct Round {
        uint64 updatedAt;
        uint128 priceX18;
    }

    Latest private _latest;
    mapping(uint256 roundId => Round) private _rounds;
    mapping(address => bool) public isUpdater;

    constructor(address initialUpdater) Ownable(msg.sender) {
        isUpdater[initialUpdater] = true;
        emit UpdaterSet(initialUpdater, true);
    }

    /// @inheritdoc IPriceOracle
    function push(uint256 priceX18) external {
        if (!isUpdater[msg.sender]) revert NotUpdater(msg.sender);
        if (priceX18 == 0) revert ZeroPrice();
        if (priceX18 > type(uint128).max) revert PriceTooLarge(priceX18, type(uint128).max);
        uint64 roundId = _latest.roundId + 1;
        uint64 nowSec = uint64(block.timestamp);
        _latest = Latest(roundId, nowSec, uint128(priceX18));
        _rounds[roundId] = Round(nowSec, uint128(priceX18));
        emit PriceUpdated(roundId, priceX18, block.timestamp);
    }

    /// @inheritdoc IPriceOracle
    function setUpdater(address updater, bool allowed) external onlyOwner {
        isUpdater[updater] = allowed;
        emit UpdaterSet(updater, allowed);
    }

    /// @inheritdoc IPriceOracle
    function latestRound() external view returns (uint256, uint256, uint256) {
        Latest memory r = _latest;
        return (r.roundId, r.priceX18, r.updatedAt);
    }

    /// @inheritdoc IPriceOracle
    function getRound(uint256 roundId) external view returns (uint256, uint256) {
        Round memory r = _round(roundId);
        return (r.priceX18, r.updatedAt);
    }

    /// @inheritdoc IPriceOracle
    function priceNoOlderThan(uint256 maxAgeSec) external view returns (uint256) {
        Latest memory r = _latest;
        if (r.roundId == 0) revert NoPrice();
        if (block.timestamp - r.updatedAt > maxAgeSec) revert StalePrice(r.updatedAt, maxAgeSec, block.timestamp);
        return r.priceX18;
    }

    /// @inheritdoc IPriceOracle
    function settlementRound(uint256 timestamp, uint256 roundId) external view returns (uint256, uint256) {
        Round memory r = _round(roundId);
        // Round 1 has no predecessor: its "previous" time is 0, before any timestamp a consumer can list.
        uint256 previousUpdatedAt = roundId > 1 ? _rounds[roundId - 1].updatedAt : 0;
        if (r.updatedAt < timestamp || previousUpdatedAt >= timestamp) {
            revert NotFirstRoundAtOrAfter(roundId, r.updatedAt, previousUpdatedAt, timestamp);
        }
        return (r.priceX18, r.updatedAt);
    }

    function _round(uint256 roundId) private view returns (Round memory r) {
        uint256 latestId = _latest.roundId;
        if (roundId == 0 || roundId > latestId) revert RoundNotFound(roundId, latestId);
        return _rounds[roundId];
    }
}
