import Foundation
import Testing
import PanelStats
@testable import PanelStatsVIVE2021

/// `panelstats replicate vive2021`'s numbers against an independent computation of the same panel
/// (scripts/make_vive_replication_fixture.py: linearmodels 7.1 PanelOLS, statsmodels 0.15.0, scipy 1.17.1,
/// numpy 2.4.6, pandas 3.1.1; variables derived there with pandas, not by DerivedVariables.swift).
@Suite("VIVE 2021 replication vs linearmodels / statsmodels / scipy")
struct ReplicationOracleTests {
    let replication: VIVE2021Replication
    let oracle: [String: Any]

    init() throws {
        replication = try ReplicationFixtures.frozen.get()
        oracle = try ReplicationFixtures.oracle()
    }

    func dictionary(_ path: String...) -> [String: Any] {
        var node: Any? = oracle
        for key in path { node = (node as? [String: Any])?[key] }
        return node as? [String: Any] ?? [:]
    }

    func number(_ dictionary: [String: Any], _ key: String) -> Double {
        (dictionary[key] as? NSNumber)?.doubleValue ?? .nan
    }

    // Tolerance: 1e-8 relative on coefficients and standard errors (relative to max(|value|, 1)): the two
    // estimators solve the same least-squares problem by different factorizations.
    @Test("Table 5.8: all 9 models' coefficients and SEs (constants included) equal linearmodels PanelOLS within 1e-8")
    func fixedEffectsCoefficientsMatchLinearmodels() throws {
        var compared = 0
        for model in replication.fixedEffects.models {
            let reference = dictionary("table_5_8", model.period.rawValue, model.dependent.rawValue)
            let coefficients = reference["coefficients"] as? [String: NSNumber] ?? [:]
            let errors = reference["std_errors"] as? [String: NSNumber] ?? [:]
            #expect(coefficients.count == VIVE2021FixedEffectsTable.terms(model.period).count - 1)
            for (term, value) in coefficients {
                let c = try #require(model.coefficient(term), "\(model.period.rawValue) \(model.dependent.rawValue) \(term)")
                #expect(relativelyClose(c.estimate, value.doubleValue, 1e-8), "\(model.period.rawValue) \(model.dependent.rawValue) \(term): \(c.estimate) vs \(value)")
                let se = try #require(errors[term]).doubleValue
                #expect(relativelyClose(c.standardError, se, 1e-8), "\(model.period.rawValue) \(model.dependent.rawValue) \(term) SE: \(c.standardError) vs \(se)")
                compared += 1
            }
        }
        #expect(compared == 3 * (14 + 11 + 11))
    }

