import PanelStatsDistributions
import PanelStatsLinearAlgebra

/// One estimated coefficient with its inference: a row of a regression table.
///
/// `t = estimate / std_error`; the p-value is two-sided from Student's t with the fit's inference
/// degrees of freedom (n − k, or G − 1 with cluster-robust SEs); the interval is
/// `estimate ± t_{1−α/2} · std_error` with the same degrees of freedom.
public struct Coefficient: Sendable, Hashable, Codable {
    /// The term's name as the formula prints it: `(Intercept)`, `x1`, `factor(year)2015`, `I(x^2)`.
    public let term: String
    public let estimate: Double
    public let standardError: Double
    /// `estimate / standardError`.
    public let t: Double
    /// Two-sided `P(|T| > |t|)`.
    public let pValue: Double
    /// Lower end of the confidence interval (95 % unless stated otherwise).
    public let ciLow: Double
    /// Upper end of the confidence interval.
    public let ciHigh: Double

    public init(
        term: String, estimate: Double, standardError: Double, t: Double, pValue: Double, ciLow: Double, ciHigh: Double
    ) {
        self.term = term
        self.estimate = estimate
        self.standardError = standardError
        self.t = t
        self.pValue = pValue
        self.ciLow = ciLow
        self.ciHigh = ciHigh
    }

    enum CodingKeys: String, CodingKey {
        case term, estimate, standardError = "std_error", t, pValue = "p_value", ciLow = "ci_low", ciHigh = "ci_high"
    }

    /// The table for `estimates` with covariance `covariance` (SE = √Vⱼⱼ), t inference with
    /// `degreesOfFreedom`, and a `level` confidence interval (0.95 → 95 %).
    /// - Throws: ``RegressionError/distribution(_:)`` for non-positive degrees of freedom.
    public static func table(
        terms: [String], estimates: [Double], covariance: Matrix, degreesOfFreedom: Double, level: Double = 0.95
    ) throws(RegressionError) -> [Coefficient] {
        guard terms.count == estimates.count, covariance.rows == estimates.count, covariance.columns == estimates.count
        else {
            throw .dimensionMismatch(
                "\(terms.count) terms, \(estimates.count) estimates, \(covariance.rows)×\(covariance.columns) covariance")
        }
        let distribution: StudentT
        do { distribution = try StudentT(degreesOfFreedom: degreesOfFreedom) } catch {
            throw .distribution(error.description)
        }
        let critical = distribution.quantile(0.5 + level / 2)
        return terms.indices.map { j in
            let estimate = estimates[j]
            let se = max(covariance[j, j], 0).squareRoot()
            let t = estimate / se
            return Coefficient(
                term: terms[j], estimate: estimate, standardError: se, t: t,
                pValue: distribution.twoSidedPValue(t),
                ciLow: estimate - critical * se, ciHigh: estimate + critical * se)
        }
    }
}
