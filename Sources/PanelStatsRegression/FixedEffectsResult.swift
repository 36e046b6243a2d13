import PanelStatsData

/// The results of a fixed-effects (within) fit: a value type that can be stored, compared, sent
/// across tasks and encoded (`Codable`, snake_case keys).
///
/// Conventions are Stata's `xtreg, fe` (which plm's within model and linearmodels' `PanelOLS` with a
/// constant share for the coefficients and the conventional standard errors):
/// - the model is `yᵢₜ = α + xᵢₜβ + u_i + eᵢₜ` with `Σ_i n_i u_i = 0`; the reported constant
///   `(Intercept)` is `α = ȳ − x̄ᵀβ` (grand means), the observation-weighted average fixed effect;
/// - `dfResid = N − K − D`: K estimated regressors (the constant excluded), D the degrees of freedom
///   of the absorbed levels (G for one factor; ``RedundantLevels`` for several);
/// - `r2Within = 1 − RSS / Σ(ỹ − ȳ)²` of the demeaned regression (`e(r2_w)`, plm's R²); `r2` is
///   the same number (`e(r2)` of xtreg); `adjR2 = 1 − (1 − r2Within)(N − 1)/dfResid` (xtreg's
///   `e(r2_a)`, plm's adjusted R²), which can be negative;
/// - `r2Between = corr(x̄_iᵀβ, ȳ_i)²` over entities and `r2Overall = corr(xᵢₜᵀβ, yᵢₜ)²` over
///   observations (Stata's definitions: squared correlations, not 1 − RSS/TSS);
/// - `sigmaE = √(RSS/dfResid)`, `sigmaU` = the standard deviation (divisor G − 1) of the estimated
///   `u_i` over entities, `rho = σ_u² / (σ_u² + σ_e²)` — one absorbed factor only;
/// - `fTestFixedEffects`: the F test that all `u_i = 0`,
///   `F = ((RSS_pooled − RSS)/(D − 1)) / (RSS/dfResid)` on `(D − 1, dfResid)`, RSS_pooled from OLS of
///   y on a constant and the same regressors (xtreg's `F_f`, plm's `pFtest`);
/// - `modelF`: the Wald test that every β (not the constant) is zero with the reported covariance,
///   on `(K, dfInference)` — `F(K, N − K − D)` with iid errors, `F(K, G − 1)` clustered (as xtreg).
/// - With analytic weights, weights are rescaled to sum to N (as Stata's `aweight`), which changes
///   RSS and σ but no coefficient or standard error.
public struct FixedEffectsResult: Sendable, Hashable, Codable {
    /// Always `"within"`.
    public var estimator: String = "within"
    /// The formula as given, when the fit came from one.
    public var formula: String?
    /// The response's name.
    public let response: String
    /// Observations used (after dropping singletons).
    public let nobs: Int
    /// `N − K − D`.
    public let dfResid: Int
    /// Degrees of freedom of the t and F reference distributions (see ``TDegreesOfFreedom``).
    public let dfInference: Int
    /// The covariance estimator: `iid`, `hetero` or `cluster:a+b`.
    public let vcov: String
    /// The small-sample correction applied (named after its peer).
    public let ssc: SmallSampleCorrection
    /// The rule for the inference degrees of freedom.
    public let tDegreesOfFreedom: TDegreesOfFreedom
    /// Clusters of each cluster variable (empty unless clustered).
    public let clusters: [ClusterCount]
    /// The terms of the cluster-robust covariance with the small-sample factor applied to each
    /// (one term per cluster variable and intersection, Cameron–Gelbach–Miller); nil unless clustered.
    public let clusterRobustCovariance: [ClusterCovarianceTerm]?
    /// `(Intercept)` first (xtreg's `_cons`), then the estimated regressors in formula order.
    public let coefficients: [Coefficient]
    /// Terms dropped, in formula order, with the reason.
    public let omitted: [OmittedTerm]
    /// One entry per absorbed factor.
    public let fixedEffects: [AbsorbedFactorSummary]
    /// Observations dropped as singletons (0 unless requested).
    public let singletonsDropped: Int
    /// `Σwᵢeᵢ²`.
    public let rss: Double
    /// Within total sum of squares `Σwᵢ(ỹᵢ − ȳ)²`.
    public let tssWithin: Double
    /// Total sum of squares around the grand mean, `Σwᵢ(yᵢ − ȳ)²`.
    public let tss: Double
    /// `r2Within` (xtreg's `e(r2)`).
    public let r2: Double
    /// xtreg's `e(r2_a)`: `1 − (1 − r2Within)(N − 1)/dfResid`.
    public let adjR2: Double
    public let r2Within: Double
    /// One absorbed factor only.
    public let r2Between: Double?
    public let r2Overall: Double
    /// `1 − RSS/TSS`, the R² of the model with the fixed effects as dummies (areg's and fixest's `r2`).
    public let r2Full: Double
    /// `σ_e = √(RSS/dfResid)` (the root MSE).
    public let sigmaE: Double
    /// One absorbed factor only.
    public let sigmaU: Double?
    /// One absorbed factor only.
    public let rho: Double?
    /// The Wald test that every regressor's coefficient is zero; nil when the covariance block is
    /// singular (more regressors than G − 1 clusters allow, where Stata too prints no F).
    public let modelF: FTest?
    /// The F test that all fixed effects are zero.
    public let fTestFixedEffects: FTest?
    /// How the response and regressors were demeaned.
    public let withinTransform: WithinTransformSummary
    /// The estimated effect of every level (one absorbed factor), with xtreg's deviations and plm's
    /// standard errors.
    public let effects: EstimatedFixedEffects?
    /// The coefficients of every absorbed factor, normalised as fixest's and pyfixest's `fixef()`
    /// (``FixedEffectsRecovery``); for one factor its levels equal ``effects``. Nil when
    /// ``FixedEffectsModel/recoverFixedEffects`` is off.
    public let fixedEffectCoefficients: [FixedEffectCoefficients]?
    /// The covariance matrix of ``coefficients`` (rows in the same order).
    public let covariance: [[Double]]
    /// Residuals `eᵢₜ = yᵢₜ − α − xᵢₜβ − u_i`.
    public internal(set) var residuals: [Double]
    /// The response `yᵢₜ` of the fitted observations, in the order of ``residuals`` (the data's
    /// own storage when no observation was dropped: not a copy).
    public internal(set) var responseValues: [Double]
    /// Fitted values `yᵢₜ − eᵢₜ` (fixed effects included), formed when read from
    /// ``responseValues`` and ``residuals``. The fit does not store them: at 10⁷ observations
    /// that saves writing 80 MB of new memory, a tenth of the fit's time (issue 7).
    public var fitted: [Double] { zip(responseValues, residuals).map { $0 - $1 } }
    /// Confidence level of the intervals (0.95).
    public let confidenceLevel: Double
    /// Observations dropped because of missing values (formula path).
    public var droppedMissing: Int = 0
    /// fixest-style note on them ("3 observations removed because of missing values: id 3"), nil
    /// when none were dropped.
    public var missingNote: String? = nil

