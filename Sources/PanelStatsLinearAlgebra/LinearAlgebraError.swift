/// Failures of the dense linear-algebra layer. LAPACK's `info` codes arrive here as values,
/// never as traps, so a caller can report which routine failed and why.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Operand shapes do not fit together; the message names both shapes.
    case dimensionMismatch(String)
    /// A routine was given an illegal argument (`info < 0`): argument number `argument`.
    /// This is a programming error inside PanelStats, reported rather than trapped.
    case illegalArgument(routine: String, argument: Int)
    /// Cholesky factorisation found the leading minor of this order not positive definite.
    case notPositiveDefinite(routine: String, order: Int)
    /// A triangular factor has an exactly zero diagonal element at this (1-based) position.
    case singular(routine: String, index: Int)
    /// An iterative LAPACK routine did not converge (`info > 0` for eigen/SVD drivers).
    case noConvergence(routine: String, info: Int)
    /// A dimension exceeds what LAPACK's 32-bit integer interface can address.
    case tooLarge(String)
    /// Input contained NaN or infinity where a finite value is required.
    case nonFinite(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let message): return "dimension mismatch: \(message)"
        case .illegalArgument(let routine, let argument):
            return "\(routine): illegal value in argument \(argument) (internal error)"
        case .notPositiveDefinite(let routine, let order):
            return "\(routine): matrix is not positive definite (leading minor of order \(order))"
        case .singular(let routine, let index):
            return "\(routine): matrix is singular (zero diagonal element \(index))"
        case .noConvergence(let routine, let info):
            return "\(routine): did not converge (info = \(info))"
        case .tooLarge(let message): return "too large for LAPACK's 32-bit interface: \(message)"
        case .nonFinite(let message): return "non-finite value: \(message)"
        }
    }
}
