// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IConstantProductPool} from "../interfaces/IConstantProductPool.sol";

/// @title ConstantProductPool
/// @notice x·y = k pool with an input fee kept in reserves. Reserves are tracked in storage (not read from
/// balances) so a stray transfer cannot move the price, and both fit one slot to keep swaps cheap.
contract ConstantProductPool is IConstantProductPool, Ownable {
    using SafeERC20 for IERC20;

    uint256 private constant BPS = 10_000;

    IERC20 public immutable base;
    IERC20 public immutable quote;
    /// @inheritdoc IConstantProductPool
    uint256 public immutable feeBps;

    uint128 private reserveBase;
    uint128 private reserveQuote;

    constructor(IERC20 base_, IERC20 quote_, uint256 feeBps_) Ownable(msg.sender) {
        if (feeBps_ >= BPS) revert FeeTooHigh(feeBps_);
        base = base_;
        quote = quote_;
        feeBps = feeBps_;
    }

    /// @inheritdoc IConstantProductPool
    function swap(bool baseIn, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut)
    {
        if (amountIn == 0) revert ZeroAmount();
        (uint256 rb, uint256 rq) = (reserveBase, reserveQuote);
        amountOut = baseIn ? _amountOut(amountIn, rb, rq) : _amountOut(amountIn, rq, rb);
        if (amountOut == 0) revert ZeroAmount();
        if (amountOut < minAmountOut) revert InsufficientOutput(amountOut, minAmountOut);

        if (baseIn) {
            base.safeTransferFrom(msg.sender, address(this), amountIn);
            quote.safeTransfer(recipient, amountOut);
            (rb, rq) = (rb + amountIn, rq - amountOut);
        } else {
            quote.safeTransferFrom(msg.sender, address(this), amountIn);
            base.safeTransfer(recipient, amountOut);
            (rb, rq) = (rb - amountOut, rq + amountIn);
        }
        _setReserves(rb, rq);
        emit Swap(msg.sender, recipient, baseIn, amountIn, amountOut, (amountIn * feeBps) / BPS, rb, rq);
    }

    /// @inheritdoc IConstantProductPool
    function addLiquidity(uint256 baseAmount, uint256 quoteAmount) external onlyOwner {
        base.safeTransferFrom(msg.sender, address(this), baseAmount);
        quote.safeTransferFrom(msg.sender, address(this), quoteAmount);
        _setReserves(reserveBase + baseAmount, reserveQuote + quoteAmount);
        emit LiquidityAdded(msg.sender, baseAmount, quoteAmount);
    }

    /// @inheritdoc IConstantProductPool
    function quoteSwap(bool baseIn, uint256 amountIn) external view returns (uint256) {
        return baseIn ? _amountOut(amountIn, reserveBase, reserveQuote) : _amountOut(amountIn, reserveQuote, reserveBase);
    }

    /// @inheritdoc IConstantProductPool
    function getReserves() external view returns (uint256, uint256) {
        return (reserveBase, reserveQuote);
    }

    /// @dev out = rOut·a·(1−f) / (rIn + a·(1−f)), computed in bps to stay exact; rounds down. Products fit in
    /// 256 bits because reserves are < 2^128 and amountIn·BPS < 2^128·2^14 for any sane amount.
    function _amountOut(uint256 amountIn, uint256 rIn, uint256 rOut) private view returns (uint256) {
        uint256 inAfterFee = amountIn * (BPS - feeBps);
        return (rOut * inAfterFee) / (rIn * BPS + inAfterFee);
    }

    function _setReserves(uint256 rb, uint256 rq) private {
        if (rb > type(uint128).max) revert ReserveOverflow(rb);
        if (rq > type(uint128).max) revert ReserveOverflow(rq);
        (reserveBase, reserveQuote) = (uint128(rb), uint128(rq));
    }
}
