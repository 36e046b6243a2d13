#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Solves `G(x) = target` for `x > 0`, where `G` is a tail probability (monotone in `x`).
///
/// `evaluate(x)` returns `G(x)` and `x·|G′(x)|`. Newton's method runs on `h(u) = log G(eᵘ) - log target`
/// in `u = log x` while the iterate is kept as `x` itself (so a 3e299 quantile is not limited to the
/// `|u|·ε` resolution of its logarithm). For every distribution here the variable `log x` (of the
/// absolute value for t and the normal) has a log-concave density, so `h` is concave and Newton converges
/// monotonically after its first step from any start; the bracket kept from the signs of `h` and the
/// geometric bisection only guard against underflow (`G = 0`) and flat stretches.
/// Returns 0 when the root lies below the smallest subnormal and `+∞` above the largest double.
func solveTailEquation(
    target: Double, increasing: Bool, start: Double,
    evaluate: (Double) -> (value: Double, scaledDensity: Double)
) -> Double {
    let logTarget = log(target)
    var x = start.isFinite && start > 0 ? start : 1
    var low = 0.0, high = Double.infinity
    var expansion = 16.0
    var polishing = false
    for _ in 0..<400 {
        let (g, xg) = evaluate(x)
        if g.isNaN { return .nan }
        if g == target { return x }
        // log(g/target) rather than log g - log target: near the root the ratio is ≈ 1 and exact to rounding,
        // while the difference of two logarithms of size 690 (a 1e-300 target) carries 690·ε of noise.
        let ratio = g / target
        let h = ratio.isFinite && ratio > 0 ? log(ratio) : log(g) - logTarget
        if (increasing && h < 0) || (!increasing && h > 0) { low = x } else { high = x }
        var next = Double.nan
        if h.isFinite, g > 0, xg > 0, xg.isFinite {
            let step = -h / ((increasing ? xg : -xg) / g)
            if step.isFinite {
                next = x * exp(step)
                if polishing, next > low, next < high { return next }
                if Swift.abs(step) < 1e-14 { polishing = true }
            }
        }
        if !(next > low && next < high) {
            polishing = false
            if low == 0 {
                next = high / expansion
                expansion *= expansion
                if next == 0 { return 0 }
            } else if high == .infinity {
                next = low * expansion
                expansion *= expansion
                if next == .infinity { return .infinity }
            } else {
                next = low.squareRoot() * high.squareRoot()
                if !(next > low && next < high) { return next.isFinite ? next : low }
            }
        }
        x = next
    }
    return x
}
