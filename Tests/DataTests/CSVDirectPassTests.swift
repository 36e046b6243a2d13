import Foundation
import PanelStatsTestSupport
import Testing

@testable import PanelStatsData

/// The parallel numeric pass writes each piece's rows straight into columns sized from the
/// pieces' line-feed counts. Rows that leave gaps (blank lines), rows the plain-number loop does
/// not take (missing values, exponents, padded numbers), a last line without a line feed, a
/// column turning categorical or a fault in a later piece, and quotes or CRs (which send the file
/// to the sequential scan) must all give what one sequential pass gives. The threshold is lowered
/// to 1 KiB so that these small texts take the parallel path (a few pieces per core).
@Suite("CSV reader: pieces written in place")
struct CSVDirectPassTests {
    static let rows = 3_000
    /// A row in the second of eight pieces (on a two-core machine; a later piece on more cores).
    static let earlyRow = rows * 3 / 16

    /// `i, i.5, -(i mod 89).25` per row, with `edit` applied to the row lines (the header is line 0).
    static func text(ending: String = "\n", _ edit: (inout [String]) -> Void = { _ in }) -> String {
        var lines = ["id,a,b"]
        for i in 0..<rows { lines.append("\(i),\(i).5,-\(i % 89).25") }
        edit(&lines)
        return lines.joined(separator: "\n") + ending
    }

    static func bothWays(_ text: String, options: CSVOptions = .init()) throws -> (parallel: DataFrame, sequential: DataFrame) {
        let parallel = try CSVReader.parse(text, source: "p.csv", options: options, parallelMinimumBytes: 1 << 10)
        let sequential = try CSVReader.parse(text, source: "p.csv", options: options, parallelMinimumBytes: Int.max)
        return (parallel, sequential)
    }

    @Test func blankLinesInSeveralPiecesLeaveNoGapsAndKeepLines() throws {
        let text = Self.text { lines in
            lines.insert("", at: 1)
            lines.insert("   ", at: Self.earlyRow)
            lines.insert("", at: Self.rows / 2)
            lines.insert("", at: Self.rows / 2)
            lines.append("")
        }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        #expect(parallel.rowCount == Self.rows)
        guard case .numeric(let id)? = parallel["id"] else {
            Issue.record("column id should be numeric")
            return
        }
        #expect(id.values == (0..<Self.rows).map(Double.init))
        #expect(parallel.line(ofRow: 0) == 3)
        #expect(parallel.line(ofRow: Self.rows - 1) == Self.rows + 5)
    }

    @Test func aLastLineWithoutLineFeedIsARow() throws {
        let (parallel, sequential) = try Self.bothWays(Self.text(ending: ""))
        #expect(parallel == sequential)
        guard case .numeric(let b)? = parallel["b"] else {
            Issue.record("column b should be numeric")
            return
        }
        #expect(b.values.count == Self.rows)
        #expect(b.values[Self.rows - 1] == Double("-\((Self.rows - 1) % 89).25"))
    }

    /// Missing values, exponents, padding and 19-digit mantissas go through the general path
    /// inside a piece; their numbers are still `Double(String)` of the text.
    @Test func rowsOutsideThePlainLoopAreReadInPlace() throws {
        let special = ["NA", "2.5e3", " 7.125 ", "1234567890123456789", ".", "-0.0", "1e-310"]
        let text = Self.text { lines in
            for (k, field) in special.enumerated() { lines[Self.earlyRow + 40 * k] = "\(Self.earlyRow + 40 * k - 1),\(field),1" }
        }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .numeric(let a)? = parallel["a"] else {
            Issue.record("column a should be numeric")
            return
        }
        for (k, field) in special.enumerated() {
            let value = a.values[Self.earlyRow + 40 * k - 1]
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            if let expected = Double(trimmed), trimmed != "." {
                #expect(value.bitPattern == expected.bitPattern, "\(field)")
            } else {
                #expect(value.isNaN, "\(field)")
            }
        }
    }

