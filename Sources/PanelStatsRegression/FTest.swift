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

    /// The smallest squared Cholesky pivot of the tested block, on its correlation scale, that
    /// ``wald(coefficients:covariance:testing:denominator:)`` takes as positive definite.
    public static let singularPivot = 1e-10

    /// The Wald test that the coefficients at `indices` are all zero:
    /// `F = β_Rᵀ V_R⁻¹ β_R / q` with `V_R` their block of `covariance`, against `F(q, d)` —
    /// Stata's `test` after `regress` and statsmodels' robust `fvalue`. With `V = s²(XᵀX)⁻¹`
    /// this equals the classical `(ESS/q) / s²`.
    ///
    /// Returns `nil` when there is nothing to test (`q = 0`) or `V_R` is not positive definite
    /// (e.g. a cluster-robust `V` of rank G − 1 < q, where Stata too reports no F), judged on
    /// the correlation scale with a squared pivot above ``singularPivot``.
    public static func wald(
        coefficients: [Double], covariance: Matrix, testing indices: [Int], denominator d: Double
    ) throws(RegressionError) -> FTest? {
        let q = indices.count
        guard q > 0 else { return nil }
        let block = covariance.submatrix(rows: indices, columns: indices)
        // Judged on the correlation scale: a block that is singular in exact arithmetic (a clustered
        // V of rank below q) comes out of rounding with a smallest eigenvalue of either sign near
        // 1e-16, so whether the factorisation succeeds would be chance. A pivot² below
        // `singularPivot` (an eigenvalue at most that small) counts as singular.
        let scale = (0..<q).map { block[$0, $0].squareRoot() }
        guard scale.allSatisfy({ $0 > 0 && $0.isFinite }) else { return nil }
        var correlation = block
        for c in 0..<q { for r in 0..<q { correlation[r, c] = block[r, c] / (scale[r] * scale[c]) } }
        let beta = indices.indices.map { coefficients[indices[$0]] / scale[$0] }
        let quadratic: Double
        do {
            guard let cholesky = try? Cholesky(correlation),
                  (0..<q).allSatisfy({ cholesky.factor[$0, $0] * cholesky.factor[$0, $0] > singularPivot }) else { return nil }
            let solved = try cholesky.solve(try Matrix(rows: q, columns: 1, columnMajor: beta))
            quadratic = zip(beta, solved.storage).reduce(0) { $0 + $1.0 * $1.1 }
        } catch {
            throw .linearAlgebra(error)
        }
        guard quadratic.isFinite, quadratic >= 0 else { return nil }
        return try FTest(statistic: quadratic / Double(q), numerator: q, denominator: d)
    }
}
