import PanelStatsLinearAlgebra

/// Why a regression could not be fitted or summarised. Every failure that user data can cause
/// arrives here as a value with a one-line message naming the variable, observation or count
/// involved; nothing in the regression layer traps.
public enum RegressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No observation is left to fit (for instance every row had a missing value).
    case noObservations(String)
    /// Fewer observations than estimated parameters, or exactly as many (no residual degree of
    /// freedom remains, so σ² and every standard error would be undefined).
    case tooFewObservations(n: Int, parameters: Int)
    /// The response does not vary, so the total sum of squares is zero and R² is undefined.
    case constantResponse(String)
    /// The design has no column at all (no intercept, no regressor).
    case emptyDesign
    /// Every column of the design is zero or collinear with earlier ones; nothing can be estimated.
    case allColumnsCollinear
    /// A cluster variable with a single level: the cluster-robust covariance needs G ≥ 2.
    case singleCluster(String)
    /// A NaN or infinite value in the named input at this (0-based) observation.
    case nonFinite(what: String, observation: Int)
    /// A weight that is negative, zero, NaN or infinite at this (0-based) observation.
    case invalidWeight(observation: Int, value: Double)
    /// Cluster codes outside `0..<count`, or of the wrong length; the message says which.
    case invalidClusterCodes(String)
    /// An observation with leverage 1 (it alone determines a coefficient): HC2 and HC3 divide by
    /// 1 − hᵢᵢ and are undefined.
    case leverageOne(observation: Int, estimator: String)
    /// A cluster-robust covariance was requested without cluster codes.
    case missingClusterCodes(String)
    /// The inputs do not fit together (lengths, names); the message names both sides.
    case dimensionMismatch(String)
    /// A covariance specification that cannot be parsed, e.g. from the command line.
    case unknownCovariance(String)
    /// A failure reading or preparing the data (CSV, formula, model frame), with its message.
    case data(String)
    /// A distribution function rejected its parameters (e.g. zero degrees of freedom).
    case distribution(String)
    /// The dense linear-algebra layer failed (LAPACK `info`, sizes beyond 32-bit LAPACK).
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .noObservations(let why): return "no observations to fit: \(why)"
        case .tooFewObservations(let n, let parameters):
            return "\(n) observation\(n == 1 ? "" : "s") for \(parameters) parameter\(parameters == 1 ? "" : "s"): "
                + "a regression needs more observations than parameters"
        case .constantResponse(let name):
            return "the response \(name) is constant: its total sum of squares is zero, so R² is undefined"
        case .emptyDesign: return "the model has no terms (no intercept and no regressors)"
        case .allColumnsCollinear: return "every term of the model is zero or collinear; nothing can be estimated"
        case .singleCluster(let variable):
            return "cluster variable \(variable) has a single level; cluster-robust standard errors need at least 2 clusters"
        case .nonFinite(let what, let observation):
            return "\(what) is NaN or infinite at observation \(observation + 1)"
        case .invalidWeight(let observation, let value):
            return "weight \(value) at observation \(observation + 1) is not positive and finite"
        case .invalidClusterCodes(let why): return "invalid cluster codes: \(why)"
        case .leverageOne(let observation, let estimator):
            return "observation \(observation + 1) has leverage 1, so \(estimator) (which divides by 1 − h) is undefined"
        case .missingClusterCodes(let variable):
            return "cluster-robust covariance by \(variable) requested without cluster codes"
        case .dimensionMismatch(let why): return "dimension mismatch: \(why)"
        case .unknownCovariance(let text):
            return "unknown covariance estimator '\(text)' (expected iid, hc0, hc1, hc2, hc3 or cluster:VARIABLE)"
        case .data(let message): return message
        case .distribution(let message): return "distribution: \(message)"
        case .linearAlgebra(let error): return error.description
        }
    }
}
