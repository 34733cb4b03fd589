// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @title BlackScholes
/// @notice Black–Scholes prices and Greeks of European options on a non-dividend asset, in 1e18 fixed point.
/// @dev Inputs: spotWad and strikeWad (quote per unit of underlying), volWad (annualised σ), timeToExpirySec
/// (a year is 365 days) and rateWad (continuously compounded, ≥ 0). ln, exp and sqrt are solady's
/// FixedPointMathLib (lnWad, expWad: Remco Bloemen's rational approximations; sqrt: integer sqrt, rounds down).
/// The normal CDF is W. J. Cody's erfc (Math. Comp. 23, 1969, 631–638; the netlib CALERF coefficients,
/// ≥ 18 significant digits), evaluated in WAD, so N(x) carries an absolute error of a few 1e-18.
/// Measured against a double-precision pricer over S/K 0.5–2, σ 5–300 %, T 1 h–2 y: price error / max(price,
/// 1e-9·S) < 1e-9 (docs/black-scholes.md). Every intermediate rounds toward zero; prices are then clamped
/// into their no-arbitrage band, so results are accurate to a few wei + ~1e-17·spot but not directionally rounded.
/// Overflow: the input bounds keep every product below 1e60 (spot·1e18 ≤ 1e54, (vol²·t) ≤ 3.2e46, |d|·1e18 ≤ 1e45).
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
    uint256 private constant INV_SQRT2 = 707106781186547524; // 1/√2
    uint256 private constant INV_SQRT_PI = 564189583547756287; // 1/√π
    uint256 private constant INV_SQRT_2PI = 398942280401432678; // 1/√(2π)
    // Beyond |x| = 6.25·√2 the tail 0.5·erfc(|x|/√2) is below 0.5e-18 and rounds to 0.
    uint256 private constant CDF_CUTOFF = 8.838834764831844055e18;
    // Beyond |x| = 9.2, exp(−x²/2) < 5e-19.
    uint256 private constant PDF_CUTOFF = 9.2e18;

    /// @notice The spot price is zero or outside [min, max]
    error BlackScholesSpotOutOfRange(uint256 spotWad, uint256 minWad, uint256 maxWad);
    /// @notice The strike is zero or outside [min, max]
    error BlackScholesStrikeOutOfRange(uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice Spot / strike is outside [min, max] (the option is then deterministic to 1e-18)
    error BlackScholesMoneynessOutOfRange(uint256 spotWad, uint256 strikeWad, uint256 minWad, uint256 maxWad);
    /// @notice The annualised volatility is outside [min, max]
    error BlackScholesVolOutOfRange(uint256 volWad, uint256 minWad, uint256 maxWad);
    /// @notice The time to expiry is outside [min, max] seconds (an expired option settles at intrinsic)
    error BlackScholesExpiryOutOfRange(uint256 timeToExpirySec, uint256 minSec, uint256 maxSec);
    /// @notice The interest rate is above max
    error BlackScholesRateOutOfRange(uint256 rateWad, uint256 maxWad);

    /// @notice Call price in quote units (WAD); steps round toward zero, result clamped to [max(S − K·e^{−rT}, 0), S].
    function callPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 priceWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        uint256 kd = _discountedStrike(strikeWad, rateWad, timeToExpirySec);
        priceWad = _call(spotWad, kd, normalCdf(d1), normalCdf(d1 - int256(sigmaSqrtT)));
    }

    /// @notice Put price in quote units (WAD); steps round toward zero, result clamped to [max(K·e^{−rT} − S, 0), K·e^{−rT}].
    function putPrice(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        internal
        pure
        returns (uint256 priceWad)
    {
        (int256 d1, uint256 sigmaSqrtT) = _d1(spotWad, strikeWad, volWad, timeToExpirySec, rateWad);
        uint256 kd = _discountedStrike(strikeWad, rateWad, timeToExpirySec);
        priceWad = _put(spotWad, kd, normalCdf(-d1), normalCdf(int256(sigmaSqrtT) - d1));
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
        if (isCall) {
            uint256 n1 = normalCdf(d1);
            priceWad = _call(spotWad, kd, n1, normalCdf(d1 - int256(sigmaSqrtT)));
            deltaWad = int256(n1);
        } else {
            uint256 n1 = normalCdf(-d1);
            priceWad = _put(spotWad, kd, n1, normalCdf(int256(sigmaSqrtT) - d1));
            deltaWad = -int256(n1);
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

    /// @notice Standard normal CDF N(x) for x in WAD, returned in WAD; absolute error ≤ ~3e-18, not directionally rounded.
    function normalCdf(int256 xWad) internal pure returns (uint256) {
        uint256 tail;
        unchecked {
            tail = _upperTail(xWad < 0 ? uint256(-xWad) : uint256(xWad)); // int256.min wraps to 2^255, past the cutoff
        }
        return xWad < 0 ? tail : WAD - tail;
    }

    /// @notice Standard normal density φ(x) for x in WAD, returned in WAD; rounds down (0 beyond |x| = 9.2).
    function normalPdf(int256 xWad) internal pure returns (uint256) {
        unchecked {
            uint256 a = xWad < 0 ? uint256(-xWad) : uint256(xWad);
            if (a >= PDF_CUTOFF) return 0;
            return uint256(FixedPointMathLib.expWad(-int256(a * a / (2 * WAD)))) * INV_SQRT_2PI / WAD;
        }
    }

    /// @dev P(Z > a) = erfc(a/√2)/2 for a ≥ 0 (WAD), by Cody's three rational approximations; rounds down per step.
    function _upperTail(uint256 a) private pure returns (uint256) {
        if (a >= CDF_CUTOFF) return 0;
        unchecked {
            uint256 y = a * INV_SQRT2 / WAD;
            uint256 num;
            uint256 den;
            if (y <= 0.46875e18) {
                uint256 z = y * y / WAD;
                num = A4 * z / WAD;
                den = z;
                num = (num + A0) * z / WAD;
                den = (den + B0) * z / WAD;
                num = (num + A1) * z / WAD;
                den = (den + B1) * z / WAD;
                num = (num + A2) * z / WAD;
                den = (den + B2) * z / WAD;
                return (WAD - y * (num + A3) / (den + B3)) / 2; // (1 − erf(y)) / 2
            }
            uint256 ysq = y * y / WAD;
            uint256 r;
            if (y <= 4e18) {
                num = C8 * y / WAD;
                den = y;
                num = (num + C0) * y / WAD;
                den = (den + D0) * y / WAD;
                num = (num + C1) * y / WAD;
                den = (den + D1) * y / WAD;
                num = (num + C2) * y / WAD;
                den = (den + D2) * y / WAD;
                num = (num + C3) * y / WAD;
                den = (den + D3) * y / WAD;
                num = (num + C4) * y / WAD;
                den = (den + D4) * y / WAD;
                num = (num + C5) * y / WAD;
                den = (den + D5) * y / WAD;
                num = (num + C6) * y / WAD;
                den = (den + D6) * y / WAD;
                r = (num + C7) * WAD / (den + D7);
            } else {
                uint256 z = 1e36 / ysq;
                num = P5 * z / WAD;
                den = z;
                num = (num + P0) * z / WAD;
                den = (den + Q0) * z / WAD;
                num = (num + P1) * z / WAD;
                den = (den + Q1) * z / WAD;
                num = (num + P2) * z / WAD;
                den = (den + Q2) * z / WAD;
                num = (num + P3) * z / WAD;
                den = (den + Q3) * z / WAD;
                r = (INV_SQRT_PI - z * (num + P4) / (den + Q4)) * WAD / y;
            }
            // erfc(y) = exp(−y²)·r; fixed-point exp needs none of Cody's argument splitting.
            return uint256(FixedPointMathLib.expWad(-int256(ysq))) * r / (2 * WAD);
        }
    }

    /// @dev Validates the inputs and returns d1 = (ln(S/K) + (r + σ²/2)T)/(σ√T) and σ√T, both WAD, rounded toward zero.
    function _d1(uint256 spotWad, uint256 strikeWad, uint256 volWad, uint256 timeToExpirySec, uint256 rateWad)
        private
        pure
        returns (int256 d1, uint256 sigmaSqrtT)
    {
        if (spotWad < MIN_PRICE_WAD || spotWad > MAX_PRICE_WAD) {
            revert BlackScholesSpotOutOfRange(spotWad, MIN_PRICE_WAD, MAX_PRICE_WAD);
        }
        if (strikeWad < MIN_PRICE_WAD || strikeWad > MAX_PRICE_WAD) {
            revert BlackScholesStrikeOutOfRange(strikeWad, MIN_PRICE_WAD, MAX_PRICE_WAD);
        }
        if (volWad < MIN_VOL_WAD || volWad > MAX_VOL_WAD) {
            revert BlackScholesVolOutOfRange(volWad, MIN_VOL_WAD, MAX_VOL_WAD);
        }
        if (timeToExpirySec < MIN_EXPIRY_SEC || timeToExpirySec > MAX_EXPIRY_SEC) {
            revert BlackScholesExpiryOutOfRange(timeToExpirySec, MIN_EXPIRY_SEC, MAX_EXPIRY_SEC);
        }
        if (rateWad > MAX_RATE_WAD) revert BlackScholesRateOutOfRange(rateWad, MAX_RATE_WAD);
        unchecked {
            uint256 moneyness = spotWad * WAD / strikeWad;
            if (moneyness < MIN_MONEYNESS_WAD || moneyness > MAX_MONEYNESS_WAD) {
                revert BlackScholesMoneynessOutOfRange(spotWad, strikeWad, MIN_MONEYNESS_WAD, MAX_MONEYNESS_WAD);
            }
            // σ√T = sqrt(σ²·t / year): one integer sqrt of a WAD² quantity gives WAD (solady sqrt, rounds down).
            sigmaSqrtT = FixedPointMathLib.sqrt(volWad * volWad * timeToExpirySec / SECONDS_PER_YEAR);
            int256 drift = int256(rateWad * timeToExpirySec / SECONDS_PER_YEAR + sigmaSqrtT * sigmaSqrtT / (2 * WAD));
            // |ln| ≤ 20.8e18 and drift ≤ 510e18, so the numerator times 1e18 stays below 1e40.
            d1 = (FixedPointMathLib.lnWad(int256(moneyness)) + drift) * int256(WAD) / int256(sigmaSqrtT);
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
