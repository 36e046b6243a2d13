/// The results of an OLS fit: a value type that can be stored, compared, sent across tasks and
/// encoded (`Codable`, snake_case keys).
///
/// Conventions (those of R's `summary.lm`, Stata's `regress` and statsmodels' `OLS`):
/// - `r2 = 1 − RSS/TSS` with `TSS = Σwᵢ(yᵢ − ȳ_w)²` when the model has an intercept, and the
///   uncentred `TSS = Σwᵢyᵢ²` when it does not (as R and NIST StRD).
/// - `adjR2 = 1 − (1 − r2)(n − i)/(n − k)`, `i` = 1 with an intercept, 0 without.
/// - `rmse = √(RSS/(n − k))`, the residual standard error.
/// - The model F tests that every coefficient except the intercept is zero (all of them when
///   there is no intercept). With `iid` it is the classical `(ESS/q)/s²`; with a robust covariance
///   it is the Wald statistic with that covariance (Stata, statsmodels), on `(q, dfInference)`.
public struct OLSResult: Sendable, Hashable, Codable {
    /// Always `"ols"` (the within estimator reports `"within"`).
    public var estimator: String = "ols"
    /// The formula as given, when the fit came from one.
    public let formula: String?
    /// The response's name.
    public let response: String
    /// Observations used.
    public let nobs: Int
    /// Residual degrees of freedom `n − k` (k = estimated coefficients).
    public let dfResid: Int
    /// Degrees of freedom of the t and F reference distributions: `dfResid`, or G − 1 when clustered.
    public let dfInference: Int
    /// The covariance estimator behind the SEs.
    public let vcov: CovarianceType
    /// Number of clusters G with `cluster` covariance.
    public let clusters: Int?
    /// One row per estimated coefficient, in formula order.
    public let coefficients: [Coefficient]
    /// Terms dropped as zero or collinear with earlier terms, in formula order.
    public let omitted: [String]
    /// Whether the model has an intercept (decides centred vs uncentred R²).
    public let hasIntercept: Bool
    /// Residual sum of squares `Σwᵢeᵢ²`.
    public let rss: Double
    /// Total sum of squares (centred with an intercept, uncentred without).
    public let tss: Double
    public let r2: Double
    public let adjR2: Double
    public let rmse: Double
    /// The model F test, nil when nothing is tested (intercept-only model) or the covariance
    /// block is singular (more restrictions than G − 1 clusters allow).
    public let modelF: FTest?
    /// Observations dropped because of missing values.
    public let droppedMissing: Int
    /// fixest-style note on the dropped observations ("3 observations removed because of
    /// missing values: y 1, x2 2"), nil when none were dropped.
    public let missingNote: String?
    /// The estimated covariance matrix of the coefficients (rows in coefficient order).
    public let covariance: [[Double]]
    /// Residuals `yᵢ − ŷᵢ` of the observations used.
    public let residuals: [Double]
    /// Fitted values `ŷᵢ`.
    public let fitted: [Double]
    /// Confidence level of the intervals (0.95).
    public let confidenceLevel: Double

    /// The model F statistic (nil when not defined).
    public var fStat: Double? { modelF?.statistic }
    /// The model F test's p-value.
    public var fPValue: Double? { modelF?.pValue }

    /// The coefficient row of `term`, if it was estimated.
    public func coefficient(_ term: String) -> Coefficient? { coefficients.first { $0.term == term } }

    enum CodingKeys: String, CodingKey {
        case estimator, formula, response, nobs, dfResid = "df_resid", dfInference = "df_inference", vcov, clusters
        case coefficients, omitted, hasIntercept = "has_intercept", rss, tss, r2, adjR2 = "adj_r2", rmse
        case modelF = "model_f", droppedMissing = "dropped_missing", missingNote = "missing_note", covariance
        case residuals, fitted, confidenceLevel = "confidence_level"
    }
}