    /// The coefficient row of `term`, if it was estimated.
    public func coefficient(_ term: String) -> Coefficient? { coefficients.first { $0.term == term } }

    /// The constant `(Intercept)`.
    public var constant: Coefficient? { coefficient("(Intercept)") }

    enum CodingKeys: String, CodingKey {
        case estimator, formula, response, nobs, dfResid = "df_resid", dfInference = "df_inference", vcov, ssc
        case tDegreesOfFreedom = "t_df", clusters, clusterRobustCovariance = "cluster_robust_covariance", coefficients, omitted, fixedEffects = "fixed_effects"
        case singletonsDropped = "singletons_dropped", rss, tssWithin = "tss_within", tss, r2, adjR2 = "adj_r2"
        case r2Within = "r2_within", r2Between = "r2_between", r2Overall = "r2_overall", r2Full = "r2_full"
        case sigmaE = "sigma_e", sigmaU = "sigma_u", rho, modelF = "model_f", fTestFixedEffects = "f_fe"
        case withinTransform = "within_transform", effects, fixedEffectCoefficients = "fixed_effect_coefficients"
        case covariance, residuals, responseValues = "response_values"
        case confidenceLevel = "confidence_level", droppedMissing = "dropped_missing", missingNote = "missing_note"
    }
}

/// A term that was not estimated, and why.
public struct OmittedTerm: Sendable, Hashable, Codable {
    /// Why a term was dropped.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// Constant within every level of the absorbed factors (e.g. a time-invariant regressor
        /// with entity effects): absorbed by the fixed effects.
        case collinearWithFixedEffects = "collinear with the fixed effects"
        /// A linear combination of earlier terms after demeaning (formula order, as Stata and R).
        case collinear = "collinear"
    }

    public let term: String
    public let reason: Reason
}

