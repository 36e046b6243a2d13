import PanelStatsLinearAlgebra
import PanelStatsRegression
import Testing

/// `FTest.wald`: the rank decision on the tested block's correlation scale.
@Suite("Wald F test")
struct WaldTestTests {
    /// `V = A Aᵀ` with `A` of rank 2 is singular in exact arithmetic; rounding leaves a smallest
    /// eigenvalue of either sign near 1e-16, and any such V must give no test, not one by chance.
    @Test func aBlockSingularInExactArithmeticGivesNoTest() throws {
        let columns: [[Double]] = [[0.3, -1.7, 2.9], [1.1, 0.4, -0.6]]
        for perturbation in [-1e-15, 0, 1e-15] {
            var v = Matrix(rows: 3, columns: 3)
            for r in 0..<3 {
                for c in 0..<3 {
                    v[r, c] = columns.reduce(0) { $0 + $1[r] * $1[c] } * (r == c ? 1 + perturbation : 1)
                }
            }
            let test = try FTest.wald(coefficients: [1, 2, 3], covariance: v, testing: [0, 1, 2], denominator: 50)
            #expect(test == nil, "perturbation \(perturbation)")
        }
    }

    /// With a diagonal V the statistic is `Σ β_j² / v_jj / q` (exact, no rounding beyond the sums).
    @Test func aDiagonalCovarianceGivesTheSumOfSquaredTStatisticsOverQ() throws {
        var v = Matrix(rows: 3, columns: 3)
        v[0, 0] = 4
        v[1, 1] = 0.25
        v[2, 2] = 1
        let test = try #require(try FTest.wald(coefficients: [9, 2, 1], covariance: v, testing: [1, 2], denominator: 30))
        #expect(abs(test.statistic - (4 / 0.25 + 1) / 2) < 1e-14)
        #expect(test.numeratorDegreesOfFreedom == 2)
    }
}
