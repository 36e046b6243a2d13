#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution with `k > 0` degrees of freedom (scipy's `chi2(df)`), density
/// `x^{k/2-1} e^{-x/2} / (2^{k/2} Γ(k/2))` on `x ≥ 0`.
///
/// `cdf(x) = P(k/2, x/2)` and `sf(x) = Q(k/2, x/2)`, the regularized incomplete gamma functions, each
/// computed directly in its own tail; `k` may be non-integer.
public struct ChiSquared: ContinuousDistribution {
    /// The degrees of freedom `k`.
    public let degreesOfFreedom: Double

    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` naming `degreesOfFreedom` unless it is
    ///   positive and finite.
    public init(degreesOfFreedom: Double) throws(DistributionError) {
        try requirePositiveFinite(degreesOfFreedom, "degreesOfFreedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    var shape: Double { degreesOfFreedom / 2 }

    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x.isInfinite { return 0 }
        if x == 0 {
            return degreesOfFreedom < 2 ? .infinity : (degreesOfFreedom == 2 ? 0.5 : 0)
        }
        // d/dx P(k/2, x/2) = (x/2)^{k/2} e^{-x/2} / Γ(k/2) / x
        return SpecialFunctions.gammaPrefactor(shape, x / 2) / x
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.incompleteGamma(shape, x / 2).p
    }

    public func sf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.incompleteGamma(shape, x / 2).q
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5 ? solve(lowerTail: p) : solve(upperTail: 1 - p)  // 1 - p exact for p > ½
    }

    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return q <= 0.5 ? solve(upperTail: q) : solve(lowerTail: 1 - q)
    }

    func solve(lowerTail p: Double) -> Double {
        2 * SpecialFunctions.solveGamma(shape, lowerTail: p)
    }

    func solve(upperTail q: Double) -> Double {
        2 * SpecialFunctions.solveGamma(shape, upperTail: q)
    }
}
