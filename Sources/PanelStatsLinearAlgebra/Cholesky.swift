import CLAPACK

/// The Cholesky factorisation `A = UᵀU` of a symmetric positive-definite matrix (LAPACK
/// `dpotrf`, upper triangle), used for normal-equation solves and `(XᵀX)⁻¹`.
public struct Cholesky: Sendable {
    /// The factor `U` in the upper triangle; the strict lower triangle is zero.
    public let factor: Matrix

    /// Factorises `matrix` (only its upper triangle is read).
    /// - Throws: ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` naming the failing minor.
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .dimensionMismatch("Cholesky needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        var a = matrix
        let n = matrix.rows
        if n > 0 {
            var nn = try lapackInt(n, "order"), lda = nn
            var info: lapack_int = 0
            withCharacter("U") { uplo in
                a.storage.withUnsafeMutableBufferPointer { p in
                    dpotrf_(uplo, &nn, p.baseAddress, &lda, &info, characterLength)
                }
            }
            try check(info, "dpotrf") { .notPositiveDefinite(routine: "dpotrf", order: $0) }
            for j in 0..<n { for i in (j + 1)..<max(n, j + 1) { a[i, j] = 0 } }
        }
        factor = a
    }

    /// Solves `A X = B` for X (LAPACK `dpotrs`).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = factor.rows
        guard b.rows == n else { throw .dimensionMismatch("right-hand side has \(b.rows) rows, need \(n)") }
        var x = b
        if n == 0 || b.columns == 0 { return x }
        var nn = try lapackInt(n, "order"), nrhs = try lapackInt(b.columns, "nrhs"), lda = nn, ldb = nn
        var info: lapack_int = 0
        withCharacter("U") { uplo in
            factor.storage.withUnsafeBufferPointer { a in
                x.storage.withUnsafeMutableBufferPointer { p in
                    dpotrs_(uplo, &nn, &nrhs, a.baseAddress, &lda, p.baseAddress, &ldb, &info, characterLength)
                }
            }
        }
        try check(info, "dpotrs") { .singular(routine: "dpotrs", index: $0) }
        return x
    }

    /// `A⁻¹` from the factor (LAPACK `dpotri`), both triangles filled.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        var a = factor
        let n = a.rows
        if n == 0 { return a }
        var nn = try lapackInt(n, "order"), lda = nn
        var info: lapack_int = 0
        withCharacter("U") { uplo in
            a.storage.withUnsafeMutableBufferPointer { p in
                dpotri_(uplo, &nn, p.baseAddress, &lda, &info, characterLength)
            }
        }
        try check(info, "dpotri") { .singular(routine: "dpotri", index: $0) }
        a.symmetrizeFromUpper()
        return a
    }
}
