import Foundation
import Testing

/// `panelstats fit` end to end: the bundled example, the JSON interface, and bad input (one
/// `panelstats: error:` line on stderr, exit status 1, never a crash).
@Suite("panelstats fit")
struct FitCommandTests {
    static let longley = ["fit", "datasets/examples/longley.csv", "--formula", "y ~ x1 + x2 + x3 + x4 + x5 + x6"]

    @Test func fitsTheBundledExample() throws {
        let output = try CLIRunner.run(Self.longley)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("OLS regression: y ~ x1 + x2 + x3 + x4 + x5 + x6"))
        #expect(output.stdout.contains("(Intercept)"))
        #expect(output.stdout.contains("1829.151"))  // NIST: 0.182915146461355E+04
        #expect(output.stdout.contains("R-squared: 0.9955"))
        #expect(output.stderr.isEmpty)
    }

    /// The JSON keys come in the documented order and carry NIST's certified Longley values.
    @Test func jsonHasTheDocumentedShape() throws {
        let output = try CLIRunner.run(Self.longley + ["--format", "json", "--vcov", "hc1"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix(
            #"{"estimator":"ols","formula":"y ~ x1 + x2 + x3 + x4 + x5 + x6","nobs":16,"df_resid":9,"vcov":"hc1","coefficients":[{"term":"(Intercept)","estimate":"#))
        let keys = ["\"omitted\":[]", "\"r2\":", "\"adj_r2\":", "\"rmse\":", "\"f_stat\":", "\"f_p_value\":", "\"dropped_missing\":0}"]
        var position = output.stdout.startIndex
        for key in keys {
            let range = try #require(output.stdout.range(of: key, range: position..<output.stdout.endIndex), "\(key)")
            position = range.upperBound
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.count == 7)
        let x6 = try #require(coefficients.last)
        #expect(Set(x6.keys) == ["term", "estimate", "std_error", "t", "p_value", "ci_low", "ci_high"])
        let estimate = try #require(x6["estimate"] as? Double)
        #expect(abs(estimate - 1829.15146461355) / 1829.15146461355 < 1e-10)
    }

    @Test func collinearTermIsReportedOmitted() throws {
        let output = try CLIRunner.run([
            "fit", "Tests/RegressionTests/Fixtures/ols/ols_data.csv", "--formula", "y ~ x1 + x2 + x3", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains(#""omitted":["x3"]"#))
    }

    @Test(arguments: ["markdown", "latex", "csv"])
    func otherFormatsListEveryTerm(_ format: String) throws {
        let output = try CLIRunner.run(Self.longley + ["--format", format])
        #expect(output.status == 0, "\(output.stderr)")
        for term in ["x1", "x2", "x3", "x4", "x5", "x6"] { #expect(output.stdout.contains(term)) }
    }

    @Test func missingValuesAreNotedOnStandardError() throws {
        let path = try CLIRunner.temporaryCSV("y,x\n1,1\nNA,2\n2,2\n4,4\n3,5\n")
        let output = try CLIRunner.run(["fit", path, "--formula", "y ~ x"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("1 observation removed because of missing values: y 1"))
        #expect(output.stdout.contains("Observations: 4"))
    }

    // MARK: - Bad input

    static func expectFailure(_ arguments: [String], mentions fragments: [String]) throws {
        let output = try CLIRunner.run(arguments)
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("panelstats: error: "), "\(output.stderr)")
        for fragment in fragments { #expect(output.stderr.contains(fragment), "\(output.stderr)") }
    }

    @Test func missingFileIsAnError() throws {
        try Self.expectFailure(
            ["fit", "no/such/file.csv", "--formula", "y ~ x"], mentions: ["no/such/file.csv", "no such file"])
    }

    @Test func textInANumericColumnIsAnError() throws {
        let path = try CLIRunner.temporaryCSV("y,x\n1,1\n2,abc\n3,2\n4,5\n")
        try Self.expectFailure(["fit", path, "--formula", "y ~ x"], mentions: ["'x'", "abc", "not a number"])
    }

    @Test func unknownVariableIsAnError() throws {
        try Self.expectFailure(
            ["fit", "datasets/examples/longley.csv", "--formula", "y ~ x1 + x7"], mentions: ["'x7'", "not a column"])
    }

    @Test func formulaSyntaxErrorIsAnError() throws {
        try Self.expectFailure(["fit", "datasets/examples/longley.csv", "--formula", "y ~ x1 +"], mentions: ["y ~ x1 +"])
    }

    @Test func constantResponseIsAnError() throws {
        let path = try CLIRunner.temporaryCSV("y,x\n2,1\n2,2\n2,3\n")
        try Self.expectFailure(["fit", path, "--formula", "y ~ x"], mentions: [path, "constant", "R² is undefined"])
    }

    @Test func tooFewObservationsIsAnError() throws {
        let path = try CLIRunner.temporaryCSV("y,x1,x2\n1,2,3\n2,1,5\n")
        try Self.expectFailure(["fit", path, "--formula", "y ~ x1 + x2"], mentions: ["2 observations for 3 parameters"])
    }

    @Test func unknownCovarianceIsAnError() throws {
        try Self.expectFailure(Self.longley + ["--vcov", "hc9"], mentions: ["hc9", "cluster:VARIABLE"])
    }

    @Test func singleClusterIsAnError() throws {
        let path = try CLIRunner.temporaryCSV("y,x,g\n1,1,a\n2,3,a\n2,2,a\n4,5,a\n")
        try Self.expectFailure(
            ["fit", path, "--formula", "y ~ x", "--vcov", "cluster:g"], mentions: ["cluster variable g has a single level"])
    }
}
