import PanelStatsLinearAlgebra

/// Demeaning by several absorbed factors at once (`y ~ x | a + b + c`): the projection of a
/// column onto the orthogonal complement of all the factors' dummies,
///
///     x̃ = M x,   M = I − D (DᵀWD)⁻ DᵀW,   D = [D_a D_b D_c …],
///
/// by the method of alternating projections (Guimarães–Portugal 2010, Gaure 2013): one *sweep*
/// `T = M_c M_b M_a` applies each factor's exact within transformation in turn, and `Tᵏx → Mx`
/// (von Neumann–Halperin). The iterates stay in `x + span(D)`, so the limit is `Mx`, not just any
/// fixed point.
///
/// **Acceleration.** Plain sweeps converge linearly and slowly when the factors are weakly
/// connected. As fixest does, every step uses Irons–Tuck extrapolation (the vector form of
/// Aitken's Δ²): from `x`, `Gx = T x`, `GGx = T Gx`,
///
///     δ₁ = GGx − Gx,  δ₂ = GGx − 2 Gx + x,  x ← GGx − (⟨δ₁, δ₂⟩ / ⟨δ₂, δ₂⟩) δ₁ .
///
/// fixest extrapolates in the space of the fixed-effect coefficients; here the same step is taken
/// on the n-vector itself, which needs no coefficient bookkeeping and keeps `x − x₀ ∈ span(D)`
/// (every term is a combination of sweeps' increments).
///
/// **Stopping rule.** After each extrapolation one more sweep is made; the column has converged
/// when `max_i |(T x)_i − x_i| ≤ tolerance · s`, where `s` is the (weighted) standard deviation of
/// the original column, so the rule is independent of units and location. reghdfe's default
/// tolerance is 1e-8 and so is ours (``defaultTolerance``). A column that reaches the iteration
/// limit throws ``FixedEffectsError/notConverged(variable:iterations:reached:tolerance:)`` with
/// the count and the relative change it reached — never a silent, unconverged result.
///
/// With a single factor the first sweep is exact and the column is done after one sweep.
public struct AlternatingProjections: Sendable {
    /// reghdfe's default tolerance on the relative change of a sweep.
    public static let defaultTolerance = 1e-8
    /// fixest's default iteration limit (`fixef.iter = 10000`), counted in sweeps.
    public static let defaultMaximumSweeps = 10_000

    /// The absorbed factors, swept in this order.
    public let factors: [WithinTransform]
    /// Convergence tolerance on `max|Tx − x| / s`.
    public let tolerance: Double
    /// Iteration limit, in sweeps (applications of `T`).
    public let maximumSweeps: Int

