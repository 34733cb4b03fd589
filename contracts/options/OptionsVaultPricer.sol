// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {FixedPointMathLib as M} from "solady/src/utils/FixedPointMathLib.sol";
import {IOptionsVault} from "../interfaces/IOptionsVault.sol";
import {BlackScholes} from "../libraries/BlackScholes.sol";
import {OptionsVaultMath} from "./OptionsVaultMath.sol";

/// @title OptionsVaultPricer
/// @notice Stateless Black–Scholes sweep over the vault's live series: marks, VAULT_INV_A values and the traded
/// series' Greeks. Deployed by the OptionsVault constructor and called with STATICCALL.
/// @dev A separate contract rather than internal code only because the vault with the pricer inlined exceeds the
/// 24,576-byte EIP-170 limit at 10,000 optimizer runs; one call costs ≈ 2.6k gas (cold account) plus calldata.
contract OptionsVaultPricer {
    /// @notice What the sweep needs of one series.
    struct Terms {
        uint256 strikeWad;
        uint256 expiry;
        bool isCall;
        uint256 openInterest;
    }

    /// @notice Per-unit values of one series at one spot (WAD). Expired series: intrinsic values, no vol or Greeks.
    /// @param markWad Black–Scholes value at the skewed vol
    /// @param shockedWad value at the VAULT_INV_A shock: spot·(1 ± shockSpot), vol + shockVol
    /// @param deltaWad delta of one long unit
    /// @param vegaWad vega of one long unit (per 1.00 of vol); filled only when asked for
    struct Unit {
        uint256 volWad;
        uint256 markWad;
        uint256 shockedWad;
        int256 deltaWad;
        uint256 vegaWad;
    }

    /// @dev The inputs shared by every series of one sweep.
    struct Context {
        uint256 spotWad;
        uint256 nowSec;
        IOptionsVault.PricingParams p;
        IOptionsVault.MarketParams m;
        bool withShock;
    }

    /// @notice Σ openInterest × mark and Σ openInterest × shocked value (quote WAD, each term rounded up), and
    /// the unit values with Greeks of `series[tradedIndex]` (none when tradedIndex ≥ series.length).
    /// @param withShock false skips the shocked values (one Black–Scholes price per series) when the caller
    /// needs only marks (sells, deposits); shockedWad is then 0
    function sweep(
        Terms[] calldata series,
        uint256 tradedIndex,
        uint256 spotWad,
        uint256 nowSec,
        IOptionsVault.PricingParams calldata p,
        IOptionsVault.MarketParams calldata m,
        bool withShock
    ) external pure returns (uint256 markWad, uint256 shockedWad, Unit memory traded) {
        Context memory ctx = Context(spotWad, nowSec, p, m, withShock);
        for (uint256 i; i < series.length; ++i) {
            Unit memory u = _unit(series[i], ctx, i == tradedIndex);
            if (i == tradedIndex) traded = u;
            markWad += M.mulWadUp(series[i].openInterest, u.markWad);
            shockedWad += M.mulWadUp(series[i].openInterest, u.shockedWad);
        }
    }

    /// @notice Vol, mark, delta and vega of one unit (no shocked value: `shockedWad` is 0), for Greek refreshes.
    function greeks(
        Terms calldata s,
        uint256 spotWad,
        uint256 nowSec,
        IOptionsVault.PricingParams calldata p,
        IOptionsVault.MarketParams calldata m
    ) external pure returns (Unit memory) {
        return _unit(s, Context(spotWad, nowSec, p, m, false), true);
    }

    function _unit(Terms calldata s, Context memory x, bool withGreeks) private pure returns (Unit memory u) {
        uint256 shockedSpotWad = OptionsVaultMath.shockedSpot(s.isCall, x.spotWad, x.m.shockSpotWad);
        if (x.nowSec >= s.expiry) {
            u.markWad = OptionsVaultMath.intrinsic(s.isCall, x.spotWad, s.strikeWad);
            u.shockedWad = OptionsVaultMath.intrinsic(s.isCall, shockedSpotWad, s.strikeWad);
            return u;
        }
        uint256 timeSec = s.expiry - x.nowSec;
        u.volWad = OptionsVaultMath.skewedVol(s.strikeWad, x.spotWad, x.p);
        (u.markWad, u.deltaWad) =
            BlackScholes.priceAndDelta(s.isCall, x.spotWad, s.strikeWad, u.volWad, timeSec, x.m.rateWad);
        if (withGreeks) u.vegaWad = BlackScholes.vega(x.spotWad, s.strikeWad, u.volWad, timeSec, x.m.rateWad);
        if (!x.withShock) return u;
        if (x.m.shockSpotWad == 0 && x.m.shockVolWad == 0) {
            u.shockedWad = u.markWad;
        } else {
            // Sticky strike: the shocked vol is this strike's vol now plus the shock.
            uint256 shockedVolWad = M.min(u.volWad + x.m.shockVolWad, BlackScholes.MAX_VOL_WAD);
            (u.shockedWad,) =
                BlackScholes.priceAndDelta(s.isCall, shockedSpotWad, s.strikeWad, shockedVolWad, timeSec, x.m.rateWad);
        }
    }
}
