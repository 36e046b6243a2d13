import Foundation
import PanelStats

/// The output formats of `panelstats fit`.
enum FitFormat: String, CaseIterable {
    case text, json, markdown, latex, csv
}

/// A fit's report in each of the ``FitFormat``s; `rendered(as:)` picks one.
protocol FitRendering {
    func text() -> String
    func json() -> String
    func markdown() -> String
    func latex() -> String
    func csv() -> String
}

extension FitRendering {
    func rendered(as format: FitFormat) -> String {
        switch format {
        case .text: return text()
        case .json: return json()
        case .markdown: return markdown()
        case .latex: return latex()
        case .csv: return csv()
        }
    }
}

/// Renders an ``OLSResult`` for `panelstats fit`: a regression table in the layout of R's
/// `summary.lm` / Stata's `regress` (text, Markdown, LaTeX), the stable JSON interface, or a tidy
/// CSV of the coefficients.
struct FitReport: FitRendering {
    let result: OLSResult

    // MARK: - Shared pieces

    var covarianceLabel: String {
        switch result.vcov {
        case .iid: return "iid (classical)"
        case .hc0: return "heteroskedasticity-robust HC0"
        case .hc1: return "heteroskedasticity-robust HC1"
        case .hc2: return "heteroskedasticity-robust HC2"
        case .hc3: return "heteroskedasticity-robust HC3"
        case .cluster(let variable):
            return "clustered by \(variable) (\(result.clusters ?? 0) clusters, CR1); t and F use \(result.dfInference) df"
        }
    }

    var fLine: String {
        guard let f = result.modelF else { return "F test: not defined" }
        return "F(\(f.numeratorDegreesOfFreedom), \(Self.count(f.denominatorDegreesOfFreedom))) = "
            + "\(Self.number(f.statistic)), Prob > F = \(Self.pValue(f.pValue))"
    }

    /// The statistics lines printed under the table.
    var summaryLines: [String] {
        var lines = [
            "Observations: \(result.nobs)   Residual df: \(result.dfResid)   Standard errors: \(covarianceLabel)",
            "R-squared: \(Self.fixed(result.r2, 4))\(result.hasIntercept ? "" : " (uncentred)")   "
                + "Adj. R-squared: \(Self.fixed(result.adjR2, 4))   Root MSE: \(Self.number(result.rmse))",
            fLine,
        ]
        if !result.omitted.isEmpty {
            lines.append("Omitted because of collinearity: " + result.omitted.joined(separator: ", "))
        }
        return lines
    }

    // MARK: - Text

    func text() -> String {
        CoefficientListing.text(
            title: "OLS regression: " + (result.formula ?? result.response), coefficients: result.coefficients,
            summaryLines: summaryLines)
    }

    // MARK: - JSON

    /// The stable interface: keys in the documented order, non-finite numbers as `null`.
    func json() -> String {
        let value = JSONValue.object([
            ("estimator", .string(result.estimator)),
            ("formula", result.formula.map(JSONValue.string) ?? .null),
            ("nobs", .integer(result.nobs)),
            ("df_resid", .integer(result.dfResid)),
            ("vcov", .string(result.vcov.description)),
            ("coefficients", CoefficientListing.json(result.coefficients)),
            ("omitted", .array(result.omitted.map(JSONValue.string))),
            ("r2", .number(result.r2)),
            ("adj_r2", .number(result.adjR2)),
            ("rmse", .number(result.rmse)),
            ("f_stat", .number(result.fStat)),
            ("f_p_value", .number(result.fPValue)),
            ("dropped_missing", .integer(result.droppedMissing)),
        ])
        return value.rendered()
    }

    // MARK: - Markdown and LaTeX (the Reporting layer's regression table)

    /// The fit as a one-column ``RegressionTable``: coefficient with stars and (SE) beneath, constant
    /// last, then observations, R² and adjusted R²; the covariance, F test and omitted terms as notes.
    var regressionTable: RegressionTable {
        FitReport.regressionTable(
            title: "OLS regression: " + (result.formula ?? result.response), model: RegressionTableModel(result),
            coefficients: result.coefficients,
            statistics: [.observations(), .rSquared(decimals: 4), .adjustedRSquared(decimals: 4)], notes: summaryLines)
    }

    func markdown() -> String { FitReport.render(regressionTable, as: .markdown) }

    func latex() -> String { FitReport.render(regressionTable, as: .latex) }

    /// A regression table for `panelstats fit`: stars `*** p<0.01, ** p<0.05, * p<0.1`, and per row as many
    /// decimals as give the standard error three significant digits (between 0 and 10), so 0.0358 (0.0335)
    /// and -3482259 (890420) both read well.
    static func regressionTable(
        title: String, model: RegressionTableModel, coefficients: [Coefficient], statistics: [RegressionTableStatistic],
        notes: [String]
    ) -> RegressionTable {
        let rows = model.terms.map { term -> RegressionTableRow in
            let se = coefficients.first { $0.term == term.name }?.standardError ?? .nan
            let decimals = se.isFinite && se > 0 ? min(10, max(0, 2 - Int(floor(log10(se))))) : 3
            return RegressionTableRow(term: term.name, coefficientDecimals: decimals, standardErrorDecimals: decimals)
        }
        return RegressionTable(title: title, models: [model], rows: rows, statistics: statistics, notes: notes)
    }

    /// Renders a table built by ``regressionTable(title:model:coefficients:statistics:notes:)``; it always
    /// has one model and no column groups, the only cases in which rendering can fail.
    static func render(_ table: RegressionTable, as format: RegressionTableFormat) -> String {
        (try? table.rendered(as: format)) ?? ""
    }

    // MARK: - CSV

    /// A tidy table of the coefficients, full precision (shortest round-trip decimal).
    func csv() -> String { CoefficientListing.csv(result.coefficients) }

    // MARK: - Numbers

    /// 7 significant digits, fixed notation for magnitudes 1e-4 … 1e9, scientific beyond.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "Inf" : "-Inf") }
        if x == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(x))))
        if magnitude < -4 || magnitude >= 9 { return String(format: "%.6e", x) }
        return String(format: "%.*f", max(0, 6 - magnitude), x)
    }

    static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return number(x) }
        return String(format: "%.*f", decimals, x)
    }

    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "NaN" }
        return p < 1e-4 ? String(format: "%.2e", p) : String(format: "%.4f", p)
    }

    static func count(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
