#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with `ν > 0` degrees of freedom (scipy's `t(df)`), density
/// `f(t) = (1 + t²/ν)^{-(ν+1)/2} / (√ν · B(ν/2, ½))`. `ν` need not be an integer and may be huge (1e10).
///
/// Tails come from the incomplete beta function: `P(|T| > t) = I_x(ν/2, ½)` and
/// `P(|T| ≤ t) = I_y(½, ν/2)` with `x = ν/(ν+t²)`, `y = t²/(ν+t²)` both formed without cancellation, so
/// two-sided p-values keep full relative accuracy down to 1e-300 and stay exact-to-rounding at large `ν`
/// (where `t` is nearly normal).
public struct StudentT: ContinuousDistribution {
    /// The degrees of freedom `ν` (for a regression: residual degrees of freedom `n - k`).
    public let degreesOfFreedom: Double

    /// - Throws: ``DistributionError/invalidParameter(name:value:)`` naming `degreesOfFreedom` unless it is
    ///   positive and finite.
    public init(degreesOfFreedom: Double) throws(DistributionError) {
        try requirePositiveFinite(degreesOfFreedom, "degreesOfFreedom")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// `(P(|T| > |t|), P(|T| ≤ |t|), 2|t|·f(t))` for finite `t`; the last is `|t| · d/d|t| P(|T| ≤ |t|)`,
    /// the slope the quantile solver needs.
    func twoSided(_ t: Double) -> (outside: Double, inside: Double, scaledDensity: Double) {
        let nu = degreesOfFreedom
        let magnitude = Swift.abs(t)
        let a = nu / 2
        if magnitude > 1e150 && nu / magnitude / magnitude < 1e-280 {
            // x = ν/t² is at or below the underflow threshold while xᵃ may not be (ν = 1, t = 3e299 has
            // tail 1e-300). Here I_x(a, ½) = xᵃ/(a B(a, ½)) · (1 + O(x)) and O(x) < 1e-280, so the leading
            // term in logarithms is exact to rounding.
            // Only a < 2.7 leaves a representable tail here; pow keeps it to a few ulp, where the
            // logarithmic form would carry |log tail|·ε ≈ 7e-14.
            let prefactor: Double
            if a < SpecialFunctions.stirlingThreshold {
                let beta = tgamma(a) * tgamma(0.5) / tgamma(a + 0.5)
                prefactor = pow(nu / magnitude, a) * pow(magnitude, -a) / beta
            } else {
                prefactor = exp(a * (log(nu) - 2 * log(magnitude)) - SpecialFunctions.logBeta(a, 0.5))
            }
            let outside = prefactor / a
            return (outside, 1 - outside, 2 * prefactor)
        }
        let x: Double, y: Double
        if magnitude > nu.squareRoot() {
            let r = nu / magnitude / magnitude  // ν/t² < 1, no overflow for huge t
            x = r / (1 + r); y = 1 / (1 + r)
        } else {
            let s = magnitude / nu * magnitude  // t²/ν ≤ 1
            x = 1 / (1 + s); y = s / (1 + s)
        }
        let result = SpecialFunctions.incompleteBeta(a: a, b: 0.5, x: x, y: y)
        // d/dt P(|T| ≤ t) = 2f(t) and xᵃyᵇ/B = t·f(t), so t·|d/dt| = 2·prefactor.
        return (result.value, result.complement, 2 * result.prefactor)
    }

    /// `f(t) = exp(-(ν+1)/2 · log1p(t²/ν)) / (√ν B(ν/2, ½))`.
    public func pdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        let nu = degreesOfFreedom
        let magnitude = Swift.abs(t)
        let logKernel: Double
        if magnitude > 1e150 {
            logKernel = -(nu + 1) * (log(magnitude) - 0.5 * log(nu))
        } else {
            logKernel = -0.5 * (nu + 1) * log1p(magnitude / nu * magnitude)
        }
        return exp(logKernel + logNormalizer)
    }

