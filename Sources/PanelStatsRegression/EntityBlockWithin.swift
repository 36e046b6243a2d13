import CPanelStatsKernels
import PanelStatsLinearAlgebra

/// The within estimator on an entity-sorted panel in two reads of the data — the large-panel path
/// of ``FixedEffectsModel`` (issue 7).
///
/// When the observations are sorted by entity, each entity's rows form one contiguous block that
/// fits in the cache. Everything the fit needs is then gathered by reading every column twice,
/// with no demeaned copy of the data:
///
/// 1. **Moments** (``moments(_:keepingMeans:)``): per block, the entity means `x̄_i` (not kept:
///    they feed the between-entity moments run by run, and pass 2 makes them again), the
///    demeaned rows `x̃ = x − x̄_i` in a small cache-resident block (``GramTileKernel``, filled
///    with the rows of many entities) whose Gram matrix `X̃ᵀX̃` (with y) is accumulated by
///    register tiles, and — for a second, *small* absorbed
///    factor such as the year — the sums of `x̃` per level (`D̃ᵀX̃`, because `Σ_t x̃_it = 0` in
///    each entity) and `D̃ᵀD̃ = Σ_i (diag(c_i) − c_i c_iᵀ / T_i)` from the level counts `c_i` of each
///    entity. The second factor is thus partialled out exactly (Frisch–Waugh–Lovell): its
///    levels other than the first enter the normal equations as entity-demeaned dummies `D̃`, and
///    no alternating projections are needed.
/// 2. **Solve** the small system on `[D̃, X̃]` by Cholesky of the column-scaled Gram matrix
///    (``NormalEquations/ScaledCholesky``, refused above a condition number of 1e6, when the
///    caller falls back to the general path). The regressors' block of its inverse is
///    `(ẌᵀẌ)⁻¹`, Ẍ the fully demeaned regressors, and `Π = (D̃ᵀD̃)⁻¹D̃ᵀX̃` gives `Ẍ = X̃ − D̃Π`.
/// 3. **Residuals and scores** (``residualPass(_:solution:grandMeans:scores:)``): per block again,
///    each entity's means again from its rows (pass 1's additions, so the same values),
///    `e = ỹ − X̃β − D̃γ`, RSS, the sums for the overall R², the entity's
///    fixed effect, and the scores `e·[1, ẍ]` (the centred design; the caller shifts the
///    sandwich to the means) summed per cluster (or their outer products per observation for
///    the heteroskedastic meat).
///
/// Accuracy: the normal equations of well-conditioned, entity-centred data; β carries a relative
/// error of order `κ₁·ε` (κ₁ ≤ 1e6 is checked), the same bound as ``NormalEquations``.
enum EntityBlockWithin {
    /// Rows of the block whose Gram matrix is accumulated at a time: 12 columns (K = 10, y and
    /// the tile padding) of 256 doubles are 25 KiB, within a 32 KiB L1 data cache.
    static let bufferRows = 256

    /// Levels of the second absorbed factor from which it is left to alternating projections.
    static let maximumSecondLevels = 256

    /// The data of one fit (pointers into the model's arrays; unweighted).
    struct Panel {
        /// x_1 … x_K, then y: K + 1 columns of n rows.
        var columns: [UnsafeBufferPointer<Double>]
        /// Entity g occupies rows `starts[g]..<starts[g + 1]`.
        var starts: [Int]
        /// The second absorbed factor (dense codes, level count), if any.
        var second: (codes: UnsafeBufferPointer<Int32>, levels: Int)?

        var rows: Int { starts.last ?? 0 }
        var entities: Int { starts.count - 1 }
        /// K + 1.
        var width: Int { columns.count }
        /// Levels of the second factor (0 without one).
        var levels: Int { second?.levels ?? 0 }
    }

    /// Whether the level-count cross products of the second factor stay cheap: their cost is
    /// `Σ_i d_i²` (d_i distinct levels of entity i), bounded here by `Σ_i min(T_i, L)²`.
    static func secondFactorIsCheap(starts: [Int], levels: Int) -> Bool {
        guard levels <= maximumSecondLevels else { return false }
        var cost = 0
        for g in 0..<(starts.count - 1) {
            let d = min(starts[g + 1] - starts[g], levels)
            cost += d * d
        }
        return cost <= 64 * max(starts.last ?? 0, 1)
    }

    /// What the first read gathers.
    struct Moments {
        /// `X̃ᵀX̃` of the entity-demeaned [x_1 … x_K, y], (K + 1)², column-major, both triangles.
        var gram: [Double]
        /// Per level of the second factor, `Σ x̃` of each column (L × (K + 1), level-major).
        var levelSums: [Double]
        /// `D̃ᵀD̃` over all L levels (L × L).
        var levelGram: [Double]
        /// The grand means `x̄ = Σ_i T_i x̄_i / n` of [x_1 … x_K, y].
        var grandMeans: [Double]
        /// `B = Σ_i T_i (x̄_i − x̄)(x̄_i − x̄)ᵀ`, the between-entity sums of squares and products
        /// ((K + 1)², column-major, both triangles).
        var between: [Double]
        /// Entity means, entity-major (G × (K + 1)), when asked for (``moments(_:keepingMeans:)``);
        /// otherwise empty.
        var means: [Double]
        /// Every value finite.
        var finite: Bool
    }

