import Foundation
import PanelStats

/// Renders a ``FixedEffectsResult`` for `panelstats fit ... | id`: the table laid out like
/// Stata's `xtreg, fe` (text, Markdown, LaTeX), the stable JSON interface (OLS's keys, then the
/// fixed-effects keys), or a tidy CSV of the coefficients. Number formatting is `FitReport`'s.
struct FixedEffectsReport: FitRendering {
    let result: FixedEffectsResult

    var title: String { "Fixed-effects (within) regression: " + (result.formula ?? result.response) }

    var covarianceLabel: String {
        let ssc = "small-sample correction \(result.ssc)"
        switch result.vcov {
        case "iid": return "iid (classical), \(ssc)"
        case "hetero": return "heteroskedasticity-robust, \(ssc)"
        default:
            let counts = result.clusters.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
            return "clustered (\(counts) clusters), \(ssc); t and F use \(result.dfInference) df"
        }
    }

    func fLine(_ label: String, _ test: FTest?) -> String {
        guard let f = test else { return "\(label): not defined" }
        return "\(label): F(\(f.numeratorDegreesOfFreedom), \(FitReport.count(f.denominatorDegreesOfFreedom))) = "
            + "\(FitReport.number(f.statistic)), Prob > F = \(FitReport.pValue(f.pValue))"
    }

    var summaryLines: [String] {
        let groups = result.fixedEffects.first.map { "   Groups (\($0.name)): \($0.levels)" } ?? ""
        var lines = [
            "Observations: \(result.nobs)\(groups)   Residual df: \(result.dfResid)   Standard errors: \(covarianceLabel)",
            "R-squared: within = \(FitReport.fixed(result.r2Within, 4))"
                + (result.r2Between.map { "   between = \(FitReport.fixed($0, 4))" } ?? "")
                + "   overall = \(FitReport.fixed(result.r2Overall, 4))"
                + "   Adj. R-squared (within) = \(FitReport.fixed(result.adjR2, 4))",
        ]
        var sigmas = "sigma_e = \(FitReport.number(result.sigmaE))"
        if let su = result.sigmaU, let rho = result.rho {
            sigmas = "sigma_u = \(FitReport.number(su))   " + sigmas + "   rho = \(FitReport.number(rho)) (fraction of variance due to u_i)"
        }
        lines.append(sigmas)
        lines.append(fLine("Model F", result.modelF))
        lines.append(fLine("F test that all fixed effects are 0", result.fTestFixedEffects))
        let absorbed = result.fixedEffects.map { "\($0.name) (\($0.levels) levels, \($0.redundant) redundant)" }
        let transform = result.withinTransform
        let how = transform.method == "exact"
            ? "exact within transformation"
            : "\(transform.method), \(transform.iterations) sweeps, tolerance \(transform.tolerance)"
        lines.append("Absorbed: " + absorbed.joined(separator: ", ") + "; " + how)
        if result.singletonsDropped > 0 { lines.append("Singleton observations dropped: \(result.singletonsDropped)") }
        let absorbedTerms = result.omitted.filter { $0.reason == .collinearWithFixedEffects }.map(\.term)
        let collinearTerms = result.omitted.filter { $0.reason == .collinear }.map(\.term)
        if !absorbedTerms.isEmpty {
            lines.append("Omitted because collinear with the fixed effects: " + absorbedTerms.joined(separator: ", "))
        }
        if !collinearTerms.isEmpty {
            lines.append("Omitted because of collinearity: " + collinearTerms.joined(separator: ", "))
        }
        return lines
    }

    // MARK: - Text

    func text() -> String {
        CoefficientListing.text(title: title, coefficients: result.coefficients, summaryLines: summaryLines)
    }

    // MARK: - JSON

    /// OLS's keys in their order (`r2` is the within R², `adj_r2` xtreg's `e(r2_a)`, `rmse` σ_e),
    /// then the fixed-effects keys.
    func json() -> String {
        let fixedEffects = result.fixedEffects.map { f in
            JSONValue.object([("name", .string(f.name)), ("levels", .integer(f.levels)), ("redundant", .integer(f.redundant))])
        }
        let fTest: JSONValue = result.fTestFixedEffects.map { f in
            .object([
                ("stat", .number(f.statistic)), ("df1", .integer(f.numeratorDegreesOfFreedom)),
                ("df2", .number(f.denominatorDegreesOfFreedom)), ("p_value", .number(f.pValue)),
            ])
        } ?? .null
        let value = JSONValue.object([
            ("estimator", .string(result.estimator)),
            ("formula", result.formula.map(JSONValue.string) ?? .null),
            ("nobs", .integer(result.nobs)),
            ("df_resid", .integer(result.dfResid)),
            ("vcov", .string(result.vcov)),
            ("coefficients", CoefficientListing.json(result.coefficients)),
            ("omitted", .array(result.omitted.map { .string($0.term) })),
            ("r2", .number(result.r2)),
            ("adj_r2", .number(result.adjR2)),
            ("rmse", .number(result.sigmaE)),
            ("f_stat", .number(result.modelF?.statistic)),
            ("f_p_value", .number(result.modelF?.pValue)),
            ("dropped_missing", .integer(result.droppedMissing)),
            ("ssc", .string(result.ssc.description)),
            ("df_inference", .integer(result.dfInference)),
            ("clusters", .array(result.clusters.map { .object([("name", .string($0.name)), ("count", .integer($0.count))]) })),
            ("fixed_effects", .array(fixedEffects)),
            ("omitted_collinear_with_fixed_effects",
             .array(result.omitted.filter { $0.reason == .collinearWithFixedEffects }.map { .string($0.term) })),
            ("r2_within", .number(result.r2Within)),
            ("r2_between", .number(result.r2Between)),
            ("r2_overall", .number(result.r2Overall)),
            ("sigma_u", .number(result.sigmaU)),
            ("sigma_e", .number(result.sigmaE)),
            ("rho", .number(result.rho)),
            ("f_fe", fTest),
            ("singletons_dropped", .integer(result.singletonsDropped)),
            ("iterations", .integer(result.withinTransform.iterations)),
        ])
        return value.rendered()
    }

    // MARK: - Markdown and LaTeX (the Reporting layer's regression table)

    /// The fit as a one-column ``RegressionTable`` (see ``FitReport/regressionTable(title:model:coefficients:statistics:notes:)``):
    /// regressors, the constant last, then observations, groups, R² within and xtreg's adjusted R² (e(r2_a)).
    var regressionTable: RegressionTable {
        FitReport.regressionTable(
            title: title, model: RegressionTableModel(result), coefficients: result.coefficients,
            statistics: [
                .observations(), .groups(label: "Groups (\(result.fixedEffects.first?.name ?? "entity"))"),
                RegressionTableStatistic(key: "r2_within", label: "R² within", decimals: 4),
                .adjustedRSquared(label: "Adj. R² (within)", decimals: 4),
            ],
            notes: summaryLines)
    }

    func markdown() -> String { FitReport.render(regressionTable, as: .markdown) }

    func latex() -> String { FitReport.render(regressionTable, as: .latex) }

    // MARK: - CSV

    func csv() -> String { CoefficientListing.csv(result.coefficients) }
}
