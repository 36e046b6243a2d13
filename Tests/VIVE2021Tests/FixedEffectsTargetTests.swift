import Foundation
import PanelStats
import Testing
@testable import PanelStatsVIVE2021

/// Target (f) of issue 5: the nine Table 5.8 models (total/HK6/HK5 spending per ftu ×
/// 2014-2019, 2014-2016, 2017-2019), re-estimated from `panel.csv` with the project's within
/// estimator (``FixedEffectsModel``, Stata `xtreg, fe` conventions: jobcentre fixed effects, year
/// dummies with the period's first year omitted, conventional SEs on N − K − G df, constant
/// ȳ − x̄ᵀb, adj. R² = e(r2_a)), and the max VIF with PanelStatsDescriptive's ``VarianceInflation``.
@Suite("VIVE 2021 calibration target (f): Table 5.8 fixed-effects models")
struct FixedEffectsTargetTests {
    static let periods: [(label: String, years: ClosedRange<Int>)] = [
        ("2014-2019", 2014...2019), ("2014-2016", 2014...2016), ("2017-2019", 2017...2019),
    ]
    static let dependents = ["total", "hk6", "hk5"]
    /// Model m = period · 3 + dependent, in the published layout.
    static let models = Array(0..<9)

    /// The regressors of one period's models: the 8 of Table 5.8, then the year dummies.
    static func design(_ derived: VIVE2021DerivedVariables, period p: Int) throws -> (rows: [Int], design: Matrix, names: [String]) {
        let years = periods[p].years
        let rows = (0..<derived.count).filter { years.contains(derived.years[$0]) }
        var columns = VIVE2021Regressor.allCases.map { r in
            let v = derived.values(of: r)
            return rows.map { v[$0] }
        }
        var names = VIVE2021Regressor.allCases.map(\.name)
        for year in years.dropFirst() {
            columns.append(rows.map { derived.years[$0] == year ? 1 : 0 })
            names.append("year_\(year)")
        }
        return (rows, try Matrix(rows: rows.count, columns: columns.count, columnMajor: columns.flatMap { $0 }), names)
    }

    /// Fits model m of Table 5.8.
    static func fit(_ derived: VIVE2021DerivedVariables, model m: Int) throws -> FixedEffectsResult {
        let (p, d) = (m / 3, m % 3)
        let (rows, design, names) = try design(derived, period: p)
        var labels: [String] = [], codeOf: [String: Int32] = [:]
        let codes = rows.map { o -> Int32 in
            let name = derived.jobcentres[o]
            if let code = codeOf[name] { return code }
            let code = Int32(labels.count)
            codeOf[name] = code
            labels.append(name)
            return code
        }
        let entity = GroupIndex(name: "jobcentre", codes: codes, count: labels.count, labels: labels)
        let y = derived.dependents[d]
        let model = try FixedEffectsModel(
            response: rows.map { y[$0] }, responseName: "\(dependents[d])_per_ftu", design: design, termNames: names,
            absorbed: [entity])
        return try model.fit()
    }

    func label(_ m: Int) -> String { "\(Self.periods[m / 3].label) \(Self.dependents[m % 3])" }

    @Test("(f) slopes within 0.5 published SE of Table 5.8", arguments: models)
    func slopes(model m: Int) throws {
        let (_, derived) = try committedPanel()
        let result = try Self.fit(derived, model: m)
        for regressor in VIVE2021Regressor.allCases {
            let k = regressor.rawValue
            let ours = try #require(result.coefficient(regressor.name))
            let published = VIVE2021Published.coefficients[m / 3][m % 3][k]
            let se = VIVE2021Published.standardErrors[m / 3][m % 3][k]
            #expect(abs(ours.estimate - published) <= 0.5 * se, "\(label(m)) \(regressor.name): \(ours.estimate) vs \(published) ± \(se)")
        }
    }

    @Test("(f) year dummies within 0.5 published SE of Table 5.8", arguments: models)
    func yearDummies(model m: Int) throws {
        let (_, derived) = try committedPanel()
        let result = try Self.fit(derived, model: m)
        for (j, year) in Self.periods[m / 3].years.dropFirst().enumerated() {
            let ours = try #require(result.coefficient("year_\(year)"))
            let published = VIVE2021Published.yearCoefficients[m / 3][m % 3][j]
            let se = VIVE2021Published.yearStandardErrors[m / 3][m % 3][j]
            #expect(abs(ours.estimate - published) <= 0.5 * se, "\(label(m)) year_\(year): \(ours.estimate) vs \(published) ± \(se)")
        }
    }