    @Test func textInTheSecondPieceMakesTheColumnCategorical() throws {
        let text = Self.text { lines in lines[Self.earlyRow + 1] = "\(Self.earlyRow),oops,1" }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .categorical(let a)? = parallel["a"], case .numeric = parallel["b"] else {
            Issue.record("column a should be categorical and b numeric")
            return
        }
        #expect(a.label(at: Self.earlyRow) == "oops")
        #expect(a.label(at: 1) == "1.5")
    }

    @Test func textInAForcedNumericColumnInTheSecondPieceNamesItsLine() {
        let text = Self.text { lines in
            lines.insert("", at: 5)
            lines[Self.earlyRow + 1] = "\(Self.earlyRow),oops,1"
        }
        // Text index k is line k + 1 (the header is line 1; the blank line is counted).
        let expected = DataError.notANumber(
            source: "p.csv", line: Self.earlyRow + 2, column: "a", text: "oops", hint: nil)
        #expect(throws: expected) {
            try CSVReader.parse(text, source: "p.csv", options: CSVOptions(numericColumns: ["a"]),
                                parallelMinimumBytes: 1 << 10)
        }
    }

    @Test func theFirstFaultInFileOrderIsReportedWhenSeveralPiecesFail() {
        let text = Self.text { lines in
            lines[Self.rows - 3] = "1,2"
            lines[Self.earlyRow + 1] = "1,2,3,4"
        }
        #expect(throws: DataError.raggedRow(source: "p.csv", line: Self.earlyRow + 2, expected: 3, found: 4)) {
            try CSVReader.parse(text, source: "p.csv", parallelMinimumBytes: 1 << 10)
        }
    }

    /// A quoted field with a line feed in a later piece is read by the piece's general path.
    @Test func aQuotedLineFeedInALaterPieceGivesTheSameFrame() throws {
        let text = Self.text { lines in lines[Self.rows / 2] = "\(Self.rows / 2 - 1),\"not\n,a number\",3" }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .categorical(let a)? = parallel["a"] else {
            Issue.record("column a should be categorical")
            return
        }
        #expect(a.label(at: Self.rows / 2 - 1) == "not\n,a number")
        #expect(parallel.line(ofRow: Self.rows - 1) == Self.rows + 2)
    }

    /// A quoted field longer than a piece, full of line feeds, holds several cuts; the piece it
    /// starts in finds it unterminated and the file is read sequentially, with the same result.
    @Test func aQuotedFieldSpanningCutsGivesTheSameFrame() throws {
        let long = (0..<3_000).map { "x\($0),\($0).5" }.joined(separator: "\n")
        let text = Self.text { lines in lines[Self.earlyRow] = "\(Self.earlyRow - 1),\"\(long)\",2" }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .categorical(let a)? = parallel["a"] else {
            Issue.record("column a should be categorical")
            return
        }
        #expect(a.label(at: Self.earlyRow - 1) == long)
        #expect(parallel.line(ofRow: Self.rows - 1) == Self.rows + 1 + 2_999)
    }

    /// A literal `"` inside an unquoted field does not open a quoted field; with a quoted field
    /// full of line feeds after it, counting quotes would put the cuts wrong.
    @Test func aLiteralQuoteBeforeAQuotedFieldGivesTheSameFrame() throws {
        let long = (0..<3_000).map { "y\($0)" }.joined(separator: "\n")
        let text = Self.text { lines in
            lines[Self.earlyRow] = "\(Self.earlyRow - 1),5 \"inch,1"
            lines[Self.earlyRow + 1] = "\(Self.earlyRow),\"\(long)\",2"
        }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        #expect(parallel.rowCount == Self.rows)
    }

    @Test func quotedLabelsInEveryRowGiveTheSameFrame() throws {
        let text = Self.text { lines in
            lines[0] = "\"id\",\"a\",\"b\",\"label\""
            for k in 1..<lines.count { lines[k] += ",\"unit \(k % 7), \"\"\(k % 3)\"\"\"" }
        }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .categorical(let label)? = parallel["label"] else {
            Issue.record("column label should be categorical")
            return
        }
        #expect(label.label(at: 0) == "unit 1, \"1\"")
    }

    /// Quoted labels without `""` or line breaks are skipped by the plain-row loop (a separator
    /// inside the quotes included); padded, escaped or empty ones go through the general path.
    @Test func plainQuotedLabelsGiveTheSameFrame() throws {
        let labels = ["\"g,1\"", "\"g2\" ", "\"say \"\"hi\"\"\"", "\"\"", "g3", "\"g4\""]
        let text = Self.text { lines in
            lines[0] += ",label"
            for k in 1..<lines.count { lines[k] += "," + labels[(k - 1) % labels.count] }
        }.replacingOccurrences(of: "\n", with: "\r\n")
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        guard case .categorical(let label)? = parallel["label"], case .numeric(let b)? = parallel["b"] else {
            Issue.record("column label should be categorical and b numeric")
            return
        }
        #expect(label.label(at: 0) == "g,1")
        #expect(label.label(at: 1) == "g2")
        #expect(label.label(at: 2) == "say \"hi\"")
        #expect(label.label(at: 3) == nil)
        #expect(b.values[Self.rows - 1] == Double("-\((Self.rows - 1) % 89).25"))
    }

    @Test func crlfLineEndsGiveTheSameFrame() throws {
        let text = Self.text { lines in lines.insert("", at: Self.earlyRow) }.replacingOccurrences(of: "\n", with: "\r\n")
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        #expect(parallel.rowCount == Self.rows)
        #expect(parallel.line(ofRow: Self.rows - 1) == Self.rows + 2)
    }

    /// A lone CR ends a line that the line-feed count misses: the file is read sequentially.
    @Test func aLoneCRInALaterPieceGivesTheSameFrame() throws {
        let text = Self.text { lines in lines[Self.rows / 2] += "\r\(Self.rows),1.5,2" }
        let (parallel, sequential) = try Self.bothWays(text)
        #expect(parallel == sequential)
        #expect(parallel.rowCount == Self.rows + 1)
        #expect(parallel.line(ofRow: Self.rows) == Self.rows + 2)
    }

    @Test func aRaggedCRLFRowInALaterPieceNamesItsLine() {
        let text = Self.text { lines in lines[Self.rows - 2] = "1,2" }.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(throws: DataError.raggedRow(source: "p.csv", line: Self.rows - 1, expected: 3, found: 2)) {
            try CSVReader.parse(text, source: "p.csv", parallelMinimumBytes: 1 << 10)
        }
    }

    /// A missing-value token that is a plain number keeps every row out of the plain loop.
    @Test func aNumericMissingTokenIsMissingInEveryPiece() throws {
        let text = Self.text { lines in lines[Self.rows - 1] = "\(Self.rows - 2),-999,1" }
        let options = CSVOptions(missingTokens: ["", "NA", "-999"])
        let (parallel, sequential) = try Self.bothWays(text, options: options)
        #expect(parallel == sequential)
        guard case .numeric(let a)? = parallel["a"] else {
            Issue.record("column a should be numeric")
            return
        }
        #expect(a.values[Self.rows - 2].isNaN)
    }

    @Test func aForcedCategoricalColumnIsReadAsLabels() throws {
        let (parallel, sequential) = try Self.bothWays(Self.text(), options: CSVOptions(categoricalColumns: ["id"]))
        #expect(parallel == sequential)
        guard case .categorical(let id)? = parallel["id"] else {
            Issue.record("column id should be categorical")
            return
        }
        #expect(id.levels.count == Self.rows)
    }
}

