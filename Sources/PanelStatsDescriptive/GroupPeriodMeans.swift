/// Whether a mean gives every observation the same weight.
public enum Weighting: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// Each entity counts once: the plain mean of the entities' values.
    case unweighted
    /// `Σ wᵢ yᵢ / Σ wᵢ` with the named weight variable (e.g. full-time unemployed, which turns a
    /// mean of ratios into the ratio of the group's totals when y = spending/ftu and w = ftu).
    case weighted(by: String)

    public var description: String {
        switch self {
        case .unweighted: return "unweighted"
        case .weighted(let name): return "weighted by \(name)"
        }
    }
}

/// The mean of a panel variable for each group of entities in each period (the lines of the
/// VIVE report's Figures 5.7–5.9).
public struct GroupPeriodMeans: Sendable, Codable, Equatable {
    public let variable: String
    public let weighting: Weighting
    /// Group labels in the order given.
    public let groups: [String]
    /// Periods, ascending.
    public let periods: [Int]
    /// `mean[g][t]` for group `groups[g]` in period `periods[t]`; `nil` when the cell has no
    /// non-missing observation (never NaN).
    public let mean: [[Double?]]
    /// Observations behind each mean.
    public let count: [[Int]]
    /// Entities of the series that belong to no listed group (left out of every mean).
    public let excludedEntities: [String]

    /// Group-by-period means of `series`.
    ///
    /// - Parameters:
    ///   - groupOfEntity: entity label → group label; entities not in it are excluded and listed.
    ///   - groups: the group labels in display order (default: sorted labels of `groupOfEntity`).
    ///   - weights: a weight per row of `series` (same rows); `nil` for unweighted means. Rows with
    ///     a missing value or a missing (NaN) weight are skipped.
    /// - Throws: ``DescriptiveError/invalidWeight(_:)`` for a negative or infinite weight, or a
    ///   non-empty cell whose weights sum to zero; ``DescriptiveError/lengthMismatch(_:)``.
    public init(_ series: PanelSeries, groupOfEntity: [String: String], groups: [String]? = nil,
                weights: PanelSeries? = nil) throws(DescriptiveError) {
        let order = groups ?? Array(Set(groupOfEntity.values)).sorted()
        var position: [String: Int] = [:]
        for (g, label) in order.enumerated() { position[label] = g }
        let periodList = series.periods
        var periodIndex: [Int: Int] = [:]
        for (t, p) in periodList.enumerated() { periodIndex[p] = t }
        if let weights {
            guard weights.values.count == series.values.count else {
                throw .lengthMismatch("weights '\(weights.name)' have \(weights.values.count) rows, '\(series.name)' has \(series.values.count)")
            }
        }
        var sum = [[Double]](repeating: [Double](repeating: 0, count: periodList.count), count: order.count)
        var weightSum = sum
        var count = [[Int]](repeating: [Int](repeating: 0, count: periodList.count), count: order.count)
        var excluded: [String] = []
        var excludedSeen = Set<String>()
        for row in series.values.indices {
            let label = series.entity[row]
            guard let groupLabel = groupOfEntity[label], let g = position[groupLabel] else {
                if excludedSeen.insert(label).inserted { excluded.append(label) }
                continue
            }
            let y = series.values[row]
            if y.isNaN { continue }
            var w = 1.0
            if let weights {
                w = weights.values[row]
                if w.isNaN { continue }
                guard w >= 0, w.isFinite else {
                    throw .invalidWeight("'\(weights.name)' is \(w) for entity '\(label)' in period \(series.period[row])")
                }
            }
            guard let t = periodIndex[series.period[row]] else { continue }
            sum[g][t] += w * y
            weightSum[g][t] += w
            count[g][t] += 1
        }
        var means = [[Double?]](repeating: [Double?](repeating: nil, count: periodList.count), count: order.count)
        for g in order.indices {
            for t in periodList.indices where count[g][t] > 0 {
                guard weightSum[g][t] > 0 else {
                    throw .invalidWeight("weights sum to zero in group '\(order[g])', period \(periodList[t])")
                }
                means[g][t] = sum[g][t] / weightSum[g][t]
            }
        }
        variable = series.name
        weighting = weights.map { .weighted(by: $0.name) } ?? .unweighted
        self.groups = order
        periods = periodList
        mean = means
        self.count = count
        excludedEntities = excluded
    }

    /// Group-by-period means over quantile groups of entities, the groups labelled "1" … "k"
    /// (e.g. growth quartiles, the VIVE report's Figure 5.7).
    public init(_ series: PanelSeries, quantileGroups: EntityQuantileGroups, weights: PanelSeries? = nil)
        throws(DescriptiveError)
    {
        try self.init(series, groupOfEntity: quantileGroups.groupOfEntity.mapValues { String($0) },
                      groups: (1...max(quantileGroups.groups.groupCount, 1)).map { String($0) }, weights: weights)
    }
}
