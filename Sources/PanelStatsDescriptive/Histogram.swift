/// Which end of each bin is closed.
public enum BinClosure: String, Sendable, Codable, CaseIterable {
    /// `[a, b)`: a value equal to an edge goes to the bin starting there (numpy, Stata `twoway histogram`).
    case left
    /// `(a, b]`: a value equal to an edge goes to the bin ending there (R `hist`, pandas `cut`).
    case right
}

/// Which outer bins are unbounded.
public struct OpenEnds: Sendable, Codable, Equatable, Hashable {
    /// A first bin from −∞ to the first edge.
    public var below: Bool
    /// A last bin from the last edge to +∞.
    public var above: Bool

    public init(below: Bool, above: Bool) {
        self.below = below
        self.above = above
    }

    public static let both = OpenEnds(below: true, above: true)
    public static let none = OpenEnds(below: false, above: false)
}

/// One bin of a histogram; `lower == nil` means −∞, `upper == nil` means +∞.
public struct HistogramBin: Sendable, Codable, Equatable {
    public let lower: Double?
    public let upper: Double?
    public let count: Int

    /// Interval notation with the stated closedness, e.g. `[30000, 40000)` or `(-inf, 30000)`.
    public func interval(closure: BinClosure) -> String {
        let low = lower.map { formatEdge($0) } ?? "-inf"
        let high = upper.map { formatEdge($0) } ?? "inf"
        let open = lower == nil || closure == .right ? "(" : "["
        let close = upper == nil || closure == .left ? ")" : "]"
        return "\(open)\(low), \(high)\(close)"
    }

    private func formatEdge(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// Counts of values in bins with explicit edges and stated closedness (the VIVE report's
/// Figure 5.10: four bins, the first and last open-ended).
///
/// Edges e₀ < e₁ < … < e_m give the bins between consecutive edges, plus `(−∞, e₀)` and
/// `[e_m, ∞)` (or `(−∞, e₀]`, `(e_m, ∞)` when right-closed) when the ends are open. Every bin
/// uses the same closedness; values outside closed ends are not dropped silently but counted
/// in ``belowRange`` and ``aboveRange``.
public struct Histogram: Sendable, Codable, Equatable {
    public let edges: [Double]
    public let closure: BinClosure
    public let openEnds: OpenEnds
    public let bins: [HistogramBin]
    /// Values below the first bin (only when the lower end is closed).
    public let belowRange: Int
    /// Values above the last bin (only when the upper end is closed).
    public let aboveRange: Int
    /// Missing (NaN) values.
    public let missing: Int

    /// - Throws: ``DescriptiveError/binEdgesNotIncreasing(index:previous:next:)`` when the edges do
    ///   not increase strictly; ``DescriptiveError/nonFiniteBinEdge(index:value:)``;
    ///   ``DescriptiveError/tooFewBinEdges(needed:found:)`` (two edges, or one with both ends open).
    public init(_ values: [Double], edges: [Double], closure: BinClosure = .left, openEnds: OpenEnds = .both)
        throws(DescriptiveError)
    {
        for (i, e) in edges.enumerated() where !e.isFinite { throw .nonFiniteBinEdge(index: i, value: e) }
        for i in edges.indices.dropFirst() where !(edges[i] > edges[i - 1]) {
            throw .binEdgesNotIncreasing(index: i - 1, previous: edges[i - 1], next: edges[i])
        }
        let needed = openEnds.below && openEnds.above ? 1 : 2
        guard edges.count >= needed else { throw .tooFewBinEdges(needed: needed, found: edges.count) }

        // Interior bins, then the open ones around them.
        var lowers: [Double?] = [], uppers: [Double?] = []
        if openEnds.below { lowers.append(nil); uppers.append(edges[0]) }
        for i in edges.indices.dropLast() { lowers.append(edges[i]); uppers.append(edges[i + 1]) }
        if openEnds.above, let last = edges.last { lowers.append(last); uppers.append(nil) }

        var counts = [Int](repeating: 0, count: lowers.count)
        var below = 0, above = 0, missing = 0
        let offset = openEnds.below ? 1 : 0
        for x in values {
            if x.isNaN { missing += 1; continue }
            // Index of the interval between edges that holds x: -1 below e₀, edges.count - 1 above e_m.
            let slot = closure == .left
                ? edges.partitioningIndex { $0 > x } - 1        // e_slot ≤ x < e_{slot+1}
                : edges.partitioningIndex { $0 >= x } - 1       // e_slot < x ≤ e_{slot+1}
            if slot < 0 {
                if openEnds.below { counts[0] += 1 } else { below += 1 }
            } else if slot >= edges.count - 1 {
                if openEnds.above { counts[counts.count - 1] += 1 } else { above += 1 }
            } else {
                counts[slot + offset] += 1
            }
        }
        self.edges = edges
        self.closure = closure
        self.openEnds = openEnds
        bins = counts.indices.map { HistogramBin(lower: lowers[$0], upper: uppers[$0], count: counts[$0]) }
        belowRange = below
        aboveRange = above
        self.missing = missing
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `predicate`, for a predicate that is false then
    /// true along the (sorted) array; `count` when none does.
    fileprivate func partitioningIndex(where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
