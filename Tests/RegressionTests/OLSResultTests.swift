import Foundation
import PanelStatsData
import Testing

@testable import PanelStatsRegression

@Suite("OLS result value")
struct OLSResultTests {
    static func result() throws -> OLSResult {
        let data = try CSVReader.read(path: Fixtures.url("ols/ols_data.csv").path)
        return try OLS.fit(formula: "y ~ x1 + x2 + x3", data: data, covariance: .cluster(variable: "firm"))
    }

    @Test func roundTripsThroughJSON() throws {
        let original = try Self.result()
        let decoded = try JSONDecoder().decode(OLSResult.self, from: try JSONEncoder().encode(original))
        #expect(decoded == original)
    }

    @Test func encodesSnakeCaseKeysAndTheCovarianceSpelling() throws {
        let json = try #require(String(data: try JSONEncoder().encode(try Self.result()), encoding: .utf8))
        for key in ["\"df_resid\"", "\"adj_r2\"", "\"dropped_missing\"", "\"std_error\"", "\"p_value\"", "\"ci_low\""] {
            #expect(json.contains(key), "\(key)")
        }
        #expect(json.contains(#""vcov":"cluster:firm""#))
    }

    @Test func looksUpCoefficientsByTerm() throws {
        let result = try Self.result()
        #expect(result.coefficient("x1")?.term == "x1")
        #expect(result.coefficient("x3") == nil)
        #expect(result.omitted == ["x3"])
        #expect(result.covariance.count == 3)
        #expect(result.residuals.count == result.nobs)
    }
}
