import PanelStatsLinearAlgebra

/// Ordinary (and weighted) least squares with the usual inference: the estimator of
/// `panelstats fit` without absorbed fixed effects.
///
/// The numerical core is ``LeastSquares/fit(response:design:weights:rankTolerance:)``
/// (Householder QR, collinear columns dropped in formula order, iterative refinement); the
/// covariance estimators are described on ``CovarianceType``; the reported statistics on
/// ``OLSResult``.
public enum OLS {
    /// Fits `response` on the columns of `design`.
    ///
    /// - Parameters:
    ///   - termNames: one name per design column (`(Intercept)`, `x1`, …), used in the output.
    ///   - interceptColumn: the design column holding the intercept, nil for a model without one
    ///     (then R² is uncentred and the F test covers every coefficient).
    ///   - covariance: the covariance estimator; `.cluster` needs `clustering`.
    ///   - clustering: cluster codes per observation, for `.cluster`.
    ///   - weights: analytic weights; the fit minimises `Σwᵢeᵢ²` (statsmodels `WLS`).
    ///   - droppedMissing, missingNote: what the caller dropped before, carried into the result.
    /// - Throws: ``RegressionError`` — never traps on bad data.
    public static func fit(
        response: [Double], design: Matrix, termNames: [String], responseName: String = "y",
        interceptColumn: Int? = nil, covariance: CovarianceType = .iid, clustering: Clustering? = nil,
        weights: [Double]? = nil, formula: String? = nil, droppedMissing: Int = 0, missingNote: String? = nil,
        rankTolerance: Double = LeastSquares.defaultRankTolerance, confidenceLevel: Double = 0.95
    ) throws(RegressionError) -> OLSResult {
        let n = design.rows
        guard termNames.count == design.columns else {
            throw .dimensionMismatch("\(termNames.count) term names for \(design.columns) design columns")
        }
        guard response.count == n else {
            throw .dimensionMismatch("response \(responseName) has \(response.count) observations, design has \(n) rows")
        }
        guard n > 0 else { throw .noObservations("no complete observation remains") }
        if let i = response.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(what: "response \(responseName)", observation: i)
        }
        for j in 0..<design.columns {
            if let i = design.withColumn(j, { $0.firstIndex { !$0.isFinite } }) {
                throw .nonFinite(what: "term \(termNames[j])", observation: i)
            }
        }
        let hasIntercept = interceptColumn != nil
        if let first = response.first {
            let constant = response.allSatisfy { $0 == first }
            if constant && (hasIntercept || first == 0) { throw .constantResponse(responseName) }
        }
        if let clustering, clustering.codes.count != n {
            throw .invalidClusterCodes("\(clustering.codes.count) cluster codes for \(n) observations")
        }

        let fit = try LeastSquares.fit(response: response, design: design, weights: weights, rankTolerance: rankTolerance)
        FitPhaseClock.mark("solve")
        let k = fit.rank
        let dfResid = n - k
        let sigma2 = fit.rss / Double(dfResid)

        // Total sum of squares: centred about the (weighted) mean with an intercept, else uncentred.
        var center = 0.0
        if hasIntercept {
            let w = weights ?? [Double](repeating: 1, count: n)
            center = compensatedSum((0..<n).map { w[$0] * response[$0] }) / compensatedSum(w)
        }
        let tss = compensatedSumOfSquares(response.map { $0 - center }, weights: weights)
        guard tss > 0 else { throw .constantResponse(responseName) }
        // R² = 1 − RSS/TSS = ESS/TSS. RSS is stationary in β (first-order insensitive to β's
        // rounding), so 1 − RSS/TSS is the accurate form — unless R² is small and the subtraction
        // cancels (NIST Wampler5: R² = 0.0022); then ESS = Σwᵢ(ŷᵢ − ȳ)² is formed directly, with
        // ŷ − ȳ in double-double.
        var ess = tss - fit.rss
        if fit.rss > 0.5 * tss {
            let deviations = compensatedResiduals(
                response: [Double](repeating: center, count: n), design: design, columns: fit.keptColumns,
                coefficients: fit.coefficients)
            ess = compensatedSumOfSquares(deviations, weights: weights)
        }
        let r2 = ess / tss
        let adjR2 = 1 - (1 - r2) * Double(n - (hasIntercept ? 1 : 0)) / Double(dfResid)

