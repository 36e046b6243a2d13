/// Significance stars attached to coefficients.
///
/// Convention (the same as Stata's `esttab`/`estout` `star()` option): a coefficient gets the symbol of the
/// smallest threshold that its p-value is strictly below. With the default levels
/// `*** 0.01, ** 0.05, * 0.1`, p = 0.05 exactly gets "*" (it is not below 0.05), p = 0.0499 gets "**",
/// p = 0.1 exactly gets nothing. A missing or NaN p-value gets no stars.
public struct SignificanceStars: Sendable, Hashable, Codable {
    /// One star level: `symbol` is printed when p < `threshold`.
    public struct Level: Sendable, Hashable, Codable {
        /// The printed symbol, e.g. "***".
        public var symbol: String
        /// The p-value threshold, e.g. 0.01.
        public var threshold: Double

        /// Creates a level printing `symbol` when p < `threshold`.
        public init(symbol: String, threshold: Double) {
            self.symbol = symbol
            self.threshold = threshold
        }
    }

    /// The levels, sorted by ascending threshold (the strictest first).
    public let levels: [Level]

    /// Creates star levels; they are sorted by threshold, so the order given does not matter.
    public init(levels: [Level]) {
        self.levels = levels.sorted { $0.threshold < $1.threshold }
    }

    /// `*** p<0.01, ** p<0.05, * p<0.1` — the levels of the VIVE report's Table 5.8 and of esttab's default
    /// `star(* 0.10 ** 0.05 *** 0.01)`.
    public static let conventional = SignificanceStars(levels: [
        Level(symbol: "***", threshold: 0.01),
        Level(symbol: "**", threshold: 0.05),
        Level(symbol: "*", threshold: 0.1),
    ])

    /// No stars at all.
    public static let none = SignificanceStars(levels: [])

    /// The symbol for a p-value: that of the smallest threshold with p < threshold, or "" if none.
    public func symbol(forPValue p: Double?) -> String {
        guard let p, !p.isNaN else { return "" }
        for level in levels where p < level.threshold {
            return level.symbol
        }
        return ""
    }

    /// The widest symbol, used to pad cells so that decimal points line up in text output.
    var widestSymbolLength: Int {
        levels.map(\.symbol.count).max() ?? 0
    }

    /// A legend such as "*** p<0,01, ** p<0,05, * p<0,1", thresholds written with `format`'s decimal
    /// separator and as many decimals as they need (at most 4).
    public func legend(format: NumberFormat) -> String {
        levels.map { level in
            "\(level.symbol) p<\(format.string(level.threshold, decimals: Self.decimalsNeeded(level.threshold)))"
        }.joined(separator: ", ")
    }

    static func decimalsNeeded(_ value: Double) -> Int {
        for decimals in 0...4 {
            let scaled = value * Double(pow10(decimals))
            if abs(scaled - scaled.rounded()) < 1e-9 { return decimals }
        }
        return 4
    }

    private static func pow10(_ n: Int) -> Int {
        var result = 1
        for _ in 0..<n { result *= 10 }
        return result
    }
}
