import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import PanelStatsTestSupport
import Testing

@testable import PanelStatsRegression

/// The building blocks of the within estimator: the one-way transform, alternating projections,
/// singletons, redundant levels and the cluster terms.
@Suite("Fixed effects: numerics")
struct FixedEffectsNumericsTests {
    /// Group means of [1, 2, 3, 10, 20] in groups [0, 0, 0, 1, 1] are 2 and 15; weighted with
    /// w = [1, 1, 2, 1, 3] they are (1 + 2 + 6)/4 = 2.25 and (10 + 60)/4 = 17.5.
    @Test func withinTransformSubtractsWeightedGroupMeans() throws {
        let codes: [Int32] = [0, 0, 0, 1, 1]
        let x: [Double] = [1, 2, 3, 10, 20]
        let plain = try WithinTransform(codes: codes, groupCount: 2)
        #expect(plain.demeaned(x) == [-1, 0, 1, -5, 5])
        let weighted = try WithinTransform(codes: codes, groupCount: 2, weights: [1, 1, 2, 1, 3])
        #expect(weighted.groupMeans(of: x) == [2.25, 17.5])
        #expect(weighted.demeaned(x) == [-1.25, -0.25, 0.75, -7.5, 2.5])
    }

    @Test func withinTransformRejectsCodesOutOfRange() {
        #expect(throws: FixedEffectsError.self) { try WithinTransform(codes: [0, 2], groupCount: 2) }
        #expect(throws: FixedEffectsError.self) { try WithinTransform(codes: [0, 0], groupCount: 2) }
    }

