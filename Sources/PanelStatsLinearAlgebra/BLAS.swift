import CLAPACK

/// Whether a BLAS operand is used as stored or transposed.
public enum Transpose: Sendable {
    case none, transpose
    var code: Character { self == .none ? "N" : "T" }
}

extension Matrix {
    /// `op(A) · op(B)` by BLAS `dgemm`.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the inner dimensions differ.
    public func multiplied(
        by other: Matrix, transposeSelf: Transpose = .none, transposeOther: Transpose = .none
    ) throws(LinearAlgebraError) -> Matrix {
        let m = transposeSelf == .none ? rows : columns
        let k = transposeSelf == .none ? columns : rows
        let k2 = transposeOther == .none ? other.rows : other.columns
        let n = transposeOther == .none ? other.columns : other.rows
        guard k == k2 else {
            throw .dimensionMismatch("cannot multiply \(m)×\(k) by \(k2)×\(n)")
        }
        var result = Matrix(rows: m, columns: n)
        if m == 0 || n == 0 { return result }
        if k == 0 { return result }
        var mm = try lapackInt(m, "rows"), nn = try lapackInt(n, "columns"), kk = try lapackInt(k, "inner")
        var lda = try lapackInt(max(rows, 1), "lda"), ldb = try lapackInt(max(other.rows, 1), "ldb")
        var ldc = mm
        var alpha = 1.0, beta = 0.0
        withCharacter(transposeSelf.code) { ta in
            withCharacter(transposeOther.code) { tb in
                storage.withUnsafeBufferPointer { a in
                    other.storage.withUnsafeBufferPointer { b in
                        result.storage.withUnsafeMutableBufferPointer { c in
                            dgemm_(ta, tb, &mm, &nn, &kk, &alpha, a.baseAddress, &lda, b.baseAddress, &ldb,
                                   &beta, c.baseAddress, &ldc, characterLength, characterLength)
                        }
                    }
                }
            }
        }
        return result
    }

    /// `A · x` by BLAS `dgemv` (or `Aᵀ · x` with `transpose: .transpose`).
    public func multiplied(by x: [Double], transpose: Transpose = .none) throws(LinearAlgebraError) -> [Double] {
        let inner = transpose == .none ? columns : rows
        let outer = transpose == .none ? rows : columns
        guard x.count == inner else {
            throw .dimensionMismatch("cannot multiply \(rows)×\(columns)\(transpose == .none ? "" : "ᵀ") by a vector of \(x.count)")
        }
        var y = [Double](repeating: 0, count: outer)
        if outer == 0 || inner == 0 { return y }
        var mm = try lapackInt(rows, "rows"), nn = try lapackInt(columns, "columns")
        var lda = try lapackInt(max(rows, 1), "lda")
        var one: lapack_int = 1, incy: lapack_int = 1
        var alpha = 1.0, beta = 0.0
        withCharacter(transpose.code) { t in
            storage.withUnsafeBufferPointer { a in
                x.withUnsafeBufferPointer { xp in
                    y.withUnsafeMutableBufferPointer { yp in
                        dgemv_(t, &mm, &nn, &alpha, a.baseAddress, &lda, xp.baseAddress, &one, &beta,
                               yp.baseAddress, &incy, characterLength)
                    }
                }
            }
        }
        return y
    }

    /// The Gram matrix `AᵀA` (`columns × columns`, both triangles filled) by BLAS `dsyrk`,
    /// which does half the work of `dgemm` and touches the data once.
    public func gram() throws(LinearAlgebraError) -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        if columns == 0 || rows == 0 { return result }
        var n = try lapackInt(columns, "columns"), k = try lapackInt(rows, "rows")
        var lda = k, ldc = n
        var alpha = 1.0, beta = 0.0
        withCharacter("U") { uplo in
            withCharacter("T") { trans in
                storage.withUnsafeBufferPointer { a in
                    result.storage.withUnsafeMutableBufferPointer { c in
                        dsyrk_(uplo, trans, &n, &k, &alpha, a.baseAddress, &lda, &beta, c.baseAddress, &ldc,
                               characterLength, characterLength)
                    }
                }
            }
        }
        result.symmetrizeFromUpper()
        return result
    }

    /// Copies the upper triangle into the lower one.
    public mutating func symmetrizeFromUpper() {
        let n = rows
        for j in 0..<columns {
            for i in 0..<min(j, n) { storage[j + i * n] = storage[i + j * n] }
        }
    }
}
