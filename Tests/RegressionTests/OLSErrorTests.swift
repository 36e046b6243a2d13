import PanelStatsData
import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

/// Bad input ends in a typed error with a message naming what is wrong, never a trap.
@Suite("OLS bad input")
struct OLSErrorTests {
    static func data(_ csv: String) throws -> DataFrame { try CSVReader.parse(csv, source: "test.csv") }

    @Test func constantResponseSaysRSquaredIsUndefined() throws {
        let data = try Self.data("y,x\n2,1\n2,2\n2,3\n2,4\n")
        let error = #expect(throws: RegressionError.self) { try OLS.fit(formula: "y ~ x", data: data) }
        #expect(error == .constantResponse("y"))
        #expect(error?.description.contains("R² is undefined") == true)
    }

    @Test func fewerObservationsThanParametersNamesBothCounts() throws {
        let data = try Self.data("y,x1,x2\n1,1,5\n2,3,4\n")
        let error = #expect(throws: RegressionError.self) { try OLS.fit(formula: "y ~ x1 + x2", data: data) }
        #expect(error == .tooFewObservations(n: 2, parameters: 3))
        #expect(error?.description == "2 observations for 3 parameters: a regression needs more observations than parameters")
    }

    @Test func singleClusterIsAnError() throws {
        let data = try Self.data("y,x,g\n1,1,a\n2,3,a\n2,2,a\n4,5,a\n")
        #expect(throws: RegressionError.singleCluster("g")) {
            try OLS.fit(formula: "y ~ x", data: data, covariance: .cluster(variable: "g"))
        }
    }

    @Test func clusterCovarianceWithoutCodesIsAnError() throws {
        #expect(throws: RegressionError.missingClusterCodes("g")) {
            try OLS.fit(
                response: [1, 2, 4, 3], design: try Matrix(columns: [[1, 1, 1, 1], [1, 2, 3, 4]]),
                termNames: ["(Intercept)", "x"], interceptColumn: 0, covariance: .cluster(variable: "g"))
        }
    }

    /// A dummy for one observation gives it leverage 1: HC2/HC3 divide by 1 − h.
    @Test func leverageOneIsAnErrorForHC3() throws {
        let design = try Matrix(columns: [[1, 1, 1, 1, 1], [1, 2, 3, 4, 5], [0, 0, 0, 0, 1]])
        #expect(throws: RegressionError.leverageOne(observation: 4, estimator: "HC3")) {
            try OLS.fit(
                response: [1, 3, 2, 5, 9], design: design, termNames: ["(Intercept)", "x", "d"], interceptColumn: 0,
                covariance: .hc3)
        }
    }

    @Test func unknownVariableIsADataError() throws {
        let data = try Self.data("y,x\n1,1\n2,3\n2,2\n")
        let error = #expect(throws: RegressionError.self) { try OLS.fit(formula: "y ~ z", data: data) }
        #expect(error?.description.contains("z") == true)
    }

    @Test func formulaSyntaxErrorIsADataError() throws {
        let data = try Self.data("y,x\n1,1\n2,3\n2,2\n")
        let error = #expect(throws: RegressionError.self) { try OLS.fit(formula: "y ~ x +", data: data) }
        guard case .data = error else {
            Issue.record("expected a data error, got \(String(describing: error))")
            return
        }
    }

    @Test func allMissingColumnIsADataError() throws {
        let data = try Self.data("y,x,z\n1,1,NA\n2,3,NA\n2,2,NA\n")
        let error = #expect(throws: RegressionError.self) { try OLS.fit(formula: "y ~ x + z", data: data) }
        #expect(error?.description.contains("z") == true)
    }

    @Test func unknownCovarianceSpellingIsAnError() throws {
        #expect(throws: RegressionError.unknownCovariance("hc4")) { try CovarianceType(parsing: "hc4") }
        #expect(throws: RegressionError.unknownCovariance("cluster:")) { try CovarianceType(parsing: "cluster:") }
    }

    @Test func covarianceSpellingsRoundTrip() throws {
        for text in ["iid", "hc0", "hc1", "hc2", "hc3", "cluster:firm"] {
            #expect(try CovarianceType(parsing: text).description == text)
        }
        #expect(try CovarianceType(parsing: "HC1") == .hc1)
    }

    @Test func missingValuesAreDroppedAndReported() throws {
        let data = try Self.data("y,x\n1,1\nNA,3\n2,2\n4,.\n5,5\n3,4\n")
        let result = try OLS.fit(formula: "y ~ x", data: data)
        #expect(result.nobs == 4)
        #expect(result.droppedMissing == 2)
        #expect(result.missingNote == "2 observations removed because of missing values: y 1, x 1")
    }

    /// An intercept-only model has nothing to test: no model F.
    @Test func interceptOnlyModelHasNoFTest() throws {
        let data = try Self.data("y\n1\n3\n2\n5\n")
        let result = try OLS.fit(formula: "y ~ 1", data: data)
        #expect(result.modelF == nil)
        #expect(result.r2 == 0)
    }
}
