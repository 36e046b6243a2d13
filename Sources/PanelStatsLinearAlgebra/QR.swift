import CLAPACK

/// A Householder QR factorisation `A P = Q R` of an `m × n` matrix with `m ≥ n`.
///
/// Without pivoting (`dgeqrf`) the columns keep their order, so `|R[j, j]|` is the norm of
/// column j after projecting out columns 0..<j — the quantity a formula-order collinearity
/// check needs. With pivoting (`dgeqp3`) LAPACK reorders columns by norm; ``permutation``
/// records the order.
public struct HouseholderQR: Sendable {
    /// LAPACK's compact form: `R` in the upper triangle, Householder vectors below it.
    public let compact: Matrix
    /// The Householder scalars.
    public let tau: [Double]
    /// Column `k` of `A P` is column `permutation[k]` of `A` (identity without pivoting).
    public let permutation: [Int]

    public var rows: Int { compact.rows }
    public var columns: Int { compact.columns }

    /// Factorises `a`. `pivoting: true` uses `dgeqp3` (column pivoting by norm).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `rows < columns`.
    public init(_ a: Matrix, pivoting: Bool = false) throws(LinearAlgebraError) {
        let m = a.rows, n = a.columns
        guard m >= n else { throw .dimensionMismatch("QR least squares needs rows ≥ columns, got \(m)×\(n)") }
        var work = a
        var tau = [Double](repeating: 0, count: n)
        var perm = Array(0..<n)
        if n > 0 {
            var mm = try lapackInt(m, "rows"), nn = try lapackInt(n, "columns"), lda = try lapackInt(max(m, 1), "lda")
            var info: lapack_int = 0
            var lwork: lapack_int = -1
            var query = 0.0
            if pivoting {
                var jpvt = [lapack_int](repeating: 0, count: n)
                dgeqp3_(&mm, &nn, nil, &lda, &jpvt, nil, &query, &lwork, &info)
                try check(info, "dgeqp3") { .noConvergence(routine: "dgeqp3", info: $0) }
                lwork = lapack_int(max(Int(query), 3 * n + 1))
                var buffer = [Double](repeating: 0, count: Int(lwork))
                work.storage.withUnsafeMutableBufferPointer { p in
                    dgeqp3_(&mm, &nn, p.baseAddress, &lda, &jpvt, &tau, &buffer, &lwork, &info)
                }
                try check(info, "dgeqp3") { .noConvergence(routine: "dgeqp3", info: $0) }
                perm = jpvt.map { Int($0) - 1 }
            } else {
                dgeqrf_(&mm, &nn, nil, &lda, nil, &query, &lwork, &info)
                try check(info, "dgeqrf") { .noConvergence(routine: "dgeqrf", info: $0) }
                lwork = lapack_int(max(Int(query), n))
                var buffer = [Double](repeating: 0, count: Int(lwork))
                work.storage.withUnsafeMutableBufferPointer { p in
                    dgeqrf_(&mm, &nn, p.baseAddress, &lda, &tau, &buffer, &lwork, &info)
                }
                try check(info, "dgeqrf") { .noConvergence(routine: "dgeqrf", info: $0) }
            }
        }
        compact = work
        self.tau = tau
        permutation = perm
    }

    /// The `n × n` upper-triangular factor `R`.
    public var r: Matrix {
        let n = columns
        var result = Matrix(rows: n, columns: n)
        for j in 0..<n { for i in 0...j where i < n { result[i, j] = compact[i, j] } }
        return result
    }

    /// The diagonal of `R`.
    public var rDiagonal: [Double] { (0..<columns).map { compact[$0, $0] } }

    /// `Qᵀ B` (LAPACK `dormqr`), an `m × k` result.
    public func applyQTranspose(to b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try applyQ(to: b, transpose: true)
    }

