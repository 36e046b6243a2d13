import CPanelStatsKernels
import Foundation
import PanelStatsTestSupport
import Testing

/// The C row kernels of the entity-block fit, each build (AVX2 + FMA and the baseline) against the
/// quantities the header documents, written out here as plain row loops. The whole-fit tests in
/// RegressionTests (EntityBlockDifferentialTests, EntityBlockPathTests) run only the build this
/// machine's CPU chooses; these run both, on random blocks whose entities have 1 to 300 rows (so
/// every remainder of four, 0 to 3, occurs at both ends of the vector loops), with and without the
/// second factor's codes, and with runs of entities that share a level sequence.
///
/// Tolerance: 1e-12 of the magnitude of the summed terms (for a sum over rows: of the largest term
/// times the number of rows); the Gram entries, sums of products of standard normals, 4e-12 per
/// row absolutely. Outputs outside the run (entities, block rows, score rows) start as NaN and
/// must stay so. The two builds differ by rounding only (FMA contracts a multiply–add into one
/// rounding; lanes are summed in a fixed order): against each other they are held to 1e-12 per
/// row of the largest output.
@Suite("C kernels of the entity-block fit, both instruction sets")
struct KernelsTests {
    /// The instruction sets under test: the baseline always; AVX2 + FMA when this CPU has it (a
    /// request for it on another CPU would run the baseline again, which proves nothing new).
    static let instructionSets: [Int32] = ps_kernels_instruction_set() == 1 ? [0, 1] : [0]

    @Test("The detected instruction set is the baseline (0) or AVX2 + FMA (1)")
    func detectedInstructionSetIsKnown() {
        #expect([0, 1].contains(ps_kernels_instruction_set()))
    }

