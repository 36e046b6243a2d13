import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

/// `Fixtures/ols/statsmodels.json`, written by `scripts/make_ols_fixtures.py` (statsmodels 0.15.0).
struct StatsmodelsFixture: Decodable {
    struct Summary: Decodable {
        let params, bse, tvalues, pvalues, ci_low, ci_high: [Double]
        let fvalue, f_pvalue, df_inference: Double
    }
    struct Model: Decodable {
        let formula: String
        let weights: String?
        let terms: [String]
        let nobs: Int
        let df_resid, rss, r2, adj_r2, rmse: Double
        let covariances: [String: Summary]
    }
    let oracle: String
    let clusters: Int
    let models: [String: Model]

    static func load() throws -> StatsmodelsFixture {
        try JSONDecoder().decode(StatsmodelsFixture.self, from: Fixtures.data("ols/statsmodels.json"))
    }
}

/// The generated data set of `scripts/make_ols_fixtures.py` as plain arrays.
struct GeneratedData {
    let columns: [String: [Double]]
    let clustering: Clustering

    static func load() throws -> GeneratedData {
        let (_, columns) = try Fixtures.numericCSV("ols/ols_data.csv")
        let firm = try #require(columns["firm"])
        var codes: [Double: Int32] = [:]
        let dense = firm.map { id in
            if let code = codes[id] { return code }
            let code = Int32(codes.count)
            codes[id] = code
            return code
        }
        return GeneratedData(
            columns: columns, clustering: try Clustering(variable: "firm", codes: dense, count: codes.count))
    }

