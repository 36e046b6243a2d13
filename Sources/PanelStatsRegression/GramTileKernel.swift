/// The Gram matrix `ZᵀZ` of a small, cache-resident, column-major block of rows, added to an
/// accumulator — the inner kernel of ``EntityBlockWithin``'s first read (issue 7).
///
/// Why not BLAS `dsyrk`: on blocks of a few hundred rows by ~11 columns, reference BLAS and
/// OpenBLAS were both slower than this kernel (measured in session 2, see docs/performance.md).
/// Why not dot products: a dot product loads two values per multiply–add, which makes the
/// loads, not the arithmetic, the limit. Here the columns are taken three at a time and a 3 × 3
/// tile of the Gram matrix is kept in registers while the rows stream past, two rows per SIMD
/// lane pair: six loads feed nine multiply–adds.
///
/// Layout: `columns` columns of `stride` doubles each (stride even, base 16-byte aligned), the
/// columns beyond the real width (up to a multiple of 3) zero. Rows are summed in pairs; an odd
/// count must be padded by the caller with a zero row.
struct GramTileKernel {
    /// Real width (columns of the Gram matrix).
    let width: Int
    /// Width rounded up to a multiple of 3 (the padded columns stay zero).
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
    /// An odd `rows` is padded here with a zero row (the block must have room for it).
    func accumulate(rows: Int, into gram: UnsafeMutablePointer<Double>) {
        guard rows > 0 else { return }
        if rows % 2 == 1 {
            for j in 0..<width { buffer[j * stride + rows] = 0 }
        }
        let pairs = (rows + 1) / 2
        // Pair i of column j is element j·stride/2 + i of the buffer seen as SIMD2 values.
        let half = stride / 2
        buffer.withMemoryRebound(to: SIMD2<Double>.self, capacity: paddedWidth * half) { lanes in
            let tiles = paddedWidth / 3
            for tb in 0..<tiles {
                for ta in 0...tb {
                    let a0p = lanes + 3 * ta * half, a1p = a0p + half, a2p = a1p + half
                    let b0p = lanes + 3 * tb * half, b1p = b0p + half, b2p = b1p + half
                    var s00 = SIMD2<Double>(), s01 = SIMD2<Double>(), s02 = SIMD2<Double>()
                    var s10 = SIMD2<Double>(), s11 = SIMD2<Double>(), s12 = SIMD2<Double>()
                    var s20 = SIMD2<Double>(), s21 = SIMD2<Double>(), s22 = SIMD2<Double>()
                    var i = 0
                    while i < pairs {
                        let a0 = a0p[i], a1 = a1p[i], a2 = a2p[i]
                        let b0 = b0p[i], b1 = b1p[i], b2 = b2p[i]
                        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2
                        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2
                        s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2
                        i &+= 1
                    }
                    @inline(__always) func add(_ r: Int, _ c: Int, _ s: SIMD2<Double>) {
                        let row = 3 * ta + r, col = 3 * tb + c
                        if row <= col, col < width { gram[row + col * width] += s.sum() }
                    }
                    add(0, 0, s00); add(0, 1, s01); add(0, 2, s02)
                    add(1, 0, s10); add(1, 1, s11); add(1, 2, s12)
                    add(2, 0, s20); add(2, 1, s21); add(2, 2, s22)
                }
            }
        }
    }
}
