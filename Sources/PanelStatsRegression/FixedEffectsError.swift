import PanelStatsLinearAlgebra

/// Why a panel could not be declared or a fixed-effects model not be fitted. Every failure that
/// user data can cause arrives as a value whose message names the variable, the row or the level
/// involved; nothing in the fixed-effects layer traps.
///
/// Rows are reported 1-based in the order they were given (for data read from a CSV with a header
/// this is the file's line number minus one).
public enum FixedEffectsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An observation has no value for an identifier (entity, time, absorbed factor, cluster).
    case missingIdentifier(variable: String, row: Int)
    /// Two observations share the same (entity, time) pair.
    case duplicatePanelObservation(entityVariable: String, entity: String, timeVariable: String, time: String,
                                   firstRow: Int, secondRow: Int)
    /// An absorbed factor has a single level (a single entity): its effect is the constant and the
    /// within estimator has nothing to compare.
    case singleLevel(variable: String, level: String)
    /// Every regressor is constant within the levels of the absorbed factors.
    case allRegressorsAbsorbed(regressors: [String], absorbed: [String])
    /// The model has no regressor besides the absorbed fixed effects.
    case noRegressors
    /// A cluster variable with one level: a cluster-robust covariance needs at least two clusters.
    case singleCluster(variable: String, level: String)
    /// Alternating projections stopped at the iteration limit before reaching the tolerance.
    /// `reached` is the last relative change `max|Tx − x| / scale(x)`.
    case notConverged(variable: String, iterations: Int, reached: Double, tolerance: Double)
    /// No residual degree of freedom is left: `n ≤ parameters` (regressors, constant and the
    /// non-redundant fixed-effect levels).
    case tooFewObservations(n: Int, parameters: Int)
    /// After dropping singletons (or missing values) no observation is left.
    case noObservations(String)
    /// Inputs of different lengths; the message names both.
    case dimensionMismatch(String)
    /// A NaN or infinite value in the named variable at this (1-based) row.
    case nonFinite(variable: String, row: Int)
    /// An analytic weight that is not positive and finite at this (1-based) row.
    case invalidWeight(row: Int, value: Double)
    /// An option that does not apply (e.g. an unknown small-sample correction name).
    case invalidOption(String)
    /// Reading or preparing the data failed (CSV, formula, model frame); the message names the
    /// file, line or variable.
    case data(String)
    /// The least-squares core failed.
    case regression(RegressionError)
    /// The dense linear-algebra layer failed.
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .missingIdentifier(let variable, let row):
            return "row \(row) has no value for the identifier \(variable)"
        case .duplicatePanelObservation(let ev, let e, let tv, let t, let first, let second):
            return "duplicate panel observation \(ev) = \(e), \(tv) = \(t) (rows \(first) and \(second))"
        case .singleLevel(let variable, let level):
            return "\(variable) has a single level (\(level)): fixed effects need at least two"
        case .allRegressorsAbsorbed(let regressors, let absorbed):
            return "every regressor (\(regressors.joined(separator: ", "))) is constant within "
                + "\(absorbed.joined(separator: " + ")) and absorbed by the fixed effects; nothing left to estimate"
        case .noRegressors:
            return "the model has no regressors besides the absorbed fixed effects"
        case .singleCluster(let variable, let level):
            return "cluster variable \(variable) has a single level (\(level)); cluster-robust standard errors need at least 2 clusters"
        case .notConverged(let variable, let iterations, let reached, let tolerance):
            return "alternating projections for \(variable) did not converge in \(iterations) iterations "
                + "(reached relative change \(reached), tolerance \(tolerance))"
        case .tooFewObservations(let n, let parameters):
            return "\(n) observations for \(parameters) parameters (regressors, constant and fixed-effect levels): "
                + "no residual degrees of freedom"
        case .noObservations(let why): return "no observations to fit: \(why)"
        case .dimensionMismatch(let why): return "dimension mismatch: \(why)"
        case .nonFinite(let variable, let row): return "\(variable) is NaN or infinite at row \(row)"
        case .invalidWeight(let row, let value): return "weight \(value) at row \(row) is not positive and finite"
        case .invalidOption(let why): return why
        case .data(let message): return message
        case .regression(let error): return error.description
        case .linearAlgebra(let error): return error.description
        }
    }
}
