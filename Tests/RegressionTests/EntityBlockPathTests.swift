import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import PanelStatsTestSupport
import Testing

@testable import PanelStatsRegression

/// The entity-block path of the within estimator (issue 7: two reads of an entity-sorted panel, a
/// small second factor partialled out as demeaned dummies) gives what the general path gives —
/// alternating projections and Householder QR with double-double refinement — on the unbalanced
/// seeded panels (entity-sorted, one to eight years per firm), for every covariance it takes.
/// Tolerances: estimates, standard errors and statistics 1e-9 relative (the normal equations of
/// these well-conditioned designs against QR), p-values 1e-7 (p ≈ 1e-11 amplifies a t difference).
/// Against the general two-way path, whose alternating projections stop at a relative change of
/// 1e-8, everything 1e-7; the exact reference for two-way is the one-way fit with year dummies,
/// whose slopes and standard errors are the same numbers (Frisch–Waugh–Lovell).
@Suite("Fixed effects: entity-block path equals the general path")
struct EntityBlockPathTests {
    static let oneWay = "y ~ x1 + x2 + x3 + factor(year) | id"
    static let twoWay = "y ~ x1 + x2 + x3 | id + year"

    static func fits(
        seed: Int, formula: String, covariance: (ModelFrame) throws -> FixedEffectsCovariance
    ) throws -> (blocks: FixedEffectsResult, general: FixedEffectsResult) {
        let frame = try FEFixtures.frame("panel_seed\(seed).csv", formula: formula, additional: ["region", "state"])
        var model = try FixedEffectsModel(frame: frame)
        model.covariance = try covariance(frame)
        model.solverPath = .entityBlocks
        let blocks = try model.fit()
        model.solverPath = .qr
        return (blocks, try model.fit())
    }

    static var covariances: [(String, (ModelFrame) throws -> FixedEffectsCovariance)] { [
        ("iid", { _ in .iid }), ("hetero", { _ in .heteroskedastic }),
        ("cluster id", { .cluster([try $0.groups("id")]) }), ("cluster region", FixedEffectsPanelTests.region),
        ("cluster state", FixedEffectsPanelTests.state),
    ] }

