// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";

/// @title PriceOracle
/// @notice Push oracle in the style of a Chainlink feed: one round per push, consumers bound staleness.
/// Round id, price and timestamp share one slot so a push is a single SSTORE.
contract PriceOracle is IPriceOracle, Ownable {
    struct Round {
        uint64 roundId;
        uint64 updatedAt;
        uint128 priceX18;
    }

    Round private _latest;
    mapping(address => bool) public isUpdater;

    constructor(address initialUpdater) Ownable(msg.sender) {
        isUpdater[initialUpdater] = true;
        emit UpdaterSet(initialUpdater, true);
    }

    /// @inheritdoc IPriceOracle
    function push(uint256 priceX18) external {
        if (!isUpdater[msg.sender]) revert NotUpdater(msg.sender);
        if (priceX18 == 0) revert ZeroPrice();
        uint64 roundId = _latest.roundId + 1;
        _latest = Round(roundId, uint64(block.timestamp), uint128(priceX18));
        emit PriceUpdated(roundId, priceX18, block.timestamp);
    }

    /// @inheritdoc IPriceOracle
    function setUpdater(address updater, bool allowed) external onlyOwner {
        isUpdater[updater] = allowed;
        emit UpdaterSet(updater, allowed);
    }

    /// @inheritdoc IPriceOracle
    function latestRound() external view returns (uint256, uint256, uint256) {
        Round memory r = _latest;
        return (r.roundId, r.priceX18, r.updatedAt);
    }

    /// @inheritdoc IPriceOracle
    function priceNoOlderThan(uint256 maxAgeSec) external view returns (uint256) {
        Round memory r = _latest;
        if (r.roundId == 0) revert NoPrice();
        if (block.timestamp - r.updatedAt > maxAgeSec) revert StalePrice(r.updatedAt, maxAgeSec, block.timestamp);
        return r.priceX18;
    }
}
