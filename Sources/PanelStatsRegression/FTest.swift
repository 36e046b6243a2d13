import PanelStatsDistributions
import PanelStatsLinearAlgebra

/// An F test of `q` linear restrictions, `F ~ F(q, d)` under the null.
public struct FTest: Sendable, Hashable, Codable {
    /// The F statistic.
    public let statistic: Double
    /// Numerator degrees of freedom `q` (number of restrictions).
    public let numeratorDegreesOfFreedom: Int
    /// Denominator degrees of freedom `d` (n − k, or G − 1 with cluster-robust SEs).
    public let denominatorDegreesOfFreedom: Double
    /// `P(F(q, d) > statistic)`.
    public let pValue: Double

    enum CodingKeys: String, CodingKey {
        case statistic = "stat", numeratorDegreesOfFreedom = "df1", denominatorDegreesOfFreedom = "df2"
        case pValue = "p_value"
    }

    /// Wraps a statistic with its p-value from `F(q, d)`.
    public init(statistic: Double, numerator q: Int, denominator d: Double) throws(RegressionError) {
        let distribution: FisherF
        do {
            distribution = try FisherF(numeratorDegreesOfFreedom: Double(q), denominatorDegreesOfFreedom: d)
        } catch {
            throw .distribution(error.description)
        }
        self.statistic = statistic
        numeratorDegreesOfFreedom = q
        denominatorDegreesOfFreedom = d
        pValue = distribution.sf(statistic)
    }

    /// The Wald test that the coefficients at `indices` are all zero:
    /// `F = β_Rᵀ V_R⁻¹ β_R / q` with `V_R` their block of `covariance`, against `F(q, d)` —
    /// Stata's `test` after `regress` and statsmodels' robust `fvalue`. With `V = s²(XᵀX)⁻¹`
    /// this equals the classical `(ESS/q) / s²`.
    ///
    /// Returns `nil` when there is nothing to test (`q = 0`) or `V_R` is not positive definite
    /// (e.g. a cluster-robust `V` of rank G − 1 < q, where Stata too reports no F).
    public static func wald(
        coefficients: [Double], covariance: Matrix, testing indices: [Int], denominator d: Double
    ) throws(RegressionError) -> FTest? {
        let q = indices.count
        guard q > 0 else { return nil }
        let block = covariance.submatrix(rows: indices, columns: indices)
        let beta = indices.map { coefficients[$0] }
        let quadratic: Double
        do {
            guard let cholesky = try? Cholesky(block) else { return nil }
            let solved = try cholesky.solve(try Matrix(rows: q, columns: 1, columnMajor: beta))
            quadratic = zip(beta, solved.storage).reduce(0) { $0 + $1.0 * $1.1 }
        } catch {
            throw .linearAlgebra(error)
        }
        guard quadratic.isFinite, quadratic >= 0 else { return nil }
        return try FTest(statistic: quadratic / Double(q), numerator: q, denominator: d)
    }
}