    /// A worker's entity means summarised: their weight (rows), weighted mean and scatter
    /// `Σ T_i (x̄_i − mean)(x̄_i − mean)ᵀ` (upper triangle, column-major).
    struct BetweenSums {
        var rows: Double
        var mean: [Double]
        var scatter: [Double]

        init(width: Int) {
            rows = 0
            mean = [Double](repeating: 0, count: width)
            scatter = [Double](repeating: 0, count: width * width)
        }

        /// Adds a group of `rows` rows whose weighted entity means have mean `groupMean` and
        /// scatter `groupScatter` around it (upper triangle): Chan, Golub and LeVeque's pairwise
        /// update, `M = M_a + M_b + δδᵀ · n_a n_b / (n_a + n_b)` with `δ = mean_b − mean_a`, which
        /// never subtracts two large sums of squares.
        mutating func merge(rows groupRows: Double, mean groupMean: UnsafePointer<Double>,
                            scatter groupScatter: UnsafePointer<Double>?) {
            guard groupRows > 0 else { return }
            let w = mean.count, total = rows + groupRows
            let weight = rows * groupRows / total, step = groupRows / total
            mean.withUnsafeMutableBufferPointer { mean in
            scatter.withUnsafeMutableBufferPointer { scatter in
                for c in 0..<w {
                    let dc = groupMean[c] - mean[c]
                    for r in 0...c {
                        let dr = groupMean[r] - mean[r]
                        scatter[r + c * w] += (groupScatter?[r + c * w] ?? 0) + weight * dr * dc
                    }
                }
                for j in 0..<w { mean[j] += (groupMean[j] - mean[j]) * step }
            }
            }
            rows = total
        }
    }

    /// Pass 1, split over the cores by ranges of whole entities; partial sums added in range
    /// order (the between-entity moments merged). `keepingMeans`: also return every entity's
    /// means (G × (K + 1) doubles; the one-way fit's entity effects need them).
    static func moments(_ panel: Panel, keepingMeans: Bool) -> Moments {
        let w = panel.width, levels = panel.levels, entities = panel.entities
        var means = keepingMeans ? LargeBuffers.zeros(count: entities * w) : []
        let ranges = entityRanges(panel.starts)
        let partials = ConcurrentResults<(moments: Moments, between: BetweenSums)>(count: ranges.count)
        means.withUnsafeMutableBufferPointer { meansOut in
            let meansBase = UncheckedSendableBox(meansOut)
            Parallel.forEach(ranges.count, parallel: ranges.count > 1) { part in
                partials[part] = momentsOfEntities(panel, ranges[part], means: keepingMeans ? meansBase.value : nil)
            }
        }
        var total = Moments(
            gram: [Double](repeating: 0, count: w * w), levelSums: [Double](repeating: 0, count: levels * w),
            levelGram: [Double](repeating: 0, count: levels * levels), grandMeans: [], between: [], means: [],
            finite: true)
        var between = BetweenSums(width: w)
        for part in ranges.indices {
            guard let (p, b) = partials[part] else { total.finite = false; continue }
            for i in total.gram.indices { total.gram[i] += p.gram[i] }
            for i in total.levelSums.indices { total.levelSums[i] += p.levelSums[i] }
            for i in total.levelGram.indices { total.levelGram[i] += p.levelGram[i] }
            total.finite = total.finite && p.finite
            b.mean.withUnsafeBufferPointer { mean in
                b.scatter.withUnsafeBufferPointer { scatter in
                    guard let mean = mean.baseAddress, let scatter = scatter.baseAddress else { return }
                    between.merge(rows: b.rows, mean: mean, scatter: scatter)
                }
            }
        }
        for c in 0..<w {
            for r in 0..<c {
                total.gram[c + r * w] = total.gram[r + c * w]
                between.scatter[c + r * w] = between.scatter[r + c * w]
            }
        }
        total.grandMeans = between.mean
        total.between = between.scatter
        total.finite = total.finite && !total.between.contains { !$0.isFinite }
        total.means = means
        return total
    }

