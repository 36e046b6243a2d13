import Foundation
import Testing
@testable import PanelStatsDistributions

@Suite("Distribution behaviour at the edges")
struct BehaviourTests {
    /// The parameter named by the `DistributionError` that `body` throws (nil if it does not throw one).
    static func parameterName(_ body: () throws -> Void) -> String? {
        do {
            try body()
        } catch let DistributionError.invalidParameter(name, _) {
            return name
        } catch {}
        return nil
    }

    @Test(arguments: [0.0, -1.0, .nan, .infinity, -.infinity])
    func invalidDegreesOfFreedomThrowNamingTheParameter(value: Double) {
        #expect(Self.parameterName { _ = try StudentT(degreesOfFreedom: value) } == "degreesOfFreedom")
        #expect(Self.parameterName { _ = try ChiSquared(degreesOfFreedom: value) } == "degreesOfFreedom")
        #expect(Self.parameterName {
            _ = try FisherF(numeratorDegreesOfFreedom: value, denominatorDegreesOfFreedom: 5)
        } == "numeratorDegreesOfFreedom")
        #expect(Self.parameterName {
            _ = try FisherF(numeratorDegreesOfFreedom: 5, denominatorDegreesOfFreedom: value)
        } == "denominatorDegreesOfFreedom")
        #expect(Self.parameterName { _ = try Normal(standardDeviation: value) } == "standardDeviation")
    }

    @Test func nonFiniteMeanThrowsNamingMean() {
        #expect(Self.parameterName { _ = try Normal(mean: .nan) } == "mean")
        #expect(Self.parameterName { _ = try Normal(mean: -.infinity) } == "mean")
    }

    @Test func errorCarriesValueAndDescribesIt() {
        #expect(throws: DistributionError.invalidParameter(name: "degreesOfFreedom", value: -2)) {
            try StudentT(degreesOfFreedom: -2)
        }
        let message = DistributionError.invalidParameter(name: "degreesOfFreedom", value: -2).description
        #expect(message.contains("degreesOfFreedom"))
        #expect(message.contains("-2.0"))
    }

    static func all() throws -> [any ContinuousDistribution] {
        [try StudentT(degreesOfFreedom: 3.5), try Normal(mean: 1, standardDeviation: 2),
         try ChiSquared(degreesOfFreedom: 4), try FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 8)]
    }

    @Test func quantileAtZeroAndOneIsTheSupportsEnds() throws {
        let t = try StudentT(degreesOfFreedom: 3.5), n = try Normal()
        let c = try ChiSquared(degreesOfFreedom: 4)
        let f = try FisherF(numeratorDegreesOfFreedom: 3, denominatorDegreesOfFreedom: 8)
        #expect(t.quantile(0) == -.infinity && n.quantile(0) == -.infinity)
        #expect(c.quantile(0) == 0 && f.quantile(0) == 0)
        for d in try Self.all() {
            #expect(d.quantile(1) == .infinity)
            #expect(d.inverseSurvival(0) == .infinity)
            #expect(d.inverseSurvival(1) == d.quantile(0))
        }
    }

    @Test func probabilitiesOutsideTheUnitIntervalGiveNaN() throws {
        for d in try Self.all() {
            for p in [-0.1, 1.1, -.infinity, .infinity, .nan] {
                #expect(d.quantile(p).isNaN)
                #expect(d.inverseSurvival(p).isNaN)
            }
        }
    }

    @Test func nanArgumentGivesNaNWithoutTrapping() throws {
        for d in try Self.all() {
            #expect(d.pdf(.nan).isNaN)
            #expect(d.cdf(.nan).isNaN)
            #expect(d.sf(.nan).isNaN)
        }
        #expect(try StudentT(degreesOfFreedom: 2).twoSidedPValue(.nan).isNaN)
    }

    @Test func infiniteArgumentsGiveLimits() throws {
        for d in try Self.all() {
            #expect(d.cdf(.infinity) == 1 && d.sf(.infinity) == 0)
            #expect(d.cdf(-.infinity) == 0 && d.sf(-.infinity) == 1)
            #expect(d.pdf(.infinity) == 0)
        }
    }

    @Test func quantileInvertsCdfAndInverseSurvivalInvertsSf() throws {
        for d in try Self.all() {
            for p in [1e-200, 1e-9, 0.01, 0.3, 0.5, 0.8, 0.999] {
                #expect(abs(d.cdf(d.quantile(p)) / p - 1) < 1e-13)
                #expect(abs(d.sf(d.inverseSurvival(p)) / p - 1) < 1e-13)
            }
        }
    }

    @Test func cdfAndSfAddToOne() throws {
        for d in try Self.all() {
            for x in [-3.0, 0.1, 0.7, 1, 2.5, 9] {
                #expect(abs(d.cdf(x) + d.sf(x) - 1) < 1e-15)
            }
        }
    }

    @Test func twoSidedPValueIsTwiceTheUpperTail() throws {
        let t = try StudentT(degreesOfFreedom: 27)
        #expect(t.twoSidedPValue(0) == 1)
        #expect(t.twoSidedPValue(.infinity) == 0)
        for x in [0.3, 2.05, 8, 40] {
            #expect(t.twoSidedPValue(x) == t.twoSidedPValue(-x))
            #expect(abs(t.twoSidedPValue(x) / (2 * t.sf(x)) - 1) < 1e-15)
        }
    }

    @Test func studentTApproachesTheNormalForHugeDegreesOfFreedom() throws {
        // The relative gap is about x⁴/(4ν) in the tail: 2e-16 at x = -30 for ν = 1e20.
        let t = try StudentT(degreesOfFreedom: 1e20), n = try Normal()
        for x in [-30.0, -5, -1, 0.5, 4] {
            #expect(abs(t.cdf(x) / n.cdf(x) - 1) < 1e-13)
        }
        #expect(abs(t.quantile(1e-100) / n.quantile(1e-100) - 1) < 1e-13)
    }

    @Test func symmetricDistributionsAreExactlySymmetric() throws {
        let t = try StudentT(degreesOfFreedom: 2.5), n = try Normal()
        for p in [1e-300, 1e-6, 0.2, 0.4999] {
            #expect(t.quantile(p) == -t.inverseSurvival(p))
            #expect(n.quantile(p) == -n.inverseSurvival(p))
        }
        #expect(t.quantile(0.5) == 0 && n.quantile(0.5) == 0)
    }

    @Test func specialFunctionsReturnNaNOutsideTheirDomain() {
        #expect(SpecialFunctions.regularizedIncompleteBeta(0.5, a: -1, b: 2).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(1.5, a: 1, b: 2).isNaN)
        #expect(SpecialFunctions.regularizedGammaP(0, 1).isNaN)
        #expect(SpecialFunctions.regularizedGammaQ(2, -1).isNaN)
        #expect(SpecialFunctions.inverseRegularizedGammaP(2, 2).isNaN)
        #expect(SpecialFunctions.inverseRegularizedIncompleteBeta(.nan, a: 1, b: 1).isNaN)
        #expect(SpecialFunctions.logBeta(-1, 1).isNaN)
    }

    @Test func logBetaMatchesLogGammaForSmallArguments() {
        let direct = SpecialFunctions.logGamma(2.5) + SpecialFunctions.logGamma(3.5) - SpecialFunctions.logGamma(6)
        #expect(abs(SpecialFunctions.logBeta(2.5, 3.5) - direct) < 1e-14)
    }
}
