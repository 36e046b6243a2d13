import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import Synchronization
import PanelStatsTestSupport
import Testing

@testable import PanelStatsRegression

/// Differential tests of the entity-block path (issue 7) against the general path on seeded random
/// panels: 200 seeds per number of absorbed factors (entity; entity + year). Each seed draws
/// balanced or unbalanced panels (entities of 1 to 20 rows, singletons included), entity-sorted or
/// shuffled rows, years that sometimes split into two disconnected sets or include a year seen in
/// one entity only, regressors absorbed by the entity or (two-way) by the year, two exactly
/// collinear regressors, large means (1e6 + noise) or tiny scales (1e-8), a constant response,
/// panels with barely more observations than parameters (or fewer), singleton dropping, the
/// xtreg or fixest small-sample correction, and iid, heteroskedastic or one-way clustered
/// covariances (clusters: the entity, groups of three entities, or a variable crossing entities).
///
/// Both fits must throw the same error or report the same terms, omitted terms and reasons,
/// degrees of freedom, and — within the stated tolerance τ (1e-9 one-way, the two closed-form
/// paths; 1e-7 two-way, as the general path's alternating projections stop at a relative change
/// of 1e-8) — the same estimates and standard errors (relative to max(|b|, SE): an estimate
/// smaller than its own standard error is held to τ times the SE), p-values (τ relative, floor
/// 1e-7 as in ``EntityBlockPathTests``), RSS, TSSs, σ_e (relative), R²s (absolute), F statistics
/// (relative) and residuals (τ times the largest residual). A constant response has no scale of
/// its own: there the estimates and residuals are held to τ times the response's magnitude and
/// the ratio statistics (R², F, p), which are 0/0, are not compared. The entity-block path may
/// decline (the result then comes from the general path); how often it is taken is checked so the
/// test keeps exercising it.
@Suite("Fixed effects: entity-block path against the general path on random panels")
struct EntityBlockDifferentialTests {
    /// One random design.
    struct Case: CustomStringConvertible {
        var seed: UInt64
        var y: [Double]
        var columns: [[Double]]
        var names: [String]
        var absorbed: [GroupIndex]
        var covariance: FixedEffectsCovariance
        var ssc: SmallSampleCorrection
        var dropSingletons: Bool
        var asColumns: Bool
        var constantY: Bool
        var notes: [String]

        var description: String { "seed \(seed) [\(notes.joined(separator: ", "))]" }

        func model(_ path: WithinSolverPath) throws -> FixedEffectsModel {
            var model: FixedEffectsModel
            if asColumns {
                model = try FixedEffectsModel(response: y, responseName: "y", columns: columns, names: names,
                                              absorbed: absorbed)
            } else {
                model = try FixedEffectsModel(response: y, responseName: "y", design: try Matrix(columns: columns),
                                              termNames: names, absorbed: absorbed)
            }
            model.covariance = covariance
            model.smallSampleCorrection = ssc
            model.dropSingletons = dropSingletons
            model.solverPath = path
            return model
        }
    }

