/// How units are split into k quantile groups.
public enum QuantileGroupRule: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// Cutpoints `c_g = Q(g/k)`, g = 1…k−1, computed with the given quantile definition; a unit
    /// with value x goes to group g when `c_{g−1} < x ≤ c_g` (group 1 takes every x ≤ c₁, group k
    /// every x > c_{k−1}).
    ///
    /// Tied values always share a group, so sizes can be unequal, and when two cutpoints
    /// coincide a group is left empty (reported in ``QuantileGroups/sizes``; pandas raises
    /// "Bin edges must be unique" in that case instead). With type 7 this is `pandas.qcut(x, k)`;
    /// with type 2 it is Stata's `xtile x, nq(k)`, with type 6 `xtile x, nq(k) altdef`.
    case cutpoints(QuantileDefinition)
    /// Sizes fixed by rank, as equal as possible and symmetric: units are ranked 1…n by value,
    /// tied values in input order (a stable sort), and group g takes the ranks
    /// `⌊(g−1)(n+1)/k⌋ + 1 … ⌊g(n+1)/k⌋` (the last group ends at n).
    ///
    /// These are the rank positions `g(n+1)/k` of Hyndman–Fan type 6, so for distinct values the
    /// groups equal `.cutpoints(.type6)` (Stata `xtile, altdef`); the rule only differs when a
    /// tie straddles a boundary, in which case the tied units are split by input order and
    /// listed in ``QuantileGroups/splitTies``. For 94 units in quartiles the sizes are
    /// 23/24/24/23 (boundaries at ranks 23.75, 47.5, 71.25), the sizes that reproduce the VIVE
    /// report's growth quartiles; type 7 cutpoints would give 24/23/23/24.
    case balancedRanks

    /// `pandas.qcut(x, k)`: type 7 cutpoints.
    public static let pandasQcut: QuantileGroupRule = .cutpoints(.type7)
    /// Stata `xtile x, nq(k)`: type 2 cutpoints.
    public static let stataXtile: QuantileGroupRule = .cutpoints(.type2)
    /// Stata `xtile x, nq(k) altdef`: type 6 cutpoints.
    public static let stataXtileAltdef: QuantileGroupRule = .cutpoints(.type6)

    public var description: String {
        switch self {
        case .cutpoints(let definition): return "cutpoints at Hyndman–Fan type \(definition.rawValue) quantiles, x ≤ cutpoint in the lower group"
        case .balancedRanks: return "balanced sizes by rank (type-6 rank positions g(n+1)/k, ties in input order)"
        }
    }
}

/// Units assigned to k quantile groups (Stata `xtile`, pandas `qcut`), with the group sizes.
public struct QuantileGroups: Sendable, Codable, Equatable {
    /// k.
    public let groupCount: Int
    public let rule: QuantileGroupRule
    /// Group 1…k of each unit, in input order; `nil` where the value is missing (NaN).
    public let group: [Int?]
    /// Number of units in each group (`sizes[0]` is group 1).
    public let sizes: [Int]
    /// The k − 1 upper group boundaries. For ``QuantileGroupRule/cutpoints(_:)`` the cutpoints
    /// `Q(g/k)`; for ``QuantileGroupRule/balancedRanks`` the largest value in each of groups 1…k−1.
    public let cutpoints: [Double]
    /// Values shared by units that ended in different groups (only possible with
    /// ``QuantileGroupRule/balancedRanks``).
    public let splitTies: [Double]

    /// Splits the non-missing `values` into `groups` quantile groups.
    /// - Throws: ``DescriptiveError/invalidGroupCount(_:)`` for k < 1;
    ///   ``DescriptiveError/moreGroupsThanUnits(groups:units:)`` when k exceeds the non-missing count.
    public init(values: [Double], groups k: Int, rule: QuantileGroupRule = .pandasQcut) throws(DescriptiveError) {
        guard k >= 1 else { throw .invalidGroupCount(k) }
        let present = values.indices.filter { !values[$0].isNaN }
        let n = present.count
        guard k <= n else { throw .moreGroupsThanUnits(groups: k, units: n) }
        groupCount = k
        self.rule = rule
        var assignment = [Int?](repeating: nil, count: values.count)
        var sizes = [Int](repeating: 0, count: k)
        switch rule {
        case .cutpoints(let definition):
            let sample = SortedSample(present.map { values[$0] })
            var cuts: [Double] = []
            for g in 1..<max(k, 1) {
                cuts.append(try sample.quantile(Double(g) / Double(k), definition: definition))
            }
            for i in present {
                let x = values[i]
                // Number of cutpoints strictly below x: x ≤ c_g stays in group g.
                var g = 1
                while g < k, x > cuts[g - 1] { g += 1 }
                assignment[i] = g
                sizes[g - 1] += 1
            }
            cutpoints = cuts
            splitTies = []
        case .balancedRanks:
            let order = present.sorted { values[$0] < values[$1] }   // stable in Swift 5+: ties keep input order
            var upper: [Double] = []
            var split: [Double] = []
            var rank = 0
            for g in 1...k {
                let end = g == k ? n : min(n, g * (n + 1) / k)
                while rank < end {
                    assignment[order[rank]] = g
                    sizes[g - 1] += 1
                    rank += 1
                }
                if g < k {
                    let boundary = values[order[end - 1]]
                    upper.append(boundary)
                    if values[order[end]] == boundary { split.append(boundary) }
                }
            }
            cutpoints = upper
            splitTies = split
        }
        group = assignment
        self.sizes = sizes
    }

    /// Indices (into the input) of the units in group `g` (1-based).
    public func members(of g: Int) -> [Int] {
        group.indices.filter { group[$0] == g }
    }
}