    @Test("(f) constant within 0.5 published SE of Table 5.8", arguments: models)
    func constant(model m: Int) throws {
        let (_, derived) = try committedPanel()
        let ours = try #require(try Self.fit(derived, model: m).constant)
        let published = VIVE2021Published.constants[m / 3][m % 3]
        let se = VIVE2021Published.constantStandardErrors[m / 3][m % 3]
        #expect(abs(ours.estimate - published) <= 0.5 * se, "\(label(m)) constant: \(ours.estimate) vs \(published) ± \(se)")
    }

    @Test("(f) every standard error (slopes, year dummies, constant) within ±30 % of Table 5.8", arguments: models)
    func standardErrors(model m: Int) throws {
        let (_, derived) = try committedPanel()
        let result = try Self.fit(derived, model: m)
        var pairs: [(String, Double)] = VIVE2021Regressor.allCases.map { ($0.name, VIVE2021Published.standardErrors[m / 3][m % 3][$0.rawValue]) }
        for (j, year) in Self.periods[m / 3].years.dropFirst().enumerated() {
            pairs.append(("year_\(year)", VIVE2021Published.yearStandardErrors[m / 3][m % 3][j]))
        }
        pairs.append(("(Intercept)", VIVE2021Published.constantStandardErrors[m / 3][m % 3]))
        for (term, published) in pairs {
            let ours = try #require(result.coefficient(term)).standardError
            #expect(abs(ours / published - 1) <= 0.30, "\(label(m)) SE(\(term)): \(ours) vs \(published)")
        }
    }

    @Test("(f) adjusted R² (xtreg e(r2_a)) within ±0.10 of Table 5.8", arguments: models)
    func adjustedR2(model m: Int) throws {
        let (_, derived) = try committedPanel()
        let ours = try Self.fit(derived, model: m).adjR2
        let published = VIVE2021Published.adjustedR2[m / 3][m % 3]
        #expect(abs(ours - published) <= 0.10, "\(label(m)) adj. R²: \(ours) vs \(published)")
    }

    /// Max VIF as Stata's `estat vif` after `regress y x i.year` (pooled design with the year
    /// dummies, the maximum over the 8 substantive regressors); see datasets/vive2021/README.md.
    @Test("(f) max VIF (pooled, with year dummies) within ±0.5 of Table 5.8", arguments: 0..<3)
    func maxVIF(period p: Int) throws {
        let (_, derived) = try committedPanel()
        let (_, design, names) = try Self.design(derived, period: p)
        let vif = try VarianceInflation(pooled: design, names: names)
        let ours = try #require(vif.vif.prefix(VIVE2021Regressor.allCases.count).max())
        #expect(abs(ours - VIVE2021Published.maxVIF[p]) <= 0.5, "\(Self.periods[p].label) max VIF: \(ours) vs \(VIVE2021Published.maxVIF[p])")
    }

    /// The fit behind every check above equals statsmodels' LSDV on the same file
    /// (`scripts/vive2021/check_fit.py --json`, which writes the fixture; the constant and its SE by
    /// Stata's xtreg formulas on top of LSDV): coefficients, SEs, the constant and its SE to 1e-6
    /// relative, adj. R² and the VIF to 1e-9 absolute.
    @Test("the project's FE fits and VIFs of panel.csv equal the statsmodels oracle", arguments: models)
    func equalsStatsmodelsOracle(model m: Int) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/vive2021_fit_oracle.json")
        let json = try #require(try JSONSerialization.jsonObject(with: try Data(contentsOf: url)) as? [String: Any])
        let key = "\(Self.periods[m / 3].label)|\(Self.dependents[m % 3])"
        let oracle = try #require(json[key] as? [String: Any])
        let coefficients = try #require(oracle["coefficients"] as? [String: Double])
        let errors = try #require(oracle["std_errors"] as? [String: Double])
        let (_, derived) = try committedPanel()
        let result = try Self.fit(derived, model: m)
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(b), 1) }
        for (term, expected) in coefficients {
            let ours = try #require(result.coefficient(term))
            #expect(close(ours.estimate, expected), "\(key) \(term): \(ours.estimate) vs \(expected)")
            #expect(close(ours.standardError, try #require(errors[term])), "\(key) SE(\(term))")
        }
        let constant = try #require(result.constant)
        #expect(close(constant.estimate, try #require(oracle["constant"] as? Double)))
        #expect(close(constant.standardError, try #require(oracle["constant_se"] as? Double)))
        #expect(abs(result.adjR2 - (try #require(oracle["adj_r2"] as? Double))) <= 1e-9)
        if m % 3 == 0 {
            let vifOracle = try #require(json["\(Self.periods[m / 3].label)|vif"] as? [String: Any])
            let (_, design, names) = try Self.design(derived, period: m / 3)
            let vif = try VarianceInflation(pooled: design, names: names)
            let ours = try #require(vif.vif.prefix(8).max())
            #expect(abs(ours - (try #require(vifOracle["pooled_with_year_dummies"] as? Double))) <= 1e-9)
        }
    }
}
