/// A dense matrix of `Double` stored contiguously in column-major order, the layout LAPACK
/// and BLAS expect, so a matrix is handed to them without copying.
///
/// Element (i, j) lives at `storage[i + j * rows]`. Column j is the contiguous slice
/// `storage[j * rows ..< (j + 1) * rows]`, which is how the estimators walk variables.
public struct Matrix: Sendable, Equatable, Hashable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column-major elements; `storage.count == rows * columns`.
    public var storage: [Double]

    /// A `rows × columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.rows = max(rows, 0)
        self.columns = max(columns, 0)
        self.storage = Array(repeating: value, count: self.rows * self.columns)
    }

    /// Wraps an existing column-major buffer.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `storage.count != rows * columns`.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .dimensionMismatch(
                "a \(rows)×\(columns) matrix needs \(max(rows, 0) * max(columns, 0)) elements, got \(storage.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Builds a matrix from equally long columns.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the columns differ in length.
    public init(columns: [[Double]]) throws(LinearAlgebraError) {
        let n = columns.first?.count ?? 0
        var storage: [Double] = []
        storage.reserveCapacity(n * columns.count)
        for (j, column) in columns.enumerated() {
            guard column.count == n else {
                throw .dimensionMismatch("column \(j) has \(column.count) rows, column 0 has \(n)")
            }
            storage.append(contentsOf: column)
        }
        self.rows = n
        self.columns = columns.count
        self.storage = storage
    }

    /// Builds a matrix from equally long rows (convenient in tests and small examples).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the rows differ in length.
    public init(rows: [[Double]]) throws(LinearAlgebraError) {
        let m = rows.count
        let n = rows.first?.count ?? 0
        var result = Matrix(rows: m, columns: n)
        for (i, row) in rows.enumerated() {
            guard row.count == n else {
                throw .dimensionMismatch("row \(i) has \(row.count) columns, row 0 has \(n)")
            }
            for j in 0..<n { result.storage[i + j * m] = row[j] }
        }
        self = result
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var result = Matrix(rows: n, columns: n)
        for i in 0..<max(n, 0) { result.storage[i + i * n] = 1 }
        return result
    }

    /// Element access. Indices are the caller's responsibility (as for `Array`); estimators
    /// only index with bounds they derived from `rows`/`columns` themselves.
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// A copy of column `j`.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// A copy of row `i`.
    public func row(_ i: Int) -> [Double] {
        (0..<columns).map { storage[i + $0 * rows] }
    }

    /// The diagonal `min(rows, columns)` elements.
    public var diagonal: [Double] {
        (0..<min(rows, columns)).map { storage[$0 + $0 * rows] }
    }

    /// The transpose (a copy).
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { result.storage[j + i * columns] = storage[i + j * rows] }
        }
        return result
    }

    /// The matrix made of the listed columns, in the listed order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, columns: indices.count)
        let n = rows
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                for (k, j) in indices.enumerated() {
                    // One memcpy per column.
                    _ = UnsafeMutableBufferPointer(rebasing: target[(k * n)..<((k + 1) * n)])
                        .update(fromContentsOf: source[(j * n)..<((j + 1) * n)])
                }
            }
        }
        return result
    }

    /// The square submatrix on the listed rows and columns (e.g. a covariance block).
    public func submatrix(rows rowIndices: [Int], columns columnIndices: [Int]) -> Matrix {
        var result = Matrix(rows: rowIndices.count, columns: columnIndices.count)
        for (b, j) in columnIndices.enumerated() {
            for (a, i) in rowIndices.enumerated() { result[a, b] = self[i, j] }
        }
        return result
    }

    /// Calls `body` with a pointer to column `j`'s `rows` contiguous elements.
    @inlinable
    public func withColumn<R>(_ j: Int, _ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[(j * rows)..<((j + 1) * rows)]))
        }
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        var lines: [String] = ["Matrix(\(rows)×\(columns))"]
        for i in 0..<min(rows, 12) {
            lines.append((0..<min(columns, 12)).map { String(self[i, $0]) }.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}
