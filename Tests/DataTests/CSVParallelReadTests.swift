import Foundation
import Testing

@testable import PanelStatsData

/// Files of at least ``CSVParse/parallelMinimumBytes`` (4 MiB) are parsed in row-aligned pieces,
/// a few per core; here the threshold is lowered to 1 KiB so that small texts
/// take that path. What must not change: every number equals Swift's
/// `Double(String)` of its text, row order, the physical line of each row (blank lines included),
/// the first error in file order with its absolute line, and a column that holds text only in a
/// later piece becoming categorical.
@Suite("CSV reader: parallel pieces")
struct CSVParallelReadTests {
    static let rows = 3_000
    static let blankAfterRow = 2_000

    /// `i, i.123456, -(i mod 997).5, 7.25` per row, a blank line after row `blankAfterRow`, and
    /// the field of `textRow` in column `b` replaced by `replacement`.
    static func text(textRow: Int? = nil, replacement: String = "", raggedRow: Int? = nil) -> String {
        var lines = ["id,a,b,c"]
        lines.reserveCapacity(rows + 2)
        for i in 0..<rows {
            if i == blankAfterRow { lines.append("") }
            let b = i == textRow ? replacement : "-\(i % 997).5"
            lines.append(i == raggedRow ? "\(i),\(i).123456" : "\(i),\(i).123456,\(b),7.25")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func numbersRowsAndLinesEqualASequentialReading() throws {
        let text = Self.text()
        let frame = try CSVReader.parse(text, source: "big.csv", parallelMinimumBytes: 1 << 10)
        #expect(frame.rowCount == Self.rows)
        guard case .numeric(let a)? = frame["a"], case .numeric(let b)? = frame["b"] else {
            Issue.record("columns a and b should be numeric")
            return
        }
        for i in 0..<Self.rows {
            #expect(a.values[i] == Double("\(i).123456"))
            #expect(b.values[i] == Double("-\(i % 997).5"))
        }
        // Header on line 1, row r on line r + 2 until the blank line, then one further.
        #expect(frame.line(ofRow: 0) == 2)
        #expect(frame.line(ofRow: Self.blankAfterRow - 1) == Self.blankAfterRow + 1)
        #expect(frame.line(ofRow: Self.blankAfterRow) == Self.blankAfterRow + 3)
        #expect(frame.line(ofRow: Self.rows - 1) == Self.rows + 2)
    }

    @Test func textInALaterPieceMakesTheColumnCategorical() throws {
        let frame = try CSVReader.parse(Self.text(textRow: Self.rows - 10, replacement: "n/a"), source: "big.csv",
                                        parallelMinimumBytes: 1 << 10)
        guard case .categorical(let b)? = frame["b"] else {
            Issue.record("column b should be categorical")
            return
        }
        #expect(b.label(at: Self.rows - 10) == "n/a")
        #expect(b.label(at: 0) == "-0.5")
    }

    @Test func aRaggedRowLateInTheFileIsReportedWithItsLine() {
        let row = Self.rows - 5
        #expect(throws: DataError.raggedRow(source: "big.csv", line: row + 3, expected: 4, found: 2)) {
            try CSVReader.parse(Self.text(raggedRow: row), source: "big.csv", parallelMinimumBytes: 1 << 10)
        }
    }

    @Test func aNonFiniteNumberIsReportedWithItsLine() {
        let row = Self.rows - 7
        #expect(throws: DataError.nonFiniteNumber(source: "big.csv", line: row + 3, column: "b", text: "inf")) {
            try CSVReader.parse(Self.text(textRow: row, replacement: "inf"), source: "big.csv", parallelMinimumBytes: 1 << 10)
        }
    }
}

extension CSVParallelReadTests {
    /// The same text read with the parallel path switched off gives the same data frame.
    @Test func piecesEqualOneSequentialPass() throws {
        let text = Self.text()
        let parallel = try CSVReader.parse(text, source: "big.csv", parallelMinimumBytes: 1 << 10)
        let sequential = try CSVReader.parse(text, source: "big.csv", parallelMinimumBytes: Int.max)
        #expect(parallel == sequential)
    }

    /// A file past the 4 MiB threshold read from its path takes the mapped parallel path (each
    /// piece's pages mapped on its core, consumed pages handed back) and gives the data frame a
    /// sequential reading of its bytes gives.
    @Test func aMappedFileOverTheThresholdEqualsASequentialReadingOfItsBytes() throws {
        var lines = ["id,a,b,c"]
        for i in 0..<150_000 { lines.append("\(i),\(i).123456,-\(i % 997).5,7.25") }
        let text = lines.joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        #expect(bytes.count > CSVParse.parallelMinimumBytes)
        let file = try TemporaryFile(contents: bytes)
        let mapped = try CSVReader.read(path: file.path)
        let sequential = try CSVReader.parse(text, source: file.path, parallelMinimumBytes: Int.max)
        #expect(mapped.rowCount == 150_000)
        #expect(mapped == sequential)
    }
}

/// Rows of plain decimal numbers take a fused scan-and-convert loop; every value must equal
/// Swift's `Double(String)` of its text, and rows it does not take (missing values, blanks, long
/// mantissas, exponents) go through the general path with the same result.
@Suite("CSV reader: plain-number rows")
struct CSVPlainRowTests {
    static let texts = [
        "-0.0", "007", ".5", "5.", "-.25", "0", "123456789012345678", "1234567890123456789",
        "0.1234567890123456789012", "9007199254740993", "9007199254740992", "2.5e3", " 1.5", "NA",
        "-123.456", "0.000001", "99999999.999999",
    ]

    @Test func valuesEqualDoubleOfTheirText() throws {
        var csv = "a,b\n"
        for (i, text) in Self.texts.enumerated() { csv += "\(text),\(i)\n" }
        let frame = try CSVReader.parse(csv, source: "plain.csv")
        guard case .numeric(let a)? = frame["a"], case .numeric(let b)? = frame["b"] else {
            Issue.record("columns a and b should be numeric")
            return
        }
        for (i, text) in Self.texts.enumerated() {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed == "NA" {
                #expect(a.values[i].isNaN)
            } else {
                let expected = try #require(Double(trimmed))
                #expect(a.values[i].bitPattern == expected.bitPattern, "\(text)")
            }
            #expect(b.values[i] == Double(i))
        }
    }

    /// A missing-value token that is itself a number turns the plain-row loop off.
    @Test func aNumericMissingTokenIsStillMissing() throws {
        let frame = try CSVReader.parse("a,b\n-999,1\n2,3\n", source: "m.csv",
                                        options: CSVOptions(missingTokens: ["", "NA", "-999"]))
        guard case .numeric(let a)? = frame["a"] else {
            Issue.record("column a should be numeric")
            return
        }
        #expect(a.values[0].isNaN)
        #expect(a.values[1] == 2)
    }
}
