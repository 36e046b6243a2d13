/// The non-missing values of a variable, sorted once so that any number of quantiles can be
/// read off without sorting again.
///
/// Missing values follow the data layer's convention: NaN means missing and is dropped here
/// (``missingCount`` says how many).
public struct SortedSample: Sendable, Equatable {
    /// Non-missing values in ascending order.
    public let values: [Double]
    /// How many NaN (missing) values were dropped.
    public let missingCount: Int

    /// Sorts the non-NaN elements of `data`.
    public init<S: Sequence>(_ data: S) where S.Element == Double {
        var kept: [Double] = []
        kept.reserveCapacity(data.underestimatedCount)
        var missing = 0
        for value in data {
            if value.isNaN { missing += 1 } else { kept.append(value) }
        }
        kept.sort()
        values = kept
        missingCount = missing
    }

    /// Number of non-missing values.
    public var count: Int { values.count }

    /// The sample quantile at probability `p` under `definition` (Hyndman–Fan type 7 by default).
    ///
    /// The position is computed in the same floating-point order as numpy 2.x (0-based virtual
    /// index `n p + α + p(1 − α − β) − 1`, `(n − 1) p` for type 7), so results agree with
    /// `numpy.quantile(x, p, method=definition.numpyMethod)` bit for bit in the usual case, and
    /// in particular at positions that fall exactly on an order statistic.
    /// - Throws: ``DescriptiveError/probabilityOutOfRange(_:)`` unless 0 ≤ p ≤ 1;
    ///   ``DescriptiveError/emptySample(variable:)`` when there are no values.
    public func quantile(_ p: Double, definition: QuantileDefinition = .standard, variable: String = "sample")
        throws(DescriptiveError) -> Double
    {
        guard p >= 0, p <= 1 else { throw .probabilityOutOfRange(p) }
        guard !values.isEmpty else { throw .emptySample(variable: variable) }
        let n = Double(values.count)
        switch definition {
        case .type1:
            // Inverse of the empirical CDF: x₍ⱼ₎ at g = 0, else x₍ⱼ₊₁₎.
            let index = n * p - 1
            let previous = index.rounded(.down)
            return element(index - previous == 0 ? previous : previous + 1)
        case .type2:
            // As type 1, but averaging the two order statistics at a discontinuity.
            let index = n * p - 1
            let previous = index.rounded(.down)
            let gamma = index - previous == 0 ? 0.5 : 1.0
            return interpolate(previous: previous, gamma: gamma, index: index)
        case .type3:
            // Nearest order statistic, ties (g = 0) to the even one (1-based).
            let index = n * p - 1 - 0.5
            let previous = index.rounded(.down)
            let odd = previous.truncatingRemainder(dividingBy: 2) != 0
            let takePrevious = index - previous == 0 && odd
            return element(takePrevious ? previous : previous + 1)
        default:
            let index: Double
            if definition == .type7 {
                index = (n - 1) * p
            } else {
                let (alpha, beta) = definition.plottingPosition ?? (1, 1)
                index = n * p + (alpha + p * (1 - alpha - beta)) - 1
            }
            let previous = index.rounded(.down)
            return interpolate(previous: previous, gamma: index - previous, index: index)
        }
    }

    /// Quantiles at several probabilities.
    public func quantiles(_ probabilities: [Double], definition: QuantileDefinition = .standard,
                          variable: String = "sample") throws(DescriptiveError) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(probabilities.count)
        for p in probabilities { result.append(try quantile(p, definition: definition, variable: variable)) }
        return result
    }

    /// The order statistic at 0-based `index`, clamped to the sample (x₍₀₎ = x₍₁₎, x₍ₙ₊₁₎ = x₍ₙ₎).
    private func element(_ index: Double) -> Double {
        let i = Int(index)
        return values[min(max(i, 0), values.count - 1)]
    }

    /// `(1 − γ) x[previous] + γ x[previous + 1]`, clamped at both ends as numpy does.
    private func interpolate(previous: Double, gamma: Double, index: Double) -> Double {
        let last = values.count - 1
        if index >= Double(last) { return values[last] }
        if index < 0 { return values[0] }
        let i = Int(previous)
        return lerp(values[i], values[i + 1], gamma)
    }

    /// Linear interpolation written as numpy's `_lerp`: from the nearer end, so that γ = 1
    /// returns `b` exactly and the result is monotone in γ.
    private func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}

/// The sample quantile of `values` (NaN = missing, dropped) at probability `p`.
/// Sorts on every call; use ``SortedSample`` for several quantiles of the same data.
public func quantile(_ values: [Double], _ p: Double, definition: QuantileDefinition = .standard)
    throws(DescriptiveError) -> Double
{
    try SortedSample(values).quantile(p, definition: definition)
}
