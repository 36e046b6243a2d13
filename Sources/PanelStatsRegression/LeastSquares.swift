import PanelStatsLinearAlgebra

/// The numerical solution of a (weighted) least-squares problem `min Σ wᵢ (yᵢ − xᵢᵀβ)²` after
/// collinear columns were dropped in formula order. Shared by OLS and the within (FE) estimator,
/// which passes its demeaned design.
public struct LeastSquaresFit: Sendable {
    /// β for the kept columns, in the order of ``keptColumns``.
    public let coefficients: [Double]
    /// Indices (into the design's columns) of the estimated columns, ascending.
    public let keptColumns: [Int]
    /// Indices of the columns dropped as zero or collinear with earlier columns, ascending
    /// (formula order, as R's `lm` and Stata report "omitted because of collinearity").
    public let omittedColumns: [Int]
    /// `eᵢ = yᵢ − xᵢᵀβ` on the original (unweighted) scale, each formed in double-double precision.
    public let residuals: [Double]
    /// `ŷᵢ = yᵢ − eᵢ`.
    public let fitted: [Double]
    /// Residual sum of squares `Σ wᵢ eᵢ²` (`Σ eᵢ²` without weights), compensated summation.
    public let rss: Double
    /// `(X_kᵀ W X_k)⁻¹` for the kept columns X_k, formed as `R⁻¹R⁻ᵀ` from the QR factor (never by
    /// inverting the cross-product, which would square the condition number).
    public let inverseGram: Matrix
    /// The analytic weights, if any.
    public let weights: [Double]?
    /// QR factor of the kept, weighted design with columns scaled to unit norm (for leverages).
    let factorization: HouseholderQR

    /// Number of estimated coefficients (the numerical rank of the design).
    public var rank: Int { keptColumns.count }
    /// Number of observations.
    public var observations: Int { residuals.count }

    /// Leverages `hᵢᵢ = xᵢᵀ(XᵀWX)⁻¹xᵢ · wᵢ`, the diagonal of the hat matrix, as the squared row
    /// norms of the thin `Q` factor (accurate even for ill-conditioned designs). Needed by HC2 and HC3.
    public func leverages() throws(RegressionError) -> [Double] {
        let n = factorization.rows, k = factorization.columns
        var selector = Matrix(rows: n, columns: k)
        for j in 0..<k { selector[j, j] = 1 }
        let q: Matrix
        do { q = try factorization.applyQ(to: selector) } catch { throw .linearAlgebra(error) }
        var h = [Double](repeating: 0, count: n)
        q.storage.withUnsafeBufferPointer { qs in
            for j in 0..<k {
                let base = j * n
                for i in 0..<n { h[i] += qs[base + i] * qs[base + i] }
            }
        }
        return h
    }
}

