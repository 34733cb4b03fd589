// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @title BlackScholes
/// @notice Black–Scholes–Merton prices and Greeks of European options, in 1e18 fixed point, on an asset that
/// pays a continuous dividend or borrow yield q (the overloads with a trailing yieldWad; the others take q = 0).
/// @dev Inputs: spotWad and strikeWad (quote per unit of underlying), volWad (annualised σ), timeToExpirySec
/// (a year is 365 days), rateWad (continuously compounded, ≥ 0) and yieldWad (continuous yield q, ≥ 0).
/// A yield enters only through the prepaid forward S·e^{−qT}: BSM with q is Black–Scholes with q = 0 on that
/// spot (same d1, d2 and price), its delta is e^{−qT}·N(d1) and its gamma e^{−qT}·φ(d1)/(S·σ√T). So the
/// q = 0 functions are the whole algorithm and their gas and results do not depend on the yield overloads. ln, exp and sqrt are solady's
/// FixedPointMathLib (lnWad, expWad: Remco Bloemen's rational approximations; sqrt: integer sqrt, rounds down).
/// The normal CDF is W. J. Cody's erfc (Math. Comp. 23, 1969, 631–638; the netlib CALERF coefficients,
/// ≥ 18 significant digits), evaluated in WAD, so N(x) carries an absolute error of a few 1e-18.
/// Measured against a double-precision pricer over S/K 0.5–2, σ 5–300 %, T 1 h–2 y: price error / max(price,
/// 1e-9·S) ≤ 1.7e-9 (docs/black-scholes.md). Every intermediate rounds toward zero; prices are then clamped
/// into their no-arbitrage band, so results are accurate to a few wei + ~1e-17·spot but not directionally rounded.
/// Overflow: the input bounds keep every product below 1e60 (spot·1e18 ≤ 1e54, vol²·t ≤ 3.2e46, |d1| ≤ 3e27 WAD,
/// and squares of |d| are only taken below 9.2e18).
library BlackScholes {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant SECONDS_PER_YEAR = 365 days;
    uint256 internal constant MIN_PRICE_WAD = 1e6; // 1e-12 quote units
    uint256 internal constant MAX_PRICE_WAD = 1e36; // 1e18 quote units
    uint256 internal constant MIN_MONEYNESS_WAD = 1e9; // S/K ≥ 1e-9
    uint256 internal constant MAX_MONEYNESS_WAD = 1e27; // S/K ≤ 1e9
    uint256 internal constant MIN_VOL_WAD = 1e15; // 0.1 %
    uint256 internal constant MAX_VOL_WAD = 10e18; // 1000 %
    uint256 internal constant MIN_EXPIRY_SEC = 1;
    uint256 internal constant MAX_EXPIRY_SEC = 10 * 365 days;
    uint256 internal constant MAX_RATE_WAD = 1e18; // 100 % a year
    uint256 internal constant MAX_YIELD_WAD = 1e18; // 100 % a year

    // W. J. Cody's erf/erfc coefficients (netlib specfun CALERF), × 1e18. erf on [0, 0.46875]: A/B;
    // erfc on (0.46875, 4]: C/D; erfc on (4, ∞): P/Q in 1/y². Published bound: ≥ 18 significant digits.
    uint256 private constant A0 = 3.16112374387056560e18;
    uint256 private constant A1 = 1.13864154151050156e20;
    uint256 private constant A2 = 3.77485237685302021e20;
    uint256 private constant A3 = 3.20937758913846947e21;
    uint256 private constant A4 = 1.85777706184603153e17;
    uint256 private constant B0 = 2.36012909523441209e19;
    uint256 private constant B1 = 2.44024637934444173e20;
    uint256 private constant B2 = 1.28261652607737228e21;
    uint256 private constant B3 = 2.84423683343917062e21;
    uint256 private constant C0 = 5.64188496988670089e17;
    uint256 private constant C1 = 8.88314979438837594e18;
    uint256 private constant C2 = 6.61191906371416295e19;
    uint256 private constant C3 = 2.98635138197400131e20;
    uint256 private constant C4 = 8.81952221241769090e20;
    uint256 private constant C5 = 1.71204761263407058e21;
    uint256 private constant C6 = 2.05107837782607147e21;
    uint256 private constant C7 = 1.23033935479799725e21;
    uint256 private constant C8 = 21531153547; // 2.15311535474403846e-8 × 1e18, rounded
    uint256 private constant D0 = 1.57449261107098347e19;
    uint256 private constant D1 = 1.17693950891312499e20;
    uint256 private constant D2 = 5.37181101862009858e20;
    uint256 private constant D3 = 1.62138957456669019e21;
    uint256 private constant D4 = 3.29079923573345963e21;
    uint256 private constant D5 = 4.36261909014324716e21;
    uint256 private constant D6 = 3.43936767414372164e21;
    uint256 private constant D7 = 1.23033935480374942e21;
    uint256 private constant P0 = 3.05326634961232344e17;
    uint256 private constant P1 = 3.60344899949804439e17;
    uint256 private constant P2 = 1.25781726111229246e17;
    uint256 private constant P3 = 16083785148742277; // 1.60837851487422766e-2 × 1e18, rounded
    uint256 private constant P4 = 658749161529838; // 6.58749161529837803e-4 × 1e18, rounded
    uint256 private constant P5 = 16315387137302098; // 1.63153871373020978e-2 × 1e18, rounded
    uint256 private constant Q0 = 2.56852019228982242e18;
    uint256 private constant Q1 = 1.87295284992346047e18;
    uint256 private constant Q2 = 5.27905102951428412e17;
    uint256 private constant Q3 = 60518341312441319; // 6.05183413124413191e-2 × 1e18, rounded
    uint256 private constant Q4 = 2335204976268692; // 2.33520497626869185e-3 × 1e18, rounded
    uint256 private constant WAD_SQUARED = 1e36;
    uint256 private constant TWO_WAD = 2e18;
    uint256 private constant INV_SQRT2 = 707106781186547524; // 1/√2
    uint256 private constant INV_SQRT_PI = 564189583547756287; // 1/√π
    uint256 private constant INV_SQRT_2PI = 398942280401432678; // 1/√(2π)
    // |x| = 0.46875·√2: below it Cody's erf branch applies and no exp(−x²/2) is needed.
    uint256 private constant ERF_LIMIT = 662912607362388304;
    // Beyond |x| = 6.25·√2 the tail 0.5·erfc(|x|/√2) is below 0.5e-18 and rounds to 0.
    uint256 private constant CDF_CUTOFF = 8.838834764831844055e18;
    uint256 private constant EXP_SPAN = CDF_CUTOFF - (ERF_LIMIT + 1);
    // Beyond |x| = 9.2, exp(−x²/2) < 5e-19.
    uint256 private constant PDF_CUTOFF = 9.2e18;

    /// @notice The spot price is zero or outside [min, max]
    error BlackScholesSpotOutOfRange(uint256 spotWad, uint256 minWad, uint256 maxWad);
    /// @notice The strike is zero or outside [min, max]
    error BlackScholesStrikeOutOfRange(uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice Spot / strike (WAD) is outside [min, max]
    error BlackScholesMoneynessOutOfRange(uint256 spotWad, uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice The annualised volatility is outside [min, max]
    error BlackScholesVolOutOfRange(uint256 volWad, uint256 minWad, uint256 maxWad);
    /// @notice The time to expiry is outside [min, max] seconds (an expired option settles at intrinsic)
    error BlackScholesExpiryOutOfRange(uint256 timeToExpirySec, uint256 minSec, uint256 maxSec);
    /// @notice The interest rate is above max
    error BlackScholesRateOutOfRange(uint256 rateWad, uint256 maxWad);
    /// @notice The continuous dividend/borrow yield is above max
    error BlackScholesYieldOutOfRange(uint256 yieldWad, uint256 maxWad);

    /// @notice Call price in quote units (WAD); steps round toward zero, result clamped to [max(S − K·e^{−rT}, 0), S].
    function callPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 priceWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        uint256 kd = _discountedStrike(strikeWad, rateWad, timeToExpirySec);
        (uint256 n1, uint256 n2) = _cdfPair(d1, d1 - int256(sigmaSqrtT), spotWad, kd);
        priceWad = _call(spotWad, kd, n1, n2);
    }

    /// @notice Put price in quote units (WAD); steps round toward zero, result clamped to [max(K·e^{−rT} − S, 0), K·e^{−rT}].
    function putPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 priceWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        uint256 kd = _discountedStrike(strikeWad, rateWad, timeToExpirySec);
        (uint256 n1, uint256 n2) = _cdfPair(d1, d1 - int256(sigmaSqrtT), spotWad, kd);
        unchecked {
            priceWad = _put(spotWad, kd, WAD - n1, WAD - n2); // N(−d) = 1 − N(d) exactly in integers
        }
    }

    /// @notice Call delta N(d1) in [0, 1e18] (WAD); N is accurate to a few wei, not directionally rounded.
    function callDelta(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 deltaWad)
    {
        (int256 d1,) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        deltaWad = normalCdf(d1);
    }

    /// @notice Put delta −N(−d1) in [−1e18, 0] (WAD); N is accurate to a few wei, not directionally rounded.
    function putDelta(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (int256 deltaWad)
    {
        (int256 d1,) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        deltaWad = -int256(normalCdf(-d1));
    }

    /// @notice Price (WAD, as callPrice/putPrice) and delta (WAD, as callDelta/putDelta) from one d1: the hot path.
    function priceAndDelta(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad
    ) internal pure returns (uint256 priceWad, int256 deltaWad) {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        uint256 kd = _discountedStrike(strikeWad, rateWad, timeToExpirySec);
        (uint256 n1, uint256 n2) = _cdfPair(d1, d1 - int256(sigmaSqrtT), spotWad, kd);
        unchecked {
            if (isCall) {
                priceWad = _call(spotWad, kd, n1, n2);
                deltaWad = int256(n1);
            } else {
                priceWad = _put(spotWad, kd, WAD - n1, WAD - n2); // N(−d) = 1 − N(d) exactly in integers
                deltaWad = int256(n1) - int256(WAD);
            }
        }
    }

    /// @notice Gamma φ(d1)/(S·σ√T), per quote unit of spot (WAD, same for calls and puts); rounds down.
    function gamma(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 gammaWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        // φ ≤ 0.4e18, so φ·1e36 ≤ 4e53; spot·σ√T ≥ 1e6·1.7e11 > 0.
        gammaWad = normalPdf(d1) * 1e36 / (spotWad * sigmaSqrtT);
    }

    /// @notice Vega S·φ(d1)·√T, quote units per 1.00 of vol (WAD; divide by 100 for one vol point); rounds down.
    function vega(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 vegaWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        // √T = σ√T / σ (WAD), computed as one product to keep precision: S·φ·σ√T / (σ·1e18).
        vegaWad = spotWad * normalPdf(d1) / volWad * sigmaSqrtT / WAD;
    }

    /// @notice Call price with yield q: callPrice at the prepaid forward S·e^{−qT} (WAD), clamped to
    /// [max(S·e^{−qT} − K·e^{−rT}, 0), S·e^{−qT}]; the forward rounds down, then as callPrice.
    function callPrice(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 priceWad) {
        if (yieldWad == 0) return callPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad,) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        priceWad = callPrice(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    /// @notice Put price with yield q: putPrice at the prepaid forward S·e^{−qT} (WAD), clamped to
    /// [max(K·e^{−rT} − S·e^{−qT}, 0), K·e^{−rT}]; the forward rounds down, then as putPrice.
    function putPrice(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 priceWad) {
        if (yieldWad == 0) return putPrice(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad,) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        priceWad = putPrice(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    /// @notice Call delta e^{−qT}·N(d1) in [0, 1e18] (WAD); the product rounds down.
    function callDelta(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 deltaWad) {
        if (yieldWad == 0) return callDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad, uint256 factorWad) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        deltaWad = callDelta(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad) * factorWad / WAD;
    }

    /// @notice Put delta −e^{−qT}·N(−d1) in [−1e18, 0] (WAD); the product rounds toward zero.
    function putDelta(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (int256 deltaWad) {
        if (yieldWad == 0) return putDelta(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad, uint256 factorWad) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        deltaWad = _scaleSigned(putDelta(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad), factorWad);
    }

    /// @notice Price and delta with yield q (WAD, as the yield overloads of callPrice/putPrice and
    /// callDelta/putDelta) from one d1: the hot path.
    function priceAndDelta(
        bool isCall,
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 priceWad, int256 deltaWad) {
        if (yieldWad == 0) return priceAndDelta(isCall, spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad, uint256 factorWad) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        (priceWad, deltaWad) = priceAndDelta(isCall, forwardWad, strikeWad, volWad, timeToExpirySec, rateWad);
        deltaWad = _scaleSigned(deltaWad, factorWad);
    }

    /// @notice Gamma e^{−qT}·φ(d1)/(S·σ√T) per quote unit of spot (WAD); each step rounds down.
    /// @dev = e^{−2qT}·gamma(S·e^{−qT}); the forward is ≥ 1e6, so gamma ≤ 4e53/(1e6·1.7e11) < 3e36 and each
    /// product with a factor ≤ 1e18 stays below 3e54.
    function gamma(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 gammaWad) {
        if (yieldWad == 0) return gamma(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad, uint256 factorWad) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        gammaWad = gamma(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad) * factorWad / WAD * factorWad / WAD;
    }

    /// @notice Vega S·e^{−qT}·φ(d1)·√T, quote units per 1.00 of vol (WAD): vega at the prepaid forward; rounds down.
    function vega(
        uint256 spotWad,
        uint256 strikeWad,
        uint256 volWad,
        uint256 timeToExpirySec,
        uint256 rateWad,
        uint256 yieldWad
    ) internal pure returns (uint256 vegaWad) {
        if (yieldWad == 0) return vega(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        (uint256 forwardWad,) = _prepaidForward(spotWad, yieldWad, timeToExpirySec);
        vegaWad = vega(forwardWad, strikeWad, volWad, timeToExpirySec, rateWad);
    }

    /// @notice Standard normal CDF N(x) for x in WAD, returned in WAD; absolute error ≤ ~3e-18, not directionally rounded.
    function normalCdf(int256 xWad) internal pure returns (uint256) {
        unchecked {
            uint256 a = xWad < 0 ? uint256(-xWad) : uint256(xWad); // int256.min wraps to 2^255, past the cutoff
            uint256 tail = _upperTail(a, a - (ERF_LIMIT + 1) < EXP_SPAN ? _expHalfSquare(a) : 0);
            return xWad < 0 ? tail : WAD - tail; // tail ≤ 0.5e18
        }
    }

    /// @notice Standard normal density φ(x) for x in WAD, returned in WAD; rounds down (0 beyond |x| = 9.2).
    function normalPdf(int256 xWad) internal pure returns (uint256) {
        unchecked {
            return _expHalfSquare(xWad < 0 ? uint256(-xWad) : uint256(xWad)) * INV_SQRT_2PI / WAD;
        }
    }

    /// @dev N(d1) and N(d2) (WAD) with one expWad: since d1² − d2² = 2·ln(S/(K·e^{−rT})), exp(−d2²/2) =
    /// exp(−d1²/2)·S/(K·e^{−rT}). The larger of the two is evaluated and the smaller derived by a ratio ≤ 1,
    /// so the derived value's absolute error is no larger than the evaluated one's (+1 wei).
    function _cdfPair(int256 d1, int256 d2, uint256 spotWad, uint256 kd)
        private
        pure
        returns (uint256 n1, uint256 n2)
    {
        unchecked {
            uint256 a1 = d1 < 0 ? uint256(-d1) : uint256(d1);
            uint256 a2 = d2 < 0 ? uint256(-d2) : uint256(d2);
            uint256 e1;
            uint256 e2;
            // exp(−a²/2) is used only by Cody's erfc branches: ERF_LIMIT < a < CDF_CUTOFF (a ≤ ERF_LIMIT wraps).
            if (a1 - (ERF_LIMIT + 1) < EXP_SPAN || a2 - (ERF_LIMIT + 1) < EXP_SPAN) {
                // Divisors are ≥ MIN_PRICE_WAD (spot) or ≥ spot (kd > spot), so never zero.
                if (spotWad >= kd) {
                    e2 = _expHalfSquare(a2); // |d2| ≤ |d1|
                    assembly ("memory-safe") {
                        e1 := div(mul(e2, kd), spotWad)
                    }
                } else {
                    e1 = _expHalfSquare(a1);
                    assembly ("memory-safe") {
                        e2 := div(mul(e1, spotWad), kd)
                    }
                }
            }
            n1 = _upperTail(a1, e1);
            n2 = _upperTail(a2, e2);
            if (d1 >= 0) n1 = WAD - n1;
            if (d2 >= 0) n2 = WAD - n2;
        }
    }

    /// @dev exp(−a²/2) in WAD for a ≥ 0 (WAD), by solady expWad; 0 once it is below 5e-19.
    function _expHalfSquare(uint256 a) private pure returns (uint256) {
        if (a >= PDF_CUTOFF) return 0;
        unchecked {
            return uint256(FixedPointMathLib.expWad(-int256(a * a / (2 * WAD))));
        }
    }

    /// @dev P(Z > a) = erfc(a/√2)/2 for a ≥ 0 (WAD), given e = exp(−a²/2) when a > ERF_LIMIT, by Cody's
    /// three rational approximations; rounds down per step.
    function _upperTail(uint256 a, uint256 e) private pure returns (uint256 t) {
        // Horner steps `v := div(mul(add(v, c), x), WAD)` in WAD; every product stays below 1e45, every
        // denominator is ≥ its positive constant term, so no overflow and no division by zero.
        assembly ("memory-safe") {
            for {} lt(a, CDF_CUTOFF) {} {
                let y := div(mul(a, INV_SQRT2), WAD) // y = a/√2
                if iszero(gt(a, ERF_LIMIT)) {
                    // (1 − erf(y))/2 with erf(y) = y·A(y²)/B(y²)
                    let z := div(mul(y, y), WAD)
                    let num := div(mul(A4, z), WAD)
                    let den := z
                    num := div(mul(add(num, A0), z), WAD)
                    den := div(mul(add(den, B0), z), WAD)
                    num := div(mul(add(num, A1), z), WAD)
                    den := div(mul(add(den, B1), z), WAD)
                    num := div(mul(add(num, A2), z), WAD)
                    den := div(mul(add(den, B2), z), WAD)
                    t := shr(1, sub(WAD, div(mul(y, add(num, A3)), add(den, B3))))
                    break
                }
                let r
                switch gt(y, 4000000000000000000)
                case 0 {
                    // erfc(y) = exp(−y²)·C(y)/D(y) on (0.46875, 4]
                    let num := div(mul(C8, y), WAD)
                    let den := y
                    num := div(mul(add(num, C0), y), WAD)
                    den := div(mul(add(den, D0), y), WAD)
                    num := div(mul(add(num, C1), y), WAD)
                    den := div(mul(add(den, D1), y), WAD)
                    num := div(mul(add(num, C2), y), WAD)
                    den := div(mul(add(den, D2), y), WAD)
                    num := div(mul(add(num, C3), y), WAD)
                    den := div(mul(add(den, D3), y), WAD)
                    num := div(mul(add(num, C4), y), WAD)
                    den := div(mul(add(den, D4), y), WAD)
                    num := div(mul(add(num, C5), y), WAD)
                    den := div(mul(add(den, D5), y), WAD)
                    num := div(mul(add(num, C6), y), WAD)
                    den := div(mul(add(den, D6), y), WAD)
                    r := div(mul(add(num, C7), WAD), add(den, D7))
                }
                default {
                    // erfc(y) = exp(−y²)/y·(1/√π − z·P(z)/Q(z)), z = 1/y², on (4, 6.25)
                    let z := div(WAD_SQUARED, div(mul(y, y), WAD))
                    let num := div(mul(P5, z), WAD)
                    let den := z
                    num := div(mul(add(num, P0), z), WAD)
                    den := div(mul(add(den, Q0), z), WAD)
                    num := div(mul(add(num, P1), z), WAD)
                    den := div(mul(add(den, Q1), z), WAD)
                    num := div(mul(add(num, P2), z), WAD)
                    den := div(mul(add(den, Q2), z), WAD)
                    num := div(mul(add(num, P3), z), WAD)
                    den := div(mul(add(den, Q3), z), WAD)
                    r := div(mul(sub(INV_SQRT_PI, div(mul(z, add(num, P4)), add(den, Q4))), WAD), y)
                }
                // erfc(y) = exp(−y²)·r with exp(−y²) = exp(−a²/2) = e; fixed point needs no argument splitting.
                t := div(mul(e, r), TWO_WAD)
                break
            }
        }
    }

    /// @dev Validates the inputs and returns d1 = (ln(S/K) + (r + σ²/2)T)/(σ√T) and σ√T, both WAD, rounded toward zero.
    function _d1(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        private
        pure
        returns (int256 d1, uint256 sigmaSqrtT)
    {
        unchecked {
            // Each range check is one comparison: x − min wraps to a huge value when x < min.
            if (spotWad - MIN_PRICE_WAD > MAX_PRICE_WAD - MIN_PRICE_WAD) {
                revert BlackScholesSpotOutOfRange(spotWad, MIN_PRICE_WAD, MAX_PRICE_WAD);
            }
            if (strikeWad - MIN_PRICE_WAD > MAX_PRICE_WAD - MIN_PRICE_WAD) {
                revert BlackScholesStrikeOutOfRange(strikeWad, MIN_PRICE_WAD, MAX_PRICE_WAD);
            }
            if (volWad - MIN_VOL_WAD > MAX_VOL_WAD - MIN_VOL_WAD) {
                revert BlackScholesVolOutOfRange(volWad, MIN_VOL_WAD, MAX_VOL_WAD);
            }
            if (timeToExpirySec - MIN_EXPIRY_SEC > MAX_EXPIRY_SEC - MIN_EXPIRY_SEC) {
                revert BlackScholesExpiryOutOfRange(timeToExpirySec, MIN_EXPIRY_SEC, MAX_EXPIRY_SEC);
            }
            if (rateWad > MAX_RATE_WAD) revert BlackScholesRateOutOfRange(rateWad, MAX_RATE_WAD);
            uint256 moneyness;
            assembly ("memory-safe") {
                moneyness := div(mul(spotWad, WAD), strikeWad) // strike ≥ MIN_PRICE_WAD > 0
            }
            if (moneyness - MIN_MONEYNESS_WAD > MAX_MONEYNESS_WAD - MIN_MONEYNESS_WAD) {
                revert BlackScholesMoneynessOutOfRange(spotWad, strikeWad, MIN_MONEYNESS_WAD, MAX_MONEYNESS_WAD);
            }
            // σ√T = sqrt(σ²·t / year): one integer sqrt of a WAD² quantity gives WAD (solady sqrt, rounds down).
            sigmaSqrtT = FixedPointMathLib.sqrt(volWad * volWad * timeToExpirySec / SECONDS_PER_YEAR);
            int256 drift = int256(rateWad * timeToExpirySec / SECONDS_PER_YEAR + sigmaSqrtT * sigmaSqrtT / (2 * WAD));
            // |ln| ≤ 20.8e18 and drift ≤ 510e18, so the numerator times 1e18 stays below 1e40.
            int256 num = (FixedPointMathLib.lnWad(int256(moneyness)) + drift) * int256(WAD);
            assembly ("memory-safe") {
                d1 := sdiv(num, sigmaSqrtT) // σ√T ≥ sqrt(1e30·1/31536000) > 1.7e11
            }
        }
    }

    /// @dev K·e^{−rT} in WAD (solady expWad), rounded toward zero; K itself when r = 0.
    function _discountedStrike(uint256 strikeWad, uint256 rateWad, uint256 timeToExpirySec)
        private
        pure
        returns (uint256)
    {
        if (rateWad == 0) return strikeWad;
        unchecked {
            int256 rt = int256(rateWad * timeToExpirySec / SECONDS_PER_YEAR);
            return strikeWad * uint256(FixedPointMathLib.expWad(-rt)) / WAD;
        }
    }

    /// @dev The prepaid forward S·e^{−qT} and the factor e^{−qT} (WAD, solady expWad, both rounded down), for
    /// q > 0 (the overloads send q = 0 straight to the q-free functions). Validates S, q and T first, so
    /// qT ≤ 1e18·10 y and S·e^{−qT} ≤ 1e54 cannot overflow. The q-free function then validates the forward like
    /// a spot (it is ≥ 45 wei, as e^{−qT} ≥ e^{−10}).
    function _prepaidForward(uint256 spotWad, uint256 yieldWad, uint256 timeToExpirySec)
        private
        pure
        returns (uint256 forwardWad, uint256 factorWad)
    {
        unchecked {
            if (spotWad - MIN_PRICE_WAD > MAX_PRICE_WAD - MIN_PRICE_WAD) {
                revert BlackScholesSpotOutOfRange(spotWad, MIN_PRICE_WAD, MAX_PRICE_WAD);
            }
            if (yieldWad > MAX_YIELD_WAD) revert BlackScholesYieldOutOfRange(yieldWad, MAX_YIELD_WAD);
            if (timeToExpirySec - MIN_EXPIRY_SEC > MAX_EXPIRY_SEC - MIN_EXPIRY_SEC) {
                revert BlackScholesExpiryOutOfRange(timeToExpirySec, MIN_EXPIRY_SEC, MAX_EXPIRY_SEC);
            }
            int256 qt = int256(yieldWad * timeToExpirySec / SECONDS_PER_YEAR);
            factorWad = uint256(FixedPointMathLib.expWad(-qt));
            forwardWad = spotWad * factorWad / WAD;
        }
    }

    /// @dev x·factor / 1e18 for a signed x with |x| ≤ 1e18 and factor ≤ 1e18, rounded toward zero.
    function _scaleSigned(int256 x, uint256 factorWad) private pure returns (int256) {
        unchecked {
            return x < 0 ? -int256(uint256(-x) * factorWad / WAD) : int256(uint256(x) * factorWad / WAD);
        }
    }

    /// @dev S·N(d1) − K·e^{−rT}·N(d2), clamped into [max(S − Ke^{−rT}, 0), S].
    function _call(uint256 spotWad, uint256 kd, uint256 n1, uint256 n2) private pure returns (uint256 price) {
        unchecked {
            uint256 a = spotWad * n1;
            uint256 b = kd * n2;
            price = a > b ? (a - b) / WAD : 0;
            if (spotWad > kd && price < spotWad - kd) price = spotWad - kd;
        }
    }

    /// @dev K·e^{−rT}·N(−d2) − S·N(−d1), clamped into [max(Ke^{−rT} − S, 0), Ke^{−rT}].
    function _put(uint256 spotWad, uint256 kd, uint256 n1, uint256 n2) private pure returns (uint256 price) {
        unchecked {
            uint256 a = kd * n2;
            uint256 b = spotWad * n1;
            price = a > b ? (a - b) / WAD : 0;
            if (kd > spotWad && price < kd - spotWad) price = kd - spotWad;
        }
    }
}