    /// `Q B` (LAPACK `dormqr`).
    public func applyQ(to b: Matrix, transpose: Bool = false) throws(LinearAlgebraError) -> Matrix {
        let m = rows, n = columns
        guard b.rows == m else { throw .dimensionMismatch("Q is \(m)×\(m), operand has \(b.rows) rows") }
        var c = b
        if n == 0 || b.columns == 0 || m == 0 { return c }
        var mm = try lapackInt(m, "rows"), nc = try lapackInt(b.columns, "columns"), k = try lapackInt(n, "reflectors")
        var lda = mm, ldc = mm
        var info: lapack_int = 0
        var lwork: lapack_int = -1
        var query = 0.0
        withCharacter("L") { side in
            withCharacter(transpose ? "T" : "N") { trans in
                compact.storage.withUnsafeBufferPointer { a in
                    dormqr_(side, trans, &mm, &nc, &k, a.baseAddress, &lda, tau, nil, &ldc, &query, &lwork, &info,
                            characterLength, characterLength)
                }
            }
        }
        try check(info, "dormqr") { .noConvergence(routine: "dormqr", info: $0) }
        lwork = lapack_int(max(Int(query), b.columns, 1))
        var buffer = [Double](repeating: 0, count: Int(lwork))
        withCharacter("L") { side in
            withCharacter(transpose ? "T" : "N") { trans in
                compact.storage.withUnsafeBufferPointer { a in
                    c.storage.withUnsafeMutableBufferPointer { p in
                        dormqr_(side, trans, &mm, &nc, &k, a.baseAddress, &lda, tau, p.baseAddress, &ldc, &buffer,
                                &lwork, &info, characterLength, characterLength)
                    }
                }
            }
        }
        try check(info, "dormqr") { .noConvergence(routine: "dormqr", info: $0) }
        return c
    }

    /// Solves `R X = B` (or `Rᵀ X = B`) with the leading `n` rows of `b` (LAPACK `dtrtrs`).
    /// - Throws: ``LinearAlgebraError/singular(routine:index:)`` on an exactly zero `R[j, j]`.
    public func solveR(_ b: Matrix, transpose: Bool = false) throws(LinearAlgebraError) -> Matrix {
        let n = columns
        guard b.rows >= n else { throw .dimensionMismatch("R is \(n)×\(n), right-hand side has \(b.rows) rows") }
        var x = b.rows == n ? b : Matrix(rows: n, columns: b.columns)
        if b.rows != n { for j in 0..<b.columns { for i in 0..<n { x[i, j] = b[i, j] } } }
        if n == 0 || b.columns == 0 { return x }
        var nn = try lapackInt(n, "order"), nrhs = try lapackInt(b.columns, "nrhs")
        var lda = try lapackInt(max(rows, 1), "lda"), ldb = nn
        var info: lapack_int = 0
        withCharacter("U") { uplo in
            withCharacter(transpose ? "T" : "N") { trans in
                withCharacter("N") { diag in
                    compact.storage.withUnsafeBufferPointer { a in
                        x.storage.withUnsafeMutableBufferPointer { p in
                            dtrtrs_(uplo, trans, diag, &nn, &nrhs, a.baseAddress, &lda, p.baseAddress, &ldb, &info,
                                    characterLength, characterLength, characterLength)
                        }
                    }
                }
            }
        }
        try check(info, "dtrtrs") { .singular(routine: "dtrtrs", index: $0) }
        return x
    }

    /// `R⁻¹` (upper triangular) by LAPACK `dtrtri`; `(AᵀA)⁻¹ = R⁻¹ R⁻ᵀ` for unpivoted QR.
    public func rInverse() throws(LinearAlgebraError) -> Matrix {
        var a = r
        let n = columns
        if n == 0 { return a }
        var nn = try lapackInt(n, "order"), lda = nn
        var info: lapack_int = 0
        withCharacter("U") { uplo in
            withCharacter("N") { diag in
                a.storage.withUnsafeMutableBufferPointer { p in
                    dtrtri_(uplo, diag, &nn, p.baseAddress, &lda, &info, characterLength, characterLength)
                }
            }
        }
        try check(info, "dtrtri") { .singular(routine: "dtrtri", index: $0) }
        return a
    }

    /// `(AᵀA)⁻¹ = R⁻¹ R⁻ᵀ` in the column order of `A P`, formed without squaring the condition number.
    public func inverseGram() throws(LinearAlgebraError) -> Matrix {
        let ri = try rInverse()
        return try ri.multiplied(by: ri, transposeSelf: .none, transposeOther: .transpose)
    }
}
