import Testing
@testable import PanelStatsDistributions

/// Agreement with scipy 1.17.1 and with 40-digit mpmath 1.3.0 (fixtures and their provenance:
/// scripts/make_distribution_fixtures.py) at ≥ 200 points per distribution and function, tails down to
/// 1e-300 included.
///
/// Tolerances (relative to the 40-digit mpmath value `m`; `s` is scipy's value, `v` ours):
/// - `|v - m| ≤ 1e-12·|m|` for every function (cdf, sf, quantile, isf, and the pdf);
/// - `|v - s| ≤ 1e-12·|m| + |s - m|`: against scipy the tolerance is 1e-12 plus scipy's own error. Where
///   scipy is accurate this is the plain 1e-12 comparison; where it is not, we may differ from scipy by no
///   more than scipy differs from the truth (the triangle inequality). Points where scipy is more than
///   1e-13 off are counted and the worst printed; they are scipy's errors (for instance
///   `t.cdf(-1e-8, df=1)` is off by 3e-9, `f.cdf(1e20, 1, 1)` returns 1.0 instead of 1 - 6.4e-11,
///   `t.isf(1e-300, df=0.5)` returns 4.7e153 where the true ~1e600 overflows to +∞, `f.ppf(1e-300, 4, 1e6)`
///   is NaN, `norm.cdf(-35)` carries the 2e-13 error of `erfc(x/√2)` with a rounded `x/√2`).
@Suite("Agreement with scipy and mpmath")
struct ScipyAgreementTests {
    static let tolerance = 1e-12
    static let scipyItselfOff = 1e-13

    func check(_ file: String, _ function: String, _ evaluate: (FixtureRow) throws -> Double) throws {
        let rows = try loadFixture(file).filter { $0.function == function }
        var againstMpmath = Worst(), againstScipy = Worst(), scipyOff = Worst()
        var scipyOffCount = 0
        for row in rows {
            let actual = try evaluate(row)
            let errorMpmath = relativeError(actual, row.mpmath)
            let scipyOwn = relativeError(row.scipy, row.mpmath)
            let errorScipy = relativeError(actual, row.scipy, scale: row.mpmath)
            againstMpmath.record(errorMpmath, row, actual)
            if scipyOwn > Self.scipyItselfOff {
                scipyOffCount += 1
                scipyOff.record(scipyOwn, row, actual)
            } else {
                againstScipy.record(errorScipy, row, actual)
            }
            #expect(errorMpmath <= Self.tolerance, "\(file) \(function) vs mpmath at \(row): got \(actual)")
            #expect(errorScipy <= Self.tolerance + scipyOwn, "\(file) \(function) vs scipy at \(row): got \(actual)")
        }
        print("""
            \(file) \(function): \(rows.count) points; worst relative error vs scipy \(againstScipy); \
            vs mpmath \(againstMpmath); scipy itself off from mpmath by > 1e-13 at \(scipyOffCount) points \
            (worst scipy error \(scipyOff))
            """)
        #expect(rows.count >= 200)
    }

    func check(_ file: String, _ function: String, _ make: (FixtureRow) throws -> any ContinuousDistribution) throws {
        try check(file, function) { (row: FixtureRow) throws -> Double in
            let d = try make(row)
            switch function {
            case "pdf": return d.pdf(row.argument)
            case "cdf": return d.cdf(row.argument)
            case "sf": return d.sf(row.argument)
            case "quantile": return d.quantile(row.argument)
            default: return d.inverseSurvival(row.argument)
            }
        }
    }

    static let functions = ["pdf", "cdf", "sf", "quantile", "isf"]

    @Test(arguments: functions) func normalMatchesScipy(function: String) throws {
        try check("normal.csv", function) { try Normal(mean: $0.parameter1, standardDeviation: $0.parameter2 ?? 1) }
    }

    @Test(arguments: functions) func studentTMatchesScipy(function: String) throws {
        try check("t.csv", function) { try StudentT(degreesOfFreedom: $0.parameter1) }
    }

    @Test(arguments: functions) func chiSquaredMatchesScipy(function: String) throws {
        try check("chi2.csv", function) { try ChiSquared(degreesOfFreedom: $0.parameter1) }
    }

    @Test(arguments: functions) func fisherFMatchesScipy(function: String) throws {
        try check("f.csv", function) {
            try FisherF(numeratorDegreesOfFreedom: $0.parameter1, denominatorDegreesOfFreedom: $0.parameter2 ?? 1)
        }
    }

    @Test(arguments: ["betainc", "betaincc", "betaincinv", "betainccinv"])
    func incompleteBetaMatchesScipy(function: String) throws {
        try checkSpecial(function)
    }

    @Test(arguments: ["gammainc", "gammaincc", "gammaincinv", "gammainccinv"])
    func incompleteGammaMatchesScipy(function: String) throws {
        try checkSpecial(function)
    }

    /// The special functions have fewer points (≥ 50 each); the distributions above exercise them densely.
    func checkSpecial(_ function: String) throws {
        let rows = try loadFixture("special.csv").filter { $0.function == function }
        #expect(rows.count >= 50)
        var worst = Worst()
        for row in rows {
            let a = row.parameter1, b = row.parameter2 ?? .nan, x = row.argument
            let actual: Double
            switch function {
            case "betainc": actual = SpecialFunctions.regularizedIncompleteBeta(x, a: a, b: b)
            case "betaincc": actual = SpecialFunctions.regularizedIncompleteBetaComplement(x, a: a, b: b)
            case "betaincinv": actual = SpecialFunctions.inverseRegularizedIncompleteBeta(x, a: a, b: b)
            case "betainccinv": actual = SpecialFunctions.inverseRegularizedIncompleteBetaComplement(x, a: a, b: b)
            case "gammainc": actual = SpecialFunctions.regularizedGammaP(a, x)
            case "gammaincc": actual = SpecialFunctions.regularizedGammaQ(a, x)
            case "gammaincinv": actual = SpecialFunctions.inverseRegularizedGammaP(a, x)
            default: actual = SpecialFunctions.inverseRegularizedGammaQ(a, x)
            }
            let error = relativeError(actual, row.mpmath)
            worst.record(error, row, actual)
            let scipyOwn = relativeError(row.scipy, row.mpmath)
            #expect(relativeError(actual, row.scipy, scale: row.mpmath) <= Self.tolerance + scipyOwn,
                    "\(function) vs scipy at \(row): got \(actual)")
            #expect(error <= Self.tolerance, "\(function) vs mpmath at \(row): got \(actual)")
        }
        print("special \(function): \(rows.count) points; worst relative error vs mpmath \(worst)")
    }
}
