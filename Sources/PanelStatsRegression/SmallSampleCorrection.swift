/// The small-sample correction of a fixed-effects covariance, named after the peer whose numbers it
/// reproduces. Peers disagree mostly on one question — do the absorbed fixed effects count as
/// estimated parameters? — and the answer changes clustered standard errors by the factor
/// `√((N − 1)/(N − k))`, which is large when levels are many and observations per level few.
///
/// Notation: N observations, K estimated regressors (the constant excluded), F absorbed factors
/// with `G_f` levels and `r_f` redundant levels (``RedundantLevels``: 0 for the first factor, which
/// carries the constant; connected components for the second; 1 for each further one), so the
/// fixed effects use `D = Σ_f (G_f − r_f)` degrees of freedom and `df_resid = N − K − D`. A factor
/// is *nested* in a cluster variable when each of its levels lies in one cluster. `G_c` is the
/// number of clusters; with several cluster variables, `G_min` is the smallest.
///
/// | case | iid `s² = RSS/(N − k)` | heteroskedastic | cluster, each CGM term × |
/// |---|---|---|---|
/// | ``stataXtreg`` | k = K + D | N/(N − K − D) | `G_min/(G_min − 1) · (N − 1)/(N − k)`, k = K + 1 + Σ_{f not nested}(G_f − r′_f) |
/// | ``stataAreg`` | k = K + D | N/(N − K − D) | `G_min/(G_min − 1) · (N − 1)/(N − K − D)` |
/// | ``fixest`` | k = K + D′ | N/(N − K − D′) | `G_min/(G_min − 1) · (N − 1)/(N − k)`, k = K + 1 + Σ_{f not nested}(G_f − 1) |
/// | ``linearmodels(debiased:groupDebias:)`` | `k = d + K + 1` (`d + 0` if not debiased) | N/(N − k) | `[g_S/(g_S − 1) · (N − 1)/N] · N/(N − k)` |
/// | ``none`` | k = 0 (`RSS/N`) | 1 | 1 |
///
/// with `r′_1 = 1` (the constant is then counted separately as the "+ 1") and `r′_f = r_f` after,
/// `D′ = G_1 + Σ_{f ≥ 2}(G_f − 1)` (fixest's count: one redundant level per further factor, no
/// connected components), linearmodels' effects `d = Σ_f (G_f − 1)`, set to 0 when the model has a
/// single factor nested in *every* cluster variable (its `auto_df`), and `g_S` the number of
/// clusters of each term of the Cameron–Gelbach–Miller sum (each its own, including the
/// intersections; the bracket only with `groupDebias`).
///
/// - ``stataXtreg`` (the default) is `xtreg, fe vce(cluster c)`: the entity is nested in the
///   cluster (xtreg requires it), so its effects are not counted and k = K + 1. For factors not
///   nested in any cluster variable it counts their levels, as reghdfe does (xtreg refuses such
///   clusters). With one factor and one cluster variable it equals ``fixest`` and
///   `linearmodels(debiased: true, groupDebias: true)`.
/// - ``stataAreg`` is `areg, absorb(a) vce(cluster c)`: absorbed levels always counted.
/// - ``fixest`` is fixest's default `ssc(adj = TRUE, fixef.K = "nested", cluster.adj = TRUE,
///   cluster.df = "min")`, as pyfixest implements it (`k_fixef = "nonnested"`).
/// - ``linearmodels(debiased:groupDebias:)`` is `PanelOLS.fit(cov_type=..., debiased=,
///   group_debias=)` with `auto_df=True`; linearmodels' defaults are `debiased=True`,
///   `group_debias=False`.
/// - ``none`` applies no factor (CR0/HC0 and the maximum-likelihood `RSS/N`).
///
/// "Nested" means nested in at least one cluster variable for the Stata and fixest rules (as
/// reghdfe and fixest), in every one for linearmodels (as its `auto_df`).
public enum SmallSampleCorrection: Sendable, Hashable, Codable, CustomStringConvertible {
    case stataXtreg
    case stataAreg
    case fixest
    case linearmodels(debiased: Bool = true, groupDebias: Bool = false)
    case none

    /// Parses the CLI spelling: `stata-xtreg`, `stata-areg`, `fixest`, `none`, and `linearmodels`
    /// optionally followed by `:` and comma-separated flags `group_debias`, `not_debiased`
    /// (e.g. `linearmodels:group_debias`).
    public init(parsing text: String) throws(FixedEffectsError) {
        let lower = text.lowercased()
        switch lower {
        case "stata-xtreg", "xtreg": self = .stataXtreg
        case "stata-areg", "areg": self = .stataAreg
        case "fixest", "pyfixest": self = .fixest
        case "none": self = .none
        default:
            guard lower == "linearmodels" || lower.hasPrefix("linearmodels:") else {
                throw .invalidOption("unknown small-sample correction '\(text)' "
                    + "(expected stata-xtreg, stata-areg, fixest, linearmodels[:group_debias,not_debiased] or none)")
            }
            var debiased = true, groupDebias = false
            let flags = lower.dropFirst("linearmodels".count).drop { $0 == ":" }
            for flag in flags.split(separator: ",") {
                switch flag.trimmingCharacters(in: .whitespaces) {
                case "group_debias", "group-debias": groupDebias = true
                case "not_debiased", "not-debiased", "debiased=false": debiased = false
                case "debiased", "debiased=true": debiased = true
                default: throw .invalidOption("unknown linearmodels flag '\(flag)' in '\(text)' (expected group_debias, not_debiased)")
                }
            }
            self = .linearmodels(debiased: debiased, groupDebias: groupDebias)
        }
    }