    @Test("Gram accumulation adds the upper triangle of ZᵀZ over the rows, ignoring rows past the count",
          arguments: instructionSets)
    func gramAccumulationMatchesRowSums(instructionSet: Int32) {
        var random = SplitMix64(seed: 7)
        for width in 1...8 {
            for rows in [0, 1, 2, 3, 4, 5, 6, 7, 8, 13, 64, 301] {
                let padded = (width + 2) / 3 * 3, stride = (rows + 3) / 4 * 4 + 4
                let block = Scratch(count: padded * stride)
                for j in 0..<width {
                    for i in 0..<stride { block[j * stride + i] = i < rows ? random.normal() : 1e300 }
                }
                var expected = (0..<(width * width)).map { _ in random.normal() }  // added to
                let gram = Scratch(expected)
                for c in 0..<width {
                    for r in 0...c {
                        var sum = 0.0
                        for i in 0..<rows { sum += block[r * stride + i] * block[c * stride + i] }
                        expected[r + c * width] += sum
                    }
                }
                ps_gram_accumulate_with(instructionSet, block.pointer, stride, width, padded, rows, gram.pointer)
                // Entries below the diagonal are not the kernel's and must be left as they were.
                for c in 0..<width {
                    for r in 0..<width {
                        let index = r + c * width
                        let tolerance = 4e-12 * Double(max(rows, 1))
                        #expect(abs(gram[index] - expected[index]) <= tolerance,
                                "width \(width), rows \(rows), entry (\(r), \(c)): \(gram[index]) against \(expected[index])")
                    }
                }
                block.free()
                gram.free()
            }
        }
    }

    /// The seeds of the pass tests: 40 runs of up to 40 entities, and 6 runs of 300 to 700 entities
    /// of 1 to 3 rows (more than the 256 entities pass 1 takes together, so its runs are cut).
    static let seeds = Array(UInt64(1)...46)

    @Test("Pass 1 writes each entity's means at its place in the run's scratch (and nothing past the run)",
          arguments: instructionSets, [false, true])
    func momentsRunWritesEntityMeans(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = MomentsCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            expectWrittenInRunOnly(run.means, run.expectedMeans, "seed \(seed): mean")
        }
    }

    @Test("Pass 1 writes the demeaned rows into the block from row `filled`, and nothing else",
          arguments: instructionSets, [false, true])
    func momentsRunWritesDemeanedRows(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = MomentsCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            expectWrittenInRunOnly(run.block, run.expectedBlock, "seed \(seed): block entry")
        }
    }

    @Test("Pass 1 adds the demeaned rows to their levels' sums", arguments: instructionSets, [false, true])
    func momentsRunAddsToLevelSums(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = MomentsCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            for (index, (actual, expected)) in zip(run.levelSums, run.expectedLevelSums).enumerated() {
                #expect(close(actual, expected, scale: run.magnitude * Double(run.rows)), "seed \(seed): level sum \(index)")
            }
        }
    }

    @Test("Pass 2 gives each row's residual e = ỹ − x̃ᵀβ − (γ_t − γ̄_i)", arguments: instructionSets, [false, true])
    func residualRunGivesResiduals(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = ResidualCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            for row in run.rows {
                #expect(close(run.residuals[row], run.expectedResiduals[row], scale: run.scale), "seed \(seed): residual \(row)")
            }
        }
    }

    @Test("Pass 2 gives each entity's effect ȳ_i − x̄_iᵀβ − γ̄_i", arguments: instructionSets, [false, true])
    func residualRunGivesEntityEffects(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = ResidualCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            for g in run.entities {
                #expect(close(run.effects[g], run.expectedEffects[g], scale: run.scale), "seed \(seed): effect \(g)")
            }
        }
    }

    @Test("Pass 2 adds Σe², Σa·(y − ȳ), Σa², Σ(y − ȳ)² (a = xᵀβ − m_xb) to the running sums",
          arguments: instructionSets, [false, true])
    func residualRunAddsToSums(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = ResidualCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            let scale = run.scale * run.scale * Double(run.rows.count)
            #expect(close(run.sums.rss, run.expectedSums.rss, scale: scale), "seed \(seed): RSS")
            #expect(close(run.sums.xy, run.expectedSums.xy, scale: scale), "seed \(seed): Σ a·(y − ȳ)")
            #expect(close(run.sums.xx, run.expectedSums.xx, scale: scale), "seed \(seed): Σ a²")
            #expect(close(run.sums.yy, run.expectedSums.yy, scale: scale), "seed \(seed): Σ (y − ȳ)²")
        }
    }

    @Test("Pass 2 writes each entity's means (kept regressors, then y) at its place in the run's scratch, and nothing past the run",
          arguments: instructionSets, [false, true])
    func residualRunWritesEntityMeans(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = ResidualCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            expectWrittenInRunOnly(run.means, run.expectedMeans, "seed \(seed): mean")
        }
    }

    @Test("Pass 2 and ps_entity_mean make the same entity means as pass 1, bit for bit (neither pass keeps them for the other)",
          arguments: instructionSets)
    func passesAgreeOnEntityMeans(instructionSet: Int32) {
        for seed in Self.seeds {
            var random = SplitMix64(seed: 2000 + seed)
            let panel = RandomPanel(random: &random, width: 1 + Int(seed % 4), levels: 0, seed: seed)
            let w = panel.width, k = w - 1, n = panel.starts[panel.entities], entities = panel.entities
            let stride = n + 8
            let block = Scratch(count: max(w, 2 * k + 6) * stride), patternSums = Scratch(count: w * stride)
            let firstMeans = Scratch(count: entities * w), secondMeans = Scratch(count: entities * w)
            let residuals = Scratch(count: n), effects = Scratch(count: entities)
            defer { [block, patternSums, firstMeans, secondMeans, residuals, effects].forEach { $0.free() } }
            let beta = [Double](repeating: 0.5, count: max(k, 1))
            var sums = PSResidualSums(rss: 0, xy: 0, xx: 0, yy: 0)
            panel.withPointers { columns, starts, _ in
                var first = PSMomentsRun(
                    columns: columns, width: w, block: block.pointer, stride: stride, means: firstMeans.pointer,
                    codes: nil, levelSums: nil, patternSums: patternSums.pointer)
                ps_moments_run_with(instructionSet, &first, starts, 0, entities, 0)
                beta.withUnsafeBufferPointer { beta in
                    var second = PSResidualRun(
                        columns: columns, kept: k, means: secondMeans.pointer, beta: beta.baseAddress, codes: nil,
                        gamma: nil, pi: nil, xbMean: 0, yMean: 0, residuals: residuals.pointer,
                        effects: effects.pointer, block: block.pointer, stride: stride)
                    ps_residual_run_with(instructionSet, &second, starts, 0, entities, &sums, nil, 0, 0)
                }
            }
            let (a, b) = (firstMeans.array, secondMeans.array)
            let differing = a.indices.filter { a[$0].bitPattern != b[$0].bitPattern }
            #expect(differing.isEmpty, "seed \(seed): \(differing.count) means differ, first at \(differing.first ?? -1)")
            // The row path's means (`ps_entity_mean`) too.
            var alone: [Double] = []
            for g in 0..<entities {
                for j in 0..<w {
                    let rows = panel.starts[g]..<panel.starts[g + 1]
                    alone.append(Array(panel.columns[j][rows]).withUnsafeBufferPointer {
                        ps_entity_mean_with(instructionSet, $0.baseAddress, rows.count)
                    })
                }
            }
            let differingAlone = a.indices.filter { a[$0].bitPattern != alone[$0].bitPattern }
            #expect(differingAlone.isEmpty, "seed \(seed): \(differingAlone.count) means of ps_entity_mean differ")
        }
    }

    @Test("Pass 2 writes each entity's score [Σe, Σe·(u − ū_i)] (u = x̃ − Π_t) at its row of the score block",
          arguments: instructionSets, [false, true])
    func residualRunWritesEntityScores(instructionSet: Int32, withCodes: Bool) {
        for seed in Self.seeds {
            let run = ResidualCase(seed: seed, instructionSet: instructionSet, withCodes: withCodes)
            expectWrittenInRunOnly(run.scores, run.expectedScores, "seed \(seed): score entry")
        }
    }

    @Test("The AVX2 and baseline builds agree to rounding on the same pass-2 run",
          .enabled(if: ps_kernels_instruction_set() == 1, "this CPU has no AVX2 + FMA: there is one build to run"))
    func instructionSetsAgreeOnPassTwo() {
        var random = SplitMix64(seed: 99)
        let panel = RandomPanel(random: &random, width: 4, levels: 5)
        let w = panel.width, k = w - 1, n = panel.starts[panel.entities], stride = n + 8
        let beta = (0..<k).map { _ in random.normal() }, gamma = (0..<5).map { _ in random.normal() }
        let pi = (0..<(5 * k)).map { _ in random.normal() }
        var outputs: [[Double]] = []
        for instructionSet in [Int32(0), 1] {
            let block = Scratch(count: (2 * k + 6) * stride), residuals = Scratch(count: n)
            let effects = Scratch(count: panel.entities)
            let scores = Scratch(count: (k + 1) * panel.entities)
            let runMeans = Scratch(count: (k + 1) * panel.entities)
            var sums = PSResidualSums(rss: 0, xy: 0, xx: 0, yy: 0)
            panel.withPointers { columns, starts, codes in
                beta.withUnsafeBufferPointer { beta in
                gamma.withUnsafeBufferPointer { gamma in
                pi.withUnsafeBufferPointer { pi in
                    var run = PSResidualRun(
                        columns: columns, kept: k, means: runMeans.pointer,
                        beta: beta.baseAddress, codes: codes, gamma: gamma.baseAddress, pi: pi.baseAddress,
                        xbMean: 0.5, yMean: -0.5, residuals: residuals.pointer,
                        effects: effects.pointer, block: block.pointer, stride: stride)
                    ps_residual_run_with(
                        instructionSet, &run, starts, 0, panel.entities, &sums, scores.pointer, panel.entities, 0)
                }}}
            }
            outputs.append(residuals.array + effects.array + scores.array + runMeans.array
                + [sums.rss, sums.xy, sums.xx, sums.yy])
            [block, residuals, effects, scores, runMeans].forEach { $0.free() }
        }
        let magnitude = outputs[0].reduce(0) { max($0, abs($1)) }
        for (index, (baseline, avx2)) in zip(outputs[0], outputs[1]).enumerated() {
            #expect(abs(baseline - avx2) <= 1e-12 * Double(n) * magnitude, "output \(index): \(baseline) against \(avx2)")
        }
    }
}

