import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import PanelStatsTestSupport
import Testing

@testable import PanelStatsRegression

/// The large-panel path of the within estimator (issue 7) — normal equations with refinement,
/// cluster meat without the augmented design, the pooled F test by normal equations, sorted-block
/// and fused within transformations — forced on the oracle fixtures that the QR path is tested
/// on, with the same tolerances: coefficients 1e-9 relative against linearmodels and plm, standard
/// errors and statistics 1e-8 relative against plm and Stata's formulas (one-way), 1e-7 against
/// pyfixest (multi-way, whose demeaning stops at a relative change of 1e-8).
@Suite("Fixed effects: large-panel path against the same oracles")
struct LargePanelPathTests {
    static func fit(
        _ c: FixedEffectsPanelTests.Case, _ covariance: (ModelFrame) throws -> FixedEffectsCovariance = { _ in .iid }
    ) throws -> FixedEffectsResult {
        var model = try FixedEffectsModel(frame: c.frame)
        model.covariance = try covariance(c.frame)
        model.solverPath = .normalEquations
        return try model.fit()
    }

    @Test(arguments: [1, 2, 3])
    func coefficientsAndIidStandardErrorsEqualLinearmodelsAndPlm(seed: Int) throws {
        let c = try FixedEffectsPanelTests.Case(seed: seed)
        let r = try Self.fit(c)
        c.expectTerms(r, c.python.object("linearmodels", "unadjusted", "params"), standardErrors: false,
                      tolerance: 1e-9, "linearmodels")
        c.expectTerms(r, c.plm.object("coefficients"), standardErrors: false, tolerance: 1e-9, "plm",
                      terms: c.regressorTerms)
        c.expectTerms(r, c.plm.object("std_errors"), standardErrors: true, tolerance: 1e-8, "plm SE",
                      terms: c.regressorTerms)
        c.expectTerms(r, c.python.object("linearmodels", "unadjusted", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "linearmodels SE")
    }

    /// One- and two-way clustered SEs (xtreg formulas), computed from the demeaned columns.
    @Test(arguments: [1, 2, 3])
    func clusteredStandardErrorsEqualStataFormulas(seed: Int) throws {
        let c = try FixedEffectsPanelTests.Case(seed: seed)
        let stata = c.python.object("stata")
        for (name, covariance) in [("region", FixedEffectsPanelTests.region), ("state", FixedEffectsPanelTests.state)] {
            let r = try Self.fit(c, covariance)
            c.expectTerms(r, stata.object("xtreg_cluster_\(name)", "std_errors"), standardErrors: true,
                          tolerance: 1e-8, "xtreg \(name)")
        }
        let both = try Self.fit(c, FixedEffectsPanelTests.both)
        c.expectTerms(both, stata.object("xtreg_cluster_region_state", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "xtreg region+state")
    }

    /// R² within and overall, and the F test that all u_i = 0 (the pooled fit by normal equations).
    @Test(arguments: [1, 2, 3])
    func fitStatisticsEqualPlmAndStata(seed: Int) throws {
        let c = try FixedEffectsPanelTests.Case(seed: seed)
        let r = try Self.fit(c)
        expectRelative(r.r2Within, c.plm.number("r2_within"), 1e-8, "r2 within (plm)")
        expectRelative(r.r2Overall, c.python.object("stata").number("r2_overall"), 1e-8, "r2 overall (xtreg)")
        expectRelative(r.fTestFixedEffects?.statistic, c.plm.object("f_fe").number("stat"), 1e-8, "F u_i = 0 (plm)")
        expectRelative(r.modelF?.statistic, c.plm.number("f_stat"), 1e-8, "model F (plm)")
    }

    /// Two-way absorbed (fused alternating projections) with CRV1 by g and by g + a, fixest's ssc.
    @Test func multiwayClusteredFitEqualsPyfixest() throws {
        let frame = try FEFixtures.frame("multiway.csv", formula: "y ~ x1 + x2 + x3 | a + b", additional: ["g"])
        let expected = try FEFixtures.json("multiway_pyfixest.json").object("twoway")
        for (key, cluster) in [("crv1_g", ["g"]), ("crv1_g_a", ["g", "a"])] {
            var model = try FixedEffectsModel(frame: frame)
            model.smallSampleCorrection = .fixest
            model.covariance = .cluster(try cluster.map { try frame.groups($0) })
            model.solverPath = .normalEquations
            let r = try model.fit()
            for term in FixedEffectsMultiwayTests.terms {
                expectRelative(r.coefficient(term)?.estimate, expected.object(key, "params").number(term), 1e-7, "\(key) \(term)")
                expectRelative(r.coefficient(term)?.standardError, expected.object(key, "std_errors").number(term), 1e-7,
                               "\(key) SE \(term)")
            }
        }
    }

    /// An exactly collinear regressor makes the normal equations ill-conditioned: the fit falls
    /// back to QR and drops the same column, in formula order.
    @Test func collinearDesignFallsBackToQR() throws {
        var generator = SplitMix64(seed: 5)
        let n = 600
        let codes = (0..<n).map { Int32($0 / 6) }
        let x1 = (0..<n).map { _ in generator.uniform() }
        let x2 = (0..<n).map { _ in generator.uniform() }
        let x3 = (0..<n).map { x1[$0] + 2 * x2[$0] }
        let y = (0..<n).map { x1[$0] - x2[$0] + generator.uniform() }
        let entity = GroupIndex(name: "id", codes: codes, count: n / 6, labels: (0..<(n / 6)).map(String.init))
        var model = try FixedEffectsModel(
            response: y, responseName: "y", design: try Matrix(columns: [x1, x2, x3]), termNames: ["x1", "x2", "x3"],
            absorbed: [entity])
        model.solverPath = .normalEquations
        let fast = try model.fit()
        model.solverPath = .qr
        let qr = try model.fit()
        #expect(fast.omitted.map(\.term) == ["x3"])
        #expect(fast.coefficients.map(\.estimate) == qr.coefficients.map(\.estimate))
    }

    /// Sorted codes take the block path; it performs the same additions in the same order as the
    /// scatter–gather path, so the results are identical.
    @Test func sortedBlocksEqualScatterGather() throws {
        var generator = SplitMix64(seed: 9)
        let sizes = (0..<50).map { _ in 1 + Int(generator.next() % 9) }
        let codes = sizes.enumerated().flatMap { g, size in [Int32](repeating: Int32(g), count: size) }
        let x = codes.map { _ in generator.uniform() * 100 - 50 }
        let weights = codes.map { _ in 0.5 + generator.uniform() }
        for w in [nil, weights] {
            let sorted = try WithinTransform(codes: codes, groupCount: sizes.count, weights: w)
            #expect(sorted.blockStarts != nil)
            // The same rows with the groups in reverse order (each group's rows keep their order):
            // no longer sorted, so scatter–gather.
            let order = (0..<sizes.count).reversed().flatMap { g in codes.indices.filter { codes[$0] == Int32(g) } }
            let shuffled = try WithinTransform(codes: order.map { codes[$0] }, groupCount: sizes.count,
                                               weights: w.map { w in order.map { w[$0] } })
            #expect(shuffled.blockStarts == nil)
            let a = sorted.demeaned(x)
            let b = shuffled.demeaned(order.map { x[$0] })
            for (position, row) in order.enumerated() { #expect(a[row] == b[position]) }
        }
    }
}
