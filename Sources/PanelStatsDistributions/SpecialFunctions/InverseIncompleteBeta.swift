#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SpecialFunctions {
    /// The `x ∈ [0, 1]` with `I_x(a, b) = p` (scipy's `betaincinv`); NaN for `a, b ≤ 0` or `p` outside `[0, 1]`.
    ///
    /// Newton's method on `log I` in the log-odds `log(x/(1-x))`, in which the beta density is log-concave,
    /// so the iteration converges monotonically (see `solveTailEquation`); for `p > ½` the complementary
    /// equation `1 - I = 1 - p` (exact) is solved so the small side is always the one matched.
    public static func inverseRegularizedIncompleteBeta(_ p: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return oddsToProbability(p <= 0.5 ? solveBeta(a, b, lowerTail: p) : solveBeta(a, b, upperTail: 1 - p))
    }

    /// The `x ∈ [0, 1]` with `1 - I_x(a, b) = q` (scipy's `betainccinv`), accurate for tiny `q`.
    public static func inverseRegularizedIncompleteBetaComplement(_ q: Double, a: Double, b: Double) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        return oddsToProbability(q <= 0.5 ? solveBeta(a, b, upperTail: q) : solveBeta(a, b, lowerTail: 1 - q))
    }

    static func oddsToProbability(_ w: Double) -> Double {
        w.isInfinite ? 1 : w / (1 + w)
    }

    /// `I_x(a,b)` and its complement as functions of the odds `w = x/(1-x)`, with `w·∂I/∂w = xᵃyᵇ/B(a,b)`.
    static func betaAtOdds(_ a: Double, _ b: Double, _ w: Double) -> (value: Double, complement: Double, prefactor: Double) {
        let x = w.isInfinite ? 1 : w / (1 + w)
        let y = 1 / (1 + w)
        return incompleteBeta(a: a, b: b, x: x, y: y)
    }

    static func solveBeta(_ a: Double, _ b: Double, lowerTail p: Double) -> Double {
        let mean = a / (a + b)
        // I_x(a, b) ≈ xᵃ / (a B(a, b)) for small x.
        let power = exp((log(p) + log(a) + logBeta(a, b)) / a)
        let x0 = power < mean ? power : mean
        return solveTailEquation(target: p, increasing: true, start: x0 / (1 - x0)) { w in
            let r = betaAtOdds(a, b, w); return (r.value, r.prefactor)
        }
    }

    static func solveBeta(_ a: Double, _ b: Double, upperTail q: Double) -> Double {
        let mean = b / (a + b)  // of y = 1 - x
        let power = exp((log(q) + log(b) + logBeta(a, b)) / b)
        let y0 = power < mean ? power : mean
        return solveTailEquation(target: q, increasing: false, start: (1 - y0) / y0) { w in
            let r = betaAtOdds(a, b, w); return (r.complement, r.prefactor)
        }
    }
}