/// An output's expected value and the magnitude of its terms (the tolerance's scale).
private typealias Expected = (value: Double, scale: Double)

/// Each `actual[i]` close to `expected[i]`, and still unset (NaN, as the buffers start) where
/// `expected[i]` is nil: the kernel wrote nothing outside its run.
private func expectWrittenInRunOnly(
    _ actual: [Double], _ expected: [Expected?], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) outputs against \(expected.count)",
            sourceLocation: sourceLocation)
    for (index, (value, wanted)) in zip(actual, expected).enumerated() {
        if let wanted {
            #expect(close(value, wanted.value, scale: wanted.scale), "\(what) \(index): \(value) against \(wanted.value)",
                    sourceLocation: sourceLocation)
        } else {
            #expect(value.isNaN, "\(what) \(index) is outside the run but was written", sourceLocation: sourceLocation)
        }
    }
}

/// |actual − expected| within 1e-12 of the terms' magnitude (`scale`), and at least of |expected|.
private func close(_ actual: Double, _ expected: Double, scale: Double) -> Bool {
    abs(actual - expected) <= 1e-12 * max(scale, abs(expected), 1)
}

/// One pass-1 run on a random panel (seed `seed`): the kernel's outputs and their definitions.
/// The run starts past the first entity and writes from row `filled` of the block, so the
/// entities, block rows and means outside it are checked to stay unset (NaN).
private struct MomentsCase {
    var means: [Double], expectedMeans: [Expected?]
    var block: [Double], expectedBlock: [Expected?]
    var levelSums: [Double], expectedLevelSums: [Double]
    var magnitude: Double
    var rows: Int

