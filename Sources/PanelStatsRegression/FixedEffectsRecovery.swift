/// Recovers the coefficients of several absorbed factors from their sum, as fixest's and pyfixest's
/// `fixef()`: given `dᵢ = yᵢ − xᵢᵀβ − eᵢ` (the fixed-effect part of each observation, constant
/// included), find `u_f` with `Σ_f u_f[g_f(i)] = dᵢ` (least squares when d is only approximately in
/// the span, e.g. after iterative demeaning).
///
/// **Normalisation** (pyfixest's dummy coding `-1 + C(a) + C(b) + …`): the first factor keeps all
/// its levels and carries the constant; the first level (in label order) of every further factor
/// is 0. This identifies the coefficients when the factors are connected (one component); with
/// several components (redundant levels beyond these references) the split between factors within
/// each extra component is not identified and the reported values are one solution among many,
/// whose sums `Σ_f u_f[g_f(i)]` are nevertheless correct.
///
/// **Algorithm.** Gauss–Seidel sweeps over the factors — `u_f ← mean_g(d − Σ_{h≠f} u_h)` — with
/// Irons–Tuck extrapolation on the coefficient vector (as fixest), until the largest change of a
/// sweep is at most `tolerance · sd(d)`; then the references are shifted into the first factor
/// (every observation has one level of each factor, so the sums do not change).
enum FixedEffectsRecovery {
    static func coefficients(
        of d: [Double], factors: [WithinTransform], tolerance: Double, maximumSweeps: Int
    ) throws(FixedEffectsError) -> [[Double]] {
        let n = d.count
        let sizes = factors.map(\.groupCount)
        let offsets = sizes.indices.map { sizes[..<$0].reduce(0, +) }
        let total = sizes.reduce(0, +)
        if factors.count == 1 { return [factors[0].groupMeans(of: d)] }

        let mean = d.reduce(0, +) / Double(max(n, 1))
        let scale = max((d.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(n, 1))).squareRoot(), 1e-300)
        let threshold = tolerance * scale

        var sum = [Double](repeating: 0, count: n)       // Σ_f u_f[g_f(i)] for the current u
        var scratch = [Double](repeating: 0, count: n)
        var means = [Double](repeating: 0, count: sizes.max() ?? 0)

        /// One Gauss–Seidel sweep from `u` (with `sum` consistent with it), in place.
        func sweep(_ u: inout [Double]) {
            for (f, factor) in factors.enumerated() {
                let codes = factor.codes, offset = offsets[f]
                for i in 0..<n { scratch[i] = d[i] - sum[i] + u[offset + Int(codes[i])] }
                scratch.withUnsafeBufferPointer { r in
                    means.withUnsafeMutableBufferPointer { m in factor.groupMeans(of: r, into: m) }
                }
                for i in 0..<n { sum[i] += means[Int(codes[i])] - u[offset + Int(codes[i])] }
                for g in 0..<sizes[f] { u[offset + g] = means[g] }
            }
        }
        func resetSum(_ u: [Double]) {
            for i in 0..<n { sum[i] = 0 }
            for (f, factor) in factors.enumerated() {
                let codes = factor.codes, offset = offsets[f]
                for i in 0..<n { sum[i] += u[offset + Int(codes[i])] }
            }
        }

        var x = [Double](repeating: 0, count: total)
        var gx = x
        sweep(&gx)
        var sweeps = 1
        while true {
            var change = 0.0
            for k in 0..<total { change = max(change, abs(gx[k] - x[k])) }
            if change <= threshold { x = gx; break }
            guard change.isFinite, sweeps + 2 <= maximumSweeps else {
                throw .notConverged(variable: "fixed-effect coefficients", iterations: sweeps, reached: change / scale,
                                    tolerance: tolerance)
            }
            var ggx = gx
            sweep(&ggx)
            var product = 0.0, squares = 0.0
            for k in 0..<total {
                let d1 = ggx[k] - gx[k]
                let d2 = d1 - (gx[k] - x[k])
                product += d1 * d2
                squares += d2 * d2
            }
            if squares > 0 {
                let step = product / squares
                for k in 0..<total { x[k] = ggx[k] - step * (ggx[k] - gx[k]) }
                resetSum(x)
            } else {
                x = ggx
            }
            gx = x
            sweep(&gx)
            sweeps += 2
        }

        var result = factors.indices.map { f in Array(x[offsets[f]..<(offsets[f] + sizes[f])]) }
        for f in 1..<factors.count {
            let reference = result[f][0]
            for g in result[f].indices { result[f][g] -= reference }
            for g in result[0].indices { result[0][g] += reference }
        }
        return result
    }
}
