import PanelStatsLinearAlgebra

/// Least squares for large, well-conditioned designs by the normal equations with one step of
/// iterative refinement — the large-panel path of the within estimator (issue 7).
///
/// For n in the millions, Householder QR (``LeastSquares``) reads and writes the n × k design
/// many times (the factorisation, `Qᵀy`, two refinement steps in double-double, the `Q` products
/// of each). Here the data are read three times:
/// 1. `G = XᵀX`, `b = Xᵀy` in one blocked pass (rows in cache-sized blocks, split over the cores);
/// 2. `β₀ = G⁻¹b` by Cholesky of the column-scaled `Gₛ = DGD` (`D = diag(G)^-½`); then one pass
///    forms `r = y − Xβ₀` and `Xᵀr`;
/// 3. the refinement `β = β₀ + G⁻¹Xᵀr` and one more pass updates `r ← r − X(β − β₀)` and sums `rᵀr`.
///
/// **When it is used.** Only when the condition number `κ₁(Gₛ) = ‖Gₛ‖₁‖Gₛ⁻¹‖₁` is at most
/// ``maximumCondition`` (1e6, i.e. κ(X) ≲ 10³ after column scaling): then no column is near the
/// span of the others (every column passes ``LeastSquares``' collinearity screen, which would keep
/// all of them too), the refined β carries an error of order `κ(X)·ε` as QR's does, and
/// `(XᵀX)⁻¹ = D Gₛ⁻¹ D` is accurate to `κ₁(Gₛ)·ε ≤ 2e-10` relative. Otherwise (and for weighted
/// fits) ``solve(response:columns:weights:)`` returns `nil` and the caller uses the QR path.
enum NormalEquations {
    /// Largest accepted `κ₁(DGD)`.
    static let maximumCondition = 1e6

    /// The within estimator takes this path from this many observations (below it, QR with
    /// double-double refinement costs milliseconds and is kept for its accuracy guarantees).
    static let minimumRows = 100_000

    /// The solution for the columns `x` (each of length n) and response `y`.
    struct Solution {
        var coefficients: [Double]
        var residuals: [Double]
        var rss: Double
        /// `(XᵀX)⁻¹`, k × k.
        var inverseGram: Matrix
    }

    /// Solves `min ‖y − Xβ‖²`; `nil` when the design is too ill-conditioned for this path (or
    /// weighted, or singular).
    static func solve(
        response y: UnsafeBufferPointer<Double>, columns x: [UnsafeBufferPointer<Double>], weights: [Double]?
    ) -> Solution? {
        guard weights == nil, !x.isEmpty else { return nil }
        let n = y.count, k = x.count
        guard n > k else { return nil }
        // 1. G and b together: the Gram matrix of [X, y].
        let augmented = gram(x + [y], shifts: nil)
        var g = Matrix(rows: k, columns: k)
        var b = [Double](repeating: 0, count: k)
        for c in 0..<k {
            b[c] = augmented[c, k]
            for r in 0..<k { g[r, c] = augmented[r, c] }
        }
        guard let system = ScaledCholesky(g) else { return nil }
        var beta = system.solve(b)
        // 2. r = y − Xβ₀ and Xᵀr; 3. refinement and the final residuals.
        var residuals = [Double](repeating: 0, count: n)
        let xtr = residuals.withUnsafeMutableBufferPointer { r in
            subtractProduct(from: y, columns: x, coefficients: beta, into: r, transposeProduct: true)
        }
        let delta = system.solve(xtr)
        for j in 0..<k { beta[j] += delta[j] }
        let rss = residuals.withUnsafeMutableBufferPointer { r -> Double in
            subtractProduct(from: UnsafeBufferPointer(r), columns: x, coefficients: delta, into: r, transposeProduct: false)
            return sumOfSquares(UnsafeBufferPointer(r))
        }
        return Solution(coefficients: beta, residuals: residuals, rss: rss, inverseGram: system.inverse)
    }

    /// `Gₛ = DGD` factored, with its inverse; `nil` when not positive definite or too ill-conditioned.
    struct ScaledCholesky {
        let scale: [Double]
        let factor: Cholesky
        let inverse: Matrix

        init?(_ g: Matrix) {
            let k = g.rows
            var scale = [Double](repeating: 0, count: k)
            for j in 0..<k {
                guard g[j, j] > 0, g[j, j].isFinite else { return nil }
                scale[j] = 1 / g[j, j].squareRoot()
            }
            var scaled = g
            for c in 0..<k { for r in 0..<k { scaled[r, c] *= scale[r] * scale[c] } }
            guard let factor = try? Cholesky(scaled), let scaledInverse = try? factor.inverse() else { return nil }
            // κ₁(Gₛ) from the explicit inverse (k is small).
            var normG = 0.0, normInverse = 0.0
            for c in 0..<k {
                var sumG = 0.0, sumInverse = 0.0
                for r in 0..<k { sumG += abs(scaled[r, c]); sumInverse += abs(scaledInverse[r, c]) }
                normG = max(normG, sumG)
                normInverse = max(normInverse, sumInverse)
            }
            guard normG * normInverse <= NormalEquations.maximumCondition else { return nil }
            var inverse = scaledInverse
            for c in 0..<k { for r in 0..<k { inverse[r, c] *= scale[r] * scale[c] } }
            self.scale = scale
            self.factor = factor
            self.inverse = inverse
        }

