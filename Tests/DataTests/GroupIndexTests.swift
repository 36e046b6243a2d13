import Foundation
import Testing
@testable import PanelStatsData

/// The groups of one numeric column over every row.
func numericGroups(_ values: [Double], name: String = "id") -> GroupIndex {
    GroupIndex.build(.numeric(NumericColumn(name: name, values: values)), rows: nil).index
}

@Suite struct GroupIndexTests {
    // MARK: Labels of numeric groups, made when read

    @Test func integralLabelsPrintWithoutDecimals() {
        // Compact integers (the table path): years and numbered entities, negative ones too.
        let groups = numericGroups([2015, -3, 2001, -3, 0, 2015])
        #expect(groups.labels == ["-3", "0", "2001", "2015"])
        #expect(groups.codes == [3, 0, 2, 0, 1, 3])
        #expect(groups.count == 4)
    }

    @Test func fractionalAndLargeLabelsPrintAsBefore() {
        // Non-integers and a wide range go through the hash map; labels as `formatNumber` prints
        // them (`String(Double)` for non-integers, no ".0" for integers).
        let values: [Double] = [2.5, -0.125, 1e6, 1e17, 30, 2.5, 1e-20]
        let groups = numericGroups(values)
        #expect(groups.labels == ["-0.125", "1e-20", "2.5", "30", "1000000", "1e+17"])
        let sortedValues = Array(Set(values)).sorted()
        #expect(groups.labels == sortedValues.map { formatNumber($0) })
    }