        let (vcov, dfInference, clusters) = try covarianceMatrix(
            fit: fit, design: design, sigma2: sigma2, type: covariance, clustering: clustering)

        let keptNames = fit.keptColumns.map { termNames[$0] }
        let table = try Coefficient.table(
            terms: keptNames, estimates: fit.coefficients, covariance: vcov,
            degreesOfFreedom: Double(dfInference), level: confidenceLevel)

        // Model F: every kept coefficient except the intercept.
        let tested = fit.keptColumns.indices.filter { fit.keptColumns[$0] != interceptColumn }
        var modelF: FTest? = nil
        if !tested.isEmpty {
            if covariance == .iid {
                modelF = try FTest(
                    statistic: ess / Double(tested.count) / sigma2, numerator: tested.count, denominator: Double(dfResid))
            } else if clusters.map({ tested.count <= $0 - 1 }) ?? true {
                modelF = try FTest.wald(
                    coefficients: fit.coefficients, covariance: vcov, testing: tested, denominator: Double(dfInference))
            }
        }

        return OLSResult(
            formula: formula, response: responseName, nobs: n, dfResid: dfResid, dfInference: dfInference,
            vcov: covariance, clusters: clusters, coefficients: table,
            omitted: fit.omittedColumns.map { termNames[$0] }, hasIntercept: hasIntercept, rss: fit.rss, tss: tss,
            r2: r2, adjR2: adjR2, rmse: sigma2.squareRoot(), modelF: modelF, droppedMissing: droppedMissing,
            missingNote: missingNote, covariance: (0..<k).map { vcov.row($0) }, residuals: fit.residuals,
            fitted: fit.fitted, confidenceLevel: confidenceLevel)
    }

    /// `Var(β̂)` for `type` (see ``CovarianceType`` for the formulas), with the degrees of freedom
    /// for inference and the number of clusters.
    static func covarianceMatrix(
        fit: LeastSquaresFit, design: Matrix, sigma2: Double, type: CovarianceType, clustering: Clustering?
    ) throws(RegressionError) -> (Matrix, dfInference: Int, clusters: Int?) {
        let n = fit.observations, k = fit.rank
        let bread = fit.inverseGram
        if type == .iid {
            var v = bread
            for i in v.storage.indices { v.storage[i] *= sigma2 }
            return (v, n - k, nil)
        }
        // The meat uses the √w-scaled rows and residuals.
        var x = design.selectingColumns(fit.keptColumns)
        var e = fit.residuals
        if let w = fit.weights {
            let root = w.map { $0.squareRoot() }
            x.storage.withUnsafeMutableBufferPointer { s in
                for j in 0..<k { for i in 0..<n { s[j * n + i] *= root[i] } }
            }
            for i in 0..<n { e[i] *= root[i] }
        }
        switch type {
        case .iid:
            return (bread, n - k, nil)  // handled above
        case .hc0, .hc1:
            let meat = try Sandwich.heteroskedasticMeat(design: x, residuals: e, kind: .squaredResidual)
            let scale = type == .hc1 ? Sandwich.hc1Correction(observations: n, parameters: k) : 1
            return (try Sandwich.covariance(bread: bread, meat: meat, scale: scale), n - k, nil)
        case .hc2, .hc3:
            let meat = try Sandwich.heteroskedasticMeat(
                design: x, residuals: e, leverages: try fit.leverages(),
                kind: type == .hc2 ? .leverageAdjusted : .jackknife)
            return (try Sandwich.covariance(bread: bread, meat: meat), n - k, nil)
        case .cluster(let variable):
            guard let clustering else { throw .missingClusterCodes(variable) }
            let g = clustering.clustersPresent
            guard g >= 2 else { throw .singleCluster(variable) }
            let meat = try Sandwich.clusterMeat(
                design: x, residuals: e, clusters: clustering.codes, clusterCount: clustering.count)
            let scale = Sandwich.clusterCorrection(clusters: g, observations: n, parameters: k)
            return (try Sandwich.covariance(bread: bread, meat: meat, scale: scale), g - 1, g)
        }
    }
}