    static func draw(seed: UInt64, factors: Int) -> Case {
        var r = SplitMix64(seed: seed &* 7919 &+ UInt64(factors))
        func chance(_ p: Double) -> Bool { r.uniform() < p }
        func integer(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(r.uniform() * Double(range.count)) }
        var notes = ["\(factors)-way"]

        let balanced = chance(0.3)
        let tight = !balanced && chance(0.12)
        let disconnected = factors == 2 && chance(0.2)
        let loneYear = factors == 2 && chance(0.2)
        let yearCount = integer(2...20)
        var entityCount = integer(2...30)
        if tight { entityCount = integer(2...8) }
        var sizes: [Int]
        if balanced {
            let t = integer(2...min(yearCount, 10))
            sizes = Array(repeating: t, count: entityCount)
            notes.append("balanced T=\(t)")
        } else if tight {
            // Mostly singletons: n barely above (or below) the parameter count.
            sizes = (0..<entityCount).map { _ in chance(0.6) ? 1 : 2 }
            notes.append("tight")
        } else {
            sizes = (0..<entityCount).map { _ in chance(0.2) ? 1 : integer(1...20) }
            notes.append("unbalanced")
        }
        notes.append("G=\(entityCount) years=\(yearCount)")

        // Rows, entity-sorted: years drawn without replacement while an entity has fewer rows
        // than there are years (then repeated).
        var entity: [Int32] = [], year: [Int] = []
        for g in 0..<entityCount {
            var pool = Array(0..<yearCount)
            if disconnected {
                let half = max(yearCount / 2, 1)
                pool = g % 2 == 0 ? Array(0..<half) : Array(half..<max(yearCount, half + 1))
            }
            for i in stride(from: pool.count - 1, to: 0, by: -1) { pool.swapAt(i, integer(0...i)) }
            for row in 0..<sizes[g] {
                entity.append(Int32(g))
                year.append(pool[row % pool.count])
            }
        }
        if disconnected { notes.append("disconnected years") }
        if loneYear {
            year[integer(0...(year.count - 1))] = yearCount + 5
            notes.append("lone year")
        }
        let n = entity.count
        // Dense year codes in year order.
        let usedYears = Array(Set(year)).sorted()
        let yearCode = Dictionary(uniqueKeysWithValues: usedYears.enumerated().map { ($0.element, Int32($0.offset)) })
        let years = year.map { yearCode[$0] ?? 0 }

        // Regressors.
        let effects = (0..<entityCount).map { _ in r.uniform() * 4 - 2 }
        let yearEffects = (0..<(yearCount + 6)).map { _ in r.uniform() - 0.5 }
        var columns: [[Double]] = [[], []], names = ["x1", "x2"]
        for i in 0..<n {
            columns[0].append(r.uniform() * 2 - 1 + 0.5 * effects[Int(entity[i])])
            columns[1].append(r.uniform() * 2 - 1 + 0.3 * yearEffects[year[i]])
        }
        if chance(0.25) {
            let level = (0..<entityCount).map { _ in r.uniform() }
            columns.append(entity.map { level[Int($0)] })
            names.append("x_entity")
            notes.append("entity-constant regressor")
        }
        if chance(0.25) {
            columns.append(year.map { sin(Double($0)) + Double($0 * $0) / 10 })
            names.append("x_year")
            notes.append("year-only regressor")
        }
        if chance(0.2) {
            columns.append(zip(columns[0], columns[1]).map { 2 * $0 - $1 })
            names.append("x_collinear")
            notes.append("collinear regressor")
        }
        let scale = chance(0.2) ? "large means" : (chance(0.15) ? "tiny scale" : "")
        if scale == "large means" {
            columns[0] = columns[0].map { $0 + 1e6 }
            columns[1] = columns[1].map { $0 - 1e6 }
        } else if scale == "tiny scale" {
            columns = columns.map { $0.map { $0 * 1e-8 } }
        }
        if !scale.isEmpty { notes.append(scale) }
        let beta = [1.5, -0.5, 0.7, 0.3, 0.2]
        let constantY = chance(0.05)
        var y = [Double](repeating: 3.25, count: n)
        if constantY {
            notes.append("constant y")
        } else {
            for i in 0..<n {
                var value = effects[Int(entity[i])] + (factors == 2 ? yearEffects[year[i]] : 0) + r.uniform() - 0.5
                for j in columns.indices { value += beta[j] * columns[j][i] / (scale == "tiny scale" ? 1e-8 : 1) }
                y[i] = value
            }
        }

        // Cluster variables.
        let entityGroup = GroupIndex(name: "id", codes: entity, count: entityCount,
                                     labels: (0..<entityCount).map { "e\($0)" })
        let yearGroup = GroupIndex(name: "year", codes: years, count: usedYears.count,
                                   labels: usedYears.map { "\(2000 + $0)" })
        let coarseCount = (entityCount + 2) / 3
        let coarse = GroupIndex(name: "region", codes: entity.map { $0 / 3 }, count: coarseCount,
                                labels: (0..<coarseCount).map { "r\($0)" })
        var crossingCodes = (0..<n).map { _ in Int32(integer(0...4)) }
        for c in 0..<min(5, n) { crossingCodes[c] = Int32(c) }  // every level used
        let crossingCount = Int(crossingCodes.max() ?? 0) + 1
        let crossing = GroupIndex(name: "crossing", codes: crossingCodes, count: crossingCount,
                                  labels: (0..<crossingCount).map { "c\($0)" })
        var absorbed = [entityGroup]
        if factors == 2 { absorbed.append(yearGroup) }
        var clusters = [entityGroup, coarse, crossing]

        // Shuffled row order.
        if chance(0.4) {
            var order = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, integer(0...i)) }
            func reorder(_ f: GroupIndex) -> GroupIndex {
                GroupIndex(name: f.name, codes: order.map { f.codes[$0] }, count: f.count, labels: f.labels)
            }
            y = order.map { y[$0] }
            columns = columns.map { c in order.map { c[$0] } }
            absorbed = absorbed.map(reorder)
            clusters = clusters.map(reorder)
            notes.append("shuffled")
        }

        let covariance: FixedEffectsCovariance
        switch integer(0...4) {
        case 0: covariance = .iid
        case 1: covariance = .heteroskedastic
        case 2: covariance = .cluster([clusters[0]])
        case 3: covariance = .cluster([clusters[1]])
        default: covariance = .cluster([clusters[2]])
        }
        notes.append("\(covariance)".prefix(40).description)
        let ssc: SmallSampleCorrection = chance(0.25) ? .fixest : .stataXtreg
        let dropSingletons = chance(0.2)
        if dropSingletons { notes.append("drop singletons") }
        let asColumns = chance(0.5)
        notes.append("\(ssc)")
        return Case(seed: seed, y: y, columns: columns, names: names, absorbed: absorbed, covariance: covariance,
                    ssc: ssc, dropSingletons: dropSingletons, asColumns: asColumns, constantY: constantY, notes: notes)
    }

    /// The largest ratio of a difference to its allowance per quantity, over all cases.
    static let worst = Mutex<[String: (ratio: Double, label: String)]>([:])

    static func record(_ quantity: String, _ ratio: Double, _ label: String) {
        let quantity = (label.contains("[2-way") ? "2-way " : "1-way ") + quantity
        worst.withLock { table in
            if ratio > table[quantity]?.ratio ?? -1 { table[quantity] = (ratio, label) }
        }
    }

    /// `|a − b| ≤ τ · max(|b|, floor)`, recorded as a ratio to the allowance.
    static func expectClose(
        _ a: Double, _ b: Double, _ tolerance: Double, floor: Double = 0, _ quantity: String, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if a.isNaN && b.isNaN { return }
        if a == b { record(quantity, 0, label); return }
        let allowance = tolerance * max(abs(b), floor)
        let ratio = abs(a - b) / max(allowance, Double.leastNormalMagnitude)
        record(quantity, ratio, label)
        #expect(ratio <= 1, "\(label) \(quantity): \(a) vs \(b) (difference \(abs(a - b)), allowed \(allowance))",
                sourceLocation: sourceLocation)
    }

    static func compare(_ c: Case, tolerance τ: Double) -> Bool? {
        let blocks: Result<FixedEffectsResult, FixedEffectsError>
        let general: Result<FixedEffectsResult, FixedEffectsError>
        do {
            let modelBlocks = try c.model(.entityBlocks), modelGeneral = try c.model(.qr)
            blocks = Result { () throws(FixedEffectsError) in try modelBlocks.fit() }
            general = Result { () throws(FixedEffectsError) in try modelGeneral.fit() }
        } catch {
            Issue.record("\(c): model: \(error)")
            return nil
        }
        let label = c.description
        switch (blocks, general) {
        case (.failure(let a), .failure(let b)):
            #expect(a == b, "\(label): errors differ: \(a) vs \(b)")
            return nil
        case (.failure(let a), .success):
            Issue.record("\(label): only the entity-block path throws: \(a)")
            return nil
        case (.success(let a), .failure(let b)):
            Issue.record("\(label): only the general path throws: \(b) (entity blocks: \(a.withinTransform.method))")
            return nil
        case (.success(let a), .success(let b)):
            let taken = a.withinTransform.method.hasPrefix("exact (entity blocks")
            compare(a, b, c, tolerance: τ, label: label + (taken ? " (entity blocks)" : " (declined)"))
            return taken
        }
    }

    static func compare(_ a: FixedEffectsResult, _ b: FixedEffectsResult, _ c: Case, tolerance τ: Double, label: String) {
        #expect(a.coefficients.map(\.term) == b.coefficients.map(\.term), "\(label): terms")
        #expect(a.omitted == b.omitted, "\(label): omitted \(a.omitted) vs \(b.omitted)")
        #expect(a.nobs == b.nobs && a.dfResid == b.dfResid && a.dfInference == b.dfInference,
                "\(label): n/df \(a.nobs)/\(a.dfResid)/\(a.dfInference) vs \(b.nobs)/\(b.dfResid)/\(b.dfInference)")
        #expect(a.singletonsDropped == b.singletonsDropped, "\(label): singletons")
        #expect(a.fixedEffects == b.fixedEffects, "\(label): factor summaries \(a.fixedEffects) vs \(b.fixedEffects)")
        #expect(a.clusters == b.clusters, "\(label): clusters")
        guard a.coefficients.map(\.term) == b.coefficients.map(\.term) else { return }
        let yScale = c.y.map(abs).max() ?? 1
        // An exact fit (residuals at rounding level: RSS ≤ 1e-24 TSS) has standard errors that are
        // rounding noise of order ε|b| in either path: they are held to τ times the estimate, and
        // the statistics built from them (p, F) are not compared.
        // The same holds for a covariance that is zero in theory (clusters by entity with two
        // entities, one a singleton: both cluster scores vanish): standard errors below 1e-10 |b|.
        let exactFit = b.rss <= 1e-24 * b.tss
            || b.coefficients.contains { $0.standardError <= 1e-10 * abs($0.estimate) }
        // With means of 1e6 the data themselves are known to ulp(1e6) ≈ 1.2e-10, about 2e-10 of the
        // regressors' within spread; the paths round x − x̄_g differently, and the robust standard
        // errors and Wald F (a quadratic form in V⁻¹) carry that: 10τ for them.
        let statisticTolerance = c.notes.contains("large means") ? 10 * τ : τ
        for (x, z) in zip(a.coefficients, b.coefficients) {
            if c.constantY {
                // β = 0 exactly in theory; both paths' values are rounding noise of y's size over x's.
                let xScale = x.term == "(Intercept)" ? 1 : (c.columns[c.names.firstIndex(of: x.term) ?? 0].map(abs).max() ?? 1)
                expectClose(x.estimate, z.estimate, τ, floor: yScale / xScale, "constant-y estimate", label + " " + x.term)
                continue
            }
            expectClose(x.estimate, z.estimate, τ, floor: abs(z.standardError), "estimate", label + " " + x.term)
            if exactFit {
                expectClose(x.standardError, z.standardError, τ, floor: abs(z.estimate), "exact-fit standard error",
                            label + " " + x.term)
                continue
            }
            expectClose(x.standardError, z.standardError, statisticTolerance, "standard error", label + " " + x.term)
            // p = P(|T| > t) turns a relative error δ of t into about (1 + t²)·δ of p.
            expectClose(x.pValue, z.pValue, max(statisticTolerance, 1e-7) * (1 + z.t * z.t), floor: 1e-12, "p-value",
                        label + " " + x.term)
        }
        let residualScale = b.residuals.map(abs).max() ?? 0
        #expect(a.residuals.count == b.residuals.count, "\(label): residual count")
        let residualDifference = zip(a.residuals, b.residuals).map { abs($0 - $1) }.max() ?? 0
        // Forming x − x̄_g rounds at the scale of x: a residual cannot be closer than a few ulps of
        // Σ|β_j|·max|x_j| (2e6 with means of 1e6: 4e-10 per ulp, near τ·max|e| for τ = 1e-9).
        let termScale = zip(b.coefficients.dropFirst(), b.coefficients.dropFirst().map(\.term)).reduce(0.0) {
            $0 + abs($1.0.estimate) * (c.columns[c.names.firstIndex(of: $1.1) ?? 0].map(abs).max() ?? 0)
        }
        // The general two-way path stops when a sweep moves no value by more than 1e-8 times the
        // column's standard deviation: its residuals are that close on the scale of y's spread.
        let yMean = c.y.reduce(0, +) / Double(max(c.y.count, 1))
        let ySpread = c.y.map { abs($0 - yMean) }.max() ?? 0
        let residualFloor = max(c.constantY ? yScale : residualScale, 4 * Double.ulpOfOne * termScale / τ,
                                c.absorbed.count == 2 ? ySpread : 0)
        expectClose(residualDifference, 0, τ, floor: residualFloor, "residuals", label)
        let fittedDifference = zip(a.fitted, b.fitted).map { abs($0 - $1) }.max() ?? 0
        expectClose(fittedDifference, 0, τ, floor: max(yScale, residualScale), "fitted", label)
        if c.constantY { return }
        for (name, x, z) in [("rss", a.rss, b.rss), ("tss", a.tss, b.tss), ("tss within", a.tssWithin, b.tssWithin),
                             ("sigma e", a.sigmaE, b.sigmaE)] {
            expectClose(x, z, τ, name, label)
        }
        for (name, x, z) in [("r2 within", a.r2Within, b.r2Within), ("r2 overall", a.r2Overall, b.r2Overall),
                             ("adj r2", a.adjR2, b.adjR2), ("r2 full", a.r2Full, b.r2Full)] {
            expectClose(x, z, τ, floor: 1, name, label)
        }
        #expect((a.r2Between == nil) == (b.r2Between == nil), "\(label): r2 between reported by one path only")
        if let x = a.r2Between, let z = b.r2Between { expectClose(x, z, τ, floor: 1, "r2 between", label) }
        if let x = a.sigmaU, let z = b.sigmaU { expectClose(x, z, τ, "sigma u", label) }
        #expect((a.modelF == nil) == (b.modelF == nil), "\(label): model F reported by one path only")
        if let x = a.modelF, let z = b.modelF, !exactFit {
            expectClose(x.statistic, z.statistic, statisticTolerance, "model F", label)
            #expect(x.numeratorDegreesOfFreedom == z.numeratorDegreesOfFreedom, "\(label): model F df")
        }
        #expect((a.fTestFixedEffects == nil) == (b.fTestFixedEffects == nil), "\(label): F u_i = 0 reported by one path only")
        if let x = a.fTestFixedEffects, let z = b.fTestFixedEffects, !exactFit {
            expectClose(x.statistic, z.statistic, τ, "F fixed effects", label)
            #expect(x.numeratorDegreesOfFreedom == z.numeratorDegreesOfFreedom
                    && x.denominatorDegreesOfFreedom == z.denominatorDegreesOfFreedom, "\(label): F u_i = 0 df")
        }
        // The coefficients of every absorbed factor (one factor: ȳ_g − x̄_gᵀβ; two: the entity
        // carries the constant, the year's first level is 0), on the scale of the largest or of
        // Σ|β_j|·max|x_j|, whichever is larger: α_g inherits β's relative error times |x̄_gᵀβ|
        // (means of 1e6: 2e6).
        #expect(a.fixedEffectCoefficients?.map(\.labels) == b.fixedEffectCoefficients?.map(\.labels),
                "\(label): fixed-effect labels")
        for (e, f) in zip(a.fixedEffectCoefficients ?? [], b.fixedEffectCoefficients ?? []) {
            let scale = max(f.values.map(abs).max() ?? 1, termScale)
            for (x, z) in zip(e.values, f.values) { expectClose(x, z, τ, floor: scale, "fixed-effect coefficients", label) }
        }
        if let e = a.effects, let f = b.effects {
            let scale = f.levels.map(abs).max() ?? 1
            for (x, z) in zip(e.levels, f.levels) { expectClose(x, z, τ, floor: scale, "entity effects", label) }
            #expect((e.standardErrors == nil) == (f.standardErrors == nil), "\(label): effect SEs")
            for (x, z) in zip(e.standardErrors ?? [], f.standardErrors ?? []) {
                expectClose(x, z, τ, "entity effect SE", label)
            }
        }
    }

    @Test(arguments: [1, 2])
    func randomPanelsGiveTheGeneralPathsFit(factors: Int) {
        let τ = factors == 1 ? 1e-9 : 1e-7
        var taken = 0, declined = 0, thrown = 0
        for seed in 0..<UInt64(200) {
            let c = Self.draw(seed: seed, factors: factors)
            switch Self.compare(c, tolerance: τ) {
            case .some(true): taken += 1
            case .some(false): declined += 1
            case .none: thrown += 1
            }
        }
        // The path must stay exercised: most designs qualify.
        #expect(taken >= 100, "entity-block path taken \(taken), declined \(declined), errors \(thrown)")
        if ProcessInfo.processInfo.environment["ENTITY_BLOCK_REPORT"] != nil {
            print("factors \(factors): taken \(taken), declined \(declined), errors \(thrown)")
            for (quantity, entry) in Self.worst.withLock({ $0 }).sorted(by: { $0.key < $1.key })
            where quantity.hasPrefix("\(factors)-way") {
                print("  worst \(quantity): \(entry.ratio) of the allowance (\(entry.label))")
            }
        }
    }
}

