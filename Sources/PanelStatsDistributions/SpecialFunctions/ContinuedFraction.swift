/// Evaluates `b₀ + a₁/(b₁ + a₂/(b₂ + …))` by the modified Lentz algorithm (Thompson & Barnett 1986),
/// which runs forward and so needs no iteration count in advance. `term(n)` returns `(aₙ, bₙ)` for `n ≥ 1`.
///
/// Stops when a step changes the value by at most `tolerance` relative, or after `maxTerms` terms
/// (the callers' fractions converge far earlier in their regions; the cap only bounds the work on
/// pathological input).
@inline(__always)
func evaluateContinuedFraction(
    b0: Double, maxTerms: Int = 1_000_000, tolerance: Double = 2.3e-16,
    term: (Int) -> (a: Double, b: Double)
) -> Double {
    let tiny = 1e-300
    var f = b0 == 0 ? tiny : b0
    var c = f, d = 0.0
    var n = 1
    while n <= maxTerms {
        let (an, bn) = term(n)
        d = bn + an * d
        if d == 0 { d = tiny }
        c = bn + an / c
        if c == 0 { c = tiny }
        d = 1 / d
        let delta = c * d
        f *= delta
        if Swift.abs(delta - 1) <= tolerance || !f.isFinite { break }
        n += 1
    }
    return f
}