    init(seed: UInt64, instructionSet: Int32, withCodes: Bool) {
        var random = SplitMix64(seed: seed)
        let panel = RandomPanel(random: &random, width: 1 + Int(seed % 4), levels: withCodes ? 7 : 0, seed: seed)
        let w = panel.width, filled = Int(random.next() % 5)
        let first = panel.entities > 1 ? 1 : 0, last = panel.entities
        let r0 = panel.starts[first], count = panel.starts[last] - r0
        let stride = filled + count + 4
        let block = Scratch(count: w * stride), patternSums = Scratch(count: w * stride)
        // The run's means from entity `first` at 0; one entity more, to see that nothing past the run is written.
        let means = Scratch(count: (last - first + 1) * w)
        let initialLevelSums = (0..<(max(panel.levels, 1) * w)).map { _ in random.normal() }
        let levelSums = Scratch(initialLevelSums)
        defer { [block, patternSums, means, levelSums].forEach { $0.free() } }
        panel.withPointers { columns, starts, codes in
            var run = PSMomentsRun(
                columns: columns, width: w, block: block.pointer, stride: stride, means: means.pointer,
                codes: codes, levelSums: withCodes ? levelSums.pointer : nil, patternSums: patternSums.pointer)
            ps_moments_run_with(instructionSet, &run, starts, first, last, filled)
        }
        self.means = means.array
        self.block = Array(block.array.prefix(w * stride))
        self.levelSums = levelSums.array
        magnitude = panel.magnitude
        rows = count
        expectedMeans = [Expected?](repeating: nil, count: (last - first + 1) * w)
        expectedBlock = [Expected?](repeating: nil, count: w * stride)
        expectedLevelSums = initialLevelSums
        for g in first..<last {
            for j in 0..<w {
                let mean = panel.entityMean(column: j, entity: g)
                expectedMeans[(g - first) * w + j] = (mean, panel.magnitude)
                for row in panel.starts[g]..<panel.starts[g + 1] {
                    let demeaned = panel.columns[j][row] - mean
                    expectedBlock[j * stride + filled + row - r0] = (demeaned, panel.magnitude)
                    if withCodes { expectedLevelSums[Int(panel.codes[row]) * w + j] += demeaned }
                }
            }
        }
    }
}