/// Numbers of every shape the plain-row loop meets (signs, 0 to 11 integer and 0 to 12 fraction
/// digits, a bare trailing decimal mark, mantissas beyond 18 digits or 2^53 that go to the
/// general path), in every column position and on the file's last line without a line feed,
/// read sequentially and in pieces: each equals `Double(String)` of its text, bit for bit.
@Suite("CSV reader: plain numbers of every shape")
struct CSVPlainNumberShapeTests {
    static func number(_ generator: inout SplitMix64) -> String {
        let integerDigits = Int.random(in: 0...11, using: &generator)
        let fractionDigits = Int.random(in: integerDigits == 0 ? 1...12 : 0...12, using: &generator)
        var text = Bool.random(using: &generator) ? "-" : ""
        for _ in 0..<integerDigits { text += String(Int.random(in: 0...9, using: &generator)) }
        if fractionDigits > 0 || Int.random(in: 0..<8, using: &generator) == 0 { text += "." }
        for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &generator)) }
        return text
    }

    @Test(arguments: [false, true])
    func everyValueEqualsDoubleOfItsText(parallel: Bool) throws {
        var generator = SplitMix64(seed: 20_240_701)
        var texts: [[String]] = []
        var csv = "a,b,c\n"
        for _ in 0..<4_000 {
            let row = (0..<3).map { _ in Self.number(&generator) }
            texts.append(row)
            csv += row.joined(separator: ",") + "\n"
        }
        csv += "1,2.5,-7"  // a short last line without a line feed, less than a word from the end
        texts.append(["1", "2.5", "-7"])
        let frame = try CSVReader.parse(csv, source: "w.csv", parallelMinimumBytes: parallel ? 1 << 10 : Int.max)
        for (j, name) in ["a", "b", "c"].enumerated() {
            guard case .numeric(let column)? = frame[name] else {
                Issue.record("column \(name) should be numeric")
                return
            }
            for (i, row) in texts.enumerated() {
                let expected = try #require(Double(row[j]), "\(row[j])")
                #expect(column.values[i].bitPattern == expected.bitPattern, "\(row[j])")
            }
        }
    }
}

