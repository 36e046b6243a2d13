import Foundation
import PanelStatsData
import PanelStatsLinearAlgebra
import Testing

@testable import PanelStatsRegression

/// Panel declaration and bad input: clear errors naming the variable, row or level, never a
/// crash or a silent result.
@Suite("Fixed effects: panel declaration and bad input")
struct FixedEffectsInputTests {
    /// A small panel: 3 firms (labels sorted numerically), unbalanced.
    @Test func panelDeclarationOrdersLevelsAndDetectsBalance() throws {
        let panel = try PanelDeclaration(entityVariable: "firm", entities: [10, 2, 2, 10, 1],
                                         timeVariable: "year", times: [2001, 2001, 2002, 2002, 2001])
        #expect(panel.entity.labels == ["1", "2", "10"])
        #expect(panel.entity.codes == [2, 1, 1, 2, 0])
        #expect(panel.time?.labels == ["2001", "2002"])
        #expect(!panel.isBalanced)
        #expect(panel.observationsPerEntity.min == 1 && panel.observationsPerEntity.max == 2)
        let strings = try PanelDeclaration(entityVariable: "id", entities: ["b", "a", "b", "a"])
        #expect(strings.entity.labels == ["a", "b"])
        #expect(strings.isBalanced)
    }

    @Test func aRowWithoutAnEntityIdentifierIsReported() {
        #expect(throws: FixedEffectsError.missingIdentifier(variable: "firm", row: 3)) {
            try PanelDeclaration(entityVariable: "firm", entities: ["a", "b", nil, "c"])
        }
    }

    @Test func aDuplicateEntityTimePairNamesBoth() {
        let error = #expect(throws: FixedEffectsError.self) {
            try PanelDeclaration(entityVariable: "firm", entities: ["a", "b", "a"], timeVariable: "year",
                                 times: [2001, 2001, 2001])
        }
        #expect(error == .duplicatePanelObservation(entityVariable: "firm", entity: "a", timeVariable: "year",
                                                    time: "2001", firstRow: 1, secondRow: 3))
        #expect(error?.description == "duplicate panel observation firm = a, year = 2001 (rows 1 and 3)")
    }

    /// Through the CSV path a missing entity identifier is removed listwise and reported by name
    /// (as fixest does), and a model given a missing code directly names the row.
    @Test func aMissingEntityInTheDataIsRemovedAndReported() throws {
        let csv = "id,x,y\na,1,2\n,2,3\na,3,5\nb,1,1\nb,2,4\nb,4,4\n"
        let frame = try ModelFrame(formula: try Formula.parse("y ~ x | id"), data: try CSVReader.parse(csv, source: "t.csv"))
        #expect(frame.missing.perVariable == [MissingReport.Entry(variable: "id", count: 1)])
        #expect(frame.observationCount == 5)
        let broken = GroupIndex(name: "id", codes: [0, -1, 0, 1, 1, 1], count: 2, labels: ["a", "b"])
        let model = try FixedEffectsModel(response: [2, 3, 5, 1, 4, 4], responseName: "y",
                                          design: try Matrix(columns: [[1, 2, 3, 1, 2, 4]]), termNames: ["x"],
                                          absorbed: [broken])
        #expect(throws: FixedEffectsError.missingIdentifier(variable: "id", row: 2)) { try model.fit() }
    }

    @Test func aSingleEntityIsAnError() throws {
        let model = try Self.model(csv: "id,x,y\na,1,2\na,2,3\na,3,5\n", formula: "y ~ x | id")
        #expect(throws: FixedEffectsError.singleLevel(variable: "id", level: "a")) { try model.fit() }
    }

    /// `z` is constant within every firm: reported as collinear with the fixed effects and dropped
    /// by name; the other coefficient equals the fit without `z`.
    @Test func aRegressorConstantWithinEntitiesIsDroppedByName() throws {
        let csv = "id,x,z,y\na,1,7,2\na,2,7,3\na,3,7,5\nb,1,2,1\nb,2,2,4\nb,4,2,4\nc,0,5,1\nc,2,5,2\n"
        let with = try Self.model(csv: csv, formula: "y ~ x + z | id").fit()
        let without = try Self.model(csv: csv, formula: "y ~ x | id").fit()
        #expect(with.omitted == [OmittedTerm(term: "z", reason: .collinearWithFixedEffects)])
        #expect(with.coefficients.map(\.term) == ["(Intercept)", "x"])
        #expect(abs((with.coefficient("x")?.estimate ?? 0) - (without.coefficient("x")?.estimate ?? 1)) < 1e-14)
        #expect(with.dfResid == without.dfResid)
    }

    @Test func everyRegressorAbsorbedIsAnError() throws {
        let csv = "id,z,y\na,7,2\na,7,3\nb,2,1\nb,2,4\n"
        let model = try Self.model(csv: csv, formula: "y ~ z | id")
        #expect(throws: FixedEffectsError.allRegressorsAbsorbed(regressors: ["z"], absorbed: ["id"])) { try model.fit() }
    }

    @Test func aClusterVariableWithOneLevelIsAnError() throws {
        let csv = "id,x,y,c\na,1,2,k\na,2,3,k\na,3,5,k\nb,1,1,k\nb,2,4,k\nb,4,4,k\n"
        let frame = try ModelFrame(formula: try Formula.parse("y ~ x | id"), data: try CSVReader.parse(csv, source: "t.csv"),
                                   additionalVariables: ["c"])
        var model = try FixedEffectsModel(frame: frame)
        model.covariance = .cluster([try frame.groups("c")])
        #expect(throws: FixedEffectsError.singleCluster(variable: "c", level: "k")) { try model.fit() }
    }

    /// Three absorbed factors with a 3-sweep limit: the error carries the iteration count and the
    /// relative change reached.
    @Test func alternatingProjectionsThatDoNotConvergeAreAnError() throws {
        let frame = try FEFixtures.frame("multiway.csv", formula: "y ~ x1 + x2 + x3 | a + b + c")
        var model = try FixedEffectsModel(frame: frame)
        model.maximumSweeps = 3
        model.tolerance = 1e-14
        let error = #expect(throws: FixedEffectsError.self) { try model.fit() }
        guard case .notConverged(let variable, let iterations, let reached, let tolerance)? = error else {
            Issue.record("expected non-convergence, got \(String(describing: error))")
            return
        }
        #expect(variable == "y")
        #expect(iterations == 3)
        #expect(reached > tolerance)
        #expect(tolerance == 1e-14)
    }

    /// Stata's aweights are rescaled to sum to N: multiplying every weight by 7 changes nothing.
    @Test func weightsAreScaleInvariant() throws {
        let c = try FixedEffectsPanelTests.Case(seed: 1)
        let w = try c.frame.numeric("w")
        var model = try FixedEffectsModel(frame: c.frame, weights: w)
        let a = try model.fit()
        model.weights = w.map { $0 * 7 }
        let b = try model.fit()
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(relativeDifference(x.estimate, y.estimate) < 1e-12)
            #expect(relativeDifference(x.standardError, y.standardError) < 1e-12)
        }
        #expect(relativeDifference(a.sigmaE, b.sigmaE) < 1e-12)
    }

    @Test func theResultRoundTripsThroughJSON() throws {
        let c = try FixedEffectsPanelTests.Case(seed: 2)
        let r = try c.fit(FixedEffectsPanelTests.region)
        let decoded = try JSONDecoder().decode(FixedEffectsResult.self, from: try JSONEncoder().encode(r))
        #expect(decoded == r)
    }

    static func model(csv: String, formula: String) throws -> FixedEffectsModel {
        try FixedEffectsModel(frame: try ModelFrame(formula: try Formula.parse(formula),
                                                    data: try CSVReader.parse(csv, source: "t.csv")))
    }
}