        /// `G⁻¹ v = D Gₛ⁻¹ D v` by the triangular solves.
        func solve(_ v: [Double]) -> [Double] {
            let k = scale.count
            let scaledV = (0..<k).map { v[$0] * scale[$0] }
            guard let solution = try? factor.solve(Matrix(rows: k, columns: 1, columnMajor: scaledV)) else {
                return (0..<k).map { r in (0..<k).reduce(0) { $0 + inverse[r, $1] * v[$1] } }
            }
            return (0..<k).map { solution.storage[$0] * scale[$0] }
        }
    }

    // MARK: - Blocked kernels

    /// `AᵀA` (p × p, both triangles) of the columns `a` (each of length n), optionally of
    /// `a_j − shifts_j`: rows in blocks of ``Parallel/blockRows`` so each block is read from memory
    /// once, row ranges split over the cores, partial sums added in a fixed order.
    static func gram(_ a: [UnsafeBufferPointer<Double>], shifts: [Double]?) -> Matrix {
        let p = a.count
        let n = a.first?.count ?? 0
        let ranges = Parallel.ranges(n, parts: Parallel.workers(rows: n))
        let partials = ConcurrentResults<[Double]>(count: ranges.count)
        Parallel.forEach(ranges.count, parallel: true) { part in
            var sums = [Double](repeating: 0, count: p * p)
            var block = [Double](repeating: 0, count: shifts == nil ? 0 : p * Parallel.blockRows)
            let range = ranges[part]
            var start = range.lowerBound
            sums.withUnsafeMutableBufferPointer { s in
                block.withUnsafeMutableBufferPointer { shifted in
                    while start < range.upperBound {
                        let end = min(start + Parallel.blockRows, range.upperBound)
                        let count = end - start
                        var pointers: [UnsafePointer<Double>] = []
                        pointers.reserveCapacity(p)
                        for j in 0..<p {
                            guard let base = a[j].baseAddress else { return }
                            if let shifts, let target = shifted.baseAddress {
                                let column = target + j * Parallel.blockRows
                                let m = shifts[j]
                                for i in 0..<count { column[i] = base[start + i] - m }
                                pointers.append(UnsafePointer(column))
                            } else {
                                pointers.append(base + start)
                            }
                        }
                        for c in 0..<p {
                            for r in 0...c { s[r + c * p] += dot(pointers[r], pointers[c], count) }
                        }
                        start = end
                    }
                }
            }
            partials[part] = sums
        }
        var result = Matrix(rows: p, columns: p)
        for part in ranges.indices {
            guard let sums = partials[part] else { continue }
            for c in 0..<p { for r in 0...c { result[r, c] += sums[r + c * p] } }
        }
        for c in 0..<p { for r in 0..<c { result[c, r] = result[r, c] } }
        return result
    }

    /// `target = source − Σ_j coefficients_j x_j` (`source` nil: zero), row block by row block
    /// (`source` and `target` may be the same memory); with `transposeProduct` also returns
    /// `Xᵀtarget` (else an empty array). Split over the cores by row ranges.
    @discardableResult
    static func subtractProduct(
        from source: UnsafeBufferPointer<Double>?, columns x: [UnsafeBufferPointer<Double>], coefficients: [Double],
        into target: UnsafeMutableBufferPointer<Double>, transposeProduct: Bool
    ) -> [Double] {
        let n = target.count, k = x.count
        let ranges = Parallel.ranges(n, parts: Parallel.workers(rows: n))
        let partials = ConcurrentResults<[Double]>(count: ranges.count)
        Parallel.forEach(ranges.count, parallel: true) { part in
            var products = [Double](repeating: 0, count: transposeProduct ? k : 0)
            let range = ranges[part]
            var start = range.lowerBound
            guard let out = target.baseAddress else { return }
            while start < range.upperBound {
                let end = min(start + Parallel.blockRows, range.upperBound)
                if let input = source?.baseAddress {
                    for i in start..<end { out[i] = input[i] }
                } else {
                    for i in start..<end { out[i] = 0 }
                }
                for j in 0..<k {
                    let b = coefficients[j]
                    guard b != 0, let column = x[j].baseAddress else { continue }
                    for i in start..<end { out[i] -= b * column[i] }
                }
                if transposeProduct {
                    for j in 0..<k {
                        guard let column = x[j].baseAddress else { continue }
                        products[j] += dot(column + start, UnsafePointer(out + start), end - start)
                    }
                }
                start = end
            }
            partials[part] = products
        }
        var total = [Double](repeating: 0, count: transposeProduct ? k : 0)
        for part in ranges.indices {
            guard let products = partials[part] else { continue }
            for j in 0..<products.count { total[j] += products[j] }
        }
        return total
    }

