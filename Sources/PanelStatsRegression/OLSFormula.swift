import PanelStatsData

extension OLS {
    /// Fits `formula` (`y ~ x1 + factor(year) + I(x^2)`, R syntax) to `data`.
    ///
    /// Rows missing any variable the fit reads (response, terms, cluster, weights) are dropped
    /// listwise and reported on the result (``OLSResult/droppedMissing``, ``OLSResult/missingNote``,
    /// fixest-style). The design's column names are the formula's term names; the intercept is
    /// `(Intercept)`.
    ///
    /// - Parameters:
    ///   - covariance: `.cluster(variable:)` names a column of `data` (any type: numbers or text).
    ///   - weights: the name of a column of analytic weights (`wᵢ > 0`), or nil.
    /// - Throws: ``RegressionError/data(_:)`` for formula syntax, unknown variables, text in a
    ///   numeric column and other data problems (the message names the file, line or variable),
    ///   and the other ``RegressionError`` cases for problems of the fit itself.
    public static func fit(
        formula text: String, data: DataFrame, covariance: CovarianceType = .iid, weights: String? = nil,
        rankTolerance: Double = LeastSquares.defaultRankTolerance, confidenceLevel: Double = 0.95
    ) throws(RegressionError) -> OLSResult {
        let formula: Formula
        do { formula = try Formula.parse(text) } catch { throw .data(error.description) }
        return try fit(
            formula: formula, text: text, data: data, covariance: covariance, weights: weights,
            rankTolerance: rankTolerance, confidenceLevel: confidenceLevel)
    }

    /// Fits a parsed `formula` to `data`, exactly as the overload taking the formula text.
    public static func fit(
        formula: Formula, data: DataFrame, covariance: CovarianceType = .iid, weights: String? = nil,
        rankTolerance: Double = LeastSquares.defaultRankTolerance, confidenceLevel: Double = 0.95
    ) throws(RegressionError) -> OLSResult {
        try fit(
            formula: formula, text: formula.description, data: data, covariance: covariance, weights: weights,
            rankTolerance: rankTolerance, confidenceLevel: confidenceLevel)
    }

    private static func fit(
        formula: Formula, text: String, data: DataFrame, covariance: CovarianceType, weights: String?,
        rankTolerance: Double, confidenceLevel: Double
    ) throws(RegressionError) -> OLSResult {
        guard formula.absorbed.isEmpty else {
            throw .data(
                "the formula absorbs fixed effects (| \(formula.absorbed.joined(separator: " + "))); "
                    + "OLS does not, use the within estimator")
        }
        var additional: [String] = []
        if let variable = covariance.clusterVariable { additional.append(variable) }
        if let weights { additional.append(weights) }

        let frame: ModelFrame
        var clustering: Clustering? = nil
        var weightValues: [Double]? = nil
        do {
            frame = try ModelFrame(formula: formula, data: data, additionalVariables: additional)
            FitPhaseClock.mark("prepare")
            if let variable = covariance.clusterVariable {
                let groups = try frame.groups(variable)
                clustering = try Clustering(variable: variable, codes: groups.codes, count: groups.count)
            }
            if let weights { weightValues = try frame.numeric(weights) }
        } catch let error as DataError {
            throw .data(error.description)
        } catch let error as RegressionError {
            throw error
        } catch {
            throw .data("\(error)")
        }
        let missing = frame.missing
        return try fit(
            response: frame.response, design: frame.design, termNames: frame.termNames,
            responseName: formula.response, interceptColumn: frame.hasIntercept ? 0 : nil, covariance: covariance,
            clustering: clustering, weights: weightValues, formula: text, droppedMissing: missing.count,
            missingNote: missing.count > 0 ? missing.description : nil, rankTolerance: rankTolerance,
            confidenceLevel: confidenceLevel)
    }
}
