#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The `x ≥ 0` with `P(a, x) = p` (scipy's `gammaincinv`); NaN for `a ≤ 0` or `p` outside `[0, 1]`.
    ///
    /// Newton's method on `log P` in `log x` (see `solveTailEquation`), from a Wilson–Hilferty or
    /// power-law start; for `p > ½` the upper equation `Q(a, x) = 1 - p` (exact) is solved instead.
    public static func inverseRegularizedGammaP(_ a: Double, _ p: Double) -> Double {
        guard a > 0, a.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5 ? solveGamma(a, lowerTail: p) : solveGamma(a, upperTail: 1 - p)
    }

    /// The `x ≥ 0` with `Q(a, x) = q` (scipy's `gammainccinv`), accurate for tiny `q` such as 1e-300.
    public static func inverseRegularizedGammaQ(_ a: Double, _ q: Double) -> Double {
        guard a > 0, a.isFinite, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return q <= 0.5 ? solveGamma(a, upperTail: q) : solveGamma(a, lowerTail: 1 - q)
    }

    static func solveGamma(_ a: Double, lowerTail p: Double) -> Double {
        // P(a, x) ≤ xᵃ/Γ(a+1), so this power law lies at or below the root.
        let power = exp((log(p) + logGammaFunction(a + 1)) / a)
        let wilson = wilsonHilferty(a, z: -StandardNormal.quantileOfUpperTailApproximate(p))
        let start = Swift.max(power, wilson)
        return solveTailEquation(target: p, increasing: true, start: start) { x in
            let r = incompleteGamma(a, x); return (r.p, r.prefactor)
        }
    }

    static func solveGamma(_ a: Double, upperTail q: Double) -> Double {
        let wilson = wilsonHilferty(a, z: StandardNormal.quantileOfUpperTailApproximate(q))
        let start = wilson > 0 ? wilson : Swift.max(a, 1)
        return solveTailEquation(target: q, increasing: false, start: start) { x in
            let r = incompleteGamma(a, x); return (r.q, r.prefactor)
        }
    }

    /// Wilson–Hilferty for the gamma(a) variable: `a (1 - 1/(9a) + z/(3√a))³`; 0 when the base is negative.
    static func wilsonHilferty(_ a: Double, z: Double) -> Double {
        let c = 1 / (9 * a)
        let base = 1 - c + z * c.squareRoot()
        let value = a * base * base * base
        return base > 0 && value.isFinite ? value : 0
    }
}
