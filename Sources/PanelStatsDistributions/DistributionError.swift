/// A distribution was constructed with a parameter outside its domain.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter `name` (the initializer's argument label) had the unusable value `value`.
    case invalidParameter(name: String, value: Double)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value):
            let requirement = name == "mean" ? "must be finite" : "must be positive and finite"
            return "invalid distribution parameter \(name) = \(value): \(requirement)"
        }
    }
}

/// Validates a scale-like parameter (degrees of freedom, standard deviation): positive and finite.
func requirePositiveFinite(_ value: Double, _ name: String) throws(DistributionError) {
    guard value > 0, value.isFinite else { throw .invalidParameter(name: name, value: value) }
}