    static func expectSame(
        _ a: FixedEffectsResult, _ b: FixedEffectsResult, _ label: String, tolerance: Double = 1e-9
    ) {
        #expect(a.withinTransform.method.hasPrefix("exact (entity blocks"), "\(label): \(a.withinTransform.method)")
        #expect(a.coefficients.map(\.term) == b.coefficients.map(\.term), "\(label)")
        for (x, y) in zip(a.coefficients, b.coefficients) {
            expectRelative(x.estimate, y.estimate, tolerance, "\(label) \(x.term)")
            expectRelative(x.standardError, y.standardError, tolerance, "\(label) SE \(x.term)")
            expectRelative(x.pValue, y.pValue, max(tolerance, 1e-7), "\(label) p \(x.term)")
        }
        #expect(a.dfResid == b.dfResid && a.dfInference == b.dfInference, "\(label)")
        for (name, x, y) in [("rss", a.rss, b.rss), ("tss", a.tss, b.tss), ("tss within", a.tssWithin, b.tssWithin),
                             ("r2 within", a.r2Within, b.r2Within), ("r2 overall", a.r2Overall, b.r2Overall),
                             ("adj r2", a.adjR2, b.adjR2), ("sigma e", a.sigmaE, b.sigmaE)] {
            expectRelative(x, y, tolerance, "\(label) \(name)")
        }
        #expect((a.modelF == nil) == (b.modelF == nil), "\(label) model F reported by one path only")
        if b.modelF != nil { expectRelative(a.modelF?.statistic, b.modelF?.statistic, tolerance, "\(label) model F") }
        expectRelative(a.fTestFixedEffects?.statistic, b.fTestFixedEffects?.statistic, tolerance, "\(label) F u_i = 0")
        if b.r2Between != nil {
            expectRelative(a.r2Between, b.r2Between, tolerance, "\(label) r2 between")
            expectRelative(a.sigmaU, b.sigmaU, tolerance, "\(label) sigma u")
        }
        let residualScale = b.residuals.map(abs).max() ?? 1
        let residualDifference = zip(a.residuals, b.residuals).map { abs($0 - $1) }.max() ?? .infinity
        #expect(a.residuals.count == b.residuals.count && residualDifference <= tolerance * residualScale,
                "\(label) residuals: largest difference \(residualDifference)")
    }

    @Test(arguments: [1, 2, 3])
    func entityWithYearDummiesEqualsGeneralPath(seed: Int) throws {
        for (name, covariance) in Self.covariances {
            let (blocks, general) = try Self.fits(seed: seed, formula: Self.oneWay, covariance: covariance)
            Self.expectSame(blocks, general, "seed \(seed) \(name)")
            let a = blocks.effects, b = general.effects
            #expect(a?.levels.count == b?.levels.count)
            for (x, y) in zip(a?.levels ?? [], b?.levels ?? []) { expectRelative(x, y, 1e-9, "effect") }
            for (x, y) in zip(a?.standardErrors ?? [], b?.standardErrors ?? []) { expectRelative(x, y, 1e-9, "effect SE") }
        }
    }

    @Test(arguments: [1, 2, 3])
    func entityAndYearAbsorbedEqualsGeneralPath(seed: Int) throws {
        for (name, covariance) in Self.covariances {
            let (blocks, general) = try Self.fits(seed: seed, formula: Self.twoWay, covariance: covariance)
            Self.expectSame(blocks, general, "seed \(seed) \(name)", tolerance: 1e-7)
            let (_, dummies) = try Self.fits(seed: seed, formula: Self.oneWay, covariance: covariance)
            for term in ["x1", "x2", "x3"] {
                expectRelative(blocks.coefficient(term)?.estimate, dummies.coefficient(term)?.estimate, 1e-9,
                               "seed \(seed) \(name) \(term) (one-way with year dummies)")
                expectRelative(blocks.coefficient(term)?.standardError, dummies.coefficient(term)?.standardError, 1e-9,
                               "seed \(seed) \(name) SE \(term) (one-way with year dummies)")
            }
            expectRelative(blocks.rss, dummies.rss, 1e-9, "seed \(seed) \(name) rss (one-way with year dummies)")
            for (f, g) in zip(blocks.fixedEffectCoefficients ?? [], general.fixedEffectCoefficients ?? []) {
                #expect(f.labels == g.labels)
                for (x, y) in zip(f.values, g.values) { #expect(abs(x - y) <= 1e-7 * max(1, abs(y)), "\(f.name): \(x) vs \(y)") }
            }
        }
    }
}

@Suite("Fixed effects: entity-block path, edge cases")
struct EntityBlockPathEdgeTests {
    /// Entity blocks whose years split into separate components (years 0–2 never meet years
    /// 3–4) and one that joins later: the block count equals the bipartite union–find's.
    @Test func componentsByBlocksEqualTheBipartiteCount() {
        var generator = SplitMix64(seed: 11)
        for joined in [false, true] {
            var entity: [Int32] = [], year: [Int32] = []
            for g in 0..<40 {
                let years: [Int32] = g % 2 == 0 ? [0, 1, 2] : [3, 4]
                for y in years where generator.uniform() < 0.8 || y == years[0] {
                    entity.append(Int32(g))
                    year.append(y)
                }
            }
            if joined { entity.append(40); year.append(2); entity.append(40); year.append(4) }
            let count = Int(entity.last ?? 0) + 1
            var starts = [0]
            for i in 1..<entity.count where entity[i] != entity[i - 1] { starts.append(i) }
            starts.append(entity.count)
            let byBlocks = year.withUnsafeBufferPointer { RedundantLevels.connectedComponents(blocks: starts, $0, 5) }
            #expect(byBlocks == RedundantLevels.connectedComponents(entity, count, year, 5))
            #expect(byBlocks == (joined ? 1 : 2))
        }
    }

    /// Two components of years: the year dummies are singular, so the path hands the fit to the
    /// general one (which counts the redundant levels), and the result says so.
    @Test func disconnectedYearsTakeTheGeneralPath() throws {
        var generator = SplitMix64(seed: 12)
        var entity: [Int32] = [], year: [Int32] = [], x: [Double] = [], y: [Double] = []
        for g in 0..<60 {
            for t in (g % 2 == 0 ? [0, 1, 2] : [3, 4]) as [Int32] {
                entity.append(Int32(g)); year.append(t)
                let value = generator.uniform()
                x.append(value); y.append(2 * value + generator.uniform())
            }
        }
        let model = try Self.model(entity: entity, year: year, x: x, y: y)
        let result = try model.fit()
        #expect(result.withinTransform.method.hasPrefix("alternating projections"))
        #expect(result.fixedEffects.map(\.redundant) == [0, 2])
    }