/// Least squares by Householder QR (LAPACK `dgeqrf`, unpivoted) with collinearity detection in
/// formula order.
///
/// **Collinearity.** Each column of `W^½X` is scaled by a power of two near its norm (exact, so
/// the scaled problem is the same problem). An unpivoted QR gives `|R_jj| / ‖x_j‖`, the sine of
/// the angle between column j and the span of columns `0..<j`. A column passes at once when that
/// ratio exceeds 1e-6; otherwise the ratio is recomputed accurately — column j regressed on the
/// columns before it, with refined double-double residuals — and the column is collinear when
/// the refined ratio is at most the tolerance. The first collinear column is dropped and the QR
/// recomputed without it (its noisy Householder reflector would contaminate later columns),
/// until every kept column passes. So with `x3 = x1 + x2` it is `x3` that goes, as in R's `lm` and
/// Stata — LAPACK's `dgeqp3` pivots by norm and could drop `x1` instead. All-zero columns go first.
///
/// **Solution.** β solves `Rβ = (Qᵀy)₁` (`dormqr`, `dtrtrs`), followed by Björck's iterative
/// refinement of the augmented system `[I X; Xᵀ 0][r; β] = [y; 0]` with both residuals formed in
/// double-double: this lifts NIST Wampler4/5 from LRE 8.0/6.0 (plain QR) to 15. `(XᵀX)⁻¹ = R⁻¹R⁻ᵀ`
/// is refined the same way, column by column, when the design is ill-conditioned.
public enum LeastSquares {
    /// The default rank tolerance: `1e-10` on the refined ratio `‖r_j‖ / ‖x_j‖` (see the type's
    /// documentation). Measured with Debian's reference LAPACK/BLAS:
    /// - **Exactly collinear columns** give refined ratios of 4e-17 … 7e-15 (x3 = x1 + x2,
    ///   x3 = 3·x1 − 0.5·x2, a column on an offset 1e6 + x, demeaned variables; 20 to 10⁶ rows)
    ///   and exactly 0 for a full dummy set beside the intercept. A plain QR's `|R_jj|/‖x_j‖`
    ///   for the same columns grows with n through rounding: 5e-16 (20 rows), 2e-13 (5 000),
    ///   5e-12 (10⁵), 2e-11 (10⁶) — which is why the refined ratio decides.
    /// - **Ill-conditioned, full-rank designs** stay far above: NIST Filip (degree-10
    ///   polynomial, condition number ≈ 1e15 unscaled) has its smallest ratio at `I(x^10)`,
    ///   5.2e-8; Longley 8.6e-5; Wampler1–5 4.3e-3.
    ///
    /// 1e-10 is 500 × below Filip and 10⁴ × above the collinear noise. R's `lm` uses 1e-7 on
    /// essentially the same ratio and drops Filip's `I(x^10)` (so would this code at 1e-7).
    public static let defaultRankTolerance: Double = 1e-10

    /// Columns whose plain-QR `|R_jj| / ‖x_j‖` exceeds this are kept without the refined check
    /// (rounding noise would need ~10¹⁰ rows to reach it).
    static let screeningThreshold = 1e-6

    /// At most this many refinement steps with double-double residuals. Refinement contracts the
    /// error by about `c·κ·ε` per step (Björck); it stops once the next correction, predicted as
    /// `1e-14·κ·max|δ|` (κ the Frobenius estimate `‖R‖_F‖R⁻¹‖_F`, which bounds the 2-norm
    /// condition number from above), falls below the rounding `ε·max|β|`: one step for a
    /// well-conditioned design, two for NIST's Wampler and Filip sets.
    static let maximumRefinementSteps = 3

    /// `(XᵀX)⁻¹` is refined column by column when the Frobenius condition estimate
    /// `‖R‖_F ‖R⁻¹‖_F` of the scaled design exceeds this (fewer than ~10 correct digits expected),
    /// or when the refinement is cheap (`n·k² ≤` ``inverseRefinementBudget``). It costs O(n k²)
    /// double-double operations, so large well-conditioned designs skip it (and keep ~13 digits).
    static let inverseRefinementCondition = 1e6

    /// Below this `n·k²` the inverse is always refined (a few milliseconds at most).
    static let inverseRefinementBudget = 1e6

