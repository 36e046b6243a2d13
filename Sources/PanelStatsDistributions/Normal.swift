#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The normal distribution `N(μ, σ²)` with density `exp(-(x-μ)²/(2σ²)) / (σ√(2π))` (scipy's `norm(loc, scale)`).
///
/// The tail `P(Z > z) = ½ erfc(z/√2)` uses the C library's `erfc` with the rounding error of `z/√2`
/// corrected to first order (`z/√2` is split exactly with an FMA), so tails keep full accuracy out to
/// `|z| ≈ 37` (1e-300) instead of losing `z²·ε` relative. Quantiles invert the tail by Newton's method.
public struct Normal: ContinuousDistribution {
    /// The mean `μ`.
    public let mean: Double
    /// The standard deviation `σ > 0`.
    public let standardDeviation: Double

    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` naming `mean` when it is not finite, or
    ///   `standardDeviation` when it is not positive and finite.
    public init(mean: Double = 0, standardDeviation: Double = 1) throws(DistributionError) {
        guard mean.isFinite else { throw .invalidParameter(name: "mean", value: mean) }
        try requirePositiveFinite(standardDeviation, "standardDeviation")
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    public func pdf(_ x: Double) -> Double {
        StandardNormal.density((x - mean) / standardDeviation) / standardDeviation
    }

    public func cdf(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        if z.isNaN { return .nan }
        return z <= 0 ? StandardNormal.upperTail(-z) : 1 - StandardNormal.upperTail(z)
    }

    public func sf(_ x: Double) -> Double {
        let z = (x - mean) / standardDeviation
        if z.isNaN { return .nan }
        return z >= 0 ? StandardNormal.upperTail(z) : 1 - StandardNormal.upperTail(-z)
    }

    public func quantile(_ p: Double) -> Double {
        mean + standardDeviation * StandardNormal.quantile(p)
    }

    public func inverseSurvival(_ q: Double) -> Double {
        mean - standardDeviation * StandardNormal.quantile(q)
    }
}

/// The standard normal's functions, shared by ``Normal`` and the starting values of other quantiles.
enum StandardNormal {
    static let inverseSquareRootTwoPi = 0.3989422804014327
    static let twoOverSquareRootPi = 1.1283791670955126
    /// `1/√2 = high + low` exactly to about 2⁻¹⁰⁶.
    static let inverseSquareRootTwoHigh = 0.7071067811865476
    static let inverseSquareRootTwoLow = -4.833646656726457e-17

    /// `z/√2` as an unevaluated sum `w + dw`.
    @inline(__always)
    static func scaled(_ z: Double) -> (w: Double, dw: Double) {
        let w = z * inverseSquareRootTwoHigh
        return (w, fma(z, inverseSquareRootTwoHigh, -w) + z * inverseSquareRootTwoLow)
    }

    /// `φ(z) = exp(-z²/2)/√(2π)`, with `z²` split exactly so the exponent carries no rounding error.
    static func density(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        let square = z * z
        if square.isInfinite { return 0 }
        let error = fma(z, z, -square)
        return inverseSquareRootTwoPi * exp(-0.5 * square) * (1 - 0.5 * error)
    }

    /// `P(Z > z) = ½ erfc(z/√2)` for `z ≥ 0`; `erfc(w + dw) ≈ erfc(w) - (2/√π) e^{-w²} dw`.
    static func upperTail(_ z: Double) -> Double {
        if z.isInfinite { return 0 }
        let (w, dw) = scaled(z)
        return 0.5 * (erfc(w) - twoOverSquareRootPi * exp(-w * w) * dw)
    }

    /// `P(0 < Z ≤ z) = ½ erf(z/√2)` for `z ≥ 0`, accurate when small.
    static func central(_ z: Double) -> Double {
        if z.isInfinite { return 0.5 }
        let (w, dw) = scaled(z)
        return 0.5 * (erf(w) + twoOverSquareRootPi * exp(-w * w) * dw)
    }

    /// The standard normal quantile `Φ⁻¹(p)`; NaN outside `[0, 1]`.
    static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        // 1 - p is exact for p ≥ ½ (Sterbenz), so the smaller tail is always known exactly.
        return p < 0.5 ? -quantileOfUpperTail(p) : quantileOfUpperTail(1 - p)
    }

    /// The `z ≥ 0` with `P(Z > z) = tail`, for `0 ≤ tail ≤ ½`.
    static func quantileOfUpperTail(_ tail: Double) -> Double {
        if tail == 0 { return .infinity }
        if tail < 0.25 {
            return solveTailEquation(target: tail, increasing: false, start: approximateUpperQuantile(tail)) { z in
                (upperTail(z), z * density(z))
            }
        }
        let inner = 0.5 - tail  // exact for tail in [¼, ½]
        if inner == 0 { return 0 }
        let start = inner < 0.1 ? inner / inverseSquareRootTwoPi : approximateUpperQuantile(tail)
        return solveTailEquation(target: inner, increasing: true, start: start) { z in
            (central(z), z * density(z))
        }
    }

    /// Abramowitz & Stegun 26.2.23 (absolute error < 4.5e-4), only a starting value: `P(Z > z) = tail ≤ ½`.
    static func approximateUpperQuantile(_ tail: Double) -> Double {
        let t = (-2 * log(tail)).squareRoot()
        let numerator = 2.515517 + t * (0.802853 + t * 0.010328)
        let denominator = 1 + t * (1.432788 + t * (0.189269 + t * 0.001308))
        return Swift.max(t - numerator / denominator, 1e-3)
    }
}

extension StandardNormal {
    /// A cheap approximate `z ≥ 0` with `P(Z > z) = tail` (for starting values elsewhere); 0 for tail ≥ ½.
    static func quantileOfUpperTailApproximate(_ tail: Double) -> Double {
        if !(tail < 0.5) { return 0 }
        if tail <= 0 { return 40 }
        return approximateUpperQuantile(tail)
    }
}
