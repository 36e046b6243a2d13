import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

/// Two- and three-way absorbed fixed effects on 12,000 generated rows with 1,200, 1,100 and 1,050
/// levels (scripts/fe_multiway.py) against pyfixest 0.60.0 (MAP demeaning at fixef_tol = 1e-13,
/// fixest's default ssc), with the ``SmallSampleCorrection/fixest`` correction.
///
/// Tolerance 1e-7 relative for coefficients and standard errors (the brief): our alternating
/// projections stop at a relative change of 1e-8 by default.
@Suite("Fixed effects: multi-way against pyfixest")
struct FixedEffectsMultiwayTests {
    static var expected: [String: Any] { (try? FEFixtures.json("multiway_pyfixest.json")) ?? [:] }
    static let terms = ["x1", "x2", "x3"]

    static func fit(
        _ absorbed: String, cluster: [String] = [], weighted: Bool = false
    ) throws -> FixedEffectsResult {
        let frame = try FEFixtures.frame("multiway.csv", formula: "y ~ x1 + x2 + x3 | \(absorbed)", additional: ["g", "w"])
        var model = try FixedEffectsModel(frame: frame, weights: weighted ? try frame.numeric("w") : nil)
        model.smallSampleCorrection = .fixest
        if !cluster.isEmpty { model.covariance = .cluster(try cluster.map { try frame.groups($0) }) }
        return try model.fit()
    }

    static func check(_ r: FixedEffectsResult, _ oracle: [String: Any], _ label: String) {
        for term in terms {
            expectRelative(r.coefficient(term)?.estimate, oracle.object("params").number(term), 1e-7, "\(label) \(term)")
            expectRelative(r.coefficient(term)?.standardError, oracle.object("std_errors").number(term), 1e-7,
                           "\(label) SE \(term)")
        }
        #expect(r.dfInference == oracle.number("df_t").map(Int.init), "\(label) df")
        #expect(r.nobs == oracle.number("nobs").map(Int.init))
    }

    @Test(arguments: [("twoway", "a + b"), ("threeway", "a + b + c")])
    func iidFitEqualsPyfixest(name: String, absorbed: String) throws {
        let r = try Self.fit(absorbed)
        Self.check(r, Self.expected.object(name, "iid"), "\(name) iid")
        #expect(r.withinTransform.iterations > 1)
        #expect(r.withinTransform.method.contains("alternating projections"))
        #expect(r.fixedEffects.map(\.levels) == (absorbed == "a + b" ? [1200, 1100] : [1200, 1100, 1050]))
    }

    /// CRV1 by g (no factor nested), by a (the first factor nested in its own cluster) and two-way
    /// by g + a.
    @Test(arguments: [("twoway", "a + b"), ("threeway", "a + b + c")])
    func clusteredFitsEqualPyfixest(name: String, absorbed: String) throws {
        for (key, cluster) in [("crv1_g", ["g"]), ("crv1_a", ["a"]), ("crv1_g_a", ["g", "a"])] {
            let r = try Self.fit(absorbed, cluster: cluster)
            Self.check(r, Self.expected.object(name, key), "\(name) \(key)")
        }
    }

    @Test(arguments: [("twoway", "a + b"), ("threeway", "a + b + c")])
    func weightedClusteredFitEqualsPyfixest(name: String, absorbed: String) throws {
        let r = try Self.fit(absorbed, cluster: ["g"], weighted: true)
        Self.check(r, Self.expected.object(name, "weighted_crv1_g"), "\(name) weighted")
    }

    /// Every level's coefficient equals pyfixest's `fixef()` (dummy coding `-1 + C(a) + C(b) + …`:
    /// the first level of each further factor is the reference 0), to 1e-7 absolute (the effects
    /// are of order 1).
    @Test(arguments: [("twoway", "a + b"), ("threeway", "a + b + c")])
    func fixedEffectCoefficientsEqualPyfixestFixef(name: String, absorbed: String) throws {
        let r = try Self.fit(absorbed)
        let expected = Self.expected.object(name, "fixef")
        let coefficients = try #require(r.fixedEffectCoefficients)
        #expect(coefficients.map(\.name) == r.fixedEffects.map(\.name))
        for factor in coefficients {
            let oracle = expected.object(factor.name)
            #expect(factor.labels.count == factor.values.count)
            var compared = 0
            for (label, value) in zip(factor.labels, factor.values) {
                guard let reference = oracle.number(label) else {
                    #expect(value == 0, "\(factor.name) \(label) is the reference level")
                    continue
                }
                #expect(abs(value - reference) <= 1e-7, "\(factor.name) \(label): \(value) vs \(reference)")
                compared += 1
            }
            #expect(compared == oracle.count)
        }
    }

    /// Redundant levels: 0 for the first factor, the connected components (1 here: the random
    /// design is connected) for the second, 1 for the third.
    @Test func redundantLevelsFollowTheDocumentedRule() throws {
        let r = try Self.fit("a + b + c")
        #expect(r.fixedEffects.map(\.redundant) == [0, 1, 1])
        #expect(r.dfResid == 12_000 - 3 - (1200 + 1100 - 1 + 1050 - 1))
    }
}
