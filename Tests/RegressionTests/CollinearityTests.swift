import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

/// Collinear columns are dropped in formula order (R's `lm`, Stata), never solved silently.
@Suite("Collinearity in formula order")
struct CollinearityTests {
    /// A deterministic design: intercept, x1, x2 and helpers built from them.
    static func columns(_ n: Int) -> (one: [Double], x1: [Double], x2: [Double], y: [Double]) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {  // splitmix64, so the test needs no platform RNG
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        let x1 = (0..<n).map { _ in uniform() * 6 - 3 }
        let x2 = (0..<n).map { _ in uniform() * 1000 }
        let y = (0..<n).map { 1 + 2 * x1[$0] - 0.01 * x2[$0] + uniform() }
        return ([Double](repeating: 1, count: n), x1, x2, y)
    }

    @Test func sumOfTwoColumnsDropsTheLaterOne() throws {
        let (one, x1, x2, y) = Self.columns(200)
        let x3 = zip(x1, x2).map { $0 + $1 }
        let full = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x1, x2, x3]))
        let reduced = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x1, x2]))
        #expect(full.omittedColumns == [3])
        #expect(full.keptColumns == [0, 1, 2])
        for j in 0..<3 { #expect(relativeDifference(full.coefficients[j], reduced.coefficients[j]) < 1e-12) }
        #expect(relativeDifference(full.rss, reduced.rss) < 1e-12)
    }

    /// With x1 = x3 − x2 placed last, it is x1 that goes: the order decides, not the norms.
    @Test func theLaterColumnGoesWhicheverItIs() throws {
        let (one, x1, x2, y) = Self.columns(200)
        let x3 = zip(x1, x2).map { $0 + $1 }
        let fit = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x3, x2, x1]))
        #expect(fit.omittedColumns == [3])
    }

    @Test func fullDummySetBesideTheInterceptDropsTheLastLevel() throws {
        let n = 700
        let (one, x1, _, y) = Self.columns(n)
        let dummies = (0..<7).map { level in (0..<n).map { $0 % 7 == level ? 1.0 : 0.0 } }
        let fit = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x1] + dummies))
        #expect(fit.omittedColumns == [8])
    }

    /// On many rows a plain QR's |R_jj| for an exactly collinear dummy carries rounding noise
    /// that grows with n (≈ 1e-12 at 2·10⁴ rows, 5e-12 at 10⁵); the refined check still sees it
    /// as collinear.
    @Test func exactCollinearityIsFoundOnManyRows() throws {
        let n = 20_000
        let (one, x1, x2, y) = Self.columns(n)
        let dummies = (0..<7).map { level in (0..<n).map { $0 % 7 == level ? 1.0 : 0.0 } }
        let combination = zip(x1, x2).map { 3 * $0 - 0.5 * $1 }
        let fit = try LeastSquares.fit(
            response: y, design: try Matrix(columns: [one, x1, x2, combination] + dummies))
        #expect(fit.omittedColumns == [3, 10])
    }

    @Test func duplicateColumnDropsTheSecondCopy() throws {
        let (one, x1, x2, y) = Self.columns(50)
        let fit = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x1, x1, x2]))
        #expect(fit.omittedColumns == [2])
    }

    @Test func zeroColumnIsOmitted() throws {
        let (one, x1, _, y) = Self.columns(50)
        let fit = try LeastSquares.fit(
            response: y, design: try Matrix(columns: [one, [Double](repeating: 0, count: 50), x1]))
        #expect(fit.omittedColumns == [1])
        #expect(fit.keptColumns == [0, 2])
    }

    @Test func nearlyCollinearButDistinctColumnIsKept() throws {
        let (one, x1, x2, y) = Self.columns(200)
        // x3 differs from x1 + x2 by a relative 1e-7: ill-conditioned, not collinear.
        let x3: [Double] = (0..<200).map { i in
            let sign: Double = i % 2 == 0 ? -0.5 : 0.5
            return x1[i] + x2[i] + 1e-7 * x2[i] * sign
        }
        let fit = try LeastSquares.fit(response: y, design: try Matrix(columns: [one, x1, x2, x3]))
        #expect(fit.omittedColumns.isEmpty)
    }

    @Test func allZeroDesignIsAnError() throws {
        let zero = [Double](repeating: 0, count: 10)
        #expect(throws: RegressionError.allColumnsCollinear) {
            try LeastSquares.fit(response: Array(repeating: 1, count: 10), design: try Matrix(columns: [zero, zero]))
        }
    }
}
