import CLAPACK

/// Eigen-decomposition of a symmetric matrix by LAPACK `dsyevd` (divide and conquer):
/// `A = V diag(values) Vᵀ`, eigenvalues ascending.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Orthonormal eigenvectors as columns, in the order of ``values``.
    public let vectors: Matrix

    /// Decomposes `matrix` (only its upper triangle is read).
    public init(_ matrix: Matrix) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .dimensionMismatch("eigen-decomposition needs a square matrix, got \(matrix.rows)×\(matrix.columns)")
        }
        let n = matrix.rows
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            guard matrix.storage.allSatisfy(\.isFinite) else { throw .nonFinite("matrix passed to dsyevd") }
            var nn = try lapackInt(n, "order"), lda = nn
            var info: lapack_int = 0
            var lwork: lapack_int = -1, liwork: lapack_int = -1
            var query = 0.0
            var iquery: lapack_int = 0
            withCharacter("V") { jobz in
                withCharacter("U") { uplo in
                    dsyevd_(jobz, uplo, &nn, nil, &lda, nil, &query, &lwork, &iquery, &liwork, &info,
                            characterLength, characterLength)
                }
            }
            try check(info, "dsyevd") { .noConvergence(routine: "dsyevd", info: $0) }
            lwork = lapack_int(max(Int(query), 1 + 6 * n + 2 * n * n))
            liwork = lapack_int(max(Int(iquery), 3 + 5 * n))
            var work = [Double](repeating: 0, count: Int(lwork))
            var iwork = [lapack_int](repeating: 0, count: Int(liwork))
            withCharacter("V") { jobz in
                withCharacter("U") { uplo in
                    a.storage.withUnsafeMutableBufferPointer { p in
                        dsyevd_(jobz, uplo, &nn, p.baseAddress, &lda, &w, &work, &lwork, &iwork, &liwork, &info,
                                characterLength, characterLength)
                    }
                }
            }
            try check(info, "dsyevd") { .noConvergence(routine: "dsyevd", info: $0) }
        }
        values = w
        vectors = a
    }
}
