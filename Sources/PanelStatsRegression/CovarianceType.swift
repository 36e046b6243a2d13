import Foundation

/// Which estimator of `Var(β̂)` a fit reports. With `X` the n × k design of the estimated
/// columns, `e` the residuals, `B = (XᵀX)⁻¹` the "bread", and `hᵢ = xᵢᵀBxᵢ` the leverages:
///
/// | case | formula | matches |
/// |---|---|---|
/// | `iid` | `s² B`, `s² = Σeᵢ²/(n − k)` | R `lm`, Stata `regress`, statsmodels `nonrobust` |
/// | `hc0` | `B (Σ eᵢ² xᵢxᵢᵀ) B` (White 1980) | statsmodels `HC0`, sandwich `HC0` |
/// | `hc1` | `n/(n − k) · HC0` | Stata `vce(robust)`, statsmodels `HC1` |
/// | `hc2` | `B (Σ eᵢ²/(1 − hᵢ) xᵢxᵢᵀ) B` | Stata `vce(hc2)`, statsmodels `HC2` |
/// | `hc3` | `B (Σ eᵢ²/(1 − hᵢ)² xᵢxᵢᵀ) B` | Stata `vce(hc3)`, statsmodels `HC3` |
/// | `cluster(v)` | `G/(G − 1) · (n − 1)/(n − k) · B (Σ_g s_g s_gᵀ) B`, `s_g = Σ_{i∈g} xᵢeᵢ` (CR1) | Stata `vce(cluster v)`, statsmodels `cluster` |
///
/// Inference: t statistics use t(n − k), except with `cluster`, where they use t(G − 1) as Stata
/// does (the number of clusters, not observations, bounds the information in the meat).
/// With weights, `xᵢ` and `eᵢ` are the √wᵢ-scaled rows.
public enum CovarianceType: Sendable, Hashable, Codable, CustomStringConvertible {
    case iid
    case hc0
    case hc1
    case hc2
    case hc3
    /// One-way cluster-robust (CR1) by the named variable.
    case cluster(variable: String)

    /// Parses `iid`, `hc0` … `hc3` or `cluster:VARIABLE` (case-insensitive keywords; the
    /// variable name is kept as written). `nonrobust`/`classical` are accepted for `iid`.
    public init(parsing text: String) throws(RegressionError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        switch lower {
        case "iid", "nonrobust", "classical": self = .iid
        case "hc0": self = .hc0
        case "hc1", "robust": self = .hc1
        case "hc2": self = .hc2
        case "hc3": self = .hc3
        default:
            guard lower.hasPrefix("cluster:") else { throw .unknownCovariance(text) }
            let variable = String(trimmed.dropFirst("cluster:".count)).trimmingCharacters(in: .whitespaces)
            guard !variable.isEmpty else { throw .unknownCovariance(text) }
            self = .cluster(variable: variable)
        }
    }

    /// The canonical spelling: `iid`, `hc0` … `hc3`, `cluster:VARIABLE` (the CLI's `--vcov`
    /// value and the JSON's `"vcov"`).
    public var description: String {
        switch self {
        case .iid: return "iid"
        case .hc0: return "hc0"
        case .hc1: return "hc1"
        case .hc2: return "hc2"
        case .hc3: return "hc3"
        case .cluster(let variable): return "cluster:\(variable)"
        }
    }

    /// The cluster variable, if any.
    public var clusterVariable: String? {
        if case .cluster(let variable) = self { return variable }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try CovarianceType(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
