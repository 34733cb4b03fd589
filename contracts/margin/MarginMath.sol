// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {BlackScholes} from "../libraries/BlackScholes.sol";

/// @title MarginMath
/// @notice Pure helpers of the margin engine: option values and directed signed rounding.
/// @dev Overflow: callers keep sizes ≤ 1e30 and prices ≤ 2^128, so size × price ≤ 3.5e68 < 2^255.
library MarginMath {
    uint256 internal constant WAD = 1e18;

    /// @notice Value of one option (quote WAD per unit of underlying): Black–Scholes at rate 0 while
    /// `timeToExpirySec` > 0 and the inputs are inside the library's range, intrinsic value otherwise.
    /// @dev Outside the range (spot or moneyness beyond 1e-12…1e18 / 1e-9…1e9) the time value is below a wei
    /// per unit, so intrinsic is the price to that precision; this keeps margin views from ever reverting.
    function optionValue(bool isCall, uint256 spotX18, uint256 strikeX18, uint256 volWad, uint256 timeToExpirySec)
        internal
        pure
        returns (uint256)
    {
        if (timeToExpirySec == 0 || !_inRange(spotX18, strikeX18)) return intrinsic(isCall, spotX18, strikeX18);
        return isCall
            ? BlackScholes.callPrice(spotX18, strikeX18, volWad, timeToExpirySec, 0)
            : BlackScholes.putPrice(spotX18, strikeX18, volWad, timeToExpirySec, 0);
    }

    /// @notice max(S − K, 0) for a call, max(K − S, 0) for a put (exact).
    function intrinsic(bool isCall, uint256 spotX18, uint256 strikeX18) internal pure returns (uint256) {
        unchecked {
            if (isCall) return spotX18 > strikeX18 ? spotX18 - strikeX18 : 0;
            return strikeX18 > spotX18 ? strikeX18 - spotX18 : 0;
        }
    }

    /// @notice x / d rounded toward −∞ (d > 0).
    function divFloor(int256 x, uint256 d) internal pure returns (int256 q) {
        int256 sd = int256(d);
        q = x / sd;
        if (x % sd < 0) --q;
    }

    /// @notice x / d rounded toward +∞ (d > 0).
    function divCeil(int256 x, uint256 d) internal pure returns (int256 q) {
        int256 sd = int256(d);
        q = x / sd;
        if (x % sd > 0) ++q;
    }

    /// @notice x / d rounded up (d > 0).
    function divUp(uint256 x, uint256 d) internal pure returns (uint256) {
        unchecked {
            return x / d + (x % d == 0 ? 0 : 1);
        }
    }

    /// @notice |x| as uint256.
    function abs(int256 x) internal pure returns (uint256) {
        unchecked {
            return x < 0 ? uint256(-x) : uint256(x);
        }
    }

    /// @dev Spot, strike (listing bounds it) and moneyness inside BlackScholes' accepted ranges.
    function _inRange(uint256 spotX18, uint256 strikeX18) private pure returns (bool) {
        unchecked {
            if (spotX18 - BlackScholes.MIN_PRICE_WAD > BlackScholes.MAX_PRICE_WAD - BlackScholes.MIN_PRICE_WAD) {
                return false;
            }
            uint256 moneyness = spotX18 * WAD / strikeX18; // spot ≤ 1e36, strike ≥ 1e6
            return moneyness - BlackScholes.MIN_MONEYNESS_WAD
                <= BlackScholes.MAX_MONEYNESS_WAD - BlackScholes.MIN_MONEYNESS_WAD;
        }
    }
}
