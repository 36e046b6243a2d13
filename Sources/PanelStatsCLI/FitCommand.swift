import ArgumentParser
import PanelStats

extension FitFormat: ExpressibleByArgument {}

/// `panelstats fit DATA.csv --formula "y ~ x1 + x2" [--vcov …] [--format …]`: reads the CSV, fits
/// OLS, prints the table (stdout). The missing-value note and errors go to stderr; any error is
/// one `panelstats: error: …` line and exit status 1.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a linear regression (OLS, or the within estimator with | fixed effects) to a CSV file.",
        discussion: """
            Formulas use R syntax: y ~ x1 + x2 (intercept by default; - 1 or + 0 removes it), \
            factor(v) and factor(v, ref=2014) for categorical variables, I(x^2), log(x). Rows with a \
            missing value (empty, NA, .) in any variable used are dropped and reported. Collinear \
            terms are dropped in formula order and reported as omitted. With absorbed fixed effects \
            (y ~ x + factor(year) | id, or | a + b for several) the within estimator follows Stata's \
            xtreg, fe: the constant is reported, adj_r2 is e(r2_a), and --ssc picks the small-sample \
            correction by the peer it reproduces.
            """)

    @Argument(help: "The CSV file (header row; comma-separated).")
    var data: String

    @Option(help: "The model, e.g. \"y ~ x1 + factor(year)\".")
    var formula: String

    @Option(help: "Covariance estimator: iid, hc0, hc1, hc2, hc3 or cluster:VARIABLE.")
    var vcov: String = "iid"

    @Option(help: "A column of analytic weights (positive), for weighted least squares.")
    var weights: String?

    @Option(help: "Output format: text, json, markdown, latex or csv.")
    var format: FitFormat = .text

    @Option(help: """
        With absorbed fixed effects (| id): the small-sample correction, named after its peer: \
        stata-xtreg (default), stata-areg, fixest, linearmodels[:group_debias,not_debiased] or none.
        """)
    var ssc: String = "stata-xtreg"

    @Flag(help: "With absorbed fixed effects: drop singleton observations iteratively (as reghdfe, fixest).")
    var dropSingletons = false

    @Option(help: "With absorbed fixed effects: t degrees of freedom, min (G - 1 when clustered) or conventional.")
    var tDf: String = "min"

    @Flag(help: "Print the time of each phase on stderr: load (CSV), prepare (model frame, within transformation), solve (least squares), covariance (covariance and statistics).")
    var timings = false

    func run() throws {
        if timings, FitPhaseClock.current == nil { return try runTimed() }
        if formula.contains("|") { return try runWithin() }
        let result: OLSResult
        do {
            let covariance = try CovarianceType(parsing: vcov)
            let frame = try CSVReader.read(path: data)
            FitPhaseClock.mark("load")
            result = try OLS.fit(formula: formula, data: frame, covariance: covariance, weights: weights)
            FitPhaseClock.mark("covariance")
        } catch let error as DataError {
            throw failure(error.description)
        } catch let error as RegressionError {
            if case .data(let message) = error { throw failure(message) }
            throw failure("\(data): \(error.description)")
        } catch {
            throw failure("\(error)")
        }
        if let note = result.missingNote { printError("NOTE: \(note).") }
        print(FitReport(result: result).rendered(as: format))
    }
}