/// One pass-2 run on a random panel (seed `seed`): the kernel's outputs and their definitions,
/// row by row: x̃ = x − x̄_i, ỹ = y − ȳ_i, u = x̃ − Π_t, γ̄_i the entity's mean of γ_t;
/// e = ỹ − x̃ᵀβ − (γ_t − γ̄_i), effect_i = ȳ_i − x̄_iᵀβ − γ̄_i, a = xᵀβ − m_xb,
/// score_i = [Σ e, Σ e·(u − ū_i)], with x̄_i and ȳ_i the entity's means (which the kernel makes
/// from the rows and writes to its scratch). One regressor is dropped (as collinear) when there
/// are two or more.
private struct ResidualCase {
    var rows: Range<Int>, entities: Range<Int>
    var residuals: [Double], effects: [Double], scores: [Double], sums: PSResidualSums
    /// The kernel's scratch of the run's entity means (kept regressors, then y), and their definitions.
    var means: [Double], expectedMeans: [Expected?]
    var expectedResiduals: [Double], expectedEffects: [Double]
    /// Per entry of the score block: the value and the magnitude of its terms, or nil outside the run.
    var expectedScores: [Expected?]
    var expectedSums: PSResidualSums
    /// The magnitude of the terms of a residual.
    var scale: Double