/// After a parallel numeric pass the labels of categorical columns are interned piece by piece
/// and the pieces' tables joined; levels, codes and missing labels must equal one sequential
/// reading, and a fault must still be reported with its line.
@Suite("CSV reader: labels read in pieces")
struct CSVLabelPiecesTests {
    static let rows = 3_000

    /// `i, label, i.5` per row: labels from a set that grows along the file (so later pieces
    /// meet labels the earlier ones never saw), every 13th missing, blank lines here and there.
    static func text(_ edit: (inout [String]) -> Void = { _ in }) -> String {
        var lines = ["id,unit,x"]
        for i in 0..<rows {
            let unit = i % 13 == 0 ? "NA" : "u\(i % (1 + i / 100))"
            lines.append("\(i),\(unit),\(i).5")
            if i % 701 == 0 { lines.append("") }
        }
        edit(&lines)
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func levelsAndCodesEqualASequentialReading() throws {
        let text = Self.text()
        let parallel = try CSVReader.parse(text, source: "u.csv", parallelMinimumBytes: 1 << 10)
        let sequential = try CSVReader.parse(text, source: "u.csv", parallelMinimumBytes: Int.max)
        #expect(parallel == sequential)
        guard case .categorical(let unit)? = parallel["unit"] else {
            Issue.record("column unit should be categorical")
            return
        }
        #expect(unit.label(at: 0) == nil)
        #expect(unit.label(at: Self.rows - 1) == "u\((Self.rows - 1) % (1 + (Self.rows - 1) / 100))")
        #expect(unit.levels == unit.levels.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    @Test func invalidUTF8InALaterPieceNamesItsLine() {
        var bytes = Array(Self.text().utf8)
        // Row 2_500's label: "u..." becomes 0xFF... (before it: 2_500 rows, the header, 4 blank lines).
        let target = "\n2500,"
        let offset = bytes.indices.first { i in bytes[i...].starts(with: target.utf8) }
        guard let offset else {
            Issue.record("row 2500 not found")
            return
        }
        bytes[offset + target.utf8.count] = 0xFF
        let expected = DataError.invalidUTF8(source: "u.csv", line: 2_500 + 1 + 4 + 1, column: "unit")
        #expect(throws: expected) {
            try bytes.withUnsafeBufferPointer { buffer in
                try CSVReader.parse(buffer: buffer, source: "u.csv", options: CSVOptions(), parallelMinimumBytes: 1 << 10)
            }
        }
    }
}

