// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IConstantProductPool
/// @notice An x·y = k spot pool between a base token (the underlying) and a quote token (the stablecoin).
/// The swap fee stays in the reserves, as in Uniswap v2, so LPs earn it through k growing.
interface IConstantProductPool {
    /// @notice Emitted on every swap, with the reserves after it (so readers need no extra call).
    /// @param sender who paid `amountIn`
    /// @param recipient who received `amountOut`
    /// @param baseIn true when the base token was sold into the pool
    /// @param amountIn raw units paid in, fee included
    /// @param amountOut raw units paid out
    /// @param feeAmount raw units of the input token kept as fee
    /// @param reserveBase base reserve after the swap
    /// @param reserveQuote quote reserve after the swap
    event Swap(
        address indexed sender,
        address indexed recipient,
        bool baseIn,
        uint256 amountIn,
        uint256 amountOut,
        uint256 feeAmount,
        uint256 reserveBase,
        uint256 reserveQuote
    );

    /// @notice Emitted when liquidity is added.
    event LiquidityAdded(address indexed provider, uint256 baseAmount, uint256 quoteAmount);

    /// @notice The output would be below the caller's minimum (the price moved against them).
    error InsufficientOutput(uint256 amountOut, uint256 minAmountOut);
    /// @notice A swap of zero, or one that would pay out nothing.
    error ZeroAmount();
    /// @notice The fee must be below 100 %.
    error FeeTooHigh(uint256 feeBps);
    /// @notice Reserves must fit in 128 bits.
    error ReserveOverflow(uint256 reserve);

    /// @notice Sells `amountIn` of one token for the other, paying at least `minAmountOut` to `recipient`.
    /// @dev Pulls `amountIn` from the caller with transferFrom; output rounds down (in the pool's favour).
    /// @return amountOut raw units of the output token sent to `recipient`
    function swap(bool baseIn, uint256 amountIn, uint256 minAmountOut, address recipient)
        external
        returns (uint256 amountOut);

    /// @notice Adds liquidity at any ratio (the first deposit sets the price); owner only.
    function addLiquidity(uint256 baseAmount, uint256 quoteAmount) external;

    /// @notice Output of selling `amountIn` now, rounded down as `swap` does.
    function quoteSwap(bool baseIn, uint256 amountIn) external view returns (uint256 amountOut);

    /// @notice Current reserves in raw units.
    function getReserves() external view returns (uint256 reserveBase, uint256 reserveQuote);

    /// @notice Swap fee in basis points of the input amount.
    function feeBps() external view returns (uint256);
}
