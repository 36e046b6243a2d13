import PanelStatsLinearAlgebra

/// The within transformation for one absorbed factor: every value minus its group's (weighted)
/// mean,
///
///     x̃ᵢ = xᵢ − x̄_g(i),   x̄_g = Σ_{i∈g} wᵢ xᵢ / Σ_{i∈g} wᵢ   (wᵢ = 1 without weights).
///
/// This is the exact projection onto the orthogonal complement of the group dummies (in the
/// W-inner product), so one absorbed factor needs a single pass — no iteration. Stata's
/// `xtreg, fe` then adds the grand mean back (``FixedEffectsModel`` does that, not this type).
///
/// Layout for speed (issue 7): codes are dense `Int32`, the inverse group totals `1/Σ wᵢ` are
/// computed once, and a column is transformed in two sequential passes over contiguous memory
/// (scatter-add of `wᵢxᵢ` into the group sums, then a gather-subtract) with one scratch buffer of
/// `groupCount` doubles reused across columns: no per-element allocation. When the observations
/// are sorted by group (codes non-decreasing, as an entity-sorted panel), each group is a
/// contiguous block: its mean is taken and subtracted while the block is in the L1 cache, so the
/// column is read from memory once and written once (``blockStarts``).
public struct WithinTransform: Sendable {
    /// Number of groups (levels).
    public let groupCount: Int
    /// Group code of every observation, in `0..<groupCount`.
    public let codes: [Int32]
    /// Analytic weights, if any.
    public let weights: [Double]?
    /// `1 / Σ_{i∈g} wᵢ` (`1 / n_g` without weights).
    let inverseTotals: [Double]
    /// When the codes are non-decreasing: group g occupies rows `blockStarts[g]..<blockStarts[g + 1]`
    /// (`groupCount + 1` entries); `nil` otherwise.
    let blockStarts: [Int]?