    /// A non-finite value is found in the sums and reported by the general path's check, with
    /// its variable and row.
    @Test func aNonFiniteValueIsReportedWithItsRow() throws {
        var x = (0..<40).map { Double($0 % 7) }
        x[17] = .infinity
        let entity = (0..<40).map { Int32($0 / 4) }
        let year = (0..<40).map { Int32($0 % 4) }
        let model = try Self.model(entity: entity, year: year, x: x, y: (0..<40).map { Double($0 % 5) })
        #expect(throws: FixedEffectsError.nonFinite(variable: "x", row: 18)) { try model.fit() }
    }

    /// The first read merges the between-entity sums of squares run by run (each run's scatter
    /// around its own mean, the runs' means by Chan, Golub and LeVeque's update), never around a
    /// mean known beforehand. Entity means that trend from 1e6 to 3e6 across 12,000 entities (60,000
    /// rows: two workers, whose sums are merged the same way; each
    /// run's mean far from the others') still give the general path's total sum of squares,
    /// overall and between R² and σ_u (1e-9), on the one-way and the two-way fit. (Not the F test
    /// of the fixed effects: its pooled RSS, TSS − β'X'y from the moments, cancels about ten
    /// digits on this nearly exact pooled fit, on this path before the change as well.)
    @Test func trendingEntityMeansGiveTheGeneralPathsBetweenMoments() throws {
        var generator = SplitMix64(seed: 31)
        let entities = 12_000, years = 5
        var entity: [Int32] = [], year: [Int32] = [], x: [Double] = [], y: [Double] = []
        for g in 0..<entities {
            let level = 1e6 + 2e6 * Double(g) / Double(entities)
            for t in 0..<years {
                entity.append(Int32(g))
                year.append(Int32(t))
                let value = level + generator.normal()
                x.append(value)
                y.append(0.5 * value + 3 * generator.normal() + 0.01 * level)
            }
        }
        for twoWay in [false, true] {
            var model = try Self.model(entity: entity, year: year, x: x, y: y)
            if !twoWay { model.absorbed.removeLast() }
            let blocks = try model.fit()
            model.solverPath = .qr
            let general = try model.fit()
            let label = twoWay ? "id + year" : "id"
            #expect(blocks.withinTransform.method.hasPrefix("exact (entity blocks"), "\(label)")
            expectRelative(blocks.tss, general.tss, 1e-9, "\(label) tss")
            expectRelative(blocks.r2Overall, general.r2Overall, 1e-9, "\(label) r2 overall")
            if !twoWay {
                expectRelative(blocks.r2Between, general.r2Between, 1e-9, "\(label) r2 between")
                expectRelative(blocks.sigmaU, general.sigmaU, 1e-9, "\(label) sigma u")
            }
        }
    }

    static func model(entity: [Int32], year: [Int32], x: [Double], y: [Double]) throws -> FixedEffectsModel {
        let entities = Int(entity.max() ?? 0) + 1, years = Int(year.max() ?? 0) + 1
        var model = try FixedEffectsModel(
            response: y, responseName: "y", design: try Matrix(columns: [x]), termNames: ["x"],
            absorbed: [GroupIndex(name: "id", codes: entity, count: entities, labels: (0..<entities).map(String.init)),
                       GroupIndex(name: "year", codes: year, count: years, labels: (0..<years).map(String.init))])
        model.solverPath = .entityBlocks
        return model
    }
}

