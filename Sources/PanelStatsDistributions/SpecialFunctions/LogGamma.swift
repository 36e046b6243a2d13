#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `log|Γ(x)|` by the C library; glibc's reentrant `lgamma_r`, because plain `lgamma` writes the sign to the
/// global `signgam`, a data race when distributions are evaluated from several threads.
@inline(__always)
func logGammaFunction(_ x: Double) -> Double {
    #if canImport(Glibc)
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
    #else
    return lgamma(x)
    #endif
}

extension SpecialFunctions {
    /// `log|Γ(x)|`, from the C library's `lgamma_r` (a few ulp in glibc).
    public static func logGamma(_ x: Double) -> Double {
        logGammaFunction(x)
    }

    /// `log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a + b)` for `a, b > 0`; NaN otherwise.
    ///
    /// For large arguments the three log-gamma values are huge and nearly cancel (at `a = 5e5`,
    /// `log Γ(a) ≈ 6e6`, so plain subtraction keeps only ~10 digits). There Stirling's series is
    /// subtracted analytically and only the small remainders `δ(z) = log Γ(z) - [(z - ½) log z - z + ½ log 2π]`
    /// are combined, which keeps full relative accuracy of the result's exponent.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        if a.isInfinite || b.isInfinite { return -.infinity }
        let small = Swift.min(a, b), large = Swift.max(a, b)
        if large < stirlingThreshold {
            return logGammaFunction(a) + logGammaFunction(b) - logGammaFunction(a + b)
        }
        if small < stirlingThreshold {
            return logGammaFunction(small) - logGammaRatio(large, small)
        }
        // (a-½)log(a/(a+b)) + (b-½)log(b/(a+b)) - ½log(a+b) + ½log 2π + δ(a) + δ(b) - δ(a+b)
        let sum = a + b
        return (small - 0.5) * log(small / sum) - (large - 0.5) * log1p(small / large)
            - 0.5 * log(sum) + halfLogTwoPi
            + stirlingCorrection(small) + stirlingCorrection(large) - stirlingCorrection(sum)
    }

    /// `log Γ(a + b) - log Γ(a)` for large `a` and moderate `b`, without cancellation:
    /// `b log a + (a + b - ½) log1p(b/a) - b + δ(a + b) - δ(a)`.
    static func logGammaRatio(_ a: Double, _ b: Double) -> Double {
        b * log(a) + (a + b - 0.5) * log1p(b / a) - b + stirlingCorrection(a + b) - stirlingCorrection(a)
    }

    /// Arguments at or above this use Stirling's series with `δ(z)` in the prefactors.
    static let stirlingThreshold = 10.0

    /// `½ log(2π)`.
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// Stirling's remainder `δ(z) = log Γ(z) - [(z - ½) log z - z + ½ log 2π]` for `z > 0`.
    ///
    /// For `z ≥ 10` the asymptotic series `Σ B₂ₖ / (2k(2k-1) z^{2k-1})` to `k = 9` is accurate to
    /// below 1e-18 absolute (its terms are still decreasing there); below 10 the definition is evaluated
    /// with `lgamma`, whose absolute error (≈ 1e-15) is what matters because `δ` enters an exponent.
    static func stirlingCorrection(_ z: Double) -> Double {
        if z >= stirlingThreshold {
            let r = 1 / z, r2 = r * r
            // Bernoulli coefficients B₂ₖ / (2k(2k-1)), k = 1…9.
            var series = 43867.0 / 244_188.0
            series = series * r2 - 3617.0 / 122_400.0
            series = series * r2 + 1.0 / 156.0
            series = series * r2 - 691.0 / 360_360.0
            series = series * r2 + 1.0 / 1188.0
            series = series * r2 - 1.0 / 1680.0
            series = series * r2 + 1.0 / 1260.0
            series = series * r2 - 1.0 / 360.0
            series = series * r2 + 1.0 / 12.0
            return series * r
        }
        return logGammaFunction(z) - ((z - 0.5) * log(z) - z + halfLogTwoPi)
    }

    /// `e - log(1 + e)` for `e > -1`, accurate to a few ulp also for small `|e|`, where it is ≈ e²/2.
    ///
    /// `onePlusE` must be `1 + e` formed *independently* with full relative accuracy (for example `x/a`
    /// rather than `1 + (x - a)/a`): near `e = -1` the logarithm needs the relative accuracy of `1 + e`,
    /// which `log1p(e)` cannot recover from a rounded `e`.
    /// For `-0.6 ≤ e ≤ 1`, with `t = e / (2 + e)`, `log1p(e) = 2 atanh(t)` and `e - 2t = t·e`, so
    /// `e - log1p(e) = t·e - 2(t³/3 + t⁵/5 + …)`, a series of small terms without cancellation.
    static func xMinusLog1p(_ e: Double, onePlusE: Double) -> Double {
        if e < -0.6 || e > 1 {
            return e - log(onePlusE)
        }
        let t = e / (2 + e), t2 = t * t
        var power = t * t2, k = 3.0, sum = 0.0
        while true {
            let term = power / k
            sum += term
            if Swift.abs(term) <= 1e-17 * Swift.abs(sum) || k > 101 { break }
            power *= t2
            k += 2
        }
        return t * e - 2 * sum
    }
}
