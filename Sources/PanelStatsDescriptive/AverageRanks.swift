/// Ranks 1…n of `values`, tied values sharing the average of the ranks they span
/// (the "average" method of `scipy.stats.rankdata`, and what Spearman's ρ needs).
///
/// The values must not contain NaN (callers drop missing values first).
public func averageRanks(_ values: [Double]) -> [Double] {
    let n = values.count
    var order = Array(0..<n)
    order.sort { values[$0] < values[$1] }
    var ranks = [Double](repeating: 0, count: n)
    var start = 0
    while start < n {
        var end = start + 1
        while end < n, values[order[end]] == values[order[start]] { end += 1 }
        // Positions start..<end (0-based) hold ranks start+1 … end; their mean:
        let average = Double(start + 1 + end) / 2
        for k in start..<end { ranks[order[k]] = average }
        start = end
    }
    return ranks
}