    /// Two crossed factors: the alternating-projection limit must equal the residual of a
    /// least-squares regression on both sets of dummies (computed here by QR on the dummy matrix).
    @Test func alternatingProjectionsEqualDummyRegressionResiduals() throws {
        var generator = SplitMix64(seed: 11)
        let n = 400
        let a = (0..<n).map { _ in Int32(generator.next() % 30) }
        let b = (0..<n).map { _ in Int32(generator.next() % 20) }
        let x = (0..<n).map { _ in generator.uniform() * 10 }
        let projections = try AlternatingProjections(
            factors: [try WithinTransform(codes: a, groupCount: 30), try WithinTransform(codes: b, groupCount: 20)],
            tolerance: 1e-13)
        let (demeaned, outcome) = try projections.demeaned(x, variable: "x")
        #expect(outcome.sweeps > 1)

        // Dummies of a (all 30) and of b (all but the first, which the a-dummies' sum spans).
        var dummies = Matrix(rows: n, columns: 49)
        for i in 0..<n {
            dummies[i, Int(a[i])] = 1
            if b[i] > 0 { dummies[i, 30 + Int(b[i]) - 1] = 1 }
        }
        let fit = try LeastSquares.fit(response: x, design: dummies)
        #expect(fit.omittedColumns.isEmpty)
        for i in 0..<n { #expect(abs(demeaned[i] - fit.residuals[i]) < 1e-10) }
    }

    /// A chain of levels connected by single movers converges slowly; with a limit of 5 sweeps the
    /// error names the variable, the iteration count and the relative change reached.
    @Test func nonConvergenceIsAnErrorWithIterationsAndTolerance() throws {
        let levels = 200
        var a: [Int32] = [], b: [Int32] = []
        for g in 0..<levels {
            a.append(Int32(g)); b.append(Int32(g))
            a.append(Int32(g)); b.append(Int32(min(g + 1, levels - 1)))
        }
        let x = (0..<a.count).map { Double($0 % 7) }
        let projections = try AlternatingProjections(
            factors: [try WithinTransform(codes: a, groupCount: levels), try WithinTransform(codes: b, groupCount: levels)],
            tolerance: 1e-12, maximumSweeps: 5)
        let error = #expect(throws: FixedEffectsError.self) { try projections.demeaned(x, variable: "x") }
        guard case .notConverged(let variable, let iterations, let reached, let tolerance)? = error else {
            Issue.record("expected non-convergence, got \(String(describing: error))")
            return
        }
        #expect(variable == "x")
        #expect(iterations <= 5 && iterations > 0)
        #expect(reached > tolerance)
        #expect(error?.description.contains("did not converge in \(iterations) iterations") == true)
    }

    /// Levels a1 (2 obs), a2 (1 obs) and b-level counts: dropping the a2 singleton leaves b2 with
    /// one observation, which is dropped in the second round (as reghdfe's iterative rule).
    @Test func singletonsAreDroppedIteratively() throws {
        // rows:       0  1  2  3  4
        let a: [Int32] = [0, 0, 1, 2, 2]
        let b: [Int32] = [0, 0, 1, 1, 0]
        let (keep, dropped) = try Singletons.nonSingletonRows(codes: [a, b], counts: [3, 2])
        // Row 2 is alone in a=1; then b=1 holds only row 3, which goes next; then a=2 holds only
        // row 4, which goes last.
        #expect(keep == [true, true, false, false, false])
        #expect(dropped == 3)
    }

    /// Three disconnected blocks of (a, b) levels: reghdfe's connected-components count equals
    /// `G_a + G_b − rank[D_a D_b]` with the rank from numpy's SVD (fixture components.json).
    @Test func redundantLevelsOfTwoFactorsAreTheConnectedComponents() throws {
        let frame = try ModelFrame(
            formula: try Formula.parse("y ~ x | a + b"),
            data: try CSVReader.read(path: Fixtures.url("fe/components.csv").path))
        let expected = try JSONSerialization.jsonObject(with: Fixtures.data("fe/components.json")) as? [String: Any]
        let a = frame.absorbed[0], b = frame.absorbed[1]
        #expect(a.count == expected?["levels_a"] as? Int)
        #expect(b.count == expected?["levels_b"] as? Int)
        let redundant = RedundantLevels.count(codes: [a.codes, b.codes], counts: [a.count, b.count])
        #expect(redundant == [0, expected?["redundant"] as? Int ?? -1])
    }

    @Test func nestingIsEveryLevelInsideOneCluster() {
        #expect(RedundantLevels.isNested([0, 0, 1, 2], innerCount: 3, in: [5, 5, 5, 6]))
        #expect(!RedundantLevels.isNested([0, 0, 1, 2], innerCount: 3, in: [5, 6, 5, 6]))
    }

    /// Two cluster variables give V₁ + V₂ − V₁₂; the intersection has one group per pair present.
    @Test func twoWayClusteringHasThreeTermsWithSigns() throws {
        let c1 = GroupIndex(name: "c1", codes: [0, 0, 1, 1, 1], count: 2, labels: ["p", "q"])
        let c2 = GroupIndex(name: "c2", codes: [0, 1, 0, 1, 1], count: 2, labels: ["u", "v"])
        let terms = try ClusterRobustCovariance.terms([c1, c2])
        #expect(terms.map(\.variables) == [["c1"], ["c2"], ["c1", "c2"]])
        #expect(terms.map(\.sign) == [1, 1, -1])
        #expect(terms[2].count == 4)
        #expect(terms[2].codes == [0, 1, 2, 3, 3])
    }

    @Test func aClusterVariableWithOneLevelIsAnError() {
        let one = GroupIndex(name: "region", codes: [0, 0, 0], count: 1, labels: ["north"])
        #expect(throws: FixedEffectsError.singleCluster(variable: "region", level: "north")) {
            try ClusterRobustCovariance.terms([one])
        }
    }

    @Test func smallSampleCorrectionsParseTheirPeerNames() throws {
        #expect(try SmallSampleCorrection(parsing: "stata-xtreg") == .stataXtreg)
        #expect(try SmallSampleCorrection(parsing: "stata-areg") == .stataAreg)
        #expect(try SmallSampleCorrection(parsing: "fixest") == .fixest)
        #expect(try SmallSampleCorrection(parsing: "none") == SmallSampleCorrection.none)
        #expect(try SmallSampleCorrection(parsing: "linearmodels") == .linearmodels(debiased: true, groupDebias: false))
        #expect(try SmallSampleCorrection(parsing: "linearmodels:group_debias").description == "linearmodels:group_debias")
        #expect(throws: FixedEffectsError.self) { try SmallSampleCorrection(parsing: "stata") }
    }
}