    init(seed: UInt64, instructionSet: Int32, withCodes: Bool) {
        var random = SplitMix64(seed: 1000 + seed)
        let panel = RandomPanel(random: &random, width: 2 + Int(seed % 4), levels: withCodes ? 7 : 0, seed: seed)
        let w = panel.width, n = panel.starts[panel.entities]
        let kept = (0..<(w - 1)).filter { w - 1 == 1 || $0 != 1 }, k = kept.count
        let beta = kept.map { _ in random.normal() }
        let gamma = (0..<max(panel.levels, 1)).map { _ in random.normal() }
        let pi = (0..<(max(panel.levels, 1) * k)).map { _ in random.normal() }
        let xbMean = random.normal(), yMean = random.normal()
        var means: [Double] = []
        for g in 0..<panel.entities {
            for j in 0..<w { means.append(panel.entityMean(column: j, entity: g)) }
        }
        let first = panel.entities > 1 ? 1 : 0, last = panel.entities
        let r0 = panel.starts[first], stride = n - r0 + 8
        let scoreRow = Int(random.next() % 3), scoreStride = scoreRow + (last - first) + 1
        let block = Scratch(count: (2 * k + 6) * stride)
        let residuals = Scratch(count: n), effects = Scratch(count: panel.entities)
        let scores = Scratch(count: (k + 1) * scoreStride)
        // One entity more than the run, to see that nothing past it is written.
        let runMeans = Scratch(count: (last - first + 1) * (k + 1))
        defer { [block, residuals, effects, scores, runMeans].forEach { $0.free() } }
        var sums = PSResidualSums(rss: 1, xy: 2, xx: 3, yy: 4)
        let columnsKeptThenY = kept.map { panel.columns[$0] } + [panel.columns[w - 1]]
        panel.withPointers(columns: columnsKeptThenY) { columns, starts, codes in
            beta.withUnsafeBufferPointer { beta in
            gamma.withUnsafeBufferPointer { gamma in
            pi.withUnsafeBufferPointer { pi in
                var run = PSResidualRun(
                    columns: columns, kept: k, means: runMeans.pointer,
                    beta: beta.baseAddress, codes: codes, gamma: withCodes ? gamma.baseAddress : nil,
                    pi: withCodes ? pi.baseAddress : nil, xbMean: xbMean, yMean: yMean,
                    residuals: residuals.pointer, effects: effects.pointer,
                    block: block.pointer, stride: stride)
                ps_residual_run_with(
                    instructionSet, &run, starts, first, last, &sums, scores.pointer, scoreStride, scoreRow)
            }}}
        }
        self.means = runMeans.array
        expectedMeans = [Expected?](repeating: nil, count: (last - first + 1) * (k + 1))
        for g in first..<last {
            for (position, column) in (kept + [w - 1]).enumerated() {
                expectedMeans[(g - first) * (k + 1) + position] = (means[g * w + column], panel.magnitude)
            }
        }
        rows = r0..<n
        entities = first..<last
        self.residuals = residuals.array
        self.effects = effects.array
        self.scores = Array(scores.array.prefix((k + 1) * scoreStride))
        self.sums = sums
        scale = panel.magnitude * (1 + beta.reduce(0) { $0 + abs($1) })
        expectedResiduals = [Double](repeating: .nan, count: n)
        expectedEffects = [Double](repeating: .nan, count: panel.entities)
        expectedScores = [Expected?](repeating: nil, count: (k + 1) * scoreStride)
        var expected = PSResidualSums(rss: 1, xy: 2, xx: 3, yy: 4)
        for g in first..<last {
            let rows = panel.starts[g]..<panel.starts[g + 1], size = Double(rows.count)
            let mean = Array(means[(g * w)..<(g * w + w)])
            var gammaMean: Double = 0
            if withCodes {
                for row in rows { gammaMean += gamma[Int(panel.codes[row])] }
                gammaMean /= size
            }
            var u = [[Double]](repeating: [], count: k), e: [Double] = []
            for row in rows {
                let level = withCodes ? Int(panel.codes[row]) : 0
                var xtBeta = 0.0, xBeta = 0.0
                for (j, column) in kept.enumerated() {
                    let xt = panel.columns[column][row] - mean[column]
                    xtBeta += beta[j] * xt
                    xBeta += beta[j] * panel.columns[column][row]
                    u[j].append(xt - (withCodes ? pi[level * k + j] : 0))
                }
                let yt: Double = panel.columns[w - 1][row] - mean[w - 1]
                let gammaT: Double = withCodes ? gamma[level] : 0
                let residual: Double = yt - xtBeta - (gammaT - gammaMean)
                e.append(residual)
                expectedResiduals[row] = residual
                let a: Double = xBeta - xbMean, c: Double = panel.columns[w - 1][row] - yMean
                expected.rss += residual * residual
                expected.xy += a * c
                expected.xx += a * a
                expected.yy += c * c
            }
            let meanFit = kept.enumerated().reduce(0) { $0 + beta[$1.offset] * mean[$1.element] }
            expectedEffects[g] = mean[w - 1] - meanFit - gammaMean
            let r = scoreRow + g - first
            expectedScores[r] = (e.reduce(0, +), scale * size)
            for j in 0..<k {
                let uMean = u[j].reduce(0, +) / size
                let value = zip(e, u[j]).reduce(0) { $0 + $1.0 * ($1.1 - uMean) }
                expectedScores[(j + 1) * scoreStride + r] = (value, scale * scale * size)
            }
        }
        expectedSums = expected
    }
}

