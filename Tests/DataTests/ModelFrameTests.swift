import Foundation
import PanelStatsLinearAlgebra
import Testing
@testable import PanelStatsData

private func frame(_ formula: String, _ csvText: String, additional: [String] = []) throws -> ModelFrame {
    let data = try CSVReader.parse(csvText, source: "t.csv")
    return try ModelFrame(formula: Formula.parse(formula), data: data, additionalVariables: additional)
}

/// One case of `model_frame_expected.json`, written by scripts/data_model_matrix_oracle.R.
private struct RCase: Decodable {
    var formula: String
    var rows: [Int]
    var response: [String]  // "%.17g", so they read back exactly
    var names: [String]
    var design: [String]
    var removed: Int
    var missing: [String: Int]
}

@Suite struct ModelFrameTests {
    // MARK: Against R's model.frame / model.matrix

    @Test(arguments: 0..<7)
    func designEqualsRModelMatrix(_ caseIndex: Int) throws {
        let cases = try JSONDecoder().decode([RCase].self, from: Fixture.data("model_frame_expected.json"))
        let expected = cases[caseIndex]
        let data = try CSVReader.read(path: Fixture.path("model_frame_panel.csv"))
        let frame = try ModelFrame(formula: Formula.parse(expected.formula), data: data)
        #expect(frame.termNames == expected.names)
        #expect(frame.rowIndices == expected.rows)
        #expect(frame.missing.count == expected.removed)
        for entry in frame.missing.perVariable { #expect(expected.missing[entry.variable] == entry.count) }
        // Tolerance 1e-15 relative: R evaluates I() and log() with the same IEEE operations and
        // C library, and "%.17g" round-trips, so the values agree to the last bit or two.
        let design = expected.design.compactMap(Double.init)
        let response = expected.response.compactMap(Double.init)
        #expect(frame.design.storage.count == expected.design.count)
        #expect(design.count == expected.design.count)
        for (mine, theirs) in zip(frame.design.storage, design) {
            #expect(abs(mine - theirs) <= 1e-15 * max(1, abs(theirs)))
        }
        #expect(frame.response.count == response.count)
        for (mine, theirs) in zip(frame.response, response) {
            #expect(abs(mine - theirs) <= 1e-15 * max(1, abs(theirs)))
        }
    }

    // MARK: Layout

    @Test func interceptFirstThenTermsInFormulaOrderWithFactorsExpandedInPlace() throws {
        let f = try frame("y ~ a + factor(g) + b", "y,a,g,b\n1,2,x,3\n2,3,y,4\n3,4,z,5\n")
        #expect(f.termNames == ["(Intercept)", "a", "factor(g)y", "factor(g)z", "b"])
        #expect(f.termAssignment == [-1, 0, 1, 1, 2])
        #expect(f.design.rows == 3)
        #expect(f.design.storage == [1, 1, 1, 2, 3, 4, 0, 1, 0, 0, 0, 1, 3, 4, 5])
    }

    @Test func numericFactorLevelsSortNumericallyAndPrintWithoutDecimals() throws {
        let f = try frame("y ~ factor(year)", "y,year\n1,2016\n2,2015\n3,2014\n4,2015.5\n5,10\n")
        #expect(f.termNames == ["(Intercept)", "factor(year)2014", "factor(year)2015", "factor(year)2015.5", "factor(year)2016"])
    }

    @Test func factorReferenceIsPickedByLevel() throws {
        let f = try frame("y ~ factor(year, ref=2015)", "y,year\n1,2014\n2,2015\n3,2016\n")
        #expect(f.termNames == ["(Intercept)", "factor(year)2014", "factor(year)2016"])
        let g = try frame("y ~ factor(r, ref=\"Øst\")", "y,r\n1,Nord\n2,Øst\n3,Syd\n")
        #expect(g.termNames == ["(Intercept)", "factor(r)Nord", "factor(r)Syd"])
    }

    @Test func unknownFactorReferenceIsAnErrorListingLevels() {
        let error = dataError { _ = try frame("y ~ factor(year, ref=2013)", "y,year\n1,2014\n2,2015\n") }
        #expect(error == .unknownFactorLevel(source: "t.csv", variable: "year", level: "2013", available: ["2014", "2015"]))
    }

    @Test func withoutInterceptTheFirstFactorKeepsEveryLevel() throws {
        let f = try frame("y ~ 0 + factor(g) + factor(h)", "y,g,h\n1,a,u\n2,b,v\n3,a,v\n")
        #expect(f.termNames == ["factor(g)a", "factor(g)b", "factor(h)v"])
        #expect(f.hasIntercept == false)
    }

    @Test func withAbsorbedEffectsEveryFactorDropsItsReference() throws {
        let f = try frame("y ~ x + factor(t) - 1 | id", "y,x,t,id\n1,1,1,a\n2,3,2,a\n3,2,1,b\n4,5,2,b\n")
        #expect(f.termNames == ["x", "factor(t)2"])
        #expect(f.absorbed.map(\.name) == ["id"])
        #expect(f.absorbed[0].codes == [0, 0, 1, 1])
        #expect(f.absorbed[0].labels == ["a", "b"])
    }

    @Test func absorbedEffectsKeepTheInterceptColumnWhenTheFormulaHasOne() throws {
        let f = try frame("y ~ x | id", "y,x,id\n1,1,a\n2,3,a\n3,2,b\n")
        #expect(f.termNames == ["(Intercept)", "x"])
    }

    @Test func factorLevelsAbsentAfterDeletionAreDropped() throws {
        let f = try frame("y ~ factor(g)", "y,g\n1,a\nNA,b\n3,c\n")
        #expect(f.termNames == ["(Intercept)", "factor(g)c"])
    }

    @Test func backtickQuotedColumnWithSpacesWorks() throws {
        let f = try frame("`ftu pct` ~ `andel ø`", "ftu pct,andel ø\n1,2\n3,4\n")
        #expect(f.response == [1, 3])
        #expect(f.termNames == ["(Intercept)", "andel ø"])
    }

    // MARK: Missing values

    @Test func listwiseDeletionCoversAdditionalVariablesAndReportsLikeFixest() throws {
        let text = "y,x2,cl\n1,1,a\nNA,2,a\n3,NA,b\nNA,NA,b\n5,5,\n6,6,c\n"
        let f = try frame("y ~ x2", text, additional: ["cl"])
        #expect(f.rowIndices == [0, 5])
        #expect(f.missing.count == 4)
        #expect(f.missing.description == "4 observations removed because of missing values: y 2, x2 2, cl 1")
    }

    @Test func noMissingValuesReadsAsSuch() throws {
        #expect(try frame("y ~ x", "y,x\n1,2\n2,3\n").missing.description == "no observations removed because of missing values")
    }

    @Test func allMissingColumnIsNamed() {
        let error = dataError { _ = try frame("y ~ x + z", "y,x,z\n1,2,NA\n2,3,\n") }
        #expect(error == .allMissing(source: "t.csv", variable: "z"))
    }

    @Test func noRowsLeftIsAnError() {
        let error = dataError { _ = try frame("y ~ x", "y,x\n1,NA\nNA,2\n") }
        #expect(error?.description == "t.csv: no observations left after removing missing values (2 observations removed because of missing values: y 1, x 1)")
    }

    // MARK: Bad input

    @Test func unknownVariableIsNamedWithCloseSuggestions() {
        let error = dataError { _ = try frame("y ~ x3", "y,x1,x2,z\n1,2,3,4\n") }
        #expect(error?.description == "t.csv: variable 'x3' is not a column of the data; did you mean 'x1', 'x2'?")
    }

    @Test func textInNumericUseNamesLineAndText() {
        let error = dataError { _ = try frame("y ~ x2", "y,x2\n1,2\n2,3\n3,abc\n") }
        #expect(error?.description.hasPrefix("t.csv:4: column 'x2': 'abc' is not a number") == true)
    }

    @Test func decimalCommaInNumericUseGetsAHint() {
        let data = try? CSVReader.parse("y;x\n1;2,5\n2;3,5\n", source: "t.csv", options: CSVOptions(separator: ";"))
        let error = dataError { _ = try ModelFrame(formula: Formula.parse("y ~ x"), data: #require(data)) }
        #expect(error?.description.contains("decimal comma") == true)
    }

    @Test func logOfNonPositiveValueNamesVariableAndLine() {
        let error = dataError { _ = try frame("y ~ log(x)", "y,x\n1,2\n2,0\n3,-1\n") }
        #expect(error?.description == "t.csv:3: log(x): 'x' is 0; log needs positive values")
    }

    @Test func nonFiniteIdentityTermNamesLine() {
        let error = dataError { _ = try frame("y ~ I(1/x)", "y,x\n1,2\n2,0\n") }
        #expect(error == .nonFiniteTerm(source: "t.csv", line: 3, term: "I(1/x)", value: .infinity))
    }

    // MARK: Additional variables

    @Test func groupsAndNumericGiveAdditionalVariablesOverKeptRows() throws {
        let f = try frame("y ~ x", "y,x,cl,w\n1,1,b,0.5\nNA,2,a,1\n3,3,a,2\n4,4,c,1.5\n", additional: ["cl", "w"])
        let clusters = try f.groups("cl")
        #expect(clusters.labels == ["a", "b", "c"])
        #expect(clusters.codes == [1, 0, 2])
        #expect(clusters.count == 3)
        #expect(clusters.sizes() == [1, 1, 1])
        #expect(try f.numeric("w") == [0.5, 2, 1.5])
    }

    @Test func numericIdentifiersGroupByValue() throws {
        let f = try frame("y ~ x", "y,x,id\n1,1,30\n2,2,1e6\n3,3,30\n4,4,-2.5\n", additional: ["id"])
        let groups = try f.groups("id")
        #expect(groups.labels == ["-2.5", "30", "1000000"])
        #expect(groups.codes == [1, 2, 1, 0])
    }

    @Test func variableOutsideTheFrameIsRefused() throws {
        let f = try frame("y ~ x", "y,x,cl\n1,1,a\n2,2,b\n")
        let error = dataError { _ = try f.groups("cl") }
        #expect(error == .notInModelFrame(variable: "cl", available: ["y", "x"]))
    }

    @Test func categoricalWeightsAreRefused() throws {
        let f = try frame("y ~ x", "y,x,w\n1,1,a\n2,2,b\n", additional: ["w"])
        #expect(dataError { _ = try f.numeric("w") } != nil)
    }

    @Test func modelFrameFromProgrammaticDataFrame() throws {
        let data = try DataFrame(columns: [
            .numeric(NumericColumn(name: "y", values: [1, 2, .nan, 4])),
            .numeric(NumericColumn(name: "x", values: [0, 1, 2, 3])),
            .categorical(CategoricalColumn(name: "g", labels: ["b", "a", "b", nil])),
        ])
        let f = try ModelFrame(formula: Formula.parse("y ~ x + factor(g)"), data: data)
        #expect(f.rowIndices == [0, 1])
        #expect(f.termNames == ["(Intercept)", "x", "factor(g)b"])
        #expect(f.missing.description == "2 observations removed because of missing values: y 1, g 1")
    }
}

@Suite struct DataErrorMessageTests {
    @Test func fieldTextWithNewlineIsShownOnOneLine() {
        let error = dataError { _ = try frame("y ~ x", "y,x\n1,\"a\nb\"\n") }
        #expect(error?.description == "t.csv:2: column 'x': 'a\\nb' is not a number (the formula uses it as a numeric variable; wrap it in factor() for a categorical one)")
        #expect(error?.description.contains("\n") == false)
    }

    @Test func programmaticDataFrameReportsRowsAsIfWrittenToCSV() throws {
        let data = try DataFrame(columns: [.numeric(NumericColumn(name: "x", values: [1, -1]))], source: "memory")
        let error = dataError { _ = try ModelFrame(formula: Formula.parse("x ~ 1"), data: data, additionalVariables: []) }
        #expect(error == nil)
        let logError = dataError { _ = try ModelFrame(formula: Formula.parse("log(x) ~ 1"), data: data) }
        #expect(logError?.description == "memory:3: log(x): 'x' is -1; log needs positive values")
    }

    @Test func unequalColumnLengthsAreRefused() {
        let error = dataError {
            _ = try DataFrame(columns: [
                .numeric(NumericColumn(name: "a", values: [1, 2])), .numeric(NumericColumn(name: "b", values: [1])),
            ])
        }
        #expect(error == .inconsistentColumns("column 'b' has 1 rows, 'a' has 2"))
    }

    @Test func categoricalCodesOutsideTheLevelsAreRefused() {
        #expect(dataError { _ = try CategoricalColumn(name: "g", levels: ["a"], codes: [0, 1]) } != nil)
    }
}
