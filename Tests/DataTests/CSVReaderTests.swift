import Foundation
import Testing
@testable import PanelStatsData

/// Reads `text` as a CSV file called `t.csv` with the given options.
private func csv(_ text: String, _ options: CSVOptions = .init()) throws(DataError) -> DataFrame {
    try CSVReader.parse(text, source: "t.csv", options: options)
}

private func numbers(_ frame: DataFrame, _ name: String) -> [Double]? {
    if case .numeric(let column)? = frame[name] { return column.values }
    return nil
}

private func labels(_ frame: DataFrame, _ name: String) -> [String?]? {
    if case .categorical(let column)? = frame[name] { return column.codes.indices.map { column.label(at: $0) } }
    return nil
}

@Suite struct CSVReaderTests {
    // MARK: RFC 4180 against Python's csv module and float()

    @Test func matchesPythonCSVModuleOnTrickyRFC4180File() throws {
        let frame = try CSVReader.read(path: Fixture.path("rfc4180_tricky.csv"))
        let expected = try JSONSerialization.jsonObject(with: Fixture.data("rfc4180_tricky.json")) as? [String: Any]
        let columns = try #require(expected?["columns"] as? [String])
        #expect(frame.columnNames == columns)
        let ids = try #require(expected?["id"] as? [String])
        #expect(labels(frame, "id") == ids)
        let notes = try #require(expected?["note"] as? [String])
        #expect(labels(frame, "note") == notes)
        let bits = try #require(expected?["værdi_bits"] as? [String]).compactMap(UInt64.init)
        let values = try #require(numbers(frame, "værdi"))
        #expect(values.map(\.bitPattern) == bits)  // exact: every bit equals CPython's float()
        let lines = try #require(expected?["lines"] as? [Int])
        #expect((0..<frame.rowCount).map(frame.line(ofRow:)) == lines)
    }