/// Seeded random texts mixing everything the parallel reading must treat as a sequential one
/// does — plain and padded numbers, missing tokens, exponents, labels, quoted labels holding
/// separators, line feeds and `""`, blank lines, LF, CRLF and lone-CR line ends, a last line
/// without a line end, ragged rows, invalid UTF-8 — each read in pieces and in one pass: the
/// same frame, or the same error (with the same line).
@Suite("CSV reader: pieces equal one pass on random texts")
struct CSVPieceEquivalenceTests {
    static func field(_ generator: inout SplitMix64, faults: Bool) -> [UInt8] {
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<55: return Array(CSVPlainNumberShapeTests.number(&generator).utf8)
        case 55..<60: return Array(["", "NA", ".", " 3.5 ", "1e3", "-2.5E-2"][Int.random(in: 0..<6, using: &generator)].utf8)
        case 60..<70: return Array("g\(Int.random(in: 0..<5, using: &generator))".utf8)
        case 70..<80: return Array("\"q,\(Int.random(in: 0..<4, using: &generator))\"".utf8)
        case 80..<83: return Array("\"two\nlines\"".utf8)
        case 83..<86: return Array("\"say \"\"hi\"\"\"".utf8)
        case 86..<87 where faults: return [0x67, 0xFF]
        default: return Array(String(Int.random(in: -99...99, using: &generator)).utf8)
        }
    }

    static func text(seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        let ends: [[UInt8]] = Int.random(in: 0..<4, using: &generator) == 0 ? [[0x0D, 0x0A], [0x0A]] : [[0x0A]]
        var bytes = Array("a,b,c,d\n".utf8)
        let rows = Int.random(in: 300...900, using: &generator)
        // Most texts keep column a plain, so that the plain-row loop runs.
        let rareFaults = Int.random(in: 0..<3, using: &generator) == 0
        for row in 0..<rows {
            let count = rareFaults && Int.random(in: 0..<500, using: &generator) == 0 ? 3 : 4
            var fields: [[UInt8]] = [Array(CSVPlainNumberShapeTests.number(&generator).utf8)]
            for _ in 1..<count { fields.append(rareFaults || row % 7 == 0 ? field(&generator, faults: rareFaults) : Array("\(row).25".utf8)) }
            bytes += Array(fields.joined(separator: [0x2C]))
            bytes += ends[Int.random(in: 0..<ends.count, using: &generator)]
            if Int.random(in: 0..<50, using: &generator) == 0 { bytes += ends[0] }
            if rareFaults, Int.random(in: 0..<400, using: &generator) == 0 { bytes += [0x0D] }
        }
        if Bool.random(using: &generator) { bytes.removeLast() }
        return bytes
    }

    static func outcome(_ bytes: [UInt8], parallelMinimumBytes: Int) -> Result<DataFrame, DataError> {
        bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DataError) -> DataFrame in
                try CSVReader.parse(buffer: buffer, source: "r.csv", options: CSVOptions(), parallelMinimumBytes: parallelMinimumBytes)
            }
        }
    }

    @Test func piecesGiveTheSameFrameOrErrorAsOnePass() {
        var frames = 0, errors = 0
        for seed in UInt64(1)...80 {
            let bytes = Self.text(seed: seed)
            let parallel = Self.outcome(bytes, parallelMinimumBytes: 1 << 10)
            let sequential = Self.outcome(bytes, parallelMinimumBytes: Int.max)
            switch (parallel, sequential) {
            case (.success(let p), .success(let s)):
                #expect(p == s, "seed \(seed)")
                frames += 1
            case (.failure(let p), .failure(let s)):
                #expect(p == s, "seed \(seed)")
                errors += 1
            default:
                Issue.record("seed \(seed): parallel \(parallel), sequential \(sequential)")
            }
        }
        // The texts cover both outcomes.
        #expect(frames >= 25 && errors >= 8, "frames \(frames), errors \(errors)")
    }
}
