// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {FixedPointMathLib as M} from "solady/src/utils/FixedPointMathLib.sol";
import {IOptionsVault} from "../interfaces/IOptionsVault.sol";

/// @title OptionsVaultMath
/// @notice The vault's pricing rules that are not Black–Scholes itself: the vol skew, the trade fee, payoffs
/// and the VAULT_INV_A shock. All WAD (1e18) fixed point, quote units per unit of underlying.
library OptionsVaultMath {
    uint256 internal constant WAD = 1e18;

    /// @notice What the fee of one trade depends on (all WAD; money in quote units, not asset units).
    /// @param markUnitWad Black–Scholes value of one unit at the skewed vol
    /// @param deltaBeforeWad vault net delta before the trade (traded series re-marked), underlying units
    /// @param deltaAfterWad vault net delta after the trade
    /// @param vegaBeforeWad vault net vega before the trade (traded series re-marked), quote per 1.00 vol
    /// @param vegaAfterWad vault net vega after the trade
    /// @param navWad cash − mark-to-market liability before the trade
    /// @param cashWad cash before the trade
    /// @param lockedAfterWad shocked liability (VAULT_INV_A) after the trade
    struct FeeInputs {
        uint256 amountWad;
        uint256 spotWad;
        uint256 markUnitWad;
        int256 deltaBeforeWad;
        int256 deltaAfterWad;
        int256 vegaBeforeWad;
        int256 vegaAfterWad;
        uint256 navWad;
        uint256 cashWad;
        uint256 lockedAfterWad;
    }

    /// @notice vol = baseVol × clamp(1 + skewSlope·ln(K/S), minSkew, maxSkew) (WAD); each step rounds toward zero.
    /// @dev K·1e18 ≤ 1e54 (strikes are listed ≤ 1e36) and the ratio is ≥ 1, so lnWad is defined; |ln| ≤ 125e18 and
    /// |slope| < 9.3e18, so the product cannot overflow.
    function skewedVol(uint256 strikeWad, uint256 spotWad, IOptionsVault.PricingParams memory p)
        internal
        pure
        returns (uint256 volWad)
    {
        uint256 ratio = strikeWad * WAD / spotWad;
        int256 multiplier = int256(WAD) + M.sMulWad(p.skewSlopeWad, M.lnWad(int256(M.max(ratio, 1))));
        multiplier = M.clamp(multiplier, int256(uint256(p.minSkewWad)), int256(uint256(p.maxSkewWad)));
        volWad = M.mulWad(p.baseVolWad, uint256(multiplier));
    }

    /// @notice Payoff at expiry per unit: max(S − K, 0) for a call, max(K − S, 0) for a put (WAD, exact).
    function intrinsic(bool isCall, uint256 spotWad, uint256 strikeWad) internal pure returns (uint256) {
        return isCall ? M.zeroFloorSub(spotWad, strikeWad) : M.zeroFloorSub(strikeWad, spotWad);
    }

    /// @notice The VAULT_INV_A spot for a short position: S·(1 + X) for calls, S·(1 − X) for puts; rounds
    /// away from the current spot (conservative).
    function shockedSpot(bool isCall, uint256 spotWad, uint256 shockSpotWad) internal pure returns (uint256) {
        return isCall ? spotWad + M.mulWadUp(spotWad, shockSpotWad) : spotWad - M.mulWadUp(spotWad, shockSpotWad);
    }

    /// @notice Trade fee in quote WAD, rounded up per term:
    /// optionFee·amount·mark + spotFee·amount·S
    /// + deltaFee·S·max(0, |D′| − |D|)·min(1, S·|D′| / NAV)
    /// + vegaFee·max(0, |V′| − |V|)·min(1, L*′ / cash).
    /// @dev Every term is bounded by its coefficient (≤ 1e18) times a notional, so nothing overflows for amounts
    /// and prices below 1e36.
    function tradeFee(IOptionsVault.FeeParams memory p, FeeInputs memory x) internal pure returns (uint256 feeWad) {
        feeWad = M.mulWadUp(p.optionFeeWad, M.mulWadUp(x.amountWad, x.markUnitWad))
            + M.mulWadUp(p.spotFeeWad, M.mulWadUp(x.amountWad, x.spotWad));
        uint256 deltaBefore = M.abs(x.deltaBeforeWad);
        uint256 deltaAfter = M.abs(x.deltaAfterWad);
        if (deltaAfter > deltaBefore && p.deltaFeeWad != 0) {
            uint256 addedNotional = M.mulWadUp(deltaAfter - deltaBefore, x.spotWad);
            uint256 exposure = _ratioCapped(M.mulWadUp(deltaAfter, x.spotWad), x.navWad);
            feeWad += M.mulWadUp(M.mulWadUp(p.deltaFeeWad, addedNotional), exposure);
        }
        uint256 vegaBefore = M.abs(x.vegaBeforeWad);
        uint256 vegaAfter = M.abs(x.vegaAfterWad);
        if (vegaAfter > vegaBefore && p.vegaFeeWad != 0) {
            uint256 utilisation = _ratioCapped(x.lockedAfterWad, x.cashWad);
            feeWad += M.mulWadUp(M.mulWadUp(p.vegaFeeWad, vegaAfter - vegaBefore), utilisation);
        }
    }

    /// @dev min(1, a / b) in WAD, rounded up; 1 when b = 0.
    function _ratioCapped(uint256 a, uint256 b) private pure returns (uint256) {
        if (b == 0 || a >= b) return WAD;
        return M.divWadUp(a, b);
    }
}
