/// Singleton observations: an observation alone in a level of some absorbed factor. Its fixed
/// effect fits it perfectly, so it adds nothing to the within estimate of β but counts in N (and,
/// with a cluster-robust covariance, can shrink the standard errors). Stata's `xtreg, fe` keeps
/// them (our default); reghdfe and fixest drop them, iteratively: dropping one observation can
/// turn another into a singleton of another factor, so the rule is applied until no singleton
/// remains.
public enum Singletons {
    /// The rows to keep after iteratively dropping singletons of every factor, and how many were
    /// dropped. `factors` are dense codes (`0..<counts[k]`) of equal length.
    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` for factors of different lengths or
    ///   codes outside their range.
    public static func nonSingletonRows(
        codes factors: [[Int32]], counts: [Int]
    ) throws(FixedEffectsError) -> (keep: [Bool], dropped: Int) {
        let n = factors.first?.count ?? 0
        var keep = [Bool](repeating: true, count: n)
        guard factors.count == counts.count, factors.allSatisfy({ $0.count == n }) else {
            throw .dimensionMismatch("\(factors.count) factors of lengths \(factors.map(\.count)) with \(counts.count) level counts")
        }
        for (codes, count) in zip(factors, counts) {
            if let i = codes.firstIndex(where: { $0 < 0 || Int($0) >= count }) {
                throw .dimensionMismatch("code \(codes[i]) at row \(i + 1) is outside 0..<\(count)")
            }
        }
        guard !factors.isEmpty else { return (keep, 0) }
        var sizes = zip(factors, counts).map { codes, count in
            var size = [Int](repeating: 0, count: count)
            for c in codes where c >= 0 && Int(c) < count { size[Int(c)] += 1 }
            return size
        }
        var dropped = 0
        var changed = true
        while changed {
            changed = false
            for i in 0..<n where keep[i] {
                var single = false
                for k in factors.indices where sizes[k][Int(factors[k][i])] == 1 {
                    single = true
                    break
                }
                guard single else { continue }
                keep[i] = false
                dropped += 1
                changed = true
                for k in factors.indices { sizes[k][Int(factors[k][i])] -= 1 }
            }
        }
        return (keep, dropped)
    }
}