@Suite("Fixed effects: robust covariance and the regressors' means")
struct RobustCovarianceShiftTests {
    /// Shifting a regressor by a constant changes only the constant: the slopes' robust standard
    /// errors are the same numbers in theory. The sandwich used to be formed around the raw design
    /// [1, X̃ + x̄], whose products cancel: with x + 1e6 both paths lost about four digits (1e-3
    /// relative). Now it is formed around the centred design and shifted, which leaves the slopes'
    /// block untouched: 1e-8 relative (the data x + 1e6 are themselves rounded to ulp(1e6) ≈ 1.2e-10,
    /// about 2e-10 of x's spread), for the entity-block path and the general path with QR or with
    /// the normal equations (whose cluster meat skips the augmented design), one and two factors.
    @Test(arguments: [WithinSolverPath.entityBlocks, .qr, .normalEquations])
    func slopesStandardErrorsDoNotDependOnTheMeans(path: WithinSolverPath) throws {
        var r = SplitMix64(seed: 2_026)
        let n = 240
        let entity = (0..<n).map { Int32($0 / 8) }, year = (0..<n).map { Int32($0 % 8) }
        let x1 = (0..<n).map { _ in r.uniform() * 2 - 1 }, x2 = (0..<n).map { _ in r.uniform() * 2 - 1 }
        let y = (0..<n).map { 1.5 * x1[$0] - 0.5 * x2[$0] + Double($0 / 8 % 5) + r.uniform() }
        let ids = GroupIndex(name: "id", codes: entity, count: 30, labels: (0..<30).map { "e\($0)" })
        let years = GroupIndex(name: "year", codes: year, count: 8, labels: (0..<8).map { "\($0)" })
        let regions = GroupIndex(name: "region", codes: entity.map { $0 / 4 }, count: 8, labels: (0..<8).map { "r\($0)" })
        for absorbed in [[ids], [ids, years]] {
            for covariance in [FixedEffectsCovariance.heteroskedastic, .cluster([ids]), .cluster([regions])] {
                func fit(shift: Double) throws -> FixedEffectsResult {
                    var model = try FixedEffectsModel(
                        response: y, responseName: "y", design: try Matrix(columns: [x1.map { $0 + shift }, x2.map { $0 - shift }]),
                        termNames: ["x1", "x2"], absorbed: absorbed)
                    model.covariance = covariance
                    model.solverPath = path
                    return try model.fit()
                }
                let centred = try fit(shift: 0), shifted = try fit(shift: 1e6)
                for term in ["x1", "x2"] {
                    expectRelative(shifted.coefficient(term)?.standardError, centred.coefficient(term)?.standardError, 1e-8,
                                   "\(path) \(absorbed.count) factors \(covariance) SE \(term)")
                }
            }
        }
    }
}