/// The entity-block path against pyfixest (`scripts/fe_entity_year_pyfixest.py`, pyfixest 0.60.0
/// demeaning to 1e-13): `y ~ x1 + x2 + x3 | id + year` on the three unbalanced panels with
/// fixest's small-sample correction; coefficients and standard errors 1e-9 relative, the fixed
/// effects (`fixef()`, lsqr at 1e-14) 1e-8 relative.
@Suite("Fixed effects: entity-block path against pyfixest")
struct EntityBlockPyfixestTests {
    @Test(arguments: [1, 2, 3])
    func entityAndYearAbsorbedEqualPyfixest(seed: Int) throws {
        let frame = try FEFixtures.frame("panel_seed\(seed).csv", formula: EntityBlockPathTests.twoWay,
                                         additional: ["region"])
        let expected = try FEFixtures.json("panel_entity_year_pyfixest.json").object("seed\(seed)")
        let covariances: [(String, FixedEffectsCovariance)] = [
            ("iid", .iid), ("hetero", .heteroskedastic), ("crv1_id", .cluster([try frame.groups("id")])),
            ("crv1_region", .cluster([try frame.groups("region")])),
        ]
        for (key, covariance) in covariances {
            var model = try FixedEffectsModel(frame: frame)
            model.covariance = covariance
            model.smallSampleCorrection = .fixest
            model.solverPath = .entityBlocks
            let r = try model.fit()
            #expect(r.withinTransform.method.hasPrefix("exact (entity blocks"))
            for term in ["x1", "x2", "x3"] {
                expectRelative(r.coefficient(term)?.estimate, expected.object(key, "params").number(term), 1e-9,
                               "seed \(seed) \(key) \(term)")
                expectRelative(r.coefficient(term)?.standardError, expected.object(key, "std_errors").number(term), 1e-9,
                               "seed \(seed) \(key) SE \(term)")
            }
            if key == "iid" {
                let fixef = expected.object("fixef")
                for values in r.fixedEffectCoefficients ?? [] {
                    let oracle = fixef.object(values.name)
                    for (label, value) in zip(values.labels, values.values) {
                        // pyfixest lists the second factor without its first (reference) level, which is 0 here.
                        let reference = oracle.number(label) ?? (values.name == "year" && label == values.labels.first ? 0 : nil)
                        expectRelative(value, reference, 1e-8, "seed \(seed) fixef \(values.name) \(label)")
                    }
                }
            }
        }
    }
}

extension EntityBlockPyfixestTests {
    /// The fitted values are formed on request as y − e (the fit stores y and e only); both paths'
    /// equal pyfixest's `predict()` (x'β plus its `fixef()` levels) and `resid()` per row.
    /// Tolerance 1e-8 of the response's largest magnitude (pyfixest's levels come from lsqr at 1e-14).
    @Test(arguments: [1, 2, 3])
    func fittedValuesAndResidualsEqualPyfixestOnBothPaths(seed: Int) throws {
        let frame = try FEFixtures.frame("panel_seed\(seed).csv", formula: EntityBlockPathTests.twoWay)
        let expected = try FEFixtures.json("panel_entity_year_pyfixest.json").object("seed\(seed)")
        let fitted = try #require(expected["fitted"] as? [Double])
        let residuals = try #require(expected["residuals"] as? [Double])
        let scale = frame.response.map(abs).max() ?? 1
        for path in [WithinSolverPath.entityBlocks, .qr] {
            var model = try FixedEffectsModel(frame: frame)
            model.solverPath = path
            let r = try model.fit()
            let ours = r.fitted
            #expect(ours.count == fitted.count && r.residuals.count == residuals.count, "seed \(seed) \(path)")
            for row in fitted.indices where row < ours.count {
                #expect(abs(ours[row] - fitted[row]) <= 1e-8 * scale, "seed \(seed) \(path) fitted \(row)")
                #expect(abs(r.residuals[row] - residuals[row]) <= 1e-8 * scale, "seed \(seed) \(path) residual \(row)")
                #expect(ours[row] == r.responseValues[row] - r.residuals[row], "seed \(seed) \(path) y − e \(row)")
            }
        }
    }
}

