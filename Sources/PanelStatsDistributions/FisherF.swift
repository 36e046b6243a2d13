#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The F distribution with `d₁` numerator and `d₂` denominator degrees of freedom (scipy's `f(dfn, dfd)`),
/// the law of `(χ²_{d₁}/d₁) / (χ²_{d₂}/d₂)`; a regression's model F test uses `d₁ = k - 1` (or `k` without
/// intercept), `d₂ = n - k`.
///
/// `cdf(x) = I_z(d₁/2, d₂/2)` and `sf(x) = I_{1-z}(d₂/2, d₁/2)` with `z = d₁x/(d₁x + d₂)` and
/// `1 - z = d₂/(d₁x + d₂)` both formed directly, so both tails keep full relative accuracy.
public struct FisherF: ContinuousDistribution {
    /// The numerator degrees of freedom `d₁`.
    public let numeratorDegreesOfFreedom: Double
    /// The denominator degrees of freedom `d₂`.
    public let denominatorDegreesOfFreedom: Double

    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` naming `numeratorDegreesOfFreedom` or
    ///   `denominatorDegreesOfFreedom` unless it is positive and finite.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) throws(DistributionError) {
        try requirePositiveFinite(numeratorDegreesOfFreedom, "numeratorDegreesOfFreedom")
        try requirePositiveFinite(denominatorDegreesOfFreedom, "denominatorDegreesOfFreedom")
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    /// `I_z(d₁/2, d₂/2)`, its complement and `x·f(x)` for finite `x > 0`.
    func evaluate(_ x: Double) -> (value: Double, complement: Double, prefactor: Double) {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        let w = d1 * x
        if w.isFinite && (w + d2).isFinite {
            let z = w / (w + d2), y = d2 / (w + d2)
            // z·d₂/2 - y·d₁/2 = ½ d₁ y (x - 1), exact in x - 1 near the centre where z - y would cancel.
            return SpecialFunctions.incompleteBeta(a: d1 / 2, b: d2 / 2, x: z, y: y, deviation: 0.5 * d1 * y * (x - 1))
        }
        let r = d2 / d1 / x
        return SpecialFunctions.incompleteBeta(a: d1 / 2, b: d2 / 2, x: 1 / (1 + r), y: r / (1 + r))
    }

    public func pdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x < 0 || x.isInfinite { return 0 }
        let d1 = numeratorDegreesOfFreedom
        if x == 0 { return d1 < 2 ? .infinity : (d1 == 2 ? 1 : 0) }
        return evaluate(x).prefactor / x
    }

    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        return evaluate(x).value
    }

    public func sf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        return evaluate(x).complement
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
        solveTailEquation(target: p, increasing: true,
                          start: fisherZStart(z: -StandardNormal.quantileOfUpperTailApproximate(p))) { x in
            let r = evaluate(x); return (r.value, r.prefactor)
        }
    }

    func solve(upperTail q: Double) -> Double {
        solveTailEquation(target: q, increasing: false,
                          start: fisherZStart(z: StandardNormal.quantileOfUpperTailApproximate(q))) { x in
            let r = evaluate(x); return (r.complement, r.prefactor)
        }
    }

    /// Fisher's z = ½ log F is roughly normal with mean ½(1/d₂ - 1/d₁) and variance ½(1/d₁ + 1/d₂);
    /// a starting value only.
    func fisherZStart(z: Double) -> Double {
        let d1 = numeratorDegreesOfFreedom, d2 = denominatorDegreesOfFreedom
        let mean = 0.5 * (1 / d2 - 1 / d1)
        let sd = (0.5 * (1 / d1 + 1 / d2)).squareRoot()
        return exp(Swift.max(-700, Swift.min(700, 2 * (mean + sd * z))))
    }
}
