import PanelStats

/// Balanced-panel algebra for the generator: 94 jobcentres × 6 years, observation o = i·6 + t.
/// Everything here is small and dense; LAPACK does the factorisations.
enum PanelAlgebra {
    static let units = 94
    static let periods = 6
    static let count = units * periods

    /// Maps a LinearAlgebraError into the dataset error.
    static func la<T>(_ body: () throws(LinearAlgebraError) -> T) throws(VIVE2021DatasetError) -> T {
        do { return try body() } catch { throw .linearAlgebra(error.description) }
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for o in a.indices { s += a[o] * b[o] }
        return s
    }

    static func mean(_ a: [Double]) -> Double { a.reduce(0, +) / Double(a.count) }

    /// (a - mean) / sd, population sd.
    static func standardized(_ a: [Double]) -> [Double] {
        let m = mean(a)
        let sd = (a.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(a.count)).squareRoot()
        return a.map { sd > 0 ? ($0 - m) / sd : 0 }
    }

    /// Two-way (jobcentre and year) demeaning within the years `years` (indices 0..<6); zero elsewhere.
    static func twoWayDemeaned(_ x: [Double], years: Range<Int>) -> [Double] {
        let nt = Double(years.count)
        var unitMean = [Double](repeating: 0, count: units)
        var yearMean = [Double](repeating: 0, count: periods)
        var grand = 0.0
        for i in 0..<units {
            for t in years {
                let v = x[i * periods + t]
                unitMean[i] += v / nt
                yearMean[t] += v / Double(units)
                grand += v / (nt * Double(units))
            }
        }
        var out = [Double](repeating: 0, count: count)
        for i in 0..<units {
            for t in years { out[i * periods + t] = x[i * periods + t] - unitMean[i] - yearMean[t] + grand }
        }
        return out
    }

    /// Splits a full-panel two-way-demeaned vector w into its half-shift part h (each jobcentre's
    /// mean over 2014-2016 on those years, over 2017-2019 on those) and the within-half parts
    /// v1 (2014-2016) and v2 (2017-2019). The three are orthogonal and sum to w; v1 and v2 are the
    /// two-way-demeaned values within each half.
    static func halfParts(_ w: [Double]) -> (v1: [Double], v2: [Double], h: [Double]) {
        var v1 = [Double](repeating: 0, count: count), v2 = v1, h = v1
        for i in 0..<units {
            let b = i * periods
            let m1 = (w[b] + w[b + 1] + w[b + 2]) / 3
            let m2 = (w[b + 3] + w[b + 4] + w[b + 5]) / 3
            for t in 0..<3 { h[b + t] = m1; v1[b + t] = w[b + t] - m1 }
            for t in 3..<6 { h[b + t] = m2; v2[b + t] = w[b + t] - m2 }
        }
        return (v1, v2, h)
    }

    /// Gram matrix of columns.
    static func gram(_ columns: [[Double]]) -> Matrix {
        let k = columns.count
        var g = Matrix(rows: k, columns: k)
        for a in 0..<k {
            for b in a..<k {
                let v = dot(columns[a], columns[b])
                g[a, b] = v
                g[b, a] = v
            }
        }
        return g
    }

    /// Removes from each column its least-squares projection on `basis`.
    static func orthogonalized(_ columns: [[Double]], against basis: [[Double]]) throws(VIVE2021DatasetError) -> [[Double]] {
        guard !basis.isEmpty else { return columns }
        let g = gram(basis)
        let chol = try la { () throws(LinearAlgebraError) in try Cholesky(g) }
        var out: [[Double]] = []
        for c in columns {
            var rhs = Matrix(rows: basis.count, columns: 1)
            for j in basis.indices { rhs[j, 0] = dot(basis[j], c) }
            let coef = try la { () throws(LinearAlgebraError) in try chol.solve(rhs) }
            var r = c
            for j in basis.indices {
                let cj = coef[j, 0]
                for o in r.indices { r[o] -= cj * basis[j][o] }
            }
            out.append(r)
        }
        return out
    }