@Suite("Fixed effects: entity-block path, long entities")
struct EntityBlockLongEntityTests {
    /// Entities longer than the 512-row buffer (1 to 1,500 rows, one singleton) are split across
    /// buffer flushes in the first read and into pieces in the second; the fit still equals the
    /// general path (1e-9; two-way 1e-7, the general path being iterative), for every covariance.
    @Test func entitiesLongerThanTheBufferEqualTheGeneralPath() throws {
        var generator = SplitMix64(seed: 21)
        let sizes = [1, 1_500, 7, 513, 1_024, 3, 900, 2]
        var entity: [Int32] = [], year: [Int32] = [], region: [Int32] = []
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for (g, size) in sizes.enumerated() {
            let effect = generator.uniform() * 4 - 2
            for row in 0..<size {
                entity.append(Int32(g))
                year.append(Int32(row % 12))
                region.append(Int32(g % 3))
                let a = generator.uniform() + 0.3 * effect, b = generator.uniform() * 2 - 1
                x1.append(a)
                x2.append(b)
                y.append(1.5 * a - 0.5 * b + effect + 0.1 * Double(row % 12) + generator.uniform())
            }
        }
        let ids = GroupIndex(name: "id", codes: entity, count: sizes.count, labels: sizes.indices.map { "e\($0)" })
        let years = GroupIndex(name: "year", codes: year, count: 12, labels: (0..<12).map { "\(2000 + $0)" })
        let regions = GroupIndex(name: "region", codes: region, count: 3, labels: ["r0", "r1", "r2"])
        for absorbed in [[ids], [ids, years]] {
            for covariance in [FixedEffectsCovariance.iid, .heteroskedastic, .cluster([ids]), .cluster([regions])] {
                var model = try FixedEffectsModel(
                    response: y, responseName: "y", design: try Matrix(columns: [x1, x2]), termNames: ["x1", "x2"],
                    absorbed: absorbed)
                model.covariance = covariance
                model.solverPath = .entityBlocks
                let blocks = try model.fit()
                model.solverPath = .qr
                let general = try model.fit()
                EntityBlockPathTests.expectSame(blocks, general, "\(absorbed.count) factors, \(covariance)",
                                                tolerance: absorbed.count == 1 ? 1e-9 : 1e-7)
            }
        }
    }
}

extension EntityBlockPathEdgeTests {
    /// A level count larger than the codes used (an entity without rows) is not the path's to
    /// judge: the general path reports it.
    @Test func anEntityWithoutRowsIsReportedByTheGeneralPath() throws {
        let entity = (0..<40).map { Int32($0 / 4) }
        var model = try FixedEffectsModel(
            response: (0..<40).map { Double($0 % 5) }, responseName: "y",
            design: try Matrix(columns: [(0..<40).map { Double($0 % 7) }]), termNames: ["x"],
            absorbed: [GroupIndex(name: "id", codes: entity, count: 11, labels: (0..<11).map(String.init))])
        model.solverPath = .entityBlocks
        #expect(throws: FixedEffectsError.self) { try model.fit() }
    }
}

extension EntityBlockPathTests {
    /// A panel ordered by year (entities not contiguous) is sorted once by entity: the fit is the
    /// one of the entity-sorted file (the same rows in the same within-entity order, so the same
    /// numbers), with the residuals back in the file's row order.
    @Test(arguments: [1, 2, 3])
    func aYearMajorPanelIsSortedOnceByEntity(seed: Int) throws {
        let frame = try FEFixtures.frame("panel_seed\(seed).csv", formula: Self.twoWay, additional: ["region"])
        let years = try frame.groups("year").codes
        let order = frame.response.indices.sorted { (years[$0], $0) < (years[$1], $1) }
        func reordered(_ f: GroupIndex) -> GroupIndex {
            GroupIndex(name: f.name, codes: order.map { f.codes[$0] }, count: f.count, labels: f.labels)
        }
        let x = (0..<frame.design.columns).map { j in frame.design.withColumn(j) { c in order.map { c[$0] } } }
        for covariance in [FixedEffectsCovariance.iid, .cluster([try frame.groups("region")])] {
            var sortedModel = try FixedEffectsModel(frame: frame)
            sortedModel.covariance = covariance
            sortedModel.solverPath = .entityBlocks
            let sorted = try sortedModel.fit()
            var model = try FixedEffectsModel(
                response: order.map { frame.response[$0] }, responseName: "y", design: try Matrix(columns: x),
                termNames: frame.termNames, absorbed: frame.absorbed.map(reordered))
            if case .cluster(let c) = covariance { model.covariance = .cluster(c.map(reordered)) }
            model.solverPath = .entityBlocks
            let shuffled = try model.fit()
            #expect(WithinTransform.blocks(model.absorbed[0].codes, groupCount: model.absorbed[0].count) == nil)
            #expect(shuffled.withinTransform.method == sorted.withinTransform.method)
            #expect(shuffled.coefficients == sorted.coefficients)
            #expect(order.enumerated().allSatisfy { shuffled.residuals[$0.offset] == sorted.residuals[$0.element] })
            let shuffledFitted = shuffled.fitted, sortedFitted = sorted.fitted
            #expect(order.enumerated().allSatisfy { shuffledFitted[$0.offset] == sortedFitted[$0.element] })
        }
    }
}