    @Test func numbersEqualSwiftDoubleInitBitForBit() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0.1", "1e23", "2.2250738585072011e-308", "4.9e-324", "1e-400", "-0.0", "123456789012345678901234",
                     "0.000000000000000000000000000001", "9007199254740993", "1.7976931348623157e308"]
        for _ in 0..<20_000 {
            let mantissa = String(UInt64.random(in: 0...UInt64.max, using: &generator))
            let cut = Int.random(in: 0...mantissa.count, using: &generator)
            let digits = String(mantissa.prefix(cut)) + "." + String(mantissa.dropFirst(cut))
            texts.append(digits + "e\(Int.random(in: -330...310, using: &generator))")
            texts.append(String(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))))
            texts.append(String(format: "%.*f", Int.random(in: 0...8, using: &generator), Double.random(in: -1e4...1e4)))
        }
        var mismatches: [String] = []
        for text in texts {
            let reference = Double(text)
            let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0, decimal: UInt8(ascii: ".")) }
            switch (reference, parsed) {
            case (let value?, .number(let mine)) where value.isFinite && value.bitPattern == mine.bitPattern: continue
            case (let value?, .nonFinite) where !value.isFinite: continue
            case (nil, .invalid): continue
            default: mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty, "differ from Double(String): \(mismatches.prefix(5))")
    }

    @Test func longDecimalsInTheExactIntegerRangeEqualSwiftDoubleInit() {
        // 17–19 significant digits with powers of ten −21...19: the 128-bit integer path.
        var generator = SystemRandomNumberGenerator()
        var texts = ["9007199254740993", "9007199254740995", "18446744073709551615", "1.8446744073709551615e-21",
                     "0.30000000000000004", "4503599627370496.5", "4503599627370497.5", "1e-21", "9999999999999999999e19"]
        for _ in 0..<100_000 {
            let digits = Int.random(in: 16...19, using: &generator)
            var mantissa = String(UInt64.random(in: 1...UInt64.max, using: &generator))
            mantissa = String(mantissa.prefix(digits))
            texts.append("\(mantissa)e\(Int.random(in: -21...19, using: &generator))")
            // Halfway cases: a 53-bit odd significand followed by exactly one half.
            let odd = UInt64.random(in: (1 << 52)...((1 << 53) - 1), using: &generator) | 1
            texts.append(String(odd * 2 + 1) + "e0")
        }
        var mismatches: [String] = []
        for text in texts {
            let parsed = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0, decimal: UInt8(ascii: ".")) }
            guard let reference = Double(text), case .number(let mine) = parsed, mine.bitPattern == reference.bitPattern else {
                mismatches.append(text)
                continue
            }
        }
        #expect(mismatches.isEmpty, "differ from Double(String): \(mismatches.prefix(5))")
    }

    @Test func readsQuotedFieldsWithEscapedQuotesAndSeparators() throws {
        let frame = try csv("name,v\n\"a, \"\"b\"\"\",1\n\"\",2\n")
        #expect(labels(frame, "name") == ["a, \"b\"", nil])  // "" quoted empty is missing, as pandas
    }

    @Test func newlineInsideQuotesMovesLaterRowsDown() throws {
        let frame = try csv("id,v\n\"two\nlines\",1\nb,2\n")
        #expect(labels(frame, "id") == ["two\nlines", "b"])
        #expect(frame.line(ofRow: 0) == 2)
        #expect(frame.line(ofRow: 1) == 4)
    }

    @Test func readsCRLFLineEndsByteOrderMarkAndDanishNames() throws {
        let frame = try CSVReader.read(path: Fixture.path("bom_crlf_danish.csv"))
        #expect(frame.columnNames == ["kommune", "år", "ø"])
        #expect(numbers(frame, "ø") == [1.5, 2])
        #expect(labels(frame, "kommune") == ["Aarhus", "Østerbro"])
    }

    @Test func readsLoneCarriageReturnLineEnds() throws {
        let frame = try csv("a,b\r1,2\r3,4\r")
        #expect(numbers(frame, "b") == [2, 4])
    }

    @Test func skipsBlankLinesAndKeepsTrueLineNumbers() throws {
        let frame = try csv("a,b\n\n1,2\n   \n3,x\n")
        #expect(frame.rowCount == 2)
        #expect(frame.line(ofRow: 0) == 3)
        #expect(frame.line(ofRow: 1) == 5)
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let frame = try csv("a,b\n1,2\n3,")
        #expect(numbers(frame, "b")?.last?.isNaN == true)
    }

    // MARK: Types and missing values

    @Test func columnIsNumericWhenEveryFieldIsANumberElseCategorical() throws {
        let frame = try csv("x,id\n1.5,7\n2,A12\n,NA\n")
        #expect(frame["x"]?.isNumeric == true)
        #expect(frame["id"]?.isNumeric == false)
        #expect(labels(frame, "id") == ["7", "A12", nil])
    }

    @Test func blanksAroundNumbersAreAllowedAndLabelsKeepTheirBlanks() throws {
        let frame = try csv("x, label\n 1.5 , a \n2\t,b\n")
        #expect(frame.columnNames == ["x", "label"])
        #expect(numbers(frame, "x") == [1.5, 2])
        #expect(labels(frame, "label") == [" a ", "b"])
    }

    @Test func defaultMissingTokensAreEmptyNAAndDot() throws {
        let frame = try csv("x,s\n,a\nNA,NA\n.,.\n 4 ,b\n")
        #expect(numbers(frame, "x")?.map(\.isNaN) == [true, true, true, false])
        #expect(labels(frame, "s") == ["a", nil, nil, "b"])
    }

    @Test func customMissingTokensReplaceTheDefaults() throws {
        let frame = try csv("x\n-99\n1\nNA\n", CSVOptions(missingTokens: ["-99", "NA"]))
        #expect(numbers(frame, "x")?.map(\.isNaN) == [true, false, true])
    }

    @Test func categoricalLevelsAreSortedByCodePoint() throws {
        let frame = try csv("r\nØst\nVest\nÆrø\nNord\nVest\n")
        guard case .categorical(let column)? = frame["r"] else { Issue.record("not categorical"); return }
        #expect(column.levels == ["Nord", "Vest", "Ærø", "Øst"])  // R's sort() in the C locale
        #expect(column.codes == [3, 1, 2, 0, 1])
    }

    @Test func forcedCategoricalColumnKeepsLeadingZeros() throws {
        let frame = try csv("kode,x\n0101,1\n101,2\n", CSVOptions(categoricalColumns: ["kode"]))
        #expect(labels(frame, "kode") == ["0101", "101"])
    }

    @Test func forcedNumericColumnRefusesTextWithLineAndColumn() {
        let error = dataError { _ = try csv("x\n1\n2\nabc\n", CSVOptions(numericColumns: ["x"])) }
        #expect(error?.description == "t.csv:4: column 'x': 'abc' is not a number")
    }

    @Test func forcedColumnThatDoesNotExistIsAnErrorWithSuggestion() {
        let error = dataError { _ = try csv("kommune\n1\n", CSVOptions(categoricalColumns: ["komune"])) }
        #expect(error == .unknownVariable(source: "t.csv", name: "komune", suggestions: ["kommune"]))
    }

    // MARK: Non-finite numbers

    @Test func literalNaNInNumericColumnIsRefusedWithLineAndColumn() {
        let error = dataError { _ = try csv("x,y\n1,2\n3,NaN\n") }
        #expect(error == .nonFiniteNumber(source: "t.csv", line: 3, column: "y", text: "NaN"))
        #expect(error?.description.hasPrefix("t.csv:3: column 'y': 'NaN' is not a finite number") == true)
    }

    @Test func infinityTokensAreRefused() {
        for token in ["Inf", "-inf", "Infinity", "+INF"] {
            let error = dataError { _ = try csv("x\n1\n\(token)\n") }
            #expect(error == .nonFiniteNumber(source: "t.csv", line: 3, column: "x", text: token))
        }
    }

    @Test func numberThatOverflowsADoubleIsRefused() throws {
        let error = dataError { _ = try csv("x\n1e308\n1e309\n") }
        #expect(error == .nonFiniteNumber(source: "t.csv", line: 3, column: "x", text: "1e309"))
        #expect(numbers(try csv("x\n1e308\n-1.7976931348623157e308\n"), "x") == [1e308, -1.7976931348623157e308])
    }

    @Test func nanListedAsMissingTokenIsMissing() throws {
        let frame = try csv("x\n1\nNaN\n", CSVOptions(missingTokens: ["", "NA", "NaN"]))
        #expect(numbers(frame, "x")?[1].isNaN == true)
    }

    @Test func nanInATextColumnIsAnOrdinaryLabel() throws {
        let frame = try csv("name\nNan\nBo\n")
        #expect(labels(frame, "name") == ["Nan", "Bo"])
    }

    // MARK: Malformed files

    @Test func raggedRowNamesLineAndCounts() {
        let error = dataError { _ = try csv("a,b,c\n1,2,3\n4,5\n") }
        #expect(error?.description == "t.csv:3: the row has 2 fields, the header has 3 columns")
    }

    @Test func unterminatedQuoteNamesLineWhereItOpensAndColumn() {
        let error = dataError { _ = try csv("a,b\n1,2\n3,\"open\n4,5\n") }
        #expect(error == .unterminatedQuote(source: "t.csv", line: 3, column: "b"))
    }

    @Test func textAfterClosingQuoteIsRefused() {
        let error = dataError { _ = try csv("a,b\n\"x\"y,2\n") }
        #expect(error == .textAfterClosingQuote(source: "t.csv", line: 2, column: "a"))
    }

    @Test func emptyHeaderNameIsRefusedWithItsPosition() {
        let error = dataError { _ = try csv("a,,c\n1,2,3\n") }
        #expect(error == .emptyColumnName(source: "t.csv", line: 1, column: 2))
    }

    @Test func duplicateHeaderNameIsRefusedWithBothPositions() {
        let error = dataError { _ = try csv("x,y,x\n1,2,3\n") }
        #expect(error?.description == "t.csv:1: column name 'x' appears twice in the header (columns 1 and 3)")
    }

    @Test func emptyFileIsRefused() {
        for text in ["", "\u{FEFF}", "\n\n  \r\n"] {
            #expect(dataError { _ = try csv(text) } == .emptyFile(source: "t.csv"))
        }
    }

    @Test func headerOnlyFileIsRefused() {
        #expect(dataError { _ = try csv("a,b\n") } == .headerOnly(source: "t.csv"))
        #expect(dataError { _ = try csv("a,b") } == .headerOnly(source: "t.csv"))
    }

    @Test func invalidUTF8InACategoricalFieldNamesLineAndColumn() {
        let bytes = Array("id,x\nok,1\n".utf8) + [0x66, 0xFF, 0xFE] + Array(",2\n".utf8)
        let error = dataError { _ = try CSVReader.parse(bytes, source: "t.csv") }
        #expect(error == .invalidUTF8(source: "t.csv", line: 3, column: "id"))
    }

    @Test func invalidUTF8InTheHeaderIsRefused() {
        let bytes: [UInt8] = [0x61, 0x2C, 0xC3, 0x28, 0x0A, 0x31, 0x2C, 0x32, 0x0A]
        let error = dataError { _ = try CSVReader.parse(bytes, source: "t.csv") }
        #expect(error == .invalidUTF8(source: "t.csv", line: 1, column: "2"))
    }

    @Test func binaryGarbageIsAnErrorNotACrash() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0..<400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = try? CSVReader.parse(bytes, source: "garbage.bin")
        }
    }

    @Test func missingFileIsRefusedWithItsPath() {
        let error = dataError { _ = try CSVReader.read(path: "/nonexistent/data.csv") }
        #expect(error?.description == "/nonexistent/data.csv: no such file")
    }

    @Test func directoryIsRefused() {
        let error = dataError { _ = try CSVReader.read(path: Fixture.directory.path) }
        #expect(error == .fileNotReadable(path: Fixture.directory.path, reason: "it is a directory"))
    }

    // MARK: Separators and decimal commas

    @Test func semicolonSeparatedDecimalCommaFileReadsWithOptions() throws {
        let frame = try CSVReader.read(path: Fixture.path("semicolon_decimal_comma.csv"), options: .semicolonDecimalComma)
        #expect(frame.columnNames == ["municipality", "year", "ftu pct", "ledighed"])
        #expect(numbers(frame, "ftu pct")?.prefix(2) == [12.5, -0.75])
        #expect(numbers(frame, "ledighed") == [3.25, 1000, 4])
    }

    @Test func semicolonFileWithDefaultOptionsGetsAHint() {
        let error = dataError { _ = try CSVReader.read(path: Fixture.path("semicolon_decimal_comma.csv")) }
        guard case .wrongSeparator(_, _, let detected)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(detected == ";")
        #expect(error?.description.contains("decimal separator to ','") == true)
    }

    @Test func tabSeparatedFileWithDefaultOptionsGetsAHint() {
        let error = dataError { _ = try csv("a\tb\n1\t2\n") }
        #expect(error == .wrongSeparator(source: "t.csv", header: "a\tb", detected: "\t"))
    }

    @Test func decimalCommaWithSemicolonSeparatorButPointDecimalHintsWhenForcedNumeric() {
        let error = dataError { _ = try csv("x;y\n1,5;2\n", CSVOptions(separator: ";", numericColumns: ["x"])) }
        #expect(error?.description.contains("decimal comma") == true)
    }

    @Test func inconsistentOptionsAreRefused() {
        #expect(dataError { _ = try csv("a\n1\n", CSVOptions(separator: ",", decimalSeparator: ",")) } != nil)
        #expect(dataError { _ = try csv("a\n1\n", CSVOptions(separator: "\"")) } != nil)
        #expect(dataError { _ = try csv("a\n1\n", CSVOptions(separator: "é")) } != nil)
    }

    // MARK: Scale

    @Test func millionRowGeneratedFileLoads() throws {
        var text = "id,year,y,x\n"
        text.reserveCapacity(40_000_000)
        for i in 0..<1_000_000 {
            text += "e\(i / 10),\(2010 + i % 10),\(Double(i % 977) * 0.125),\(i % 13 == 0 ? "NA" : String(i % 1000))\n"
        }
        let file = try TemporaryFile(contents: Array(text.utf8))
        let frame = try CSVReader.read(path: file.path)
        #expect(frame.rowCount == 1_000_000)
        #expect(numbers(frame, "y")?[999_999] == Double(999_999 % 977) * 0.125)
        guard case .categorical(let ids)? = frame["id"] else { Issue.record("id not categorical"); return }
        #expect(ids.levels.count == 100_000)
        #expect(frame["x"]?.missingCount == (1_000_000 + 12) / 13)
    }
}
