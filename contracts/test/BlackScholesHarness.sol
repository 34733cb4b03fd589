// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BlackScholes} from "../libraries/BlackScholes.sol";

/// @title BlackScholesHarness
/// @notice Test-only wrapper exposing the internal BlackScholes library, plus gas probes. The yield (q)
/// overloads are exposed as `*WithYield`, so that ethers need no overload signatures.
/// @dev Two ways to measure gas. (1) The `*Gas` functions bracket one internal library call with
/// `gasleft()` and return the difference: what an integrating contract pays, with no calldata, ABI
/// decoding or dispatch (the bracketing itself adds a fixed 7 gas, reported by `emptyGas`).
/// (2) `eth_estimateGas` (or a receipt) of the plain wrappers minus the intrinsic cost (21000 + calldata
/// per EIP-2028: 4 gas per zero byte, 16 per non-zero byte): the whole external call, dispatch included.
contract BlackScholesHarness {
    function callPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.callPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function putPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.putPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function callDelta(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.callDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function putDelta(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (int256)
    {
        return BlackScholes.putDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function priceAndDelta(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad
    ) external pure returns (uint256 priceWad, int256 deltaWad) {
        return BlackScholes.priceAndDelta(isCall, spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function gamma(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.gamma(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function vega(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        pure
        returns (uint256)
    {
        return BlackScholes.vega(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    function callPriceWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256) {
        return BlackScholes.callPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function putPriceWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256) {
        return BlackScholes.putPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function callDeltaWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256) {
        return BlackScholes.callDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function putDeltaWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (int256) {
        return BlackScholes.putDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function priceAndDeltaWithYield(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256 priceWad, int256 deltaWad) {
        return BlackScholes.priceAndDelta(isCall, spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function gammaWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256) {
        return BlackScholes.gamma(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function vegaWithYield(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external pure returns (uint256) {
        return BlackScholes.vega(spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
    }

    function normalCdf(int256 xWad) external pure returns (uint256) {
        return BlackScholes.normalCdf(xWad);
    }

    function normalPdf(int256 xWad) external pure returns (uint256) {
        return BlackScholes.normalPdf(xWad);
    }

    /// @notice Gas of the bracketing alone (two GAS opcodes and the subtraction).
    function emptyGas() external view returns (uint256 gasUsed) {
        uint256 before = gasleft();
        gasUsed = before - gasleft();
    }

    /// @notice Gas of one internal callPrice/putPrice, measured with gasleft().
    function priceGas(bool isCall, uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        view
        returns (uint256 gasUsed, uint256 priceWad)
    {
        uint256 before = gasleft();
        priceWad = isCall
            ? BlackScholes.callPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad)
            : BlackScholes.putPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of one internal callDelta/putDelta, measured with gasleft().
    function deltaGas(bool isCall, uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        external
        view
        returns (uint256 gasUsed, int256 deltaWad)
    {
        uint256 before = gasleft();
        deltaWad = isCall
            ? int256(BlackScholes.callDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad))
            : BlackScholes.putDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of one internal priceAndDelta, measured with gasleft().
    function priceAndDeltaGas(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad
    ) external view returns (uint256 gasUsed, uint256 priceWad, int256 deltaWad) {
        uint256 before = gasleft();
        (priceWad, deltaWad) = BlackScholes.priceAndDelta(isCall, spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        gasUsed = before - gasleft();
    }

    /// @notice Gas of one internal priceAndDelta with a yield q, measured with gasleft().
    function priceAndDeltaWithYieldGas(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) external view returns (uint256 gasUsed, uint256 priceWad, int256 deltaWad) {
        uint256 before = gasleft();
        (priceWad, deltaWad) =
            BlackScholes.priceAndDelta(isCall, spotWad, strikeWad, volWad, timeToExpirySec, rateWad, yieldWad);
        gasUsed = before - gasleft();
    }
}
