import Testing
import PanelStatsData
import PanelStatsLinearAlgebra
import PanelStatsRegression
import PanelStatsReporting

/// The convenience columns carry the regression results' numbers unchanged (their correctness is tested
/// against statsmodels/plm in RegressionTests); these tests check the mapping: order, omitted terms, keys.
@Suite struct RegressionTableFromResultsTests {
    func olsResult() throws -> OLSResult {
        let x1: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        let x2 = x1.map { 2 * $0 }  // collinear with x1: dropped
        let x3: [Double] = [0, 1, 0, 1, 1, 0, 1, 0]
        let y: [Double] = [1.2, 2.9, 2.1, 5.3, 4.8, 6.1, 8.2, 7.7]
        let design = try Matrix(columns: [Array(repeating: 1, count: 8), x1, x2, x3])
        return try OLS.fit(
            response: y, design: design, termNames: ["(Intercept)", "x1", "x2", "x3"], responseName: "y", interceptColumn: 0
        )
    }

    func fixedEffectsResult() throws -> FixedEffectsResult {
        let x: [Double] = [1, 2, 4, 2, 3, 3, 5, 1, 2]
        let y: [Double] = [2.0, 3.1, 5.2, 4.0, 4.9, 5.3, 9.1, 5.2, 6.3]
        let entity = GroupIndex(name: "id", codes: [0, 0, 0, 1, 1, 1, 2, 2, 2], count: 3, labels: ["a", "b", "c"])
        let model = try FixedEffectsModel(
            response: y, responseName: "spending", design: try Matrix(columns: [x]), termNames: ["x"], absorbed: [entity]
        )
        return try model.fit()
    }

    @Test func olsColumnHasRegressorsThenConstantAndOmittedLabel() throws {
        let result = try olsResult()
        let model = RegressionTableModel(result)
        #expect(model.header == "y")
        #expect(model.terms.map(\.name) == ["x1", "x3", "x2", "(Intercept)"])
        #expect(model.cell(forTerm: "x2") == .text("(omitted)"))
        let x1 = try #require(result.coefficient("x1"))
        #expect(model.cell(forTerm: "x1") == .estimate(CoefficientEstimate(
            estimate: x1.estimate, standardError: x1.standardError, pValue: x1.pValue)))
        #expect(model.statistics["observations"] == 8)
        #expect(model.statistics["adj_r2"] == result.adjR2)
        #expect(model.statistics["r2"] == result.r2)
        #expect(model.statistics["f"] == result.fStat)
    }

    @Test func omittedLabelCanBeSwitchedOff() throws {
        let model = RegressionTableModel(try olsResult(), header: "(1)", omittedLabel: nil)
        #expect(model.header == "(1)")
        #expect(model.cell(forTerm: "x2") == nil)
    }

    @Test func fixedEffectsColumnHasGroupsAndXtregAdjustedRSquared() throws {
        let result = try fixedEffectsResult()
        let model = RegressionTableModel(result)
        #expect(model.header == "spending")
        #expect(model.terms.map(\.name) == ["x", "(Intercept)"])
        #expect(model.statistics["observations"] == 9)
        #expect(model.statistics["groups"] == 3)
        #expect(model.statistics["adj_r2"] == result.adjR2)
        #expect(model.statistics["r2_within"] == result.r2Within)
        #expect(model.statistics["rho"] == result.rho)
    }

    @Test func resultsRenderSideBySide() throws {
        var table = RegressionTable(
            models: [RegressionTableModel(try olsResult(), header: "OLS"), RegressionTableModel(try fixedEffectsResult(), header: "FE")],
            statistics: [.observations(), .groups(), .adjustedRSquared()]
        )
        table.rows = [
            RegressionTableRow(term: "x1"), RegressionTableRow(term: "x"), RegressionTableRow(term: "(Intercept)", label: "Constant"),
        ]
        let csv = try table.rendered(as: .csv)
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == ",OLS,FE")
        #expect(lines[1].hasPrefix("x1,") && lines[1].hasSuffix(","))
        #expect(lines[3].hasPrefix("x,,"))
        #expect(lines[5].hasPrefix("Constant,"))
        #expect(csv.contains("\nObservations,8,9\n"))
        #expect(csv.contains("\nGroups,,3\n"))
    }
}