    /// Löwdin (symmetric) whitening: the linear recombination of `columns` closest to them whose
    /// Gram matrix is exactly diag(`target`): X (XᵀX)^(-1/2) diag(√target).
    static func whitened(_ columns: [[Double]], target: [Double]) throws(VIVE2021DatasetError) -> [[Double]] {
        let k = columns.count
        let g = gram(columns)
        let eig = try la { () throws(LinearAlgebraError) in try SymmetricEigen(g) }
        guard let smallest = eig.values.min(), smallest > 0 else {
            throw .calibrationFailed("whitening: the generated within variation is rank deficient")
        }
        var inverseRoot = Matrix(rows: k, columns: k)
        for a in 0..<k {
            for b in 0..<k {
                var s = 0.0
                for e in 0..<k { s += eig.vectors[a, e] * eig.vectors[b, e] / eig.values[e].squareRoot() }
                inverseRoot[a, b] = s
            }
        }
        var out: [[Double]] = []
        let n = columns.first?.count ?? 0
        for b in 0..<k {
            var col = [Double](repeating: 0, count: n)
            for a in 0..<k {
                let f = inverseRoot[a, b] * target[b].squareRoot()
                for o in 0..<n { col[o] += columns[a][o] * f }
            }
            out.append(col)
        }
        return out
    }

    /// Solves the small square system `a x = b` by Householder QR.
    static func solveSquare(_ a: Matrix, _ b: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        try leastSquares(a, b)
    }

    /// The least-squares solution of `a x ≈ b` (a has at least as many rows as columns and full
    /// column rank) by Householder QR: x = R⁻¹ (Qᵀb)[0..<k].
    static func leastSquares(_ a: Matrix, _ b: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        try la { () throws(LinearAlgebraError) in
            let qr = try HouseholderQR(a)
            let rhs = try Matrix(rows: b.count, columns: 1, columnMajor: b)
            let qtb = try qr.applyQTranspose(to: rhs)
            let top = qtb.submatrix(rows: Array(0..<a.columns), columns: [0])
            return try qr.solveR(top).storage
        }
    }
}

/// Minimum-norm corrections δ with C δ = r for a fixed set of constraint rows (C has full row rank):
/// δ = Cᵀ (C Cᵀ)⁻¹ r, with the Cholesky factor of C Cᵀ computed once.
struct MinimumNormCorrector {
    let transposedConstraints: Matrix   // n × m, column j = constraint row j
    let factor: Cholesky

    init(rows: [[Double]]) throws(VIVE2021DatasetError) {
        let m = rows.count
        let n = rows.first?.count ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(n * m)
        for r in rows { storage += r }
        let ct = try PanelAlgebra.la { () throws(LinearAlgebraError) in try Matrix(rows: n, columns: m, columnMajor: storage) }
        transposedConstraints = ct
        let g = try PanelAlgebra.la { () throws(LinearAlgebraError) in try ct.gram() }
        factor = try PanelAlgebra.la { () throws(LinearAlgebraError) in try Cholesky(g) }
    }

    /// C x for a vector x.
    func apply(_ x: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        try PanelAlgebra.la { () throws(LinearAlgebraError) in try transposedConstraints.multiplied(by: x, transpose: .transpose) }
    }

    /// The minimum-norm δ with C δ = r.
    func correction(_ r: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        try PanelAlgebra.la { () throws(LinearAlgebraError) in
            let lambda = try factor.solve(try Matrix(rows: r.count, columns: 1, columnMajor: r))
            return try transposedConstraints.multiplied(by: lambda.storage)
        }
    }

    /// x minus its minimum-norm correction: the projection of x onto the null space of C.
    func projectedOntoNullSpace(_ x: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        let d = try correction(try apply(x))
        return zip(x, d).map { $0 - $1 }
    }
}