    // Tolerance 1e-12 relative against 40-digit arithmetic (mpmath 1.3.0; observed ≤ 3e-15). linearmodels itself
    // is 7.4e-9 off the exact SEs of ln population and the constant in 2017-2019 (it inverts a Gram matrix holding
    // the constant beside a regressor with tiny within variation), which is why the test above allows 1e-8.
    @Test("Table 5.8: coefficients and SEs equal the 40-digit within normal equations within 1e-12")
    func fixedEffectsMatchExactArithmetic() throws {
        var compared = 0
        for model in replication.fixedEffects.models {
            let reference = dictionary("table_5_8_exact", model.period.rawValue, model.dependent.rawValue)
            let coefficients = reference["coefficients"] as? [String: NSNumber] ?? [:]
            let errors = reference["std_errors"] as? [String: NSNumber] ?? [:]
            for (term, value) in coefficients {
                let c = try #require(model.coefficient(term))
                #expect(relativelyClose(c.estimate, value.doubleValue, 1e-12), "\(model.period.rawValue) \(model.dependent.rawValue) \(term)")
                #expect(relativelyClose(c.standardError, try #require(errors[term]).doubleValue, 1e-12),
                        "\(model.period.rawValue) \(model.dependent.rawValue) \(term) SE")
                compared += 1
            }
        }
        #expect(compared == 108)
    }

    // Tolerance 1e-10 absolute on R² and adjusted R² (ratios of sums of squares).
    @Test("Table 5.8: N, jobcentres, R² within and xtreg e(r2_a) match, for all 9 models")
    func fixedEffectsStatisticsMatch() {
        for model in replication.fixedEffects.models {
            let reference = dictionary("table_5_8", model.period.rawValue, model.dependent.rawValue)
            #expect(model.fit.nobs == (reference["nobs"] as? Int))
            #expect(model.fit.fixedEffects.first?.levels == (reference["groups"] as? Int))
            #expect(model.fit.dfResid == (reference["df_resid"] as? Int))
            #expect(abs(model.fit.r2Within - number(reference, "r2_within")) < 1e-10)
            #expect(abs(model.fit.adjR2 - number(reference, "adj_r2")) < 1e-10)
        }
    }

    // Tolerance 1e-8 relative: VIF from one QR versus statsmodels' auxiliary regressions.
    @Test("Table 5.8 max VIF equals statsmodels variance_inflation_factor under each definition")
    func maxVIFMatchesStatsmodels() throws {
        for definition in VIVE2021ReplicationOptions.VIFDefinition.allCases {
            let replicated = definition == .pooledWithYearDummies
                ? replication
                : try ReplicationFixtures.replicate(ReplicationFixtures.panelCopy.path, options: VIVE2021ReplicationOptions(vif: definition))
            for period in VIVE2021Period.allCases {
                let expected = number(dictionary("table_5_8", period.rawValue, "max_vif"), definition.rawValue)
                let got = try #require(replicated.fixedEffects.model(period, .total)).maxVIF
                #expect(relativelyClose(got, expected, 1e-8), "\(definition.rawValue) \(period.rawValue): \(got) vs \(expected)")
            }
        }
    }

    // Tolerance: r within 1e-12 absolute; p within 1e-8 relative (floor 1e-300, p-values go to 1e-40).
    @Test("Table 5.7: every printed r and p equals scipy.stats.pearsonr; stars are p < 0.05")
    func correlationsMatchScipy() throws {
        let cells = oracle["table_5_7"].flatMap { ($0 as? [String: Any])?["cells"] as? [[String: Any]] } ?? []
        #expect(cells.count == 36)
        for cell in cells {
            let variable = cell["variable"] as? String, column = cell["column"] as? String
            let entry = try #require(replication.correlations.entries.first { $0.variable == variable && $0.column == column })
            #expect(abs(entry.r - number(cell, "r")) < 1e-12, "r(\(entry.variable), \(entry.column))")
            if entry.variable != entry.column {
                #expect(relativelyClose(entry.pValue, number(cell, "p"), 1e-8, floor: 1e-300), "p(\(entry.variable), \(entry.column))")
                #expect(entry.significant == (number(cell, "p") < 0.05))
            }
        }
        #expect(abs(replication.correlations.frameworkCorrelation - number(dictionary("table_5_7"), "r_framework_ftu")) < 1e-12)
    }

    // Tolerance 1e-9 relative on means of ~35,000.
    @Test("Figures 5.7-5.9: every group-year mean equals pandas groupby means (quartiles by rank 23/24/24/23)")
    func groupMeansMatchPandas() throws {
        let figures = dictionary("figures_5_7_to_5_9")
        let keys: [(VIVE2021GroupTrends.Figure, String, (Int, VIVE2021GroupTrends.Group) -> String)] = [
            (.growthQuartile, "growth_quartile", { g, _ in String(g + 1) }),
            (.frameworkGroup, "framework_group", { g, _ in String(g + 1) }),
            (.sizeBand, "size_band", { _, group in group.key }),
        ]
        for (figure, name, key) in keys {
            let expected = figures[name] as? [String: NSNumber] ?? [:]
            let trend = try #require(replication.trend(figure))
            #expect(expected.count == trend.groups.count * trend.years.count)
            for (g, group) in trend.groups.enumerated() {
                for (t, year) in trend.years.enumerated() {
                    let value = try #require(expected["\(key(g, group))|\(year)"], "\(name) \(key(g, group)) \(year)").doubleValue
                    #expect(relativelyClose(group.means[t], value, 1e-9), "\(name) \(group.key) \(year)")
                }
            }
        }
        #expect(replication.trend(.growthQuartile)?.groups.map(\.size) == [23, 24, 24, 23])
    }

    // Tolerance 1e-10 relative: quantiles of the same 94 means.
    @Test("Table 5.9 equals numpy quantiles (type 2 default and type 7); Figure 5.10 counts and the second largest match")
    func crossSectionMatchesNumpy() throws {
        for (definition, method) in [(QuantileDefinition.type2, "averaged_inverted_cdf"), (.type7, "linear")] {
            let replicated = definition == .type2
                ? replication
                : try ReplicationFixtures.replicate(ReplicationFixtures.panelCopy.path, options: VIVE2021ReplicationOptions(quantileDefinition: definition))
            let s = replicated.crossSection.summary
            let expected = dictionary("table_5_9", method)
            for (name, value) in [("min", s.minimum), ("q1", s.lowerQuartile), ("median", s.median), ("q3", s.upperQuartile), ("max", s.maximum)] {
                #expect(relativelyClose(value, number(expected, name), 1e-10), "\(method) \(name)")
            }
        }
        #expect(replication.crossSection.histogram.bins.map(\.count) == (oracle["figure_5_10"] as? [Int]))
        #expect(relativelyClose(replication.crossSection.secondLargest, (oracle["second_largest"] as? NSNumber)?.doubleValue ?? .nan, 1e-10))
        let framework = dictionary("figure_5_11"), size = dictionary("figure_5_12")
        for (g, mean) in replication.crossSection.byFrameworkGroup.enumerated() {
            #expect(relativelyClose(mean.mean, number(framework, String(g + 1)), 1e-10))
        }
        for mean in replication.crossSection.bySizeBand {
            #expect(relativelyClose(mean.mean, number(size, mean.key), 1e-10))
        }
    }

    // Tolerance 1e-8 relative on coefficients and on conventional, HC1 and cluster-robust SEs.
    @Test("footnote 34: pooled OLS coefficients and SEs (conventional, HC1, clustered by jobcentre) equal statsmodels")
    func pooledRegressionMatchesStatsmodels() throws {
        for kind in VIVE2021ReplicationOptions.StandardErrors.allCases {
            let replicated = kind == .conventional
                ? replication
                : try ReplicationFixtures.replicate(ReplicationFixtures.panelCopy.path, options: VIVE2021ReplicationOptions(standardErrors: kind))
            for model in replicated.pooled.models {
                let reference = dictionary("footnote_34", model.dependent.rawValue)
                let coefficients = reference["coefficients"] as? [String: NSNumber] ?? [:]
                let errors = reference["std_errors_\(kind.rawValue)"] as? [String: NSNumber] ?? [:]
                #expect(coefficients.count == 14)
                for (term, value) in coefficients {
                    let c = try #require(model.fit.coefficient(term == "constant" ? "(Intercept)" : term))
                    #expect(relativelyClose(c.estimate, value.doubleValue, 1e-8), "\(model.dependent.rawValue) \(term)")
                    #expect(relativelyClose(c.standardError, try #require(errors[term]).doubleValue, 1e-8), "\(kind.rawValue) \(model.dependent.rawValue) \(term) SE")
                }
                #expect(abs(model.fit.r2 - number(reference, "r2")) < 1e-10)
            }
        }
    }
}
