import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

/// One-way within estimator `y ~ x1 + x2 + x3 + factor(year) | id` on three generated unbalanced
/// panels (scripts/fe_panels.py, scripts/fe_panels_plm.R): 304–438 observations of 60–80 entities
/// with 1–10 periods each, a cluster variable `region` that nests the entity and one, `state`,
/// drawn per row, that does not. Oracles: linearmodels 7.1 `PanelOLS`, pyfixest 0.60.0, R plm
/// 2.6.2, and Stata's xtreg/areg formulas written out in numpy.
///
/// Tolerances: coefficients 1e-9 relative (the brief); standard errors, R², F and σ 1e-8 relative.
@Suite("Fixed effects: generated panels against linearmodels, pyfixest, plm, Stata formulas")
struct FixedEffectsPanelTests {
    static let formula = "y ~ x1 + x2 + x3 + factor(year) | id"

    struct Case {
        let frame: ModelFrame
        let python: [String: Any]
        let plm: [String: Any]
        let terms: [String]

        init(seed: Int) throws {
            frame = try FEFixtures.frame("panel_seed\(seed).csv", formula: FixedEffectsPanelTests.formula,
                                         additional: ["region", "state", "w"])
            python = try FEFixtures.json("panel_seed\(seed)_python.json")
            plm = try FEFixtures.json("panel_seed\(seed)_plm.json")
            terms = python["terms"] as? [String] ?? []
        }

        func fit(
            _ covariance: (ModelFrame) throws -> FixedEffectsCovariance = { _ in .iid },
            ssc: SmallSampleCorrection = .stataXtreg, weighted: Bool = false, dropSingletons: Bool = false
        ) throws -> FixedEffectsResult {
            var model = try FixedEffectsModel(frame: frame, weights: weighted ? try frame.numeric("w") : nil)
            model.covariance = try covariance(frame)
            model.smallSampleCorrection = ssc
            model.dropSingletons = dropSingletons
            return try model.fit()
        }

        /// Compares estimates or SEs of `result` with `expected[term]` for `terms` (nil expected
        /// values — a negative variance in the oracle — must be NaN here).
        func expectTerms(
            _ result: FixedEffectsResult, _ expected: [String: Any], standardErrors: Bool, tolerance: Double,
            _ label: String, terms: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
        ) {
            for term in terms ?? self.terms {
                let row = result.coefficient(term)
                let actual = standardErrors ? row?.standardError : row?.estimate
                guard let value = expected.number(term) else {
                    #expect(actual?.isNaN == true, "\(label) \(term): oracle has no value", sourceLocation: sourceLocation)
                    continue
                }
                expectRelative(actual, value, tolerance, "\(label) \(term)", sourceLocation: sourceLocation)
            }
        }

        var regressorTerms: [String] { Array(terms.dropFirst()) }
    }

    static func region(_ f: ModelFrame) throws -> FixedEffectsCovariance { .cluster([try f.groups("region")]) }
    static func state(_ f: ModelFrame) throws -> FixedEffectsCovariance { .cluster([try f.groups("state")]) }
    static func both(_ f: ModelFrame) throws -> FixedEffectsCovariance {
        .cluster([try f.groups("region"), try f.groups("state")])
    }

    @Test(arguments: [1, 2, 3])
    func coefficientsEqualLinearmodelsAndPlm(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit()
        c.expectTerms(r, c.python.object("linearmodels", "unadjusted", "params"), standardErrors: false,
                      tolerance: 1e-9, "linearmodels")
        c.expectTerms(r, c.plm.object("coefficients"), standardErrors: false, tolerance: 1e-9, "plm",
                      terms: c.regressorTerms)
        #expect(r.coefficients.map(\.term) == c.terms)
    }