    /// Prepares the transformation for `codes` (dense, `0..<groupCount`).
    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` when a code is out of range, a
    ///   group is empty, or `weights` has another length.
    public init(codes: [Int32], groupCount: Int, weights: [Double]? = nil) throws(FixedEffectsError) {
        let n = codes.count
        if let weights, weights.count != n {
            throw .dimensionMismatch("\(weights.count) weights for \(n) group codes")
        }
        var totals = [Double](repeating: 0, count: max(groupCount, 0))
        var outOfRange: Int? = nil
        codes.withUnsafeBufferPointer { c in
            totals.withUnsafeMutableBufferPointer { t in
                if let weights {
                    weights.withUnsafeBufferPointer { w in
                        for i in 0..<n {
                            let g = Int(c[i])
                            guard g >= 0, g < groupCount else { outOfRange = i; return }
                            t[g] += w[i]
                        }
                    }
                } else {
                    for i in 0..<n {
                        let g = Int(c[i])
                        guard g >= 0, g < groupCount else { outOfRange = i; return }
                        t[g] += 1
                    }
                }
            }
        }
        if let i = outOfRange {
            throw .dimensionMismatch("group code \(codes[i]) at row \(i + 1) is outside 0..<\(groupCount)")
        }
        if let empty = totals.firstIndex(where: { !($0 > 0) }) {
            throw .dimensionMismatch("group \(empty) of \(groupCount) has no observation (codes must be dense)")
        }
        self.groupCount = groupCount
        self.codes = codes
        self.weights = weights
        self.inverseTotals = totals.map { 1 / $0 }
        self.blockStarts = Self.blocks(codes, groupCount: groupCount)
    }

    /// The start of every group's block when `codes` are non-decreasing (dense codes then make
    /// each group one contiguous run, in code order); `nil` otherwise.
    /// `splitFrom`: rows from which the scan is split over the cores (tests lower it).
    static func blocks(_ codes: [Int32], groupCount: Int, splitFrom: Int = 1 << 22) -> [Int]? {
        guard groupCount > 0 else { return nil }
        var starts = [Int](repeating: 0, count: groupCount + 1)
        let n = codes.count
        // Very large panels in one piece per core (a piece writes the starts of the codes after the
        // one before it, so the pieces write disjoint starts); at ~1 ns a row, below 2²² rows a
        // worker's wake-up (or a busy core) costs more than the split saves.
        let pieces = Parallel.ranges(n, parts: n >= splitFrom ? max(2, Parallel.workerCount) : 1)
        let sorted = ConcurrentResults<Bool>(count: pieces.count)
        codes.withUnsafeBufferPointer { c in
            starts.withUnsafeMutableBufferPointer { starts in
                let c = UncheckedSendableBox(c), starts = UncheckedSendableBox(starts)
                Parallel.forEach(pieces.count, parallel: pieces.count > 1) { piece in
                    let range = pieces[piece]
                    sorted[piece] = Self.markBlocks(c.value, range, groupCount: groupCount, starts: starts.value)
                }
            }
        }
        guard (0..<pieces.count).allSatisfy({ sorted[$0] == true }) else { return nil }
        starts[groupCount] = n
        return starts
    }

    /// For the rows `range` of `codes`: `starts[g] = i` at each row `i` where the codes step up
    /// to `g` (from the code of the row before the range, or 0); `false` when they decrease or
    /// leave `0..<groupCount`.
    private static func markBlocks(
        _ c: UnsafeBufferPointer<Int32>, _ range: Range<Int>, groupCount: Int, starts: UnsafeMutableBufferPointer<Int>
    ) -> Bool {
        guard !range.isEmpty else { return true }
        var previous: Int32 = range.lowerBound > 0 ? c[range.lowerBound - 1] : 0
        guard previous >= 0 else { return false }
        for i in range {
            let code = c[i]
            if code == previous { continue }
            guard code > previous, Int(code) < groupCount else { return false }
            // Dense codes: every code between previous and code occurs, so the gap is 1.
            for g in (Int(previous) + 1)...Int(code) { starts[g] = i }
            previous = code
        }
        return true
    }

    /// Number of observations.
    public var count: Int { codes.count }

    /// Writes the group means `x̄_g` of `values` into `means`. Callers pass `count` values and
    /// at least `groupCount` means (the public array methods check this).
    func groupMeans(of values: UnsafeBufferPointer<Double>, into means: UnsafeMutableBufferPointer<Double>) {
        let n = codes.count
        for g in 0..<groupCount { means[g] = 0 }
        codes.withUnsafeBufferPointer { c in
            if let weights {
                weights.withUnsafeBufferPointer { w in
                    for i in 0..<n { means[Int(c[i])] += w[i] * values[i] }
                }
            } else {
                for i in 0..<n { means[Int(c[i])] += values[i] }
            }
        }
        inverseTotals.withUnsafeBufferPointer { inv in
            for g in 0..<groupCount { means[g] *= inv[g] }
        }
    }

    /// The group means of `values` as an array (NaN for every group when `values` does not have
    /// one value per observation).
    public func groupMeans(of values: [Double]) -> [Double] {
        var means = [Double](repeating: 0, count: groupCount)
        guard values.count == codes.count else { return means.map { _ in .nan } }
        values.withUnsafeBufferPointer { v in
            means.withUnsafeMutableBufferPointer { m in groupMeans(of: v, into: m) }
        }
        return means
    }

    /// `xᵢ ← xᵢ − x̄_g(i)` in place; `scratch` holds the group means. Callers pass `count` values
    /// and at least `groupCount` scratch elements.
    func demean(_ values: UnsafeMutableBufferPointer<Double>, scratch: UnsafeMutableBufferPointer<Double>) {
        if let blockStarts {
            demeanBlocks(values, starts: blockStarts)
            return
        }
        groupMeans(of: UnsafeBufferPointer(values), into: scratch)
        let n = codes.count
        codes.withUnsafeBufferPointer { c in
            for i in 0..<n { values[i] -= scratch[Int(c[i])] }
        }
    }

    /// Sorted codes: group by group, the mean of the block and its subtraction (one read, one write).
    private func demeanBlocks(_ values: UnsafeMutableBufferPointer<Double>, starts: [Int]) {
        starts.withUnsafeBufferPointer { starts in
            inverseTotals.withUnsafeBufferPointer { inv in
                if let weights {
                    weights.withUnsafeBufferPointer { w in
                        for g in 0..<groupCount {
                            let start = starts[g], end = starts[g + 1]
                            var sum = 0.0
                            for i in start..<end { sum += w[i] * values[i] }
                            let mean = sum * inv[g]
                            for i in start..<end { values[i] -= mean }
                        }
                    }
                } else {
                    for g in 0..<groupCount {
                        let start = starts[g], end = starts[g + 1]
                        var sum = 0.0
                        for i in start..<end { sum += values[i] }
                        let mean = sum * inv[g]
                        for i in start..<end { values[i] -= mean }
                    }
                }
            }
        }
    }

    /// Demeans every column of `matrix` in place.
    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` unless the matrix has ``count`` rows.
    public func demean(columnsOf matrix: inout Matrix) throws(FixedEffectsError) {
        let n = matrix.rows
        guard n == codes.count else {
            throw .dimensionMismatch("a matrix with \(n) rows for \(codes.count) group codes")
        }
        var scratch = [Double](repeating: 0, count: groupCount)
        matrix.storage.withUnsafeMutableBufferPointer { storage in
            scratch.withUnsafeMutableBufferPointer { s in
                for j in 0..<matrix.columns {
                    demean(UnsafeMutableBufferPointer(rebasing: storage[(j * n)..<((j + 1) * n)]), scratch: s)
                }
            }
        }
    }

    /// The demeaned copy of `values` (NaN throughout when `values` does not have one value per
    /// observation).
    public func demeaned(_ values: [Double]) -> [Double] {
        guard values.count == codes.count else { return values.map { _ in .nan } }
        var result = values
        var scratch = [Double](repeating: 0, count: groupCount)
        result.withUnsafeMutableBufferPointer { r in
            scratch.withUnsafeMutableBufferPointer { s in demean(r, scratch: s) }
        }
        return result
    }
}
