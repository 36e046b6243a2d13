import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

@Suite("Least-squares core")
struct LeastSquaresTests {
    /// y = 1 + 2x exactly, through 4 points.
    @Test func exactLineIsRecovered() throws {
        let x: [Double] = [0, 1, 2, 3]
        let fit = try LeastSquares.fit(
            response: x.map { 1 + 2 * $0 }, design: try Matrix(columns: [[1, 1, 1, 1], x]))
        #expect(fit.coefficients == [1, 2])
        #expect(fit.rss == 0)
        #expect(fit.residuals == [0, 0, 0, 0])
    }

    /// (XᵀX)⁻¹ for the design [1, x] with x = 0…3: [[0.7, −0.3], [−0.3, 0.2]].
    @Test func inverseGramIsTheInverseCrossProduct() throws {
        let fit = try LeastSquares.fit(
            response: [1, 3, 2, 5], design: try Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]]))
        let expected = [0.7, -0.3, -0.3, 0.2]
        for (a, b) in zip(fit.inverseGram.storage, expected) { #expect(abs(a - b) < 1e-15) }
    }

    /// Leverages of [1, x] with x = 0…3: 1/n + (x − x̄)²/Sxx = 0.7, 0.3, 0.3, 0.7; they sum to k.
    @Test func leveragesAreTheHatMatrixDiagonal() throws {
        let fit = try LeastSquares.fit(
            response: [1, 3, 2, 5], design: try Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]]))
        let h = try fit.leverages()
        for (a, b) in zip(h, [0.7, 0.3, 0.3, 0.7]) { #expect(abs(a - b) < 1e-15) }
    }

    /// Weighted least squares equals OLS on √w-scaled rows; residuals are on the original scale.
    @Test func weightsScaleRows() throws {
        let x: [Double] = [0, 1, 2, 3, 4]
        let y: [Double] = [1, 2, 2, 5, 4]
        let w: [Double] = [1, 4, 1, 0.25, 2]
        let weighted = try LeastSquares.fit(response: y, design: try Matrix(columns: [[1, 1, 1, 1, 1], x]), weights: w)
        let root = w.map { $0.squareRoot() }
        let scaled = try LeastSquares.fit(
            response: zip(y, root).map { $0 * $1 }, design: try Matrix(columns: [root, zip(x, root).map { $0 * $1 }]))
        for j in 0..<2 { #expect(relativeDifference(weighted.coefficients[j], scaled.coefficients[j]) < 1e-14) }
        #expect(relativeDifference(weighted.rss, scaled.rss) < 1e-13)
        for i in 0..<5 {
            #expect(abs(weighted.residuals[i] - (y[i] - weighted.coefficients[0] - weighted.coefficients[1] * x[i])) < 1e-14)
        }
    }

    @Test func fewerObservationsThanParametersIsAnError() throws {
        #expect(throws: RegressionError.tooFewObservations(n: 2, parameters: 3)) {
            try LeastSquares.fit(response: [1, 2], design: try Matrix(columns: [[1, 1], [0, 1], [3, 1]]))
        }
    }

    @Test func noResidualDegreeOfFreedomIsAnError() throws {
        #expect(throws: RegressionError.tooFewObservations(n: 2, parameters: 2)) {
            try LeastSquares.fit(response: [1, 2], design: try Matrix(columns: [[1, 1], [0, 1]]))
        }
    }

    @Test func nonFiniteResponseIsAnError() throws {
        #expect(throws: RegressionError.nonFinite(what: "the response", observation: 1)) {
            try LeastSquares.fit(response: [1, .nan, 3], design: try Matrix(columns: [[1, 1, 1]]))
        }
    }

    @Test func nonPositiveWeightIsAnError() throws {
        #expect(throws: RegressionError.invalidWeight(observation: 2, value: 0)) {
            try LeastSquares.fit(response: [1, 2, 3], design: try Matrix(columns: [[1, 1, 1]]), weights: [1, 1, 0])
        }
    }

    @Test func emptyDataIsAnError() throws {
        #expect(throws: RegressionError.self) {
            try LeastSquares.fit(response: [], design: Matrix(rows: 0, columns: 1))
        }
    }
}