    /// What demeaning one column took.
    public struct Outcome: Sendable, Equatable, Codable {
        /// Sweeps through all factors (1 for a single factor, which is exact).
        public var sweeps: Int
        /// The last relative change `max|Tx − x| / s` (0 for a single factor).
        public var relativeChange: Double
    }

    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` when the factors have different
    ///   lengths or none is given; ``FixedEffectsError/invalidOption(_:)`` for a tolerance that is
    ///   not positive or an iteration limit below 1.
    public init(
        factors: [WithinTransform], tolerance: Double = defaultTolerance, maximumSweeps: Int = defaultMaximumSweeps
    ) throws(FixedEffectsError) {
        guard let first = factors.first else { throw .dimensionMismatch("alternating projections need at least one factor") }
        if let other = factors.first(where: { $0.count != first.count }) {
            throw .dimensionMismatch("absorbed factors have \(first.count) and \(other.count) observations")
        }
        guard tolerance > 0, tolerance.isFinite else { throw .invalidOption("tolerance must be positive, got \(tolerance)") }
        guard maximumSweeps >= 1 else { throw .invalidOption("the iteration limit must be at least 1, got \(maximumSweeps)") }
        self.factors = factors
        self.tolerance = tolerance
        self.maximumSweeps = maximumSweeps
    }

    /// Number of observations.
    public var count: Int { factors.first?.count ?? 0 }

    /// Buffers reused across columns: two n-vectors and the group sums of every factor.
    struct Workspace {
        var gx: [Double]
        var ggx: [Double]
        var scratch: [Double]

        init(for projections: AlternatingProjections) {
            let n = projections.count
            let multi = projections.factors.count > 1
            gx = multi ? [Double](repeating: 0, count: n) : []
            ggx = multi ? [Double](repeating: 0, count: n) : []
            let groups = projections.factors.map(\.groupCount)
            scratch = [Double](repeating: 0, count: multi ? groups.reduce(0, +) : groups.max() ?? 0)
        }
    }

    /// `x ← M x` in place (`x` has ``count`` elements).
    /// - Parameter variable: the column's name, for the non-convergence error.
    func demean(
        _ x: UnsafeMutableBufferPointer<Double>, variable: String, workspace: inout Workspace
    ) throws(FixedEffectsError) -> Outcome {
        if factors.count == 1 {
            workspace.scratch.withUnsafeMutableBufferPointer { s in factors[0].demean(x, scratch: s) }
            return Outcome(sweeps: 1, relativeChange: 0)
        }
        let n = x.count
        let scale = weightedStandardDeviation(UnsafeBufferPointer(x))
        if !(scale > 0) {
            // A constant column lies in the span of every factor: M x = 0 exactly.
            for i in 0..<n { x[i] = 0 }
            return Outcome(sweeps: 0, relativeChange: 0)
        }
        let threshold = tolerance * scale
        var sweeps = 0
        var change = Double.infinity
        var failure: FixedEffectsError? = nil
        workspace.gx.withUnsafeMutableBufferPointer { gx in
            workspace.ggx.withUnsafeMutableBufferPointer { ggx in
                workspace.scratch.withUnsafeMutableBufferPointer { sums in
                    change = sweep(from: UnsafeBufferPointer(x), into: gx, sums: sums)
                    sweeps = 1
                    while true {
                        if change <= threshold {
                            for i in 0..<n { x[i] = gx[i] }
                            return
                        }
                        if !change.isFinite || sweeps + 2 > maximumSweeps {
                            failure = .notConverged(
                                variable: variable, iterations: sweeps, reached: change / scale, tolerance: tolerance)
                            return
                        }
                        // GGx = T Gx; |GGx − Gx| is the change of a sweep from Gx: the same stopping
                        // rule, applied one sweep earlier (a balanced panel stops here after 2 sweeps).
                        let second = sweep(from: UnsafeBufferPointer(gx), into: ggx, sums: sums)
                        sweeps += 1
                        if second <= threshold {
                            change = second
                            for i in 0..<n { x[i] = ggx[i] }
                            return
                        }
                        // Irons–Tuck extrapolation from (x, Gx, GGx).
                        var product = 0.0, squares = 0.0
                        for i in 0..<n {
                            let d1 = ggx[i] - gx[i]
                            let d2 = d1 - (gx[i] - x[i])
                            product += d1 * d2
                            squares += d2 * d2
                        }
                        if squares > 0 {
                            let step = product / squares
                            for i in 0..<n { x[i] = ggx[i] - step * (ggx[i] - gx[i]) }
                        } else {
                            for i in 0..<n { x[i] = ggx[i] }
                        }
                        change = sweep(from: UnsafeBufferPointer(x), into: gx, sums: sums)
                        sweeps += 1
                    }
                }
            }
        }
        if let failure { throw failure }
        return Outcome(sweeps: sweeps, relativeChange: change / scale)
    }

    /// Demeans `values` and returns the result with its outcome.
    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` unless `values` has ``count`` elements;
    ///   ``FixedEffectsError/notConverged(variable:iterations:reached:tolerance:)``.
    public func demeaned(_ values: [Double], variable: String) throws(FixedEffectsError) -> ([Double], Outcome) {
        guard values.count == count else {
            throw .dimensionMismatch("\(values.count) values of \(variable) for \(count) observations")
        }
        var workspace = Workspace(for: self)
        var result = values
        let outcome = try result.withUnsafeMutableBufferPointer { (x) throws(FixedEffectsError) -> Outcome in
            try demean(x, variable: variable, workspace: &workspace)
        }
        return (result, outcome)
    }

    /// Demeans every column of `matrix` in place; `names` label the columns for errors.
    public func demean(columnsOf matrix: inout Matrix, names: [String]) throws(FixedEffectsError) -> [Outcome] {
        let n = matrix.rows
        guard n == count else { throw .dimensionMismatch("a matrix with \(n) rows for \(count) observations") }
        let columnNames = (0..<matrix.columns).map { $0 < names.count ? names[$0] : "column \($0 + 1)" }
        return try matrix.storage.withUnsafeMutableBufferPointer { (s) throws(FixedEffectsError) -> [Outcome] in
            let columns = (0..<matrix.columns).map { j in UnsafeMutableBufferPointer(rebasing: s[(j * n)..<((j + 1) * n)]) }
            return try demean(columns: columns, names: columnNames)
        }
    }

    /// Demeans several disjoint columns in place, in parallel over the machine's cores (each
    /// column is independent; each worker has its own workspace, reused for its columns). Throws the first column's error
    /// in column order.
    func demean(columns: [UnsafeMutableBufferPointer<Double>], names: [String]) throws(FixedEffectsError) -> [Outcome] {
        let results = ConcurrentResults<Result<Outcome, FixedEffectsError>>(count: columns.count)
        Parallel.forEach(columns.count, parallel: count >= Parallel.minimumRows, state: { Workspace(for: self) }) {
            j, workspace in
            do throws(FixedEffectsError) {
                results[j] = .success(try demean(columns[j], variable: names[j], workspace: &workspace))
            } catch {
                results[j] = .failure(error)
            }
        }
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(columns.count)
        for j in columns.indices {
            switch results[j] {
            case .success(let outcome)?: outcomes.append(outcome)
            case .failure(let error)?: throw error
            case nil: throw .dimensionMismatch("column \(names[j]) was not demeaned")
            }
        }
        return outcomes
    }