/// One absorbed factor: its levels and how many of them are redundant.
public struct AbsorbedFactorSummary: Sendable, Hashable, Codable {
    public let name: String
    /// `G_f`.
    public let levels: Int
    /// `r_f` (``RedundantLevels``): 0 for the first factor, which carries the constant.
    public let redundant: Int
    /// Whether each level lies within one cluster of some cluster variable (then the factor is not
    /// counted by the ``SmallSampleCorrection/stataXtreg`` and ``SmallSampleCorrection/fixest`` rules).
    public let nestedInCluster: Bool

    enum CodingKeys: String, CodingKey {
        case name, levels, redundant, nestedInCluster = "nested_in_cluster"
    }
}

/// The number of clusters of one cluster variable.
public struct ClusterCount: Sendable, Hashable, Codable {
    public let name: String
    public let count: Int
}

/// One term `sign · factor · B M_S B` of a cluster-robust covariance.
public struct ClusterCovarianceTerm: Sendable, Hashable, Codable {
    /// The cluster variables intersected in this term (one for a one-way term).
    public let variables: [String]
    /// The number of clusters (groups of the intersection).
    public let clusters: Int
    /// `+1` or `−1` (inclusion–exclusion).
    public let sign: Double
    /// The small-sample factor `c_S` of ``SmallSampleCorrection``.
    public let factor: Double
}

/// How the within transformation went.
public struct WithinTransformSummary: Sendable, Hashable, Codable {
    /// `exact` for one absorbed factor, `alternating projections (Irons–Tuck)` for several.
    public let method: String
    /// The most sweeps any column needed (1 for the exact one-factor transform).
    public let iterations: Int
    /// The convergence tolerance (relative change of a sweep).
    public let tolerance: Double
    /// The largest relative change at convergence over all columns (0 for the exact transform).
    public let reachedChange: Double

    enum CodingKeys: String, CodingKey {
        case method, iterations, tolerance, reachedChange = "reached_change"
    }
}

/// The estimated fixed effect of every level of a single absorbed factor.
///
/// `levels` are plm's `fixef()` (type "level") and fixest's `fixef()`: `α + u_i = ȳ_i − x̄_iᵀβ`
/// (weighted group means); `deviations` are Stata's `predict, u`: `u_i = ȳ_i − x̄_iᵀβ − α`, which
/// average to zero over observations. `standardErrors` (iid covariance only) are plm's:
/// `√(σ_e²/Σ_{t} w_it + x̄_iᵀ V_β x̄_i)`.
public struct EstimatedFixedEffects: Sendable, Hashable, Codable {
    /// The factor's name.
    public let name: String
    /// One label per level, in level order (a numeric factor's are made when first read).
    public var labels: [String] { labelSource.strings }
    let labelSource: GroupLabels
    /// `α + u_i`.
    public let levels: [Double]
    /// `u_i`.
    public let deviations: [Double]
    /// Standard errors of `levels` under iid errors; nil with a robust covariance.
    public let standardErrors: [Double]?

    enum CodingKeys: String, CodingKey {
        case name, labelSource = "labels", levels, deviations, standardErrors = "std_errors"
    }

    init(name: String, labels: GroupLabels, levels: [Double], deviations: [Double], standardErrors: [Double]?) {
        self.name = name
        self.labelSource = labels
        self.levels = levels
        self.deviations = deviations
        self.standardErrors = standardErrors
    }
}

/// The coefficients of one absorbed factor: the first factor carries the constant (its values are
/// levels `α + u`), every further factor has its first level as reference 0 (pyfixest's `fixef()`).
public struct FixedEffectCoefficients: Sendable, Hashable, Codable {
    /// The factor's name.
    public let name: String
    /// One label per level, in level order (a numeric factor's are made when first read: 10⁶
    /// entity labels are not made unless asked for).
    public var labels: [String] { labelSource.strings }
    let labelSource: GroupLabels
    /// One coefficient per level.
    public let values: [Double]

    enum CodingKeys: String, CodingKey {
        case name, labelSource = "labels", values
    }

    /// The coefficients of `factor`'s levels (its labels stay unmade until read).
    init(of factor: GroupIndex, values: [Double]) {
        self.name = factor.name
        self.labelSource = factor.labelSource
        self.values = values
    }

    init(name: String, labels: [String], values: [Double]) {
        self.name = name
        self.labelSource = GroupLabels(labels)
        self.values = values
    }
}

/// Degrees of freedom of the t (and model F) reference distributions, after fixest's `t.df`.
public enum TDegreesOfFreedom: String, Sendable, Hashable, Codable {
    /// `G_min − 1` when clustered (smallest number of clusters; Stata, fixest's default `"min"`),
    /// the residual degrees of freedom otherwise.
    case min
    /// The residual degrees of freedom `N − K − D` always (fixest's `"conventional"`).
    case conventional
}