    /// Fits `response` on the columns of `design` (n × p, column-major), optionally weighted.
    ///
    /// - Parameters:
    ///   - weights: analytic weights `wᵢ > 0`; the problem solved is `min Σ wᵢ eᵢ²`.
    ///   - rankTolerance: a column is collinear when its refined residual on the earlier columns,
    ///     relative to its norm, is at most this (see ``defaultRankTolerance``).
    /// - Throws: ``RegressionError/tooFewObservations(n:parameters:)`` when n is smaller than the
    ///   number of non-zero columns (QR needs n ≥ p, before any collinear column is dropped) or
    ///   does not exceed the number of estimable columns; ``RegressionError/allColumnsCollinear``
    ///   when nothing is estimable; ``RegressionError/nonFinite(what:observation:)`` for NaN/∞ input.
    public static func fit(
        response: [Double], design: Matrix, weights: [Double]? = nil,
        rankTolerance: Double = defaultRankTolerance
    ) throws(RegressionError) -> LeastSquaresFit {
        let n = design.rows, p = design.columns
        guard response.count == n else {
            throw .dimensionMismatch("response has \(response.count) observations, design has \(n) rows")
        }
        guard p > 0 else { throw .emptyDesign }
        guard n > 0 else { throw .noObservations("the data have no rows") }
        if let i = response.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(what: "the response", observation: i) }
        if let i = design.storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "design column \(i / n + 1)", observation: i % n)
        }

        // Weighted problem: rows scaled by √wᵢ.
        var rootWeights: [Double]? = nil
        if let weights {
            guard weights.count == n else {
                throw .dimensionMismatch("\(weights.count) weights for \(n) observations")
            }
            if let i = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw .invalidWeight(observation: i, value: weights[i])
            }
            rootWeights = weights.map { $0.squareRoot() }
        }
        var x = design
        var y = response
        if let rootWeights {
            x.storage.withUnsafeMutableBufferPointer { s in
                for j in 0..<p { for i in 0..<n { s[j * n + i] *= rootWeights[i] } }
            }
            for i in 0..<n { y[i] *= rootWeights[i] }
        }

        let norms = (0..<p).map { j in x.withColumn(j) { euclideanNorm($0) } }
        // Powers of two, so scaling is exact and the scaled problem is the same problem.
        let powerOfTwo = norms.map { $0 > 0 ? Double(sign: .plus, exponent: $0.exponent, significand: 1) : 1 }
        var candidates = (0..<p).filter { norms[$0] > 0 }
        guard !candidates.isEmpty else { throw .allColumnsCollinear }
        guard n >= candidates.count else { throw .tooFewObservations(n: n, parameters: candidates.count) }

        // Drop the first column whose |R_jj| / ‖x_j‖ fails the tolerance, refactor, repeat.
        var qr: HouseholderQR
        var scaled: Matrix
        while true {
            scaled = scaledColumns(x, candidates, powerOfTwo)
            do { qr = try HouseholderQR(scaled) } catch { throw .linearAlgebra(error) }
            let diagonal = qr.rDiagonal
            var offending: Int? = nil
            for position in candidates.indices {
                let j = candidates[position]
                let quick = abs(diagonal[position]) * powerOfTwo[j] / norms[j]
                if quick > screeningThreshold { continue }
                let ratio = try refinedCollinearityRatio(scaled, position: position, columnNorm: norms[j] / powerOfTwo[j])
                if !(ratio > rankTolerance) { offending = position; break }
            }
            guard let offending else { break }
            candidates.remove(at: offending)
            guard !candidates.isEmpty else { throw .allColumnsCollinear }
        }
        let kept = candidates
        let k = kept.count
        guard n > k else { throw .tooFewObservations(n: n, parameters: k) }
        let scale = kept.map { powerOfTwo[$0] }
        let columns = Array(0..<k)

        let rInverse: Matrix
        do { rInverse = try qr.rInverse() } catch { throw .linearAlgebra(error) }
        let condition = frobeniusNorm(qr.r) * frobeniusNorm(rInverse)

        // β_s = R⁻¹(Qᵀy)₁ for the scaled design, refined on the augmented system.
        var betaScaled = try solve(qr, y)
        var r = compensatedResiduals(response: y, design: scaled, columns: columns, coefficients: betaScaled)
        try refine(
            qr, design: scaled, rightHandSide: y, constraint: nil, condition: condition, solution: &betaScaled,
            residual: &r)
        let beta = (0..<k).map { betaScaled[$0] / scale[$0] }

        let weightedResiduals = compensatedResiduals(response: y, design: scaled, columns: columns, coefficients: betaScaled)
        let residuals = rootWeights == nil
            ? weightedResiduals
            : compensatedResiduals(response: response, design: design, columns: kept, coefficients: beta)
        let fitted = (0..<n).map { response[$0] - residuals[$0] }
        let rss = compensatedSumOfSquares(weightedResiduals)

        // (X_sᵀX_s)⁻¹ = R⁻¹R⁻ᵀ; column j solves the augmented system with right-hand side [0; −e_j],
        // refined like β, then unscaled: (XᵀX)⁻¹ = D⁻¹(X_sᵀX_s)⁻¹D⁻¹ (exact for powers of two).
        var inverseGram: Matrix
        do {
            inverseGram = try rInverse.multiplied(by: rInverse, transposeSelf: .none, transposeOther: .transpose)
        } catch {
            throw .linearAlgebra(error)
        }
        let cheap = Double(n) * Double(k) * Double(k) <= inverseRefinementBudget
        if cheap || !(condition <= inverseRefinementCondition) {
            let zero = [Double](repeating: 0, count: n)
            for j in 0..<k {
                var c = inverseGram.column(j)
                var r = compensatedResiduals(response: zero, design: scaled, columns: columns, coefficients: c)
                var e = [Double](repeating: 0, count: k)
                e[j] = -1
                try refine(
                    qr, design: scaled, rightHandSide: zero, constraint: e, condition: condition, solution: &c,
                    residual: &r)
                for i in 0..<k { inverseGram[i, j] = c[i] }
            }
            for j in 0..<k {
                for i in 0..<j {
                    let average = 0.5 * (inverseGram[i, j] + inverseGram[j, i])
                    inverseGram[i, j] = average
                    inverseGram[j, i] = average
                }
            }
        }
        for j in 0..<k { for i in 0..<k { inverseGram[i, j] /= scale[i] * scale[j] } }

        let keptSet = Set(kept)
        let omitted = (0..<p).filter { !keptSet.contains($0) }
        return LeastSquaresFit(
            coefficients: beta, keptColumns: kept, omittedColumns: omitted, residuals: residuals,
            fitted: fitted, rss: rss, inverseGram: inverseGram, weights: weights, factorization: qr)
    }

    /// `‖r‖ / ‖x_k‖` where r is the residual of column `position` of `scaled` regressed on the
    /// columns before it, solved by QR and refined with double-double residuals, so the ratio is
    /// accurate to working precision rather than carrying the O(n·ε) rounding noise of a plain
    /// QR's `R_kk` (which reaches 5e-12 on 10⁵ rows of exactly collinear dummies).
    static func refinedCollinearityRatio(
        _ scaled: Matrix, position: Int, columnNorm: Double
    ) throws(RegressionError) -> Double {
        if position == 0 { return 1 }
        let lead = scaled.selectingColumns(Array(0..<position))
        let b = scaled.column(position)
        let qr: HouseholderQR
        do { qr = try HouseholderQR(lead) } catch { throw .linearAlgebra(error) }
        let condition: Double
        do { condition = frobeniusNorm(qr.r) * frobeniusNorm(try qr.rInverse()) } catch { throw .linearAlgebra(error) }
        var beta = try solve(qr, b)
        var r = compensatedResiduals(response: b, design: lead, columns: Array(0..<position), coefficients: beta)
        try refine(
            qr, design: lead, rightHandSide: b, constraint: nil, condition: condition, solution: &beta, residual: &r)
        let residual = compensatedResiduals(response: b, design: lead, columns: Array(0..<position), coefficients: beta)
        return residual.withUnsafeBufferPointer { euclideanNorm($0) } / columnNorm
    }

    /// `R⁻¹ (Qᵀ v)₁`, the least-squares solution for the factored design.
    private static func solve(_ qr: HouseholderQR, _ v: [Double]) throws(RegressionError) -> [Double] {
        do {
            let qtv = try qr.applyQTranspose(to: Matrix(rows: v.count, columns: 1, columnMajor: v))
            return try qr.solveR(qtv).storage
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// Björck's iterative refinement of the augmented system `[I X; Xᵀ 0][r; β] = [b; d]`
    /// (`d = 0` when `constraint` is nil): both residuals are formed in double-double,
    /// the corrections solved with the existing QR factor.
    private static func refine(
        _ qr: HouseholderQR, design: Matrix, rightHandSide b: [Double], constraint d: [Double]?,
        condition: Double, solution: inout [Double], residual r: inout [Double]
    ) throws(RegressionError) {
        let n = b.count, k = solution.count
        let columns = Array(0..<k)
        for _ in 0..<maximumRefinementSteps {
            let f = compensatedResiduals(response: b, subtracting: r, design: design, columns: columns, coefficients: solution)
            let xtr = compensatedTransposeProduct(design: design, columns: columns, vector: r)
            let g = (0..<k).map { (d?[$0] ?? 0) - xtr[$0] }
            let (deltaBeta, deltaR) = try augmentedCorrection(qr, f: f, g: g)
            for j in 0..<k { solution[j] += deltaBeta[j] }
            for i in 0..<n { r[i] += deltaR[i] }
            let correction = deltaBeta.reduce(0) { max($0, abs($1)) }
            let size = solution.reduce(0) { max($0, abs($1)) }
            let predictedNext = 1e-14 * condition * correction
            if !(predictedNext > Double.ulpOfOne * size) { break }
        }
    }

    /// One step of Björck's refinement for the augmented system `[I X; Xᵀ 0][r; β] = [y; 0]`:
    /// given its residuals `f = y − r − Xβ` and `g = −Xᵀr`, the corrections solve
    /// `Rᵀh = g`, `δβ = R⁻¹((Qᵀf)₁ − h)`, `δr = Q[h; (Qᵀf)₂]`.
    private static func augmentedCorrection(
        _ qr: HouseholderQR, f: [Double], g: [Double]
    ) throws(RegressionError) -> (beta: [Double], r: [Double]) {
        let n = f.count, k = g.count
        do {
            var qtf = try qr.applyQTranspose(to: Matrix(rows: n, columns: 1, columnMajor: f))
            let h = try qr.solveR(Matrix(rows: k, columns: 1, columnMajor: g), transpose: true)
            var rhs = Matrix(rows: k, columns: 1)
            for j in 0..<k { rhs.storage[j] = qtf.storage[j] - h.storage[j] }
            let deltaBeta = try qr.solveR(rhs)
            for j in 0..<k { qtf.storage[j] = h.storage[j] }
            let deltaR = try qr.applyQ(to: qtf)
            return (deltaBeta.storage, deltaR.storage)
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// The listed columns of `x`, each divided by its norm.
    private static func scaledColumns(_ x: Matrix, _ columns: [Int], _ scales: [Double]) -> Matrix {
        var result = x.selectingColumns(columns)
        let n = x.rows
        result.storage.withUnsafeMutableBufferPointer { s in
            for (k, j) in columns.enumerated() {
                let inverse = 1 / scales[j]
                for i in 0..<n { s[k * n + i] *= inverse }
            }
        }
        return result
    }
}

/// `‖A‖_F`.
func frobeniusNorm(_ a: Matrix) -> Double { a.storage.withUnsafeBufferPointer { euclideanNorm($0) } }

/// `‖v‖₂` without overflow or underflow (scaled by the largest magnitude, as LAPACK's `dnrm2`).
func euclideanNorm(_ v: UnsafeBufferPointer<Double>) -> Double {
    var largest = 0.0
    for value in v { largest = max(largest, abs(value)) }
    if largest == 0 { return 0 }
    var sum = 0.0
    let inverse = 1 / largest
    for value in v { let scaled = value * inverse; sum += scaled * scaled }
    return largest * sum.squareRoot()
}