extension EntityBlockDifferentialTests {
    /// Level counts larger than the codes used (entities 10 and 11 of a 10-entity panel without
    /// rows, or a year without rows) are refused or fitted alike by both paths. A count of 11 over
    /// entity codes 0...9 used to trap in the entity-block path with two factors (the last
    /// entity's row range reversed).
    @Test(arguments: [1, 2], [10, 11, 12])
    func levelsWithoutRowsAreHandledAlikeByBothPaths(factors: Int, entityCount: Int) throws {
        let entity = (0..<40).map { Int32($0 / 4) }, year = (0..<40).map { Int32($0 % 4) }
        for yearCount in [4, 5] where factors == 2 || yearCount == 4 {
            var absorbed = [GroupIndex(name: "id", codes: entity, count: entityCount,
                                       labels: (0..<entityCount).map(String.init))]
            if factors == 2 {
                absorbed.append(GroupIndex(name: "year", codes: year, count: yearCount,
                                           labels: (0..<yearCount).map(String.init)))
            }
            let c = Case(seed: 0, y: (0..<40).map { Double($0 % 5) + 0.01 * Double($0) },
                         columns: [(0..<40).map { Double($0 % 7) }], names: ["x"], absorbed: absorbed, covariance: .iid,
                         ssc: .stataXtreg, dropSingletons: false, asColumns: false, constantY: false,
                         notes: ["\(factors)-way", "levels \(entityCount)/\(yearCount)"])
            _ = Self.compare(c, tolerance: factors == 1 ? 1e-9 : 1e-7)
        }
    }
}