    /// One sweep `T = M_K ⋯ M_1` from `source` into `target`; returns `max_i |target_i − source_i|`.
    ///
    /// The factors' passes are fused: the pass that subtracts factor k's means also accumulates
    /// the group sums of factor k + 1, so a sweep reads and writes the column once per factor (the
    /// first factor's means come from a separate scatter pass unless its codes are sorted, when
    /// they are taken block by block in cache). `sums` holds every factor's group sums.
    private func sweep(
        from source: UnsafeBufferPointer<Double>, into target: UnsafeMutableBufferPointer<Double>,
        sums: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let n = source.count
        let k = factors.count
        var offsets = [Int](repeating: 0, count: k + 1)
        for f in 0..<k { offsets[f + 1] = offsets[f] + factors[f].groupCount }
        let w = factors[0].weights
        return withOptionalBuffer(w) { w in
            // Pass 1: the first factor (block means when sorted, else scatter then gather),
            // accumulating the second factor's sums.
            let first = factors[0]
            let nextSums = UnsafeMutableBufferPointer(rebasing: sums[offsets[1]..<offsets[2]])
            for g in nextSums.indices { nextSums[g] = 0 }
            factors[1].codes.withUnsafeBufferPointer { nextCodes in
                first.inverseTotals.withUnsafeBufferPointer { inv in
                    if let starts = first.blockStarts {
                        starts.withUnsafeBufferPointer { starts in
                            for g in 0..<first.groupCount {
                                let start = starts[g], end = starts[g + 1]
                                var sum = 0.0
                                for i in start..<end { sum += (w?[i] ?? 1) * source[i] }
                                let mean = sum * inv[g]
                                for i in start..<end {
                                    let v = source[i] - mean
                                    target[i] = v
                                    nextSums[Int(nextCodes[i])] += (w?[i] ?? 1) * v
                                }
                            }
                        }
                    } else {
                        let means = UnsafeMutableBufferPointer(rebasing: sums[offsets[0]..<offsets[1]])
                        first.codes.withUnsafeBufferPointer { codes in
                            for g in means.indices { means[g] = 0 }
                            for i in 0..<n { means[Int(codes[i])] += (w?[i] ?? 1) * source[i] }
                            for g in means.indices { means[g] *= inv[g] }
                            for i in 0..<n {
                                let v = source[i] - means[Int(codes[i])]
                                target[i] = v
                                nextSums[Int(nextCodes[i])] += (w?[i] ?? 1) * v
                            }
                        }
                    }
                }
            }
            // Passes 2…K: subtract factor f's means, accumulate factor f + 1's sums; the last pass
            // measures the change.
            var change = 0.0
            for f in 1..<k {
                let factor = factors[f]
                let means = UnsafeMutableBufferPointer(rebasing: sums[offsets[f]..<offsets[f + 1]])
                factor.inverseTotals.withUnsafeBufferPointer { inv in
                    for g in means.indices { means[g] *= inv[g] }
                }
                factor.codes.withUnsafeBufferPointer { codes in
                    if f + 1 < k {
                        let following = UnsafeMutableBufferPointer(rebasing: sums[offsets[f + 1]..<offsets[f + 2]])
                        for g in following.indices { following[g] = 0 }
                        factors[f + 1].codes.withUnsafeBufferPointer { nextCodes in
                            for i in 0..<n {
                                let v = target[i] - means[Int(codes[i])]
                                target[i] = v
                                following[Int(nextCodes[i])] += (w?[i] ?? 1) * v
                            }
                        }
                    } else {
                        for i in 0..<n {
                            let v = target[i] - means[Int(codes[i])]
                            target[i] = v
                            change = max(change, abs(v - source[i]))
                        }
                    }
                }
            }
            return change
        }
    }

    /// The weighted standard deviation of `x` (the weights of the first factor, which all share).
    private func weightedStandardDeviation(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count
        guard n > 0 else { return 0 }
        var total = 0.0, sum = 0.0
        if let w = factors[0].weights {
            for i in 0..<n { total += w[i]; sum += w[i] * x[i] }
        } else {
            for i in 0..<n { sum += x[i] }
            total = Double(n)
        }
        let mean = sum / total
        var squares = 0.0
        if let w = factors[0].weights {
            for i in 0..<n { let d = x[i] - mean; squares += w[i] * d * d }
        } else {
            for i in 0..<n { let d = x[i] - mean; squares += d * d }
        }
        return (squares / total).squareRoot()
    }
}
