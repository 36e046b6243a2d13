import PanelStatsLinearAlgebra

/// The cluster-robust meat of the within estimator over the centred design `Z̃ = [1, X̃]`, computed
/// from the demeaned regressors without forming it (an n × (k + 1) copy: 880 MB at 10⁷ rows and
/// K = 10); the caller shifts the sandwich to xtreg's means (``FixedEffectsModel``'s
/// `shiftingToMeans`). The same sum as ``ClusterRobustCovariance/covariance(bread:design:residuals:weights:terms:factors:)``:
///
///     M = Σ_t sign_t · factor_t · S_tᵀ S_t,   (S_t)_g = Σ_{i ∈ g} uᵢ zᵢ,   zᵢ = [1, x̃ᵢ],
///
/// with scores `uᵢ = wᵢeᵢ` (`eᵢ` without weights). Each column of S is accumulated by its own
/// worker (columns split over the cores), and `SᵀS` by the blocked Gram kernel.
enum WithinClusterMeat {
    /// - Parameters:
    ///   - columns: the kept demeaned regressors x̃_j (each of length n).
    ///   - scores: uᵢ.
    static func meat(
        columns: [UnsafeBufferPointer<Double>], scores u: [Double],
        terms: [ClusterRobustCovariance.Term], factors: [Double]
    ) -> Matrix {
        let p = columns.count + 1
        var meat = Matrix(rows: p, columns: p)
        for (term, factor) in zip(terms, factors) {
            let groups = term.count
            let results = ConcurrentResults<[Double]>(count: p)
            Parallel.forEach(p, parallel: u.count >= Parallel.minimumRows) { j in
                var s = [Double](repeating: 0, count: groups)
                s.withUnsafeMutableBufferPointer { s in
                    term.codes.withUnsafeBufferPointer { codes in
                        u.withUnsafeBufferPointer { u in
                            if j == 0 {
                                for i in 0..<u.count { s[Int(codes[i])] += u[i] }
                            } else {
                                let x = columns[j - 1]
                                for i in 0..<u.count { s[Int(codes[i])] += u[i] * x[i] }
                            }
                        }
                    }
                }
                results[j] = s
            }
            let scores = (0..<p).map { results[$0] ?? [] }
            let gram = withBuffers(scores) { NormalEquations.gram($0, shifts: nil) }
            let scale = term.sign * factor
            for k in 0..<(p * p) { meat.storage[k] += scale * gram.storage[k] }
        }
        return meat
    }
}

/// Calls `body` with a pointer to each array's elements.
func withBuffers<R>(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
    func nest(_ index: Int, _ pointers: [UnsafeBufferPointer<Double>]) -> R {
        if index == arrays.count { return body(pointers) }
        return arrays[index].withUnsafeBufferPointer { nest(index + 1, pointers + [$0]) }
    }
    return nest(0, [])
}