@Suite("Fixed effects: plain regressors read as the data frame's columns")
struct PlainRegressorFormulaTests {
    /// `fit(formula:data:)` reads plain numeric regressors as the frame's own columns (no design
    /// matrix); the same formula through a ``ModelFrame`` design must give the same fit. Forty
    /// seeded frames with missing values in every variable (response, regressors, entity, year,
    /// cluster variable, weights), numeric or text entity identifiers, and each covariance:
    /// the same rows deleted and the same estimates and standard errors (1e-12 relative: the
    /// same numbers reach the same arithmetic, up to the storage of the regressors).
    @Test func plainRegressorsGiveTheModelFrameFit() throws {
        for seed in 0..<UInt64(40) {
            var r = SplitMix64(seed: 90_000 + seed)
            let n = 60 + Int(r.uniform() * 60)
            func maybeMissing(_ value: Double) -> Double { r.uniform() < 0.04 ? .nan : value }
            let entity = (0..<n).map { $0 / 4 }
            var columns: [Column] = [
                .numeric(NumericColumn(name: "y", values: (0..<n).map { _ in maybeMissing(r.uniform() * 3) })),
                .numeric(NumericColumn(name: "x1", values: (0..<n).map { _ in maybeMissing(r.uniform()) })),
                .numeric(NumericColumn(name: "x2", values: (0..<n).map { _ in maybeMissing(r.uniform() + 1e3) })),
                .numeric(NumericColumn(name: "year", values: (0..<n).map { maybeMissing(Double(2000 + $0 % 4)) })),
                .numeric(NumericColumn(name: "region", values: (0..<n).map { maybeMissing(Double(entity[$0] / 3)) })),
                .numeric(NumericColumn(name: "w", values: (0..<n).map { _ in maybeMissing(0.5 + r.uniform()) })),
            ]
            if seed % 2 == 0 {
                columns.append(.categorical(CategoricalColumn(
                    name: "id", labels: entity.map { r.uniform() < 0.04 ? nil : "firm\($0)" })))
            } else {
                columns.append(.numeric(NumericColumn(name: "id", values: entity.map { maybeMissing(Double($0)) })))
            }
            let data = try DataFrame(columns: columns)
            let formula = seed % 3 == 0 ? "y ~ x1 + x2 | id" : "y ~ x1 + x2 | id + year"
            let vce: FixedEffectsVCE = [.iid, .heteroskedastic, .cluster(["region"]), .cluster(["id"])][Int(seed % 4)]
            let weights: String? = seed % 5 == 0 ? "w" : nil

            let plain = try FixedEffectsModel.fit(formula: formula, data: data, vce: vce, weights: weights)

            let frame = try ModelFrame(formula: try Formula.parse(formula), data: data,
                                       additionalVariables: vce.clusterVariables + (weights.map { [$0] } ?? []),
                                       interceptColumn: false)
            var model = try FixedEffectsModel(frame: frame, weights: try weights.map { try frame.numeric($0) })
            switch vce {
            case .iid: model.covariance = .iid
            case .heteroskedastic: model.covariance = .heteroskedastic
            case .cluster(let names): model.covariance = .cluster(try names.map { try frame.groups($0) })
            }
            let viaFrame = try model.fit()
            let label = "seed \(seed) \(formula) \(vce) weights \(weights ?? "none")"
            #expect(plain.droppedMissing == frame.missing.count && plain.nobs == viaFrame.nobs, "\(label): rows")
            #expect(plain.coefficients.map(\.term) == viaFrame.coefficients.map(\.term), "\(label): terms")
            for (a, b) in zip(plain.coefficients, viaFrame.coefficients) {
                expectRelative(a.estimate, b.estimate, 1e-12, "\(label) \(a.term)")
                expectRelative(a.standardError, b.standardError, 1e-12, "\(label) SE \(a.term)")
            }
            #expect(plain.dfResid == viaFrame.dfResid && plain.dfInference == viaFrame.dfInference, "\(label): df")
        }
    }
}

