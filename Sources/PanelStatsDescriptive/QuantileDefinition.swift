/// The nine sample-quantile definitions of Hyndman & Fan (1996), "Sample quantiles in
/// statistical packages", *The American Statistician* 50(4), 361–365.
///
/// For a sorted sample x₍₁₎ ≤ … ≤ x₍ₙ₎ and probability p, every type computes a position
/// `np + m = j + g` (j integer, 0 ≤ g < 1) and returns `(1 − γ) x₍ⱼ₎ + γ x₍ⱼ₊₁₎`, with x₍₀₎ = x₍₁₎
/// and x₍ₙ₊₁₎ = x₍ₙ₎:
///
/// | type | m | γ | numpy `method` | also |
/// |---|---|---|---|---|
/// | 1 | 0 | 0 if g = 0, else 1 | `inverted_cdf` | SAS 3 |
/// | 2 | 0 | ½ if g = 0, else 1 | `averaged_inverted_cdf` | Stata `_pctile`, `pctile`, `xtile`, `summarize, detail`; SAS 5 |
/// | 3 | −½ | 0 if g = 0 and j even, else 1 | `closest_observation` | SAS 2 |
/// | 4 | 0 | g | `interpolated_inverted_cdf` | SAS 1 |
/// | 5 | ½ | g | `hazen` | |
/// | 6 | p | g | `weibull` | Stata `centile`; Stata `_pctile, altdef`; SAS 4; Excel PERCENTILE.EXC |
/// | 7 | 1 − p | g | `linear` (numpy's default) | R's default; Excel PERCENTILE.INC; pandas |
/// | 8 | (p + 1)/3 | g | `median_unbiased` | H&F's recommendation |
/// | 9 | p/4 + 3/8 | g | `normal_unbiased` | |
///
/// Stata correspondences: Stata's manual [M-5] quantile() says `_pctile`/`pctile` by default use
/// "avg inv cdf" (type 2) and with `altdef` "weibull" (type 6); `xtile` takes its cutpoints from the
/// same `pctile` computation, and `summarize, detail` uses the same default rule. `centile`
/// interpolates at rank (n + 1)p ([R] centile, Methods and formulas), which is type 6.
public enum QuantileDefinition: Int, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case type1 = 1, type2, type3, type4, type5, type6, type7, type8, type9

    /// Type 7, the default of R, numpy and pandas.
    public static let standard: QuantileDefinition = .type7
    /// Type 6: Stata's `centile` (and `_pctile, altdef`).
    public static let stataCentile: QuantileDefinition = .type6
    /// Type 2: Stata's `_pctile`, `pctile`, `xtile` and `summarize, detail`.
    public static let stataPctile: QuantileDefinition = .type2

    /// The name numpy (≥ 1.22) gives this type in `numpy.quantile(..., method=)`.
    public var numpyMethod: String {
        switch self {
        case .type1: return "inverted_cdf"
        case .type2: return "averaged_inverted_cdf"
        case .type3: return "closest_observation"
        case .type4: return "interpolated_inverted_cdf"
        case .type5: return "hazen"
        case .type6: return "weibull"
        case .type7: return "linear"
        case .type8: return "median_unbiased"
        case .type9: return "normal_unbiased"
        }
    }

    /// Parses `"7"`, `"type7"` or a numpy method name (`"linear"`, `"weibull"`, …).
    public init?(name: String) {
        let lowered = name.lowercased()
        let digits = lowered.hasPrefix("type") ? String(lowered.dropFirst(4)) : lowered
        if let number = Int(digits), let definition = QuantileDefinition(rawValue: number) {
            self = definition
            return
        }
        guard let match = QuantileDefinition.allCases.first(where: { $0.numpyMethod == lowered }) else { return nil }
        self = match
    }

    public var description: String { "Hyndman–Fan type \(rawValue) (\(numpyMethod))" }

    /// Whether the type interpolates linearly between order statistics (types 4–9).
    public var isContinuous: Bool { rawValue >= 4 }

    /// The plotting-position constants (α, β) of the continuous types: position
    /// `np + α + p(1 − α − β)` in 1-based order statistics.
    var plottingPosition: (alpha: Double, beta: Double)? {
        switch self {
        case .type4: return (0, 1)
        case .type5: return (0.5, 0.5)
        case .type6: return (0, 0)
        case .type7: return (1, 1)
        case .type8: return (1.0 / 3.0, 1.0 / 3.0)
        case .type9: return (3.0 / 8.0, 3.0 / 8.0)
        default: return nil
        }
    }
}
