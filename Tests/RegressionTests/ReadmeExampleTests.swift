import Foundation
import PanelStatsData
import PanelStatsRegression
import Testing

/// The README's "Using the library from another package" snippet, compiled and run on the
/// bundled data, so the README cannot drift from the API.
@Suite("README example")
struct ReadmeExampleTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func olsSnippetRunsOnTheBundledLongleyData() throws {
        let data = try CSVReader.read(path: Self.repositoryRoot.appendingPathComponent("datasets/examples/longley.csv").path)
        let formula = try Formula.parse("y ~ x1 + x2 + x3 + x4 + x5 + x6")
        let result = try OLS.fit(formula: formula, data: data, covariance: .hc1)
        #expect(result.coefficients.map(\.term) == ["(Intercept)", "x1", "x2", "x3", "x4", "x5", "x6"])
        // NIST certified Longley coefficient of x6 (year): 1829.15146461355.
        let x6 = try #require(result.coefficients.last)
        #expect(abs(x6.estimate - 1829.15146461355) / 1829.15146461355 < 1e-9)
    }

    @Test func fixedEffectsSnippetRunsOnTheBundledGrunfeldData() throws {
        let data = try CSVReader.read(path: Self.repositoryRoot.appendingPathComponent("datasets/grunfeld/grunfeld.csv").path)
        let fe = try FixedEffectsModel.fit(
            formula: "inv ~ value + capital | firm", data: data, vce: .cluster(["firm"]),
            smallSampleCorrection: .stataXtreg)
        // plm / Stata xtreg, fe on Grunfeld: value 0.110124, capital 0.310065, within R² 0.76676.
        #expect(abs(fe.coefficients.first { $0.term == "value" }!.estimate - 0.110124) < 5e-7)
        #expect(abs(fe.r2Within - 0.76676) < 5e-6)
    }
}