    func fit(
        _ terms: [String], intercept: Bool = true, covariance: CovarianceType = .iid, weighted: Bool = false
    ) throws -> OLSResult {
        let y = try #require(columns["y"])
        var design: [[Double]] = intercept ? [[Double](repeating: 1, count: y.count)] : []
        for term in terms { design.append(try #require(columns[term])) }
        return try OLS.fit(
            response: y, design: try Matrix(columns: design), termNames: (intercept ? ["Intercept"] : []) + terms,
            interceptColumn: intercept ? 0 : nil, covariance: covariance, clustering: clustering,
            weights: weighted ? try #require(columns["w"]) : nil)
    }
}

/// Every quantity equals statsmodels to 1e-10 relative (the bar); p-values to 1e-10
/// relative as well, except that p-values below 1e-300 are compared absolutely.
@Suite("OLS against statsmodels")
struct StatsmodelsOLSTests {
    static let covarianceNames = ["iid", "hc0", "hc1", "hc2", "hc3", "cluster:firm"]
    static let models = ["intercept", "no_intercept", "weighted", "factors"]
    static let tolerance = 1e-10

    static func data() throws -> DataFrame {
        try CSVReader.read(path: Fixtures.url("ols/ols_data.csv").path)
    }

    /// Fits the fixture's model through the formula path (CSV → model frame → OLS).
    static func result(
        _ model: String, _ covariance: String, formula: String? = nil
    ) throws -> (OLSResult, StatsmodelsFixture.Model) {
        let fixture = try StatsmodelsFixture.load()
        let expected = try #require(fixture.models[model])
        let result = try OLS.fit(
            formula: formula ?? expected.formula, data: try data(),
            covariance: try CovarianceType(parsing: covariance), weights: expected.weights)
        return (result, expected)
    }

    @Test(arguments: models, covarianceNames)
    func coefficientsAndStandardErrorsEqualStatsmodels(_ model: String, _ covariance: String) throws {
        let (result, expected) = try Self.result(model, covariance)
        let summary = try #require(expected.covariances[covariance])
        #expect(result.coefficients.count == summary.params.count)
        for row in result.coefficients {
            let j = try #require(expected.terms.firstIndex(of: row.term), "\(row.term) not in statsmodels' terms")
            #expect(relativeDifference(row.estimate, summary.params[j]) < Self.tolerance, "\(row.term) estimate")
            #expect(relativeDifference(row.standardError, summary.bse[j]) < Self.tolerance, "\(row.term) SE")
            #expect(relativeDifference(row.t, summary.tvalues[j]) < Self.tolerance, "\(row.term) t")
        }
    }

    @Test(arguments: models, covarianceNames)
    func pValuesAndIntervalsEqualStatsmodels(_ model: String, _ covariance: String) throws {
        let (result, expected) = try Self.result(model, covariance)
        let summary = try #require(expected.covariances[covariance])
        #expect(Double(result.dfInference) == summary.df_inference)
        for row in result.coefficients {
            let j = try #require(expected.terms.firstIndex(of: row.term), "\(row.term) not in statsmodels' terms")
            #expect(relativeDifference(row.pValue, summary.pvalues[j]) < Self.tolerance, "\(row.term) p")
            #expect(relativeDifference(row.ciLow, summary.ci_low[j]) < Self.tolerance, "\(row.term) CI low")
            #expect(relativeDifference(row.ciHigh, summary.ci_high[j]) < Self.tolerance, "\(row.term) CI high")
        }
    }

    @Test(arguments: models, covarianceNames)
    func modelFTestEqualsStatsmodels(_ model: String, _ covariance: String) throws {
        let (result, expected) = try Self.result(model, covariance)
        let summary = try #require(expected.covariances[covariance])
        if model == "factors" && covariance == "cluster:firm" {
            // 16 restrictions, 15 clusters: the cluster-robust Wald matrix has rank ≤ G − 1 = 14,
            // so no F (as Stata); statsmodels prints a number with a rank warning.
            #expect(result.modelF == nil)
            return
        }
        let f = try #require(result.modelF)
        #expect(relativeDifference(f.statistic, summary.fvalue) < Self.tolerance)
        #expect(relativeDifference(f.pValue, summary.f_pvalue) < Self.tolerance)
    }

    @Test(arguments: models)
    func goodnessOfFitEqualsStatsmodels(_ model: String) throws {
        let (result, expected) = try Self.result(model, "iid")
        #expect(result.nobs == expected.nobs)
        #expect(Double(result.dfResid) == expected.df_resid)
        #expect(relativeDifference(result.rss, expected.rss) < Self.tolerance)
        #expect(relativeDifference(result.r2, expected.r2) < Self.tolerance)
        #expect(relativeDifference(result.adjR2, expected.adj_r2) < Self.tolerance)
        #expect(relativeDifference(result.rmse, expected.rmse) < Self.tolerance)
    }

    /// x3 = x1 + x2: x3 is reported omitted and everything else equals statsmodels' y ~ x1 + x2.
    @Test(arguments: covarianceNames)
    func collinearDesignOmitsX3AndOtherwiseEqualsStatsmodels(_ covariance: String) throws {
        let (result, expected) = try Self.result("intercept", covariance, formula: "y ~ x1 + x2 + x3")
        let summary = try #require(expected.covariances[covariance])
        #expect(result.omitted == ["x3"])
        #expect(result.coefficients.map(\.term) == ["(Intercept)", "x1", "x2"])
        for (row, j) in zip(result.coefficients, summary.params.indices) {
            #expect(relativeDifference(row.estimate, summary.params[j]) < Self.tolerance, "\(row.term) estimate")
            #expect(relativeDifference(row.standardError, summary.bse[j]) < Self.tolerance, "\(row.term) SE")
            #expect(relativeDifference(row.pValue, summary.pvalues[j]) < Self.tolerance, "\(row.term) p")
        }
        #expect(relativeDifference(result.r2, expected.r2) < Self.tolerance)
        #expect(relativeDifference(try #require(result.fStat), summary.fvalue) < Self.tolerance)
        #expect(result.dfResid == 197)
    }

    /// The numeric API (design matrix and cluster codes built by hand) gives the formula path's numbers.
    @Test func numericApiEqualsFormulaPath() throws {
        let (viaFormula, _) = try Self.result("intercept", "cluster:firm")
        let direct = try GeneratedData.load().fit(["x1", "x2"], covariance: .cluster(variable: "firm"))
        for (a, b) in zip(viaFormula.coefficients, direct.coefficients) {
            #expect(relativeDifference(a.estimate, b.estimate) < 1e-14)
            #expect(relativeDifference(a.standardError, b.standardError) < 1e-13)
        }
    }

    @Test func clusterCountIsReported() throws {
        let (result, _) = try Self.result("intercept", "cluster:firm")
        #expect(result.clusters == (try StatsmodelsFixture.load()).clusters)
        #expect(result.dfInference == 14)
    }
}
