import PanelStatsRegression

extension CoefficientEstimate {
    /// The estimate, standard error and two-sided p-value of a regression coefficient.
    public init(_ coefficient: Coefficient) {
        self.init(estimate: coefficient.estimate, standardError: coefficient.standardError, pValue: coefficient.pValue)
    }
}

extension RegressionTableModel {
    /// The term key of the constant in `OLSResult` and `FixedEffectsResult`.
    public static let interceptTerm = "(Intercept)"

    /// Appends `coefficients` with the constant last (esttab's and the VIVE report's order: regressors
    /// first, constant at the foot of the table), then the omitted terms printed as `omittedLabel`.
    mutating func append(coefficients: [Coefficient], omitted: [String], omittedLabel: String?) {
        for coefficient in coefficients where coefficient.term != Self.interceptTerm {
            setEstimate(coefficient.term, CoefficientEstimate(coefficient))
        }
        if let omittedLabel {
            for term in omitted {
                setCell(term, .text(omittedLabel))
            }
        }
        if let constant = coefficients.first(where: { $0.term == Self.interceptTerm }) {
            setEstimate(Self.interceptTerm, CoefficientEstimate(constant))
        }
    }

    /// A column from an OLS fit.
    ///
    /// Terms are the result's coefficients in formula order with `(Intercept)` moved last; terms dropped
    /// as collinear print `omittedLabel` (nil leaves their cells empty). Statistics: "observations" (nobs),
    /// "r2", "adj_r2" (`1 − (1 − R²)(n − 1)/(n − k)`), "rmse", "f" and "f_p" (model F test, when defined),
    /// "clusters" (with cluster-robust SEs).
    /// - Parameter header: the column header; the response's name by default.
    public init(_ result: OLSResult, header: String? = nil, omittedLabel: String? = "(omitted)") {
        self.init(header: header ?? result.response)
        append(coefficients: result.coefficients, omitted: result.omitted, omittedLabel: omittedLabel)
        statistics[RegressionTableStatistic.observationsKey] = Double(result.nobs)
        statistics[RegressionTableStatistic.rSquaredKey] = result.r2
        statistics[RegressionTableStatistic.adjustedRSquaredKey] = result.adjR2
        statistics["rmse"] = result.rmse
        if let test = result.modelF {
            statistics["f"] = test.statistic
            statistics["f_p"] = test.pValue
        }
        if let clusters = result.clusters {
            statistics["clusters"] = Double(clusters)
        }
    }

    /// A column from a fixed-effects (within) fit, in xtreg's conventions.
    ///
    /// Terms are the regressors in formula order, then the constant `(Intercept)` (xtreg's `_cons`);
    /// omitted terms print `omittedLabel`. Statistics: "observations" (nobs), "groups" (levels of the first
    /// absorbed factor, e.g. jobcentres), "r2" and "r2_within" (`e(r2_w)`), "adj_r2" (xtreg's `e(r2_a)`,
    /// can be negative), "r2_between" and "r2_overall" (Stata's squared correlations), "sigma_u",
    /// "sigma_e", "rho", "f" and "f_p" (model F), "clusters" (smallest cluster count, when clustered).
    /// A max VIF is not part of the fit; set `statistics["max_vif"]` from the descriptive layer.
    public init(_ result: FixedEffectsResult, header: String? = nil, omittedLabel: String? = "(omitted)") {
        self.init(header: header ?? result.response)
        append(coefficients: result.coefficients, omitted: result.omitted.map(\.term), omittedLabel: omittedLabel)
        statistics[RegressionTableStatistic.observationsKey] = Double(result.nobs)
        if let entity = result.fixedEffects.first {
            statistics[RegressionTableStatistic.groupsKey] = Double(entity.levels)
        }
        statistics[RegressionTableStatistic.rSquaredKey] = result.r2
        statistics["r2_within"] = result.r2Within
        statistics[RegressionTableStatistic.adjustedRSquaredKey] = result.adjR2
        statistics["r2_overall"] = result.r2Overall
        if let between = result.r2Between { statistics["r2_between"] = between }
        statistics["sigma_e"] = result.sigmaE
        if let sigmaU = result.sigmaU { statistics["sigma_u"] = sigmaU }
        if let rho = result.rho { statistics["rho"] = rho }
        if let test = result.modelF {
            statistics["f"] = test.statistic
            statistics["f_p"] = test.pValue
        }
        if let smallest = result.clusters.map(\.count).min() {
            statistics["clusters"] = Double(smallest)
        }
    }
}