/// Entity-sorted random columns: entities of 1 to 300 rows, often several in a row with the same
/// size and level sequence (as in a balanced panel), columns with means far from 0. Three sizes in
/// four are drawn from 1...17, so that groups of every size the kernels compile for separately
/// (2...16) and of the next one occur.
private struct RandomPanel {
    var width: Int
    var entities: Int
    var starts: [Int]
    var columns: [[Double]]
    var codes: [Int32]
    var levels: Int
    /// The largest |value| in the columns.
    var magnitude: Double

    /// Seeds above 40 give 300 to 700 entities of 1 to 3 rows; the others up to 40 entities of
    /// 1 to 300 rows.
    init(random: inout SplitMix64, width: Int, levels: Int, seed: UInt64 = 0) {
        self.width = width
        self.levels = levels
        var starts = [0], codes: [Int32] = []
        var size = 1, pattern: [Int32] = []
        let many = seed > 40, entityCount = many ? 300 + Int(random.next() % 401) : 40
        while starts.count < 2 || (starts.count <= entityCount && (many || random.next() % 8 != 0)) {
            // A new entity repeats the last one's size and levels half the time.
            if pattern.isEmpty || random.next() % 2 == 0 {
                let draw = random.next() % 4
                size = many ? 1 + Int(random.next() % 3)
                    : draw == 0 ? 1 + Int(random.next() % 300) : 1 + Int(random.next() % 17)
                pattern = (0..<size).map { _ in levels > 0 ? Int32(random.next() % UInt64(levels)) : 0 }
            }
            codes += pattern
            starts.append(starts[starts.count - 1] + size)
        }
        self.starts = starts
        self.codes = codes
        entities = starts.count - 1
        let n = starts[entities]
        var columns: [[Double]] = []
        for j in 0..<width {
            let offset = j % 2 == 0 ? 1e3 : -3.0
            columns.append((0..<n).map { _ in offset + random.normal() })
        }
        self.columns = columns
        magnitude = columns.joined().reduce(0) { max($0, abs($1)) }
    }

    /// The mean of column `j` over the rows of entity `g`.
    func entityMean(column j: Int, entity g: Int) -> Double {
        var sum = 0.0
        for row in starts[g]..<starts[g + 1] { sum += columns[j][row] }
        return sum / Double(starts[g + 1] - starts[g])
    }

    /// The columns (or `columns`) as a table of pointers, the entity starts and the codes (nil
    /// without levels), for the duration of `body`.
    func withPointers(
        columns: [[Double]]? = nil,
        _ body: (UnsafePointer<UnsafePointer<Double>?>, UnsafePointer<Int>, UnsafePointer<Int32>?) -> Void
    ) {
        let source = columns ?? self.columns
        let copies = source.map { Scratch($0) }
        defer { copies.forEach { $0.free() } }
        let table = copies.map { UnsafePointer<Double>?(UnsafePointer($0.pointer)) }
        table.withUnsafeBufferPointer { table in
            starts.withUnsafeBufferPointer { starts in
                codes.withUnsafeBufferPointer { codes in
                    guard let tableBase = table.baseAddress, let startsBase = starts.baseAddress else { return }
                    body(tableBase, startsBase, levels > 0 ? codes.baseAddress : nil)
                }
            }
        }
    }
}

/// A manually allocated buffer of doubles (the kernels write through raw pointers).
private struct Scratch {
    let pointer: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        self.count = max(count, 1)
        pointer = .allocate(capacity: self.count)
        pointer.initialize(repeating: .nan, count: self.count)
    }

    init(_ values: [Double]) {
        self.init(count: values.count)
        for (index, value) in values.enumerated() { pointer[index] = value }
    }

    subscript(index: Int) -> Double {
        get { pointer[index] }
        nonmutating set { pointer[index] = newValue }
    }

    var array: [Double] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    func free() { pointer.deallocate() }
}