    @Test func negativeZeroIsTheGroupOfZeroLabelledZero() {
        // Integers (the table path) and with a fraction (the hash map).
        for values: [Double] in [[-0.0, 1, 0], [0, -0.0, 2.5], [-0.0, -0.0]] {
            let groups = numericGroups(values)
            #expect(groups.label(0) == "0")
            #expect(groups.labels.first == "0")
            for i in values.indices where values[i] == 0 { #expect(groups.codes[i] == 0) }
        }
    }

    @Test func aValueCloseToAnIntegerIsNotMergedWithIt() {
        // 1e-20 − (−3) rounds to 3: the offset alone would put 1e-20 in the group of 0.
        let groups = numericGroups([-3, 0, 1e-20, 0])
        #expect(groups.count == 3)
        #expect(groups.labels == ["-3", "0", "1e-20"])
        #expect(groups.codes == [0, 1, 2, 1])
    }

    @Test func missingIntegersOfTheRangeAreNotGroups() {
        // Offsets 0, 2 and 5 of the range -1...4 occur: codes are renumbered densely.
        let groups = numericGroups([4, -1, 1, 4])
        #expect(groups.labels == ["-1", "1", "4"])
        #expect(groups.codes == [2, 0, 1, 2])
    }

    @Test func singleLabelsEqualTheWholeList() {
        let groups = numericGroups([7, 1.5, -2, 1e300])
        for level in 0..<groups.count { #expect(groups.label(level) == groups.labels[level]) }
        #expect(groups.labels == ["-2", "1.5", "7", "1e+300"])
    }

    @Test func manyLabelsMadeInPiecesEqualOneByOne() {
        // From 2¹⁸ labels they are made in pieces of 2¹⁶ over the cores.
        let values = (0..<300_000).map { Double($0) - 1000 }
        let groups = numericGroups(values)
        #expect(groups.count == values.count)
        #expect(groups.labels == values.map { formatNumber($0) })
    }

    @Test func lazilyAndEagerlyLabelledGroupsAreEqual() {
        let lazy = numericGroups([2001, 2002, 2001])
        let eager = GroupIndex(name: "id", codes: [0, 1, 0], count: 2, labels: ["2001", "2002"])
        #expect(lazy == eager)
        #expect(eager == lazy)
        #expect(lazy == numericGroups([2001, 2002, 2001]))
        #expect(lazy != GroupIndex(name: "id", codes: [0, 1, 0], count: 2, labels: ["2001", "2003"]))
        var relabelled = lazy
        relabelled.labels = ["a", "b"]
        #expect(relabelled.labels == ["a", "b"])
        #expect(relabelled != lazy)
    }

    @Test func labelSourcesHashAndEncodeAsTheirText() throws {
        let lazy = numericGroups([3, 1]).labelSource
        let eager = GroupLabels(["1", "3"])
        #expect(lazy.hashValue == eager.hashValue)
        let encoded = try JSONEncoder().encode(lazy)
        #expect(String(decoding: encoded, as: UTF8.self) == #"["1","3"]"#)
        #expect(try JSONDecoder().decode(GroupLabels.self, from: encoded) == eager)
    }

    // MARK: Code checks

    @Test func firstInvalidCodeFindsTheFirstOutOfRange() {
        #expect(GroupIndex(name: "g", codes: [0, 1, 1, 0], count: 2, labels: ["a", "b"]).firstInvalidCode == nil)
        #expect(GroupIndex(name: "g", codes: [0, 1, -1, 2], count: 2, labels: ["a", "b"]).firstInvalidCode == 2)
        #expect(GroupIndex(name: "g", codes: [0, 2, 1, -1], count: 2, labels: ["a", "b"]).firstInvalidCode == 1)
        #expect(GroupIndex(name: "g", codes: [], count: 0, labels: []).firstInvalidCode == nil)
    }

    @Test func sharedCodesAreTheSameStorageOnly() {
        let a = numericGroups([1, 2, 1])
        var b = a
        b.name = "cluster"
        #expect(a.sharesCodes(with: b))
        let c = numericGroups([1, 2, 1])
        #expect(!a.sharesCodes(with: c))
        b.codes[0] = 1
        #expect(!a.sharesCodes(with: b))
    }

    // MARK: Model frames without missing values

    @Test func everyRowKeptNeedsNoRowList() throws {
        let data = try CSVReader.parse("y,x,id\n1,2,10\n2,3,11\n3,5,10\n", source: "t.csv")
        let frame = try ModelFrame(formula: Formula.parse("y ~ x"), data: data, additionalVariables: ["id"])
        #expect(frame.observationCount == 3)
        #expect(frame.rowIndices == [0, 1, 2])
        #expect(frame.line(ofObservation: 2) == 4)
        #expect(try frame.groups("id").codes == [0, 1, 0])
        #expect(try frame.numeric("x") == [2, 3, 5])
    }

    @Test func keptRowsMapObservationsToLines() throws {
        let data = try CSVReader.parse("y,x,id\n1,2,10\nNA,3,11\n3,5,12\n", source: "t.csv")
        var frame = try ModelFrame(formula: Formula.parse("y ~ x"), data: data, additionalVariables: ["id"])
        #expect(frame.observationCount == 2)
        #expect(frame.rowIndices == [0, 2])
        #expect(frame.line(ofObservation: 1) == 4)
        #expect(try frame.groups("id").labels == ["10", "12"])
        frame.rowIndices = [2]
        #expect(frame.observationCount == 1)
        #expect(frame.line(ofObservation: 0) == 4)
    }
}

@Suite struct GroupIndexRangeTests {
    @Test func sortedPanelIdentifiersTakeTheirRangeFromTheEnds() {
        // Entity-sorted ids and years in order: the first and last values are the extremes.
        let ids: [Double] = [5, 5, 6, 6, 8, 8]
        #expect(numericGroups(ids).codes == [0, 0, 1, 1, 2, 2])
        #expect(numericGroups(ids).labels == ["5", "6", "8"])
        let years: [Double] = [2001, 2002, 2003, 2001, 2002, 2003]
        #expect(numericGroups(years).codes == [0, 1, 2, 0, 1, 2])
    }

    @Test func aValueBeyondTheEndsIsFoundByAFullRead() {
        // The ends say 2..3; 1 and 9 lie outside it.
        let values: [Double] = [2, 9, 1, 3]
        let groups = numericGroups(values)
        #expect(groups.labels == ["1", "2", "3", "9"])
        #expect(groups.codes == [1, 3, 0, 2])
    }

    @Test func aFractionInsideTheEndsTakesTheHashMap() {
        let groups = numericGroups([1, 2.5, 3])
        #expect(groups.labels == ["1", "2.5", "3"])
        #expect(groups.codes == [0, 1, 2])
        // Values are read four at a time, then one by one: a fraction in either part.
        #expect(numericGroups([1, 2.5, 3, 4, 5]).labels == ["1", "2.5", "3", "4", "5"])
        #expect(numericGroups([1, 2, 3, 4, 2.5, 5]).labels == ["1", "2", "2.5", "3", "4", "5"])
        #expect(numericGroups([1, 2, 3, 4, 2.5, 5]).codes == [0, 1, 3, 4, 2, 5])
    }

    @Test(arguments: [1, 3, 4, 4_095, 4_096, 4_097])
    func aFractionAnywhereInTheTableChecksTakesTheHashMap(position: Int) {
        // The table's offsets are checked four values at a time in pieces of 4,096, a piece's last
        // few one by one: of 4,099 values (the first and last integral, so the table is tried), the
        // fraction falls in a second, last and first lane, the first piece's last value, and the
        // second piece's one-by-one tail.
        var values = (0..<4_099).map(Double.init)
        values[position] += 0.25
        let groups = numericGroups(values)
        #expect(groups.count == values.count)
        #expect(groups.codes == (0..<Int32(values.count)).map { $0 })
        #expect(groups.label(position) == String(Double(position) + 0.25))
    }
}

@Suite struct KnownMissingCountTests {
    private func columns() -> [Column] {
        [.numeric(NumericColumn(name: "y", values: [1, .nan, 3, 4])),
         .numeric(NumericColumn(name: "x", values: [2, 1, .nan, 5])),
         .numeric(NumericColumn(name: "id", values: [1, 1, 2, 2]))]
    }

    @Test func countsGivenByTheReaderAreKeptUntilTheColumnChanges() throws {
        var data = DataFrame(validatedColumns: columns(), source: "t.csv", lines: LineMap(firstLine: 2),
                             missingCounts: [1, 1, 0])
        #expect(data.knownMissingCount(of: "y") == 1)
        #expect(data.knownMissingCount(of: "id") == 0)
        #expect(data.knownMissingCount(of: "z") == nil)
        try data.setColumn(.numeric(NumericColumn(name: "y", values: [1, 2, 3, 4])))
        #expect(data.knownMissingCount(of: "y") == nil)
        try data.setColumn(.numeric(NumericColumn(name: "w", values: [1, 2, 3, 4])))
        #expect(data.knownMissingCount(of: "w") == nil)
        #expect(data.knownMissingCount(of: "x") == 1)
    }

    @Test func framesDifferingOnlyInCountedMissingValuesAreEqual() throws {
        let counted = DataFrame(validatedColumns: columns(), source: "t.csv", lines: LineMap(firstLine: 2),
                                missingCounts: [1, 1, 0])
        let uncounted = try DataFrame(columns: columns(), source: "t.csv")
        #expect(counted == uncounted)
        #expect(uncounted.knownMissingCount(of: "y") == nil)
    }

    @Test func aModelFrameOverCountedColumnsEqualsOneThatCountsThem() throws {
        let counted = DataFrame(validatedColumns: columns(), source: "t.csv", lines: LineMap(firstLine: 2),
                                missingCounts: [1, 1, 0])
        let uncounted = try DataFrame(columns: columns(), source: "t.csv")
        let formula = try Formula.parse("y ~ x")
        let a = try ModelFrame(formula: formula, data: counted, additionalVariables: ["id"])
        let b = try ModelFrame(formula: formula, data: uncounted, additionalVariables: ["id"])
        #expect(a.rowIndices == [0, 3])
        #expect(a.rowIndices == b.rowIndices)
        #expect(a.missing.description == b.missing.description)
        #expect(a.design == b.design)
        #expect(try a.groups("id") == b.groups("id"))
    }
}