    /// `Σᵢ (yᵢ − c − Σ_j β_j x_ij)²` without storing the residuals (a cache-sized block at a time).
    static func sumOfSquaredResiduals(
        _ y: UnsafeBufferPointer<Double>, columns x: [UnsafeBufferPointer<Double>], coefficients: [Double],
        constant c: Double
    ) -> Double {
        let n = y.count, k = x.count
        guard let yBase = y.baseAddress else { return 0 }
        let ranges = Parallel.ranges(n, parts: Parallel.workers(rows: n))
        let partials = ConcurrentResults<Double>(count: ranges.count)
        Parallel.forEach(ranges.count, parallel: true) { part in
            var block = [Double](repeating: 0, count: Parallel.blockRows)
            var total = 0.0
            block.withUnsafeMutableBufferPointer { e in
                guard let out = e.baseAddress else { return }
                var start = ranges[part].lowerBound
                while start < ranges[part].upperBound {
                    let end = min(start + Parallel.blockRows, ranges[part].upperBound)
                    let count = end - start
                    for i in 0..<count { out[i] = yBase[start + i] - c }
                    for j in 0..<k {
                        guard let column = x[j].baseAddress else { continue }
                        let b = coefficients[j]
                        for i in 0..<count { out[i] -= b * column[start + i] }
                    }
                    total += dot(out, out, count)
                    start = end
                }
            }
            partials[part] = total
        }
        return ranges.indices.reduce(0.0) { $0 + (partials[$1] ?? 0) }
    }

    /// The residual sum of squares of the pooled OLS of `y` on `[1, X]`, by the normal equations of
    /// the centred data (`means` of X, `yMean`); `nil` when ill-conditioned (see the type).
    static func pooledRSS(
        response y: UnsafeBufferPointer<Double>, columns x: [UnsafeBufferPointer<Double>], means: [Double], yMean: Double
    ) -> Double? {
        let k = x.count
        guard y.count > k + 1 else { return nil }
        let augmented = gram(x + [y], shifts: means + [yMean])
        var g = Matrix(rows: k, columns: k)
        var b = [Double](repeating: 0, count: k)
        for c in 0..<k {
            b[c] = augmented[c, k]
            for r in 0..<k { g[r, c] = augmented[r, c] }
        }
        guard let system = ScaledCholesky(g) else { return nil }
        let beta = system.solve(b)
        // yᵢ − ȳ − Σ β_j (x_ij − x̄_j) = yᵢ − (ȳ − Σ β_j x̄_j) − Σ β_j x_ij.
        let constant = yMean - zip(beta, means).reduce(0) { $0 + $1.0 * $1.1 }
        return sumOfSquaredResiduals(y, columns: x, coefficients: beta, constant: constant)
    }

    /// `Σ vᵢ²` by blocks (each block's sum is short and accurate; blocks are added in order).
    static func sumOfSquares(_ v: UnsafeBufferPointer<Double>) -> Double {
        guard let base = v.baseAddress else { return 0 }
        let ranges = Parallel.ranges(v.count, parts: Parallel.workers(rows: v.count))
        let partials = ConcurrentResults<Double>(count: ranges.count)
        Parallel.forEach(ranges.count, parallel: true) { part in
            var total = 0.0
            var start = ranges[part].lowerBound
            while start < ranges[part].upperBound {
                let end = min(start + Parallel.blockRows, ranges[part].upperBound)
                total += dot(base + start, base + start, end - start)
                start = end
            }
            partials[part] = total
        }
        return ranges.indices.reduce(0.0) { $0 + (partials[$1] ?? 0) }
    }

    /// `Σ xᵢyᵢ` with eight independent partial sums (two-lane vectors), so the loop is limited by
    /// loads rather than by the latency of one chain of additions.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double {
        var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        let stride = MemoryLayout<Double>.stride
        var i = 0
        while i + 8 <= n {
            let o = i * stride
            s0 += rx.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
            s1 += rx.loadUnaligned(fromByteOffset: o + 2 * stride, as: SIMD2<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o + 2 * stride, as: SIMD2<Double>.self)
            s2 += rx.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD2<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o + 4 * stride, as: SIMD2<Double>.self)
            s3 += rx.loadUnaligned(fromByteOffset: o + 6 * stride, as: SIMD2<Double>.self)
                * ry.loadUnaligned(fromByteOffset: o + 6 * stride, as: SIMD2<Double>.self)
            i += 8
        }
        var total = ((s0 + s1) + (s2 + s3)).sum()
        while i < n {
            total += x[i] * y[i]
            i += 1
        }
        return total
    }
}