extension EntityBlockDifferentialTests {
    /// Panels from 50,000 rows are split over the cores by ranges of whole entities (partial
    /// moments, means and scores added in range order), which the small panels above never
    /// reach: about 60,000 rows (6,000 entities of 1 to 19 rows, 15 years), one factor with
    /// entity-sorted rows clustered by entity (scores summed per block: the per-worker meats) and
    /// two factors with shuffled rows clustered by a variable crossing entities (the per-worker
    /// cluster sums) — each general-path fit costs half a second in a debug build, hence one
    /// covariance each; the same comparison and tolerances.
    @Test(arguments: [(1, false), (2, true)])
    func panelsSplitOverTheCoresGiveTheGeneralPathsFit(factors: Int, shuffled: Bool) throws {
        var r = SplitMix64(seed: 4_242 + UInt64(factors) + (shuffled ? 10 : 0))
        var entity: [Int32] = [], year: [Int32] = [], x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for g in 0..<6_000 {
            let size = 1 + Int(r.uniform() * 19), effect = r.uniform() * 4 - 2
            for row in 0..<size {
                let t = Int32((row + g) % 15)
                entity.append(Int32(g))
                year.append(t)
                let a = r.uniform() + 0.3 * effect, b = r.uniform() * 2 - 1 + 0.05 * Double(t)
                x1.append(a)
                x2.append(b)
                y.append(1.5 * a - 0.5 * b + effect + 0.1 * Double(t) + r.uniform())
            }
        }
        let n = y.count
        #expect(n >= Parallel.minimumRows)
        var order = Array(0..<n)
        if shuffled { for i in stride(from: n - 1, to: 0, by: -1) { order.swapAt(i, Int(r.uniform() * Double(i + 1))) } }
        let ids = GroupIndex(name: "id", codes: order.map { entity[$0] }, count: 6_000, labels: (0..<6_000).map { "e\($0)" })
        let years = GroupIndex(name: "year", codes: order.map { year[$0] }, count: 15, labels: (0..<15).map { "\(2000 + $0)" })
        let crossing = GroupIndex(name: "crossing", codes: order.map { Int32(($0 * 7) % 40) }, count: 40,
                                  labels: (0..<40).map { "c\($0)" })
        let absorbed = factors == 1 ? [ids] : [ids, years]
        for covariance in [factors == 1 ? FixedEffectsCovariance.cluster([ids]) : .cluster([crossing])] {
            let c = Case(seed: 0, y: order.map { y[$0] }, columns: [order.map { x1[$0] }, order.map { x2[$0] }],
                         names: ["x1", "x2"], absorbed: absorbed, covariance: covariance, ssc: .stataXtreg,
                         dropSingletons: false, asColumns: true, constantY: false,
                         notes: ["\(factors)-way", "n=\(n)", shuffled ? "shuffled" : "sorted", "\(covariance)".prefix(30).description])
            #expect(Self.compare(c, tolerance: factors == 1 ? 1e-9 : 1e-7) == true, "\(c): entity-block path not taken")
        }
    }
}