    /// The CLI spelling (`--ssc` value, JSON `"ssc"`).
    public var description: String {
        switch self {
        case .stataXtreg: return "stata-xtreg"
        case .stataAreg: return "stata-areg"
        case .fixest: return "fixest"
        case .none: return "none"
        case .linearmodels(let debiased, let groupDebias):
            var flags: [String] = []
            if groupDebias { flags.append("group_debias") }
            if !debiased { flags.append("not_debiased") }
            return flags.isEmpty ? "linearmodels" : "linearmodels:" + flags.joined(separator: ",")
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try SmallSampleCorrection(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// What a small-sample correction needs to know about a fit.
struct CorrectionContext {
    /// N.
    var observations: Int
    /// K, the estimated regressors without the constant.
    var regressors: Int
    /// `G_f` per absorbed factor.
    var levels: [Int]
    /// `r_f` per absorbed factor (``RedundantLevels`` rule).
    var redundant: [Int]
    /// Per factor: nested in at least one cluster variable.
    var nestedInAnyCluster: [Bool]
    /// Per factor: nested in every cluster variable.
    var nestedInEveryCluster: [Bool]

    /// D = Σ (G_f − r_f).
    var effectDegrees: Int { zip(levels, redundant).reduce(0) { $0 + $1.0 - $1.1 } }
    /// fixest's D′ = G_1 + Σ_{f ≥ 2} (G_f − 1).
    var fixestEffectDegrees: Int { levels.enumerated().reduce(0) { $0 + $1.element - ($1.offset == 0 ? 0 : 1) } }
    /// linearmodels' d = Σ (G_f − 1).
    var linearmodelsEffects: Int { levels.reduce(0) { $0 + $1 - 1 } }
}

extension SmallSampleCorrection {
    /// The divisor of RSS in the iid variance `s² = RSS / divisor`.
    func iidDivisor(_ c: CorrectionContext) -> Double {
        let n = c.observations
        switch self {
        case .stataXtreg, .stataAreg: return Double(n - c.regressors - c.effectDegrees)
        case .fixest: return Double(n - c.regressors - c.fixestEffectDegrees)
        case .linearmodels(let debiased, _):
            return Double(n - c.linearmodelsEffects - (debiased ? c.regressors + 1 : 0))
        case .none: return Double(n)
        }
    }

    /// The factor of the heteroskedasticity-robust sandwich `B (Σ eᵢ² zᵢzᵢᵀ) B`.
    func heteroskedasticFactor(_ c: CorrectionContext) -> Double {
        let n = Double(c.observations)
        switch self {
        case .stataXtreg, .stataAreg: return n / (n - Double(c.regressors + c.effectDegrees))
        case .fixest: return n / (n - Double(c.regressors + c.fixestEffectDegrees))
        case .linearmodels(let debiased, _):
            return n / (n - Double(c.linearmodelsEffects + (debiased ? c.regressors + 1 : 0)))
        case .none: return 1
        }
    }

    /// The factor of each Cameron–Gelbach–Miller term; `termClusters[t]` is the number of clusters
    /// of term t and `variableClusters` those of the cluster variables themselves (for `G_min`).
    func clusterFactors(_ c: CorrectionContext, variableClusters: [Int], termClusters: [Int]) -> [Double] {
        let n = Double(c.observations)
        let gMin = Double(variableClusters.min() ?? 1)
        let minFactor = gMin / (gMin - 1)
        switch self {
        case .stataXtreg, .fixest:
            var k = c.regressors + 1
            for f in c.levels.indices where !c.nestedInAnyCluster[f] {
                let redundant = f == 0 ? 1 : (self == .fixest ? 1 : c.redundant[f])
                k += c.levels[f] - redundant
            }
            let factor = minFactor * (n - 1) / (n - Double(k))
            return termClusters.map { _ in factor }
        case .stataAreg:
            let factor = minFactor * (n - 1) / (n - Double(c.regressors + c.effectDegrees))
            return termClusters.map { _ in factor }
        case .linearmodels(let debiased, let groupDebias):
            let singleNested = c.levels.count == 1 && c.nestedInEveryCluster[0]
            let extra = singleNested ? 0 : c.linearmodelsEffects
            let scale = n / (n - Double(extra + (debiased ? c.regressors + 1 : 0)))
            return termClusters.map { g in
                groupDebias ? scale * Double(g) / Double(g - 1) * (n - 1) / n : scale
            }
        case .none:
            return termClusters.map { _ in 1 }
        }
    }
}