    /// Pass 1 over the entities in `range` (one worker).
    ///
    /// Memory access: the columns are separate arrays that start at the same offset within a
    /// page, so reading one row across them touches K + 1 lines of the same L1 cache set (more
    /// than its 8 ways: every load misses). The columns are therefore only ever read one at a
    /// time, in runs of as many whole entities as fit in the ``GramTileKernel`` block (whose
    /// column stride avoids that aliasing): `ps_moments_run` (CPanelStatsKernels) sums each
    /// entity's rows of a column, writes them demeaned into the block and adds them to the year
    /// sums, column by column; the Gram tiles then read the block. An entity longer than the block
    /// is handled in pieces (``appendLongEntity``).
    ///
    /// The run's entity means (a scratch of at most ``bufferRows`` entities) then feed the
    /// between-entity moments: the rows `√T_i (x̄_i − m_run)` go through a second tile block
    /// (the scatter within each run), and the run's mean `m_run` is merged into the worker's by
    /// ``BetweenSums/merge(rows:mean:scatter:)`` (the scatter between the runs). `means`, when
    /// given, receives every entity's means (entity-major).
    private static func momentsOfEntities(
        _ panel: Panel, _ range: Range<Int>, means: UnsafeMutableBufferPointer<Double>?
    ) -> (moments: Moments, between: BetweenSums)? {
        let w = panel.width, levels = panel.levels, b = bufferRows
        var gram = [Double](repeating: 0, count: w * w)
        var levelSums = [Double](repeating: 0, count: levels * w)
        var levelGram = [Double](repeating: 0, count: levels * levels)
        let columns = panel.columns.compactMap(\.baseAddress)
        guard columns.count == w, means == nil || means?.baseAddress != nil else { return nil }
        let meansOut = means?.baseAddress
        let kernel = GramTileKernel(width: w, rows: b), betweenBlock = GramTileKernel(width: w, rows: b)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: max(levels, 1))
        let present = UnsafeMutablePointer<Int>.allocate(capacity: max(levels, 1))
        counts.initialize(repeating: 0, count: max(levels, 1))
        // A run has at most b entities (every entity has a row).
        let runMeans = UnsafeMutablePointer<Double>.allocate(capacity: b * w)
        let runMean = UnsafeMutablePointer<Double>.allocate(capacity: w)
        let runScatters = UnsafeMutablePointer<Double>.allocate(capacity: w * w)
        runScatters.initialize(repeating: 0, count: w * w)
        defer {
            kernel.deallocate()
            betweenBlock.deallocate()
            counts.deallocate()
            present.deallocate()
            runMeans.deallocate()
            runMean.deallocate()
            runScatters.deallocate()
        }
        var between = BetweenSums(width: w)
        var betweenFilled = 0
        let starts = panel.starts
        /// The between-entity moments of entities `first..<last`, whose means are in `runMeans`.
        func addRun(first: Int, last: Int) {
            let runRows = Double(starts[last] - starts[first])
            for j in 0..<w { runMean[j] = 0 }
            for h in 0..<(last - first) {
                let size = Double(starts[first + h + 1] - starts[first + h]), mean = runMeans + h * w
                for j in 0..<w { runMean[j] += size * mean[j] }
            }
            for j in 0..<w { runMean[j] /= runRows }
            for h in 0..<(last - first) {
                let root = Double(starts[first + h + 1] - starts[first + h]).squareRoot(), mean = runMeans + h * w
                var target = betweenBlock.buffer + betweenFilled
                for j in 0..<w {
                    target.pointee = root * (mean[j] - runMean[j])
                    target += betweenBlock.stride
                }
                betweenFilled += 1
                if betweenFilled == b {
                    betweenBlock.accumulate(rows: b, into: runScatters)
                    betweenFilled = 0
                }
            }
            between.merge(rows: runRows, mean: runMean, scatter: nil)
            meansOut?.advanced(by: first * w).update(from: runMeans, count: (last - first) * w)
        }
        let codes = panel.second?.codes.baseAddress
        let stride = kernel.stride
        var finite = true
        // The runs of whole entities are the work of `ps_moments_run` (CPanelStatsKernels).
        let columnTable = UnsafeMutablePointer<UnsafePointer<Double>?>.allocate(capacity: w)
        for j in 0..<w { columnTable[j] = UnsafePointer(columns[j]) }
        let patternSums = UnsafeMutablePointer<Double>.allocate(capacity: w * stride)
        defer {
            columnTable.deallocate()
            patternSums.deallocate()
        }
        gram.withUnsafeMutableBufferPointer { gramBuffer in
        levelSums.withUnsafeMutableBufferPointer { levelSumsBuffer in
        levelGram.withUnsafeMutableBufferPointer { levelGramBuffer in
        starts.withUnsafeBufferPointer { startsBuffer in
            guard let gram = gramBuffer.baseAddress, let levelGram = levelGramBuffer.baseAddress,
                  let startsBase = startsBuffer.baseAddress else { return }
            let levelSums = levelSumsBuffer.baseAddress
            var run = PSMomentsRun(
                columns: UnsafePointer(columnTable), width: w, block: kernel.buffer, stride: stride, means: runMeans,
                codes: codes, levelSums: levelSums, patternSums: patternSums)
            var filled = 0
            func flush() {
                kernel.accumulate(rows: filled, into: gram)
                filled = 0
            }
            /// Adds the demeaned block rows `position..<position + count` (of the entity whose
            /// rows start at `row`) to the year sums.
            func addToLevelSums(position: Int, count: Int, row: Int) {
                guard let codes, let levelSums else { return }
                for q in 0..<count {
                    let target = levelSums + Int(codes[row &+ q]) &* w
                    var source = kernel.buffer + (position &+ q)
                    for j in 0..<w {
                        target[j] += source.pointee
                        source += stride
                    }
                }
            }
            // D̃ᵀD̃ += repeats · (diag(c) − c cᵀ / T) for a run of entities with the same sequence of
            // levels (in a balanced panel: all of them), so the L² update is paid once per run.
            var patternFirst = 0, patternEnd = 0, repeats = 0
            func addPattern() {
                guard repeats > 0, let codes else { return }
                var distinct = 0
                for row in patternFirst..<patternEnd {
                    let level = Int(codes[row])
                    if counts[level] == 0 {
                        present[distinct] = level
                        distinct += 1
                    }
                    counts[level] += 1
                }
                let weight = Double(repeats), inverseSize = 1 / Double(patternEnd - patternFirst)
                for u in 0..<distinct {
                    let a = present[u], ca = Double(counts[a])
                    levelGram[a + a * levels] += weight * ca
                    let scaled = weight * ca * inverseSize
                    for v in 0..<distinct {
                        let c = present[v]
                        levelGram[a + c * levels] -= scaled * Double(counts[c])
                    }
                }
                for u in 0..<distinct { counts[present[u]] = 0 }
            }
            func countLevels(first: Int, end: Int) {
                guard let codes else { return }
                let size = end - first
                var same = repeats > 0 && patternEnd - patternFirst == size
                var q = 0
                while same, q < size {
                    same = codes[patternFirst + q] == codes[first + q]
                    q += 1
                }
                if same {
                    repeats += 1
                } else {
                    addPattern()
                    patternFirst = first
                    patternEnd = end
                    repeats = 1
                }
            }
            /// An entity longer than the block: its means from the columns, then its rows in
            /// pieces through the block.
            func appendLongEntity(_ g: Int) {
                let first = starts[g], end = starts[g + 1]
                let mean = runMeans
                for j in 0..<w { mean[j] = entityMean(columns[j], rows: first..<end) }
                var row = first
                while row < end {
                    if filled == b { flush() }
                    let take = min(end - row, b - filled)
                    for j in 0..<w {
                        let source = columns[j] + row, target = kernel.column(j) + filled, m = mean[j]
                        for q in 0..<take { target[q] = source[q] - m }
                    }
                    addToLevelSums(position: filled, count: take, row: row)
                    filled += take
                    row += take
                }
                countLevels(first: first, end: end)
                addRun(first: g, last: g + 1)
            }
            var g = range.lowerBound
            while g < range.upperBound {
                let size = starts[g + 1] - starts[g]
                if size > b {
                    appendLongEntity(g)
                    g += 1
                    continue
                }
                if filled + size > b { flush() }
                // As many whole entities as fit, written demeaned into the block column by column.
                var last = g + 1
                while last < range.upperBound, starts[last + 1] - starts[g] + filled <= b { last += 1 }
                let count = starts[last] - starts[g]
                ps_moments_run(&run, startsBase, g, last, filled)
                addRun(first: g, last: last)
                for h in g..<last { countLevels(first: starts[h], end: starts[h + 1]) }
                filled += count
                g = last
            }
            addPattern()
            flush()
            for j in 0..<(w * w) where !gram[j].isFinite { finite = false }
        }
        }
        }
        }
        betweenBlock.accumulate(rows: betweenFilled, into: runScatters)
        for c in 0..<w { for r in 0...c { between.scatter[r + c * w] += runScatters[r + c * w] } }
        return (Moments(gram: gram, levelSums: levelSums, levelGram: levelGram, grandMeans: [], between: [], means: [],
                        finite: finite),
                between)
    }

    /// The mean of `column[rows]` by the additions pass 1 makes it with: the C kernels' sum
    /// (`ps_entity_mean`) for an entity that fits a block, two running sums (even and odd rows)
    /// for a longer one (``momentsOfEntities``' long entities). Pass 2's row path calls it to make
    /// the same means again.
    static func entityMean(_ column: UnsafePointer<Double>, rows: Range<Int>) -> Double {
        if rows.count <= bufferRows { return ps_entity_mean(column + rows.lowerBound, rows.count) }
        var s0 = 0.0, s1 = 0.0
        var row = rows.lowerBound
        while row + 1 < rows.upperBound {
            s0 += column[row]
            s1 += column[row + 1]
            row += 2
        }
        if row < rows.upperBound { s0 += column[row] }
        return (s0 + s1) * (1 / Double(rows.count))
    }

    /// Ranges of whole entities, one per worker, of about equal numbers of rows.
    static func entityRanges(_ starts: [Int]) -> [Range<Int>] {
        let entities = starts.count - 1, n = starts.last ?? 0
        let parts = min(Parallel.workers(rows: n), max(entities, 1))
        var cuts = [0]
        for p in 1..<max(parts, 1) {
            let target = n * p / parts
            // First entity starting at or after the target row.
            var low = cuts.last ?? 0, high = entities
            while low < high {
                let mid = (low + high) / 2
                if starts[mid] < target { low = mid + 1 } else { high = mid }
            }
            if low > (cuts.last ?? 0), low < entities { cuts.append(low) }
        }
        cuts.append(entities)
        return (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
    }

    /// What the solve of the small system gives pass 2.
    struct Solution {
        /// Kept regressors (indices into x_1 … x_K).
        var kept: [Int]
        /// β of the kept regressors.
        var beta: [Double]
        /// γ per level of the second factor (0 for the first level); empty without one.
        var gamma: [Double]
        /// `Π` per level (L × k, level-major; row 0 zero): `Ẍ = X̃ − D̃Π`.
        var pi: [Double]
        /// `(ẌᵀẌ)⁻¹`, k × k.
        var inverseGram: Matrix
        /// `Σ ÿ²`: y's sum of squares after both factors.
        var tssWithin: Double
    }

    /// Step 2: which regressors the factors absorb (the general path's rule, on the fully
    /// demeaned sums of squares) and the solution; `nil` when the level block or the system is
    /// singular or too ill-conditioned for the normal equations.
    static func solve(
        _ moments: Moments, panel: Panel, absorbed: (_ column: Int, _ within: Double) -> Bool
    ) -> (solution: Solution, absorbedColumns: [Int])? {
        let w = panel.width, k0 = w - 1, levels = panel.levels
        let m = max(levels - 1, 0)  // dummies of levels 1..<L
        // The joint Gram matrix of [D̃ (m), X̃ (K), ỹ].
        let q = m + w
        var joint = Matrix(rows: q, columns: q)
        for c in 0..<w { for r in 0..<w { joint[m + r, m + c] = moments.gram[r + c * w] } }
        for a in 0..<m {
            for c in 0..<m { joint[a, c] = moments.levelGram[(a + 1) + (c + 1) * levels] }
            for j in 0..<w {
                let value = moments.levelSums[(a + 1) * w + j]
                joint[a, m + j] = value
                joint[m + j, a] = value
            }
        }
        // Π for every column of [X̃, ỹ] and the fully demeaned sums of squares (Schur complements).
        var within = (0..<w).map { joint[m + $0, m + $0] }
        var pi = Matrix(rows: m, columns: w)
        if m > 0 {
            let levelBlock = joint.selectingColumns(Array(0..<m)).selectingRows(Array(0..<m))
            guard let system = NormalEquations.ScaledCholesky(levelBlock) else { return nil }
            for j in 0..<w {
                let rhs = (0..<m).map { joint[$0, m + j] }
                let solution = system.solve(rhs)
                for a in 0..<m { pi[a, j] = solution[a] }
                within[j] -= zip(rhs, solution).reduce(0) { $0 + $1.0 * $1.1 }
            }
        }
        let absorbedColumns = (0..<k0).filter { absorbed($0, within[$0]) }
        let kept = (0..<k0).filter { !absorbedColumns.contains($0) }
        guard !kept.isEmpty else { return nil }
        let selected = Array(0..<m) + kept.map { m + $0 }
        let system = joint.selectingColumns(selected).selectingRows(selected)
        guard let factor = NormalEquations.ScaledCholesky(system) else { return nil }
        let theta = factor.solve(selected.map { joint[$0, m + k0] })
        let k = kept.count
        var inverseGram = Matrix(rows: k, columns: k)
        for c in 0..<k { for r in 0..<k { inverseGram[r, c] = factor.inverse[m + r, m + c] } }
        var gamma = [Double](repeating: 0, count: levels)
        var piKept = [Double](repeating: 0, count: levels * k)
        for a in 0..<m {
            gamma[a + 1] = theta[a]
            for (position, j) in kept.enumerated() { piKept[(a + 1) * k + position] = pi[a, j] }
        }
        return (Solution(kept: kept, beta: Array(theta[m...]), gamma: gamma, pi: piKept, inverseGram: inverseGram,
                         tssWithin: within[k0]),
                absorbedColumns)
    }

    /// Which scores pass 2 sums.
    enum Scores {
        case none
        /// `Σᵢ eᵢ² zᵢzᵢᵀ`.
        case heteroskedastic
        /// Clusters that are the entities themselves: `Σ_g s_g s_gᵀ` block by block.
        case entityClusters
        /// Any other one-way clustering (dense codes, cluster count).
        case clusters(codes: UnsafeBufferPointer<Int32>, count: Int)
    }

    /// What the second read gives.
    struct Pass {
        var residuals: [Double]
        var rss: Double
        /// `Σ (xbᵢ − m_xb)(yᵢ − ȳ)`, `Σ (xbᵢ − m_xb)²`, `Σ (yᵢ − ȳ)²` with `xb = xᵀβ` (raw x).
        var crossProducts: (xy: Double, xx: Double, yy: Double)
        /// The unscaled meat `Σ s sᵀ` ((k + 1)², over the centred `z = [1, ẍ]`), when scores were asked for.
        var meat: Matrix?
        /// Each entity's fixed effect `ȳ_i − x̄_iᵀβ − γ̄_i` (with the constant).
        var entityEffects: [Double]
    }

    /// Pass 2 over the entities in `range` (one worker) by runs of whole entities of at most
    /// ``bufferRows`` rows each, in `ps_residual_run` (CPanelStatsKernels): per run, x̃ and ỹ are
    /// formed column by column in a scratch block, x̃ᵀβ down the columns, then per entity e, the
    /// sums and (`entityScores`) the score `s_g = Σ_t e·[1, ẍ]`, whose outer
    /// products `Σ_g s_g s_gᵀ` are the Gram matrix of a block of score rows. `nil` if an entity
    /// is longer than a block.
    private static func residualRuns(
        _ panel: Panel, _ range: Range<Int>, solution s: Solution, xbMean: Double,
        yMean: Double, entityScores: Bool, residuals: UnsafeMutablePointer<Double>,
        effects: UnsafeMutablePointer<Double>
    ) -> (rss: Double, xy: Double, xx: Double, yy: Double, meat: [Double])? {
        let w = panel.width, k = s.kept.count, p = k + 1, b = bufferRows
        let columns = (s.kept + [w - 1]).compactMap { panel.columns[$0].baseAddress }
        guard columns.count == p else { return nil }
        let columnTable = UnsafeMutablePointer<UnsafePointer<Double>?>.allocate(capacity: p)
        for j in 0..<p { columnTable[j] = columns[j] }
        let scratchStride = b + 8
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: (2 * k + 6) * scratchStride)
        // The run's entity means (a run has at most b entities).
        let runMeans = UnsafeMutablePointer<Double>.allocate(capacity: b * p)
        let scoreBlock = entityScores ? GramTileKernel(width: p, rows: b) : nil
        defer {
            columnTable.deallocate()
            scratch.deallocate()
            runMeans.deallocate()
            scoreBlock?.deallocate()
        }
        var meat = [Double](repeating: 0, count: p * p)
        var sums = PSResidualSums(rss: 0, xy: 0, xx: 0, yy: 0)
        let second = panel.second?.codes.baseAddress
        let complete: Bool = panel.starts.withUnsafeBufferPointer { startsBuffer in
        s.beta.withUnsafeBufferPointer { betaBuffer in
        s.gamma.withUnsafeBufferPointer { gammaBuffer in
        s.pi.withUnsafeBufferPointer { piBuffer in
        meat.withUnsafeMutableBufferPointer { meatBuffer in
            guard let starts = startsBuffer.baseAddress, let gram = meatBuffer.baseAddress else { return false }
            var run = PSResidualRun(
                columns: UnsafePointer(columnTable), kept: k, means: runMeans, beta: betaBuffer.baseAddress, codes: second,
                gamma: second == nil ? nil : gammaBuffer.baseAddress, pi: second == nil ? nil : piBuffer.baseAddress,
                xbMean: xbMean, yMean: yMean, residuals: residuals, effects: effects,
                block: scratch, stride: scratchStride)
            var g = range.lowerBound, scoreRows = 0
            while g < range.upperBound {
                guard starts[g + 1] - starts[g] <= b else { return false }
                var last = g + 1
                while last < range.upperBound, starts[last + 1] - starts[g] <= b { last += 1 }
                // A run has at most b entities: the score block takes it whole.
                if let scoreBlock, scoreRows + (last - g) > b {
                    scoreBlock.accumulate(rows: scoreRows, into: gram)
                    scoreRows = 0
                }
                ps_residual_run(&run, starts, g, last, &sums, scoreBlock?.buffer, scoreBlock?.stride ?? 0, scoreRows)
                scoreRows += last - g
                g = last
            }
            scoreBlock?.accumulate(rows: scoreRows, into: gram)
            return true
        }
        }
        }
        }
        }
        guard complete else { return nil }
        return (sums.rss, sums.xy, sums.xx, sums.yy, meat)
    }

    /// Pass 2 (see the type), split over the cores like pass 1 (`nil` if a worker could not run).
    /// Without scores or with the entity clusters' (and no entity longer than a block), by runs
    /// of whole entities (``residualRuns``); otherwise runs of rows are copied column by column
    /// into a block and handled there row by row.
    static func residualPass(
        _ panel: Panel, solution s: Solution, grandMeans: [Double], scores: Scores
    ) -> Pass? {
        let n = panel.rows, w = panel.width, k0 = w - 1, k = s.kept.count, p = k + 1
        let ranges = entityRanges(panel.starts)
        let xbMean = zip(s.kept, s.beta).reduce(0) { $0 + grandMeans[$1.0] * $1.1 }
        let yMean = grandMeans[k0]
        var residuals = LargeBuffers.uninitialized(Double.self, count: n)
        var effects = [Double](repeating: 0, count: panel.entities)
        struct Partial { var rss = 0.0, xy = 0.0, xx = 0.0, yy = 0.0; var meat: [Double]; var clusterSums: [Double] }
        let partials = ConcurrentResults<Partial>(count: ranges.count)
        let clusterCount: Int
        if case .clusters(_, let count) = scores { clusterCount = count } else { clusterCount = 0 }
        // No scores or the entity clusters' with entities that fit in a block: by runs of whole
        // entities in `ps_residual_run`; the other meats row by row below.
        let entitiesFitBlocks = (0..<panel.entities).allSatisfy { panel.starts[$0 + 1] - panel.starts[$0] <= bufferRows }
        let entityScores: Bool, byRuns: Bool
        switch scores {
        case .none: (entityScores, byRuns) = (false, entitiesFitBlocks)
        case .entityClusters: (entityScores, byRuns) = (true, entitiesFitBlocks)
        case .heteroskedastic, .clusters: (entityScores, byRuns) = (false, false)
        }
        residuals.withUnsafeMutableBufferPointer { residualsOut in
        effects.withUnsafeMutableBufferPointer { effectsOut in
            let out = UncheckedSendableBox((residualsOut, effectsOut))
            Parallel.forEach(ranges.count, parallel: ranges.count > 1) { part in
                let (resOut, effOut) = out.value
                guard let res = resOut.baseAddress, let eff = effOut.baseAddress,
                      let y = panel.columns[k0].baseAddress else { return }
                // This worker's residuals are fresh memory: their pages mapped in one call rather
                // than by a fault per page as the runs write them
                // (``LargeBuffers/populate(_:for:minimumBytes:)``).
                let rowRange = panel.starts[ranges[part].lowerBound]..<panel.starts[ranges[part].upperBound]
                LargeBuffers.populate(UnsafeRawBufferPointer(
                    start: res + rowRange.lowerBound, count: rowRange.count * MemoryLayout<Double>.stride))
                if byRuns {
                    guard let sums = residualRuns(
                        panel, ranges[part], solution: s, xbMean: xbMean, yMean: yMean,
                        entityScores: entityScores, residuals: res, effects: eff) else { return }
                    partials[part] = Partial(rss: sums.rss, xy: sums.xy, xx: sums.xx, yy: sums.yy, meat: sums.meat,
                                             clusterSums: [])
                    return
                }
                // The kept regressors, then y: copied a run of rows at a time, column by column,
                // into a block read row by row (see ``momentsOfEntities``: rows read across the
                // separate column arrays alias in the L1 cache).
                let columns = s.kept.compactMap { panel.columns[$0].baseAddress } + [y]
                guard columns.count == p else { return }
                let block = GramTileKernel(width: p, rows: bufferRows)
                let stride = block.stride
                let keptMean = UnsafeMutablePointer<Double>.allocate(capacity: max(k, 1))
                let entityMean = UnsafeMutablePointer<Double>.allocate(capacity: p)
                let beta = UnsafeMutablePointer<Double>.allocate(capacity: max(k, 1))
                beta.initialize(from: s.beta, count: k)
                let piMean = UnsafeMutablePointer<Double>.allocate(capacity: max(k, 1))
                let score = UnsafeMutablePointer<Double>.allocate(capacity: p)
                // The heteroskedastic meat Σ e² z zᵀ is the Gram matrix of the rows e·z, the entity
                // clusters' Σ_g s_g s_gᵀ that of the rows s_g.
                let outerProducts: GramTileKernel?
                switch scores {
                case .heteroskedastic, .entityClusters: outerProducts = GramTileKernel(width: p, rows: bufferRows)
                case .none, .clusters: outerProducts = nil
                }
                defer {
                    [keptMean, entityMean, beta, piMean, score].forEach { $0.deallocate() }
                    block.deallocate()
                    outerProducts?.deallocate()
                }
                var meatSums = [Double](repeating: 0, count: p * p)
                var clusterSums = [Double](repeating: 0, count: clusterCount * p)
                var rss = 0.0, xy = 0.0, xx = 0.0, yy = 0.0
                let codes = panel.second?.codes.baseAddress
                let gamma = s.gamma, starts = panel.starts
                let firstEntity = ranges[part].lowerBound, endEntity = ranges[part].upperBound
                guard firstEntity < endEntity else { return }
                s.pi.withUnsafeBufferPointer { piBuffer in
                meatSums.withUnsafeMutableBufferPointer { meatBuffer in
                clusterSums.withUnsafeMutableBufferPointer { clusterBuffer in
                    guard let meat = meatBuffer.baseAddress else { return }
                    let pi = piBuffer.baseAddress, clusterSums = clusterBuffer.baseAddress
                    // The current entity's constants.
                    var g = firstEntity, entityEnd = 0, my = 0.0, gammaMean = 0.0, shift = 0.0
                    func begin(_ entity: Int) {
                        let first = starts[entity], end = starts[entity + 1]
                        entityEnd = end
                        let inverseSize = 1 / Double(end - first)
                        // The entity's means of the kept regressors and y, made again from its
                        // rows by pass 1's additions (it does not keep them).
                        for j in 0..<p { entityMean[j] = Self.entityMean(columns[j], rows: first..<end) }
                        gammaMean = 0
                        for j in 0..<k { piMean[j] = 0 }
                        if let codes, let pi {
                            for row in first..<end {
                                let level = Int(codes[row])
                                gammaMean += gamma[level]
                                for j in 0..<k { piMean[j] += pi[level &* k &+ j] }
                            }
                            gammaMean *= inverseSize
                            for j in 0..<k { piMean[j] *= inverseSize }
                        }
                        var meanFit = 0.0
                        for j in 0..<k {
                            keptMean[j] = entityMean[j]
                            meanFit += beta[j] * keptMean[j]
                        }
                        my = entityMean[k]
                        eff[entity] = my - meanFit - gammaMean
                        shift = meanFit - xbMean
                        for j in 0..<p { score[j] = 0 }
                    }
                    var filled = 0
                    /// Adds the row `value(j)`, j < p, to the outer-product block.
                    @inline(__always) func appendOuterProductRow(_ value: (Int) -> Double) {
                        outerProducts?.append(value, filled: &filled, into: meat)
                    }
                    func finish() {
                        if case .entityClusters = scores { appendOuterProductRow { score[$0] } }
                    }
                    begin(g)
                    let firstRow = starts[firstEntity], endRow = starts[endEntity]
                    var chunkStart = firstRow
                    while chunkStart < endRow {
                        let count = min(endRow - chunkStart, bufferRows)
                        for j in 0..<p { block.column(j).update(from: columns[j] + chunkStart, count: count) }
                        for q in 0..<count {
                            let row = chunkStart &+ q
                            while row == entityEnd {
                                finish()
                                g += 1
                                begin(g)
                            }
                            let x = block.buffer + q
                            let yRow = x[k &* stride]
                            let yt = yRow - my
                            // e = ỹ − X̃β − (γ_t − γ̄_i); x̃ formed first (exact for large means).
                            // x̃ᵀβ in four partial sums: one running sum would make each row wait
                            // K additions' latency.
                            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                            var j = 0
                            while j &+ 3 < k {
                                s0 += beta[j] * (x[j &* stride] - keptMean[j])
                                s1 += beta[j &+ 1] * (x[(j &+ 1) &* stride] - keptMean[j &+ 1])
                                s2 += beta[j &+ 2] * (x[(j &+ 2) &* stride] - keptMean[j &+ 2])
                                s3 += beta[j &+ 3] * (x[(j &+ 3) &* stride] - keptMean[j &+ 3])
                                j &+= 4
                            }
                            while j < k {
                                s0 += beta[j] * (x[j &* stride] - keptMean[j])
                                j &+= 1
                            }
                            let fitWithin = (s0 + s1) + (s2 + s3)
                            var e = yt - fitWithin
                            let level = codes.map { Int($0[row]) } ?? 0
                            if codes != nil { e -= gamma[level] - gammaMean }
                            res[row] = e
                            rss += e * e
                            let a = fitWithin + shift, c = yRow - yMean
                            xy += a * c
                            xx += a * a
                            yy += c * c
                            // z = [1, ẍ] with ẍ = x̃ − Π_t + Π̄_i.
                            @inline(__always) func z(_ j: Int) -> Double {
                                let centred = (x[j &* stride] - keptMean[j]) + piMean[j]
                                guard let pi, codes != nil else { return centred }
                                return centred - pi[level &* k &+ j]
                            }
                            switch scores {
                            case .none:
                                break
                            case .entityClusters:
                                score[0] += e
                                for j in 0..<k { score[j + 1] += e * z(j) }
                            case .heteroskedastic:
                                appendOuterProductRow { $0 == 0 ? e : e * z($0 - 1) }
                            case .clusters(let clusterCodes, _):
                                guard let clusterSums else { break }
                                let sums = clusterSums + Int(clusterCodes[row]) &* p
                                sums[0] += e
                                for j in 0..<k { sums[j + 1] += e * z(j) }
                            }
                        }
                        chunkStart += count
                    }
                    finish()
                    outerProducts?.accumulate(rows: filled, into: meat)
                }
                }
                }
                partials[part] = Partial(rss: rss, xy: xy, xx: xx, yy: yy, meat: meatSums, clusterSums: clusterSums)
            }
        }
        }
        var rss = 0.0, xy = 0.0, xx = 0.0, yy = 0.0
        var meatSums = [Double](repeating: 0, count: p * p)
        var clusterSums = [Double](repeating: 0, count: clusterCount * p)
        for part in ranges.indices {
            // A worker that could not run (no buffer) leaves its rows unwritten: the caller falls back.
            guard let partial = partials[part] else { return nil }
            rss += partial.rss
            xy += partial.xy
            xx += partial.xx
            yy += partial.yy
            for i in meatSums.indices { meatSums[i] += partial.meat[i] }
            for i in clusterSums.indices { clusterSums[i] += partial.clusterSums[i] }
        }
        var meat: Matrix? = nil
        switch scores {
        case .none:
            break
        case .heteroskedastic, .entityClusters:
            var m = Matrix(rows: p, columns: p)
            for c in 0..<p { for r in 0...c { m[r, c] = meatSums[r + c * p]; m[c, r] = meatSums[r + c * p] } }
            meat = m
        case .clusters:
            // Σ_g s_g s_gᵀ from the G × p cluster sums (cluster-major).
            var m = Matrix(rows: p, columns: p)
            for g in 0..<clusterCount {
                let base = g * p
                for c in 0..<p {
                    let sc = clusterSums[base + c]
                    for r in 0...c { m[r, c] += clusterSums[base + r] * sc }
                }
            }
            for c in 0..<p { for r in 0..<c { m[c, r] = m[r, c] } }
            meat = m
        }
        return Pass(residuals: residuals, rss: rss, crossProducts: (xy, xx, yy), meat: meat,
                    entityEffects: effects)
    }
}
