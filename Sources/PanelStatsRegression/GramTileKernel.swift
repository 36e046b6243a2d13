import CPanelStatsKernels

/// The Gram matrix `ZᵀZ` of a small, cache-resident, column-major block of rows, added to an
/// accumulator — the inner kernel of ``EntityBlockWithin``'s first read (issue 7).
///
/// Why not BLAS `dsyrk`: on blocks of a few hundred rows by ~11 columns, reference BLAS and
/// OpenBLAS were both slower than this kernel (measured in session 2, see docs/performance.md).
/// Why not dot products: a dot product loads two values per multiply–add, which makes the
/// loads, not the arithmetic, the limit. Here the columns are taken in groups of three (the last
/// of one to three) and a tile of the Gram matrix is kept in registers while the rows stream past,
/// four rows per register: six loads feed nine multiply–adds; a group with itself forms only its
/// upper triangle, so every entry is formed once.
///
/// Layout: `paddedWidth` columns of `stride` doubles each (stride even and at least the rows plus
/// 8, base 64-byte aligned); the kernel reads the first `width` only.
struct GramTileKernel {
    /// Real width (columns of the Gram matrix).
    let width: Int
    /// Width rounded up to a multiple of 3 (the padded columns stay zero and are not read).
    let paddedWidth: Int
    /// Doubles between the starts of consecutive columns (even).
    let stride: Int
    /// The block's storage, `paddedWidth × stride` doubles, 16-byte aligned.
    let buffer: UnsafeMutablePointer<Double>
    /// Rows the block holds.
    let rows: Int

    /// A zeroed block for `rows` rows (rounded up to even) of `width` columns.
    init(width: Int, rows: Int) {
        self.width = width
        self.rows = rows
        paddedWidth = (width + 2) / 3 * 3
        // Even, and not a multiple of 512 doubles (4 KiB), so that one row's loads from the
        // columns do not all map to the same L1 cache set.
        stride = (rows + 1) / 2 * 2 + 8
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: paddedWidth * stride * MemoryLayout<Double>.stride, alignment: 64)
        buffer = raw.bindMemory(to: Double.self, capacity: paddedWidth * stride)
        buffer.initialize(repeating: 0, count: paddedWidth * stride)
    }

    func deallocate() { buffer.deallocate() }

    /// Writes `value(j)`, `j < width`, as row `filled` of the block and counts it; a full block
    /// is added to `gram` (``accumulate(rows:into:)``) and emptied. For rows made one at a time
    /// (the caller adds the last, partial block).
    @inline(__always)
    func append(_ value: (Int) -> Double, filled: inout Int, into gram: UnsafeMutablePointer<Double>) {
        var target = buffer + filled
        for j in 0..<width {
            target.pointee = value(j)
            target += stride
        }
        filled += 1
        if filled == rows {
            accumulate(rows: filled, into: gram)
            filled = 0
        }
    }

    /// Column `j` of the block.
    @inline(__always)
    func column(_ j: Int) -> UnsafeMutablePointer<Double> { buffer + j * stride }

    /// Adds the upper triangle of the block's Gram matrix over its first `rows` rows to `gram`
    /// (`width × width`, column-major; only entries `gram[r + c·width]` with `r ≤ c` are written).
    /// The rows are padded here with zero rows up to a multiple of 4 (the stride leaves room).
    ///
    /// The work is `ps_gram_accumulate` (CPanelStatsKernels): register tiles of up to 3 × 3 over
    /// four rows at a time, with AVX2 + FMA where the CPU has them.
    func accumulate(rows: Int, into gram: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        ps_gram_accumulate(buffer, stride, width, paddedWidth, rows, gram)
    }
}
