import Foundation
import Testing

/// `panelstats fit` with absorbed fixed effects (`| id`): the within estimator's text and JSON, its
/// options (--ssc, --drop-singletons, --t-df) and its errors.
@Suite("panelstats fit | id (within estimator)")
struct FitWithinCommandTests {
    static let grunfeld = ["fit", "datasets/grunfeld/grunfeld.csv", "--formula", "inv ~ value + capital | firm"]
    static let panel = "Tests/RegressionTests/Fixtures/fe/panel_seed1.csv"

    /// plm's Grunfeld numbers (value 0.110124, SE 0.011857; R² within 0.7668, F(2, 188) = 309.0142)
    /// and Stata's `_cons` −58.74394 in the Stata-like table.
    @Test func fitsGrunfeldLikeXtreg() throws {
        let output = try CLIRunner.run(Self.grunfeld)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Fixed-effects (within) regression: inv ~ value + capital | firm"))
        #expect(output.stdout.contains("0.1101238"))
        #expect(output.stdout.contains("0.01185669"))
        #expect(output.stdout.contains("-58.74394"))
        #expect(output.stdout.contains("within = 0.7668"))
        #expect(output.stdout.contains("Adj. R-squared (within) = 0.7531"))
        #expect(output.stdout.contains("F(2, 188) = 309.0142"))
        #expect(output.stdout.contains("F(9, 188) = 49.17663"))
    }

    /// The JSON has OLS's keys, then the fixed-effects keys in the documented order.
    @Test func jsonHasTheDocumentedFixedEffectsKeys() throws {
        let output = try CLIRunner.run(Self.grunfeld + ["--vcov", "cluster:firm", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix(
            #"{"estimator":"within","formula":"inv ~ value + capital | firm","nobs":200,"df_resid":188,"vcov":"cluster:firm","coefficients":[{"term":"(Intercept)","#))
        let keys = [
            "\"adj_r2\":", "\"f_stat\":", "\"dropped_missing\":0", "\"fixed_effects\":[{\"name\":\"firm\",\"levels\":10,\"redundant\":0}]",
            "\"r2_within\":", "\"r2_between\":", "\"r2_overall\":", "\"sigma_u\":", "\"sigma_e\":", "\"rho\":",
            "\"f_fe\":{\"stat\":", "\"df1\":9,\"df2\":188,\"p_value\":", "\"singletons_dropped\":0", "\"iterations\":1}",
        ]
        var position = output.stdout.startIndex
        for key in keys {
            let range = try #require(output.stdout.range(of: key, range: position..<output.stdout.endIndex), "\(key)")
            position = range.upperBound
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let adj = try #require(object["adj_r2"] as? Double)
        #expect(abs(adj - 0.753110421095106) < 1e-12)
    }

    /// `--ssc stata-areg` counts the absorbed levels: with the entity nested in its own cluster the
    /// SEs grow by √((N − K − 1)/(N − K − G)) = √(197/188) relative to stata-xtreg.
    @Test func sscChangesTheClusteredStandardErrors() throws {
        func se(_ ssc: String) throws -> Double {
            let output = try CLIRunner.run(Self.grunfeld + ["--vcov", "cluster:firm", "--ssc", ssc, "--format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let coefficients = try #require(object["coefficients"] as? [[String: Any]])
            return try #require(coefficients[1]["std_error"] as? Double)
        }
        let ratio = try se("stata-areg") / se("stata-xtreg")
        #expect(abs(ratio - (197.0 / 188.0).squareRoot()) < 1e-12)
    }

    @Test func droppedSingletonsAreCountedAndNoted() throws {
        let output = try CLIRunner.run([
            "fit", Self.panel, "--formula", "y ~ x1 + x2 + x3 + factor(year) | id", "--drop-singletons", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("\"singletons_dropped\":10"))  // pyfixest: 304 → 294 observations
        #expect(output.stdout.contains("\"nobs\":294"))
        #expect(output.stderr.contains("10 singleton observations dropped"))
    }

    @Test func twoWayClusteringAndMultiwayFixedEffectsRun() throws {
        let output = try CLIRunner.run([
            "fit", Self.panel, "--formula", "y ~ x1 + x2 + x3 | id + year", "--vcov", "cluster:region+state",
            "--ssc", "fixest",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Absorbed: id (60 levels, 0 redundant), year (10 levels, 1 redundant); alternating projections"))
        #expect(output.stdout.contains("region 12"))
    }

    @Test(arguments: [
        (["--ssc", "stata"], "unknown small-sample correction 'stata'"),
        (["--vcov", "hc3"], "--vcov hc3 is not available with absorbed fixed effects"),
        (["--vcov", "cluster:nosuch"], "nosuch"),
        (["--t-df", "large"], "unknown --t-df 'large'"),
    ])
    func badOptionsAreOneLineErrors(extra: [String], message: String) throws {
        let output = try CLIRunner.run(Self.grunfeld + extra)
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("panelstats: error:"))
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1)
    }

    @Test func aSingleEntityIsAnError() throws {
        let path = try CLIRunner.temporaryCSV("id,x,y\na,1,2\na,2,3\na,3,5\n")
        let output = try CLIRunner.run(["fit", path, "--formula", "y ~ x | id"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("id has a single level (a): fixed effects need at least two"))
    }

    @Test func aRowWithoutAnEntityIsReported() throws {
        let path = try CLIRunner.temporaryCSV("id,x,y\na,1,2\n,2,3\na,3,5\nb,1,1\nb,2,4\nb,4,4\n")
        let output = try CLIRunner.run(["fit", path, "--formula", "y ~ x | id"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("1 observation removed because of missing values: id 1"))
    }
}
