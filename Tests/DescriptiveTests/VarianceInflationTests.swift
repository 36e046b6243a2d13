import Testing
import PanelStatsLinearAlgebra
@testable import PanelStatsDescriptive

@Suite("Variance inflation factors against statsmodels")
struct VarianceInflationTests {
    let fixture: VIFFixture
    let design: Matrix

    init() throws {
        fixture = try loadFixture("vif.json")
        design = try Matrix(columns: fixture.columns)
    }

    /// statsmodels' `variance_inflation_factor` on [const, X] (= Stata's centred `estat vif`), 1e-10 relative.
    @Test func pooledVIFMatchesStatsmodels() throws {
        let v = try VarianceInflation(pooled: design, names: fixture.names)
        for (got, expected) in zip(v.vif, fixture.pooled_vif) { #expect(close(got, expected, relative: 1e-10)) }
        #expect(v.maximum?.variable == "x1")
        #expect(v.nobs == design.rows)
    }

    /// statsmodels on [const, entity-demeaned X] (demeaned by pandas groupby), 1e-10 relative.
    @Test func withinVIFMatchesStatsmodelsOnDemeanedDesign() throws {
        let v = try VarianceInflation(within: design, names: fixture.names, entity: fixture.entity)
        #expect(v.design == .within)
        for (got, expected) in zip(v.vif, fixture.within_vif) { #expect(close(got, expected, relative: 1e-10)) }
    }

    @Test func rowsWithMissingRegressorsAreDropped() throws {
        var columns = fixture.columns
        columns[1][0] = .nan
        let v = try VarianceInflation(pooled: try Matrix(columns: columns), names: fixture.names)
        #expect(v.nobs == design.rows - 1)
    }

    @Test func constantRegressorIsNamed() throws {
        var columns = fixture.columns
        columns.append([Double](repeating: 3, count: design.rows))
        #expect(throws: DescriptiveError.zeroVariance(
            variable: "k", context: "VIF (pooled design) (the constant is implied; leave it out of the design)")) {
            try VarianceInflation(pooled: try Matrix(columns: columns), names: fixture.names + ["k"])
        }
    }

    @Test func timeInvariantRegressorIsNamedInTheWithinDesign() throws {
        var columns = fixture.columns
        columns.append(fixture.entity.map { Double($0 % 3) })
        #expect(throws: DescriptiveError.self) {
            try VarianceInflation(within: try Matrix(columns: columns), names: fixture.names + ["region"],
                                  entity: fixture.entity)
        }
    }

    @Test func exactlyCollinearRegressorIsNamed() throws {
        var columns = fixture.columns
        columns.append(zip(columns[0], columns[1]).map { 2 * $0 - $1 })
        #expect(throws: DescriptiveError.collinear(variable: "combo", design: "VIF (pooled design)")) {
            try VarianceInflation(pooled: try Matrix(columns: columns), names: fixture.names + ["combo"])
        }
    }
}