    /// `-½ log ν - log B(ν/2, ½)`; for large ν `log B(ν/2, ½) = log Γ(½) - [log Γ(ν/2 + ½) - log Γ(ν/2)]`
    /// with the bracket taken from Stirling's series so the ½ log ν cancels analytically.
    var logNormalizer: Double {
        let a = degreesOfFreedom / 2
        if a >= SpecialFunctions.stirlingThreshold {
            // log Γ(a+½) - log Γ(a) - ½ log a - ½ log 2 - ½ log π
            let ratio = (a) * log1p(0.5 / a) - 0.5
                + SpecialFunctions.stirlingCorrection(a + 0.5) - SpecialFunctions.stirlingCorrection(a)
            return ratio - 0.5 * log(2 * Double.pi)
        }
        return -0.5 * log(degreesOfFreedom) - SpecialFunctions.logBeta(a, 0.5)
    }

    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return t < 0 ? 0 : 1 }
        let (outside, inside, _) = twoSided(t)
        return t < 0 ? 0.5 * outside : 0.5 + 0.5 * inside
    }

    public func sf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return t < 0 ? 1 : 0 }
        let (outside, inside, _) = twoSided(t)
        return t > 0 ? 0.5 * outside : 0.5 + 0.5 * inside
    }

    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        // The smaller tail is known exactly: 1 - p is exact for p ≥ ½.
        return p < 0.5 ? -quantileOfUpperTail(p) : quantileOfUpperTail(1 - p)
    }

    /// By symmetry `isf(q) = -quantile(q)`, with no `1 - q` anywhere.
    public func inverseSurvival(_ q: Double) -> Double {
        -quantile(q)
    }

    /// The `t ≥ 0` with `P(T > t) = tail`, `0 ≤ tail ≤ ½`: solves `P(|T| > t) = 2·tail` when that is at most
    /// ½ and `P(|T| ≤ t) = 1 - 2·tail` (exact) otherwise, each on the side that is computed directly.
    func quantileOfUpperTail(_ tail: Double) -> Double {
        if tail == 0 { return .infinity }
        let twoTail = 2 * tail
        let start = startingValue(twoSidedTail: twoTail)
        if twoTail <= 0.5 {
            return solveTailEquation(target: twoTail, increasing: false, start: start) { t in
                let r = twoSided(t); return (r.outside, r.scaledDensity)
            }
        }
        let inside = 1 - twoTail
        if inside == 0 { return 0 }
        return solveTailEquation(target: inside, increasing: true, start: start) { t in
            let r = twoSided(t); return (r.inside, r.scaledDensity)
        }
    }

    /// A starting value for `P(|T| > t) = s`: the smaller of the Cornish–Fisher expansion around the normal
    /// quantile and the power-law tail `t ≈ √ν (2/(ν B s))^{1/ν}` (an upper bound in the tail).
    func startingValue(twoSidedTail s: Double) -> Double {
        let nu = degreesOfFreedom
        let z = StandardNormal.quantileOfUpperTailApproximate(0.5 * s)
        let z2 = z * z
        let cornishFisher = z + z * (z2 + 1) / (4 * nu) + z * ((5 * z2 + 16) * z2 + 3) / (96 * nu * nu)
        let logPower = 0.5 * log(nu)
            + (log(2) - log(nu) - SpecialFunctions.logBeta(nu / 2, 0.5) - log(s)) / nu
        let power = exp(Swift.min(logPower, 700))
        let start = Swift.min(cornishFisher, power)
        return start.isFinite && start > 0 ? start : 1
    }
}

extension StudentT {
    /// The two-sided p-value `P(|T| > |t|) = 2·sf(|t|)`, what regression tables print, computed as
    /// `I_{ν/(ν+t²)}(ν/2, ½)` directly (so it is accurate down to 1e-300, not `2·(1 - cdf)`).
    /// NaN for NaN input; 1 at `t = 0`; 0 at `t = ±∞`.
    public func twoSidedPValue(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        if t.isInfinite { return 0 }
        return twoSided(t).outside
    }
}