    /// Conventional SEs: plm's `vcov` (β) and linearmodels' unadjusted (β and the constant).
    @Test(arguments: [1, 2, 3])
    func iidStandardErrorsEqualPlmAndLinearmodels(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit()
        c.expectTerms(r, c.plm.object("std_errors"), standardErrors: true, tolerance: 1e-8, "plm SE",
                      terms: c.regressorTerms)
        c.expectTerms(r, c.python.object("linearmodels", "unadjusted", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "linearmodels SE")
        #expect(r.dfResid == c.python.object("stata").number("df_resid").map(Int.init))
    }

    /// stata-xtreg: `xtreg, fe vce(cluster region)` (entity nested: k = K + 1) and by `state`
    /// (not nested: levels counted, reghdfe's rule), constant included; t(G − 1).
    @Test(arguments: [1, 2, 3])
    func stataXtregClusteredStandardErrorsEqualStataFormulas(seed: Int) throws {
        let c = try Case(seed: seed)
        let stata = c.python.object("stata")
        for (name, covariance) in [("region", Self.region), ("state", Self.state)] {
            let r = try c.fit(covariance)
            let expected = stata.object("xtreg_cluster_\(name)")
            c.expectTerms(r, expected.object("std_errors"), standardErrors: true, tolerance: 1e-8, "xtreg \(name)")
            #expect(r.dfInference == Int(expected.number("clusters") ?? 0) - 1)
            #expect(r.fixedEffects[0].nestedInCluster == (expected["nested"] as? Bool))
            // With more regressors (12) than G − 1 clusters the clustered V_β is singular and, as in
            // Stata, there is no model F; otherwise the Wald F on (K, G − 1).
            let regressors = c.terms.count - 1
            if regressors > r.dfInference {
                #expect(r.modelF == nil)
            } else {
                expectRelative(r.modelF?.statistic, expected.number("model_f"), 1e-8, "model F clustered \(name)")
                #expect(r.modelF?.denominatorDegreesOfFreedom == Double(r.dfInference))
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func stataAregClusteredStandardErrorsEqualStataFormulas(seed: Int) throws {
        let c = try Case(seed: seed)
        for (name, covariance) in [("region", Self.region), ("state", Self.state)] {
            let r = try c.fit(covariance, ssc: .stataAreg)
            c.expectTerms(r, c.python.object("stata", "areg_cluster_\(name)", "std_errors"), standardErrors: true,
                          tolerance: 1e-8, "areg \(name)")
        }
    }

    /// Two-way clustering region + state with Stata's rule (min G for every term, reghdfe):
    /// V₁ + V₂ − V₁₂. A negative variance in the oracle is NaN here too.
    @Test(arguments: [1, 2, 3])
    func twoWayClusteredStandardErrorsEqualStataFormulas(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit(Self.both)
        c.expectTerms(r, c.python.object("stata", "xtreg_cluster_region_state", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "xtreg region+state")
        #expect(r.vcov == "cluster:region+state")
        let terms = try #require(r.clusterRobustCovariance)
        #expect(terms.map(\.variables) == [["region"], ["state"], ["region", "state"]])
        #expect(terms.map(\.sign) == [1, 1, -1])
        #expect(Set(terms.map(\.factor)).count == 1)  // one factor with G_min for every term (Stata)
    }

    /// fixest's default ssc as pyfixest applies it: CRV1 by region, by state and by region+state;
    /// p-values on t(G − 1).
    @Test(arguments: [1, 2, 3])
    func fixestClusteredStandardErrorsEqualPyfixest(seed: Int) throws {
        let c = try Case(seed: seed)
        let pyfixest = c.python.object("pyfixest")
        for (name, covariance) in [("region", Self.region), ("state", Self.state), ("region_state", Self.both)] {
            let r = try c.fit(covariance, ssc: .fixest)
            let expected = pyfixest.object("crv1_\(name)")
            c.expectTerms(r, expected.object("std_errors"), standardErrors: true, tolerance: 1e-8,
                          "pyfixest \(name)", terms: c.regressorTerms)
            #expect(r.dfInference == expected.number("df_t").map(Int.init))
            // pyfixest forms p = 2(1 − cdf(|t|)), whose absolute error is about 1e-16, so tiny
            // p-values are compared with that absolute slack (ours come from the survival function).
            for term in c.regressorTerms {
                guard let p = expected.object("p_values").number(term), let ours = r.coefficient(term)?.pValue else { continue }
                #expect(abs(ours - p) <= 1e-8 * p + 1e-15, "pyfixest p \(name) \(term): \(ours) vs \(p)")
            }
        }
        let iid = try c.fit(ssc: .fixest)
        c.expectTerms(iid, pyfixest.object("iid", "std_errors"), standardErrors: true, tolerance: 1e-8, "pyfixest iid",
                      terms: c.regressorTerms)
    }

    /// linearmodels' clustered covariance with its flags: defaults (debiased, no group debias),
    /// group_debias, not debiased; one- and two-way.
    @Test(arguments: [1, 2, 3])
    func linearmodelsClusteredStandardErrorsEqualLinearmodels(seed: Int) throws {
        let c = try Case(seed: seed)
        let lm = c.python.object("linearmodels")
        let variants: [(String, SmallSampleCorrection)] = [
            ("", .linearmodels()), ("_group_debias", .linearmodels(debiased: true, groupDebias: true)),
            ("_not_debiased", .linearmodels(debiased: false, groupDebias: false)),
        ]
        for (name, covariance) in [("region", Self.region), ("state", Self.state), ("region_state", Self.both)] {
            for (suffix, ssc) in variants {
                let key = "clustered_\(name)\(suffix)"
                guard lm[key] != nil else { continue }
                let r = try c.fit(covariance, ssc: ssc)
                c.expectTerms(r, lm.object(key, "std_errors"), standardErrors: true, tolerance: 1e-8, "linearmodels \(key)")
            }
        }
    }

    /// Heteroskedasticity-robust (HC1-type): fixest's `"hetero"` (N/(N − K − D′)) as pyfixest
    /// computes it, and linearmodels' `cov_type="robust"` (N/(N − d − K − 1)).
    @Test(arguments: [1, 2, 3])
    func heteroskedasticStandardErrorsEqualPyfixestAndLinearmodels(seed: Int) throws {
        let c = try Case(seed: seed)
        let hetero: (ModelFrame) throws -> FixedEffectsCovariance = { _ in .heteroskedastic }
        let fixest = try c.fit(hetero, ssc: .fixest)
        c.expectTerms(fixest, c.python.object("pyfixest", "hetero", "std_errors"), standardErrors: true, tolerance: 1e-8,
                      "pyfixest hetero", terms: c.regressorTerms)
        let linearmodels = try c.fit(hetero, ssc: .linearmodels())
        c.expectTerms(linearmodels, c.python.object("linearmodels", "robust", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "linearmodels robust")
        #expect(fixest.vcov == "hetero")
    }

    /// fixest-style `t.df = "conventional"`: clustered t statistics on the residual degrees of
    /// freedom, which is what linearmodels (debiased) uses for its p-values.
    @Test(arguments: [1, 2, 3])
    func conventionalTDegreesOfFreedomGiveLinearmodelsPValues(seed: Int) throws {
        let c = try Case(seed: seed)
        var model = try FixedEffectsModel(frame: c.frame)
        model.covariance = try Self.region(c.frame)
        model.smallSampleCorrection = .linearmodels()
        model.tDegreesOfFreedom = .conventional
        let r = try model.fit()
        #expect(r.dfInference == r.dfResid)
        let expected = c.python.object("linearmodels", "clustered_region", "p_values")
        for term in c.terms {
            guard let p = expected.number(term), let ours = r.coefficient(term)?.pValue else {
                Issue.record("no p-value for \(term)")
                continue
            }
            #expect(abs(ours - p) <= 1e-8 * p + 1e-15, "linearmodels p \(term): \(ours) vs \(p)")
        }
    }

    /// `none` applies no factor: with the entity nested in the cluster it is linearmodels'
    /// `debiased=False` (which then counts no effects).
    @Test(arguments: [1, 2, 3])
    func noCorrectionIsTheRawSandwich(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit(Self.region, ssc: SmallSampleCorrection.none)
        c.expectTerms(r, c.python.object("linearmodels", "clustered_region_not_debiased", "std_errors"),
                      standardErrors: true, tolerance: 1e-8, "none region")
    }

    /// R² within, adjusted R², between, overall, σ_u, σ_e, ρ, the F test that all u_i = 0 and the
    /// model F against plm, linearmodels and the xtreg formulas.
    @Test(arguments: [1, 2, 3])
    func fitStatisticsEqualTheirDefinitions(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit()
        let stata = c.python.object("stata")
        expectRelative(r.r2Within, c.plm.number("r2_within"), 1e-8, "r2 within (plm)")
        expectRelative(r.r2Within, c.python.object("linearmodels", "unadjusted").number("rsquared_within"), 1e-8,
                       "r2 within (linearmodels)")
        expectRelative(r.adjR2, c.plm.number("adj_r2"), 1e-8, "adj r2 (plm)")
        expectRelative(r.adjR2, stata.number("adj_r2"), 1e-8, "adj r2 (xtreg)")
        for key in ["r2_between", "r2_overall", "sigma_u", "sigma_e", "rho"] {
            let actual: Double? = switch key {
            case "r2_between": r.r2Between
            case "r2_overall": r.r2Overall
            case "sigma_u": r.sigmaU
            case "sigma_e": r.sigmaE
            default: r.rho
            }
            expectRelative(actual, stata.number(key), 1e-8, key)
        }
        let pooled = c.python.object("linearmodels", "unadjusted", "f_pooled")
        expectRelative(r.fTestFixedEffects?.statistic, pooled.number("stat"), 1e-8, "F u_i = 0 (linearmodels)")
        expectRelative(r.fTestFixedEffects?.statistic, c.plm.object("f_fe").number("stat"), 1e-8, "F u_i = 0 (plm)")
        #expect(r.fTestFixedEffects?.numeratorDegreesOfFreedom == pooled.number("df1").map(Int.init))
        expectRelative(r.modelF?.statistic, c.plm.number("f_stat"), 1e-8, "model F (plm)")
        expectRelative(r.modelF?.statistic, stata.number("model_f_iid"), 1e-8, "model F (xtreg)")
    }

    /// plm's `fixef()` for every entity.
    @Test(arguments: [1, 2, 3])
    func entityEffectsEqualPlmFixef(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit()
        let labels = c.plm["fixef_labels"] as? [String] ?? []
        let values = (c.plm["fixef"] as? [NSNumber] ?? []).map(\.doubleValue)
        let effects = try #require(r.effects)
        let position = Dictionary(uniqueKeysWithValues: effects.labels.enumerated().map { ($1, $0) })
        #expect(effects.labels.count == labels.count)
        for (label, value) in zip(labels, values) {
            expectRelative(position[label].map { effects.levels[$0] }, value, 1e-8, "fixef \(label)")
        }
    }

    /// Analytic weights: coefficients equal linearmodels and pyfixest (weights=w) and the xtreg
    /// formulas; iid SEs linearmodels', clustered SEs pyfixest's (fixest) and the xtreg formula's.
    @Test(arguments: [1, 2, 3])
    func weightedFitEqualsLinearmodelsAndPyfixest(seed: Int) throws {
        let c = try Case(seed: seed)
        let r = try c.fit(weighted: true)
        c.expectTerms(r, c.python.object("linearmodels", "weighted_unadjusted", "params"), standardErrors: false,
                      tolerance: 1e-9, "linearmodels weighted")
        c.expectTerms(r, c.python.object("stata_weighted", "params"), standardErrors: false, tolerance: 1e-9,
                      "xtreg weighted")
        c.expectTerms(r, c.python.object("linearmodels", "weighted_unadjusted", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "linearmodels weighted SE")
        let clustered = try c.fit(Self.region, weighted: true)
        c.expectTerms(clustered, c.python.object("stata_weighted", "xtreg_cluster_region", "std_errors"),
                      standardErrors: true, tolerance: 1e-8, "xtreg weighted cluster")
        c.expectTerms(clustered, c.python.object("linearmodels", "weighted_clustered_region_group_debias", "std_errors"),
                      standardErrors: true, tolerance: 1e-8, "linearmodels weighted cluster")
        let fixest = try c.fit(Self.region, ssc: .fixest, weighted: true)
        c.expectTerms(fixest, c.python.object("pyfixest", "weighted_crv1_region", "std_errors"), standardErrors: true,
                      tolerance: 1e-8, "pyfixest weighted cluster", terms: c.regressorTerms)
    }

    /// Singletons are kept by default (as xtreg); dropping them gives pyfixest's
    /// `fixef_rm="singleton"` sample size and coefficients.
    @Test(arguments: [1, 2, 3])
    func droppedSingletonsMatchPyfixest(seed: Int) throws {
        let c = try Case(seed: seed)
        let kept = try c.fit()
        #expect(kept.singletonsDropped == 0)
        #expect(kept.nobs == c.python.number("nobs").map(Int.init))
        let r = try c.fit(dropSingletons: true)
        let expected = c.python.object("pyfixest", "singleton")
        #expect(r.singletonsDropped == expected.number("dropped").map(Int.init))
        #expect(r.nobs == expected.number("nobs").map(Int.init))
        c.expectTerms(r, expected.object("params"), standardErrors: false, tolerance: 1e-9, "pyfixest singleton",
                      terms: c.regressorTerms)
    }
}
