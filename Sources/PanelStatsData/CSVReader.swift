import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PanelStatsLinearAlgebra

/// Reads comma-separated values (RFC 4180) into a ``DataFrame``.
///
/// The first non-blank row names the columns (blanks around a name are trimmed). A column is numeric when every non-missing field
/// is a finite number (see ``CSVOptions/missingTokens``), categorical otherwise; options can
/// force either. `NaN`, `Inf` and numbers that overflow a `Double` in an otherwise numeric
/// column are refused with the line and column (list them as missing tokens if they mean
/// "missing"). Labels of categorical columns keep their blanks, as RFC 4180, R and pandas do;
/// numbers and missing-value tokens may be padded with blanks. A UTF-8 byte-order mark is
/// skipped.
///
/// The parser works on the file's bytes: fields are located without copying, numbers are
/// converted straight from the bytes (equal bit for bit to `Double(String)`), and labels of
/// categorical columns are interned from bytes, so no `String` is made per field. Files from
/// 4 MiB are read in row-aligned pieces on all cores, each piece writing its numbers and label
/// codes straight into columns allocated once; the result, and the line of any fault, are the
/// same as a sequential reading's.
public enum CSVReader {
    /// Reads the CSV file at `path`; messages name the path as given.
    /// - Throws: ``DataError`` naming the file, line and column of the first fault.
    public static func read(path: String, options: CSVOptions = .init()) throws(DataError) -> DataFrame {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        guard !isDirectory.boolValue else { throw .fileNotReadable(path: path, reason: "it is a directory") }
        let mapped = MappedFile.withBytes(path: path) { (bytes) -> Result<DataFrame, DataError> in
            do throws(DataError) {
                return .success(try parse(buffer: bytes, source: path, options: options, releasesConsumedPages: true))
            } catch {
                return .failure(error)
            }
        }
        if let mapped { return try mapped.get() }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw .fileNotReadable(path: path, reason: error.localizedDescription)
        }
        var result: Result<DataFrame, DataError> = .failure(.emptyFile(source: path))
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            do throws(DataError) {
                result = .success(try parse(buffer: bytes, source: path, options: options))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses CSV text held in memory; `source` names it in messages.
    public static func parse(_ bytes: [UInt8], source: String, options: CSVOptions = .init()) throws(DataError) -> DataFrame {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> DataFrame in
            try parse(buffer: buffer, source: source, options: options)
        }
    }

    /// Parses CSV text held in a string; `source` names it in messages.
    public static func parse(_ text: String, source: String, options: CSVOptions = .init()) throws(DataError) -> DataFrame {
        try parse(Array(text.utf8), source: source, options: options)
    }

    static func parse(
        buffer: UnsafeBufferPointer<UInt8>, source: String, options: CSVOptions,
        parallelMinimumBytes: Int = CSVParse.parallelMinimumBytes, releasesConsumedPages: Bool = false
    ) throws(DataError) -> DataFrame {
        var reader = try CSVParse(buffer: buffer, source: source, options: options)
        reader.parallelMinimumBytes = parallelMinimumBytes
        reader.releasesConsumedPages = releasesConsumedPages
        return try reader.run()
    }

    /// Parses `text` in parallel pieces from `parallelMinimumBytes` bytes on (tests use small files).
    static func parse(
        _ text: String, source: String, options: CSVOptions = .init(), parallelMinimumBytes: Int
    ) throws(DataError) -> DataFrame {
        try Array(text.utf8).withUnsafeBufferPointer { (buffer) throws(DataError) -> DataFrame in
            try parse(buffer: buffer, source: source, options: options, parallelMinimumBytes: parallelMinimumBytes)
        }
    }
}

/// One parse of one buffer: the header, a first pass that reads numeric columns and finds out
/// which columns are categorical, and a second pass (only when there are any) that interns the
/// labels of the categorical columns.
struct CSVParse {
    enum State { case numeric, categorical }

    let buffer: UnsafeBufferPointer<UInt8>
    let source: String
    let options: CSVOptions
    let settings: ValidatedCSVOptions
    var names: [String] = []
    var fields = FieldList()
    /// From this many bytes the numeric pass runs in parallel pieces (when the file qualifies).
    var parallelMinimumBytes = CSVParse.parallelMinimumBytes
    /// The buffer is a private read-only file mapping (``MappedFile``): the numeric pass hands the
    /// pages it has read back to the kernel as it goes (they stay in the page cache and fault back
    /// in if read again), so the file and its parsed columns are not resident together.
    var releasesConsumedPages = false

    init(buffer: UnsafeBufferPointer<UInt8>, source: String, options: CSVOptions) throws(DataError) {
        self.buffer = buffer
        self.source = source
        self.options = options
        self.settings = try options.validated()
    }

    mutating func run() throws(DataError) -> DataFrame {
        var start = 0
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(bytes: buffer, separator: settings.separator, position: start, line: 1)
        guard let headerLine = try nextRow(&scanner) else { throw .emptyFile(source: source) }
        try readHeader(scanner: scanner, line: headerLine)
        let dataStart = scanner

        let columnCount = names.count
        let initial = names.map { options.categoricalColumns.contains($0) ? State.categorical : .numeric }
        let pass: NumericPass
        if let direct = try directNumericPass(from: dataStart, initial: initial) {
            pass = direct
        } else {
            var rows = dataStart
            pass = try numericPass(&rows, initial: initial, expectedShare: Double(buffer.count - dataStart.position))
        }
        let rowCount = pass.rowCount
        let state = pass.state
        var values = pass.values
        var lines = LineMap(firstLine: headerLine + 1)
        for (row, line) in pass.breaks { lines.record(row: row, line: line) }
        guard rowCount > 0 else { throw .headerOnly(source: source) }
        for j in 0..<columnCount where state[j] == .numeric {
            if let (line, text) = pass.nonFinite[j] {
                throw .nonFiniteNumber(source: source, line: line, column: names[j], text: text)
            }
        }

        var columns: [Column] = []
        columns.reserveCapacity(columnCount)
        let categorical = (0..<columnCount).filter { state[$0] == .categorical }
        var labelled: [Int: CategoricalColumn] = [:]
        if !categorical.isEmpty {
            if let pieces = pass.pieces, let read = readCategoricalInPieces(categorical, pieces: pieces, rowCount: rowCount) {
                labelled = read
            } else {
                labelled = try readCategorical(categorical, from: dataStart, rowCount: rowCount)
            }
        }
        for j in 0..<columnCount {
            if let column = labelled[j] {
                columns.append(.categorical(column))
            } else {
                columns.append(.numeric(NumericColumn(name: names[j], values: values[j])))
                values[j] = []
            }
        }
        // The missing values of each numeric column were counted as they were written, so a
        // model frame need not read the columns again to find them (-1: not counted).
        let missingCounts = (0..<columnCount).map { j in
            state[j] == .numeric && pass.missing.count == columnCount ? pass.missing[j] : -1
        }
        return DataFrame(validatedColumns: columns, source: source, lines: lines, missingCounts: missingCounts)
    }

    /// What the numeric pass found over a run of rows.
    struct NumericPass {
        /// Per column: numeric, or categorical (forced, or a field that is not a number).
        var state: [State]
        /// The numbers of the columns still numeric (NaN for missing); emptied when a column
        /// turns categorical.
        var values: [[Double]]
        /// The first non-finite number of each column (line, text).
        var nonFinite: [(line: Int, text: String)?]
        /// The missing values (NaN) written to each column that is still numeric.
        var missing: [Int] = []
        var rowCount = 0
        /// (row, line) wherever a row does not start on the line after the previous row's, and for
        /// the first row (rows relative to the pass's start).
        var breaks: [(row: Int, line: Int)] = []
        /// The pieces of a parallel pass and where their rows went (for the labels' pass).
        var pieces: [PieceRows]? = nil
    }

    /// The numeric pass over the rows from `scanner` to the end of its bytes: numbers parsed
    /// straight from the bytes, columns that turn out not to be numeric noted.
    /// `expectedShare`: the bytes whose rows will end up in these arrays; after 64 rows the numeric
    /// columns reserve room for the rows those bytes are expected to hold (+25 %), so that the
    /// arrays are not grown (and copied) by doubling.
    mutating func numericPass(
        _ scanner: inout CSVScanner, initial: [State], expectedShare: Double? = nil
    ) throws(DataError) -> NumericPass {
        let columnCount = names.count
        var pass = NumericPass(
            state: initial, values: [[Double]](repeating: [], count: columnCount),
            nonFinite: [(line: Int, text: String)?](repeating: nil, count: columnCount),
            missing: [Int](repeating: 0, count: columnCount))
        var scratch: [UInt8] = []
        var previousLine = Int.min
        let startPosition = scanner.position
        var released = startPosition
        // Rows of plain decimal numbers take a fused scan-and-convert loop; any other row (quotes,
        // blanks, missing values, text, exponents, long mantissas) goes through the general path.
        let plainRows = options.missingTokens.allSatisfy { !$0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } }
        var rowValues = [Double](repeating: 0, count: columnCount)
        while true {
            if plainRows, let next = plainRow(at: scanner.position, end: scanner.bytes.count, state: pass.state, into: &rowValues) {
                let line = scanner.line
                if line != previousLine &+ 1 { pass.breaks.append((pass.rowCount, line)) }
                previousLine = line
                for j in 0..<columnCount where pass.state[j] == .numeric { pass.values[j].append(rowValues[j]) }
                scanner = CSVScanner(bytes: scanner.bytes, separator: settings.separator, position: next, line: line + 1)
                pass.rowCount += 1
                if releasesConsumedPages, pass.rowCount & 4095 == 0, scanner.position - released >= 1 << 25 {
                    released = releaseMappedPages(from: released, to: scanner.position)
                }
                if pass.rowCount == 64, let expectedShare { reserve(&pass, rowsAfter: startPosition, scanner, expectedShare) }
                continue
            }
            guard let line = try nextRow(&scanner) else { break }
            guard fields.count == columnCount else {
                throw .raggedRow(source: source, line: line, expected: columnCount, found: fields.count)
            }
            if line != previousLine &+ 1 { pass.breaks.append((pass.rowCount, line)) }
            previousLine = line
            for j in 0..<columnCount where pass.state[j] == .numeric {
                let field = fields[j]
                switch try readNumericField(j, field, scanner: scanner, line: line, scratch: &scratch) {
                case .number(let value):
                    pass.values[j].append(value)
                    if value.isNaN { pass.missing[j] += 1 }
                case .nonFinite:
                    if pass.nonFinite[j] == nil { pass.nonFinite[j] = (line, text(of: field, scanner: scanner)) }
                    pass.values[j].append(.nan)
                    pass.missing[j] += 1
                case .text:
                    pass.state[j] = .categorical
                    pass.values[j] = []
                }
            }
            pass.rowCount += 1
            if releasesConsumedPages, pass.rowCount & 4095 == 0, scanner.position - released >= 1 << 25 {
                released = releaseMappedPages(from: released, to: scanner.position)
            }
            if pass.rowCount == 64, let expectedShare { reserve(&pass, rowsAfter: startPosition, scanner, expectedShare) }
        }
        return pass
    }

    /// A field of a column still numeric, read in the numeric pass.
    enum NumericField {
        /// A finite number, or NaN for a missing value.
        case number(Double)
        /// `NaN`, `Inf` or a number beyond the `Double` range (refused later if the column stays numeric).
        case nonFinite
        /// Not a number: the column is categorical.
        case text
    }

    /// Reads field `field` of column `j` (on `line`) as a number.
    /// - Throws: ``DataError/notANumber(source:line:column:text:hint:)`` when the column is forced
    ///   numeric and the field is not a number.
    func readNumericField(
        _ j: Int, _ field: FieldSpan, scanner: CSVScanner, line: Int, scratch: inout [UInt8]
    ) throws(DataError) -> NumericField {
        let outcome: NumberParse?
        if field.escaped {
            // A field with a literal quote is never a number; it may still be a missing token.
            let missing = try scanner.withContent(of: field, scratch: &scratch) {
                (content) throws(DataError) -> Bool in isMissing(scanner.trimmed(content))
            }
            outcome = missing ? nil : .invalid
        } else {
            let core = scanner.trimmed(UnsafeBufferPointer(rebasing: buffer[field.start..<field.end]))
            outcome = isMissing(core) ? nil : DecimalParser.parse(core, decimal: settings.decimal)
        }
        switch outcome {
        case nil: return .number(.nan)
        case .number(let value)?: return .number(value)
        case .nonFinite?: return .nonFinite
        case .invalid?:
            if options.numericColumns.contains(names[j]) {
                let text = text(of: field, scanner: scanner)
                throw .notANumber(source: source, line: line, column: names[j], text: text, hint: decimalHint(text))
            }
            return .text
        }
    }

    /// Reserves the numeric columns' room for the rows `expectedShare` bytes are expected to hold
    /// (+25 %), judged by the first 64 rows' length.
    private func reserve(_ pass: inout NumericPass, rowsAfter start: Int, _ scanner: CSVScanner, _ expectedShare: Double) {
        let rowBytes = Double(scanner.position - start) / Double(max(pass.rowCount, 1))
        let expected = Int(min(expectedShare / max(rowBytes, 1) * 1.25 + 64, 1e10))
        for j in pass.values.indices where pass.state[j] == .numeric { pass.values[j].reserveCapacity(expected) }
    }

    /// Reads the row at `start` (bytes up to `end`, the scanner's end) when it is made only of plain decimal numbers — an optional `-`,
    /// digits with at most one decimal mark, at most 18 digits, no blanks — in the numeric columns
    /// (categorical columns are skipped up to the next separator) and ends with a line feed or the
    /// end of the bytes; returns the position after the row, or `nil` (nothing consumed) for any
    /// other row. Such a number is `m / 10^f` with `m < 2^53` and `f ≤ 22`: one correctly rounded
    /// division of exactly represented doubles, the same value as ``DecimalParser`` (and
    /// `Double(String)`) gives.
    @inline(__always)
    func plainRow(at start: Int, end: Int, state: [State], into values: inout [Double]) -> Int? {
        guard let base = buffer.baseAddress, end <= buffer.count else { return nil }
        let separator = settings.separator, decimal = settings.decimal
        let columnCount = state.count
        // A row must hold at least one number (so it is never a blank line, and always advances).
        guard state.contains(.numeric) else { return nil }
        var p = start
        return values.withUnsafeMutableBufferPointer { values -> Int? in
            for j in 0..<columnCount {
                if state[j] == .categorical {
                    while p < end {
                        let byte = base[p]
                        if byte == separator || byte == 0x0A { break }
                        if byte == 0x22 || byte == 0x0D { return nil }
                        p += 1
                    }
                } else {
                    var negative = false
                    if p < end, base[p] == 0x2D {
                        negative = true
                        p += 1
                    }
                    var mantissa: UInt64 = 0
                    var digits = 0, fraction = 0
                    var sawMark = false
                    while p < end {
                        let byte = base[p]
                        let digit = byte &- 0x30
                        if digit < 10 {
                            mantissa = mantissa &* 10 &+ UInt64(digit)
                            digits += 1
                            if sawMark { fraction += 1 }
                        } else if byte == decimal, !sawMark {
                            sawMark = true
                        } else {
                            break
                        }
                        p += 1
                    }
                    guard digits > 0, digits <= 18, fraction <= 22, mantissa <= 1 << 53 else { return nil }
                    let magnitude = fraction == 0 ? Double(mantissa) : Double(mantissa) / plainPowersOfTen[fraction]
                    values[j] = negative ? -magnitude : magnitude
                }
                if j < columnCount - 1 {
                    guard p < end, base[p] == separator else { return nil }
                    p += 1
                } else {
                    if p == end { return end }
                    guard base[p] == 0x0A else { return nil }
                    return p + 1
                }
            }
            return nil
        }
    }

    /// `madvise(MADV_DONTNEED)` on the whole pages of the mapped buffer in `from..<to`; returns
    /// the first byte not released.
    func releaseMappedPages(from: Int, to: Int) -> Int {
        #if os(Linux)
        guard let base = buffer.baseAddress else { return from }
        let page = 4096
        let address = UInt(bitPattern: base)
        let first = (address + UInt(from) + UInt(page - 1)) / UInt(page) * UInt(page)
        let last = (address + UInt(to)) / UInt(page) * UInt(page)
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return from }
        _ = madvise(start, Int(last - first), MADV_DONTNEED)
        return Int(last - address)
        #else
        return to
        #endif
    }

    /// Files from this size (4 MiB) are parsed in parallel pieces (see ``directNumericPass(from:initial:)``).
    static let parallelMinimumBytes = 1 << 22

    /// Second pass over the data rows: the labels of the categorical columns.
    mutating func readCategorical(
        _ categorical: [Int], from start: CSVScanner, rowCount: Int
    ) throws(DataError) -> [Int: CategoricalColumn] {
        var scanner = start
        var tables = [LevelTable](repeating: LevelTable(), count: categorical.count)
        var codes = [[Int32]](repeating: [], count: categorical.count)
        for k in codes.indices { codes[k].reserveCapacity(rowCount) }
        var scratch: [UInt8] = []
        while let line = try nextRow(&scanner) {
            for (k, j) in categorical.enumerated() {
                let field = fields[j]
                guard let code = labelCode(of: field, scanner: scanner, table: &tables[k], scratch: &scratch) else {
                    if tables[k].isFull {
                        throw .tooLarge(
                            source: source, what: "the number of distinct labels in column '\(names[j])'",
                            limit: DataError.levelCodeLimit)
                    }
                    throw .invalidUTF8(source: source, line: line, column: names[j])
                }
                codes[k].append(code)
            }
        }
        var result: [Int: CategoricalColumn] = [:]
        for (k, j) in categorical.enumerated() {
            let (levels, sortedCodes) = sortLevels(tables[k].labels, codes: codes[k])
            codes[k] = []
            result[j] = CategoricalColumn(uncheckedName: names[j], levels: levels, codes: sortedCodes)
        }
        return result
    }

    /// The code of a categorical field in `table` (added as a level if new), -1 when missing;
    /// `nil` when the label is not valid UTF-8 or the table is full.
    @inline(__always)
    func labelCode(
        of field: FieldSpan, scanner: CSVScanner, table: inout LevelTable, scratch: inout [UInt8]
    ) -> Int32? {
        if field.escaped {
            // The closure does not throw, so neither does the call.
            return try? scanner.withContent(of: field, scratch: &scratch) { (content) throws(DataError) -> Int32? in
                isMissing(scanner.trimmed(content)) ? -1 : table.code(for: content)
            }
        }
        let content = UnsafeBufferPointer(rebasing: buffer[field.start..<field.end])
        return isMissing(scanner.trimmed(content)) ? -1 : table.code(for: content)
    }

    mutating func readHeader(scanner: CSVScanner, line: Int) throws(DataError) {
        var seen: [String: Int] = [:]
        var scratch: [UInt8] = []
        for (j, field) in fields.spans.enumerated() {
            let name = try scanner.withContent(of: field, scratch: &scratch) {
                (content) throws(DataError) -> String? in
                String(validating: scanner.trimmed(content), as: UTF8.self)
            }
            guard let name else { throw .invalidUTF8(source: source, line: line, column: "\(j + 1)") }
            guard !name.isEmpty else { throw .emptyColumnName(source: source, line: line, column: j + 1) }
            if let first = seen[name] {
                throw .duplicateColumnName(source: source, line: line, name: name, first: first + 1, second: j + 1)
            }
            seen[name] = j
            names.append(name)
        }
        if names.count == 1, let field = fields.spans.first, !field.quoted {
            for candidate in [";", "\t", "|", ","] where candidate.utf8.first != settings.separator {
                if names[0].contains(candidate) {
                    throw .wrongSeparator(source: source, header: names[0], detected: candidate)
                }
            }
        }
        for name in options.categoricalColumns.union(options.numericColumns).sorted() where seen[name] == nil {
            throw .unknownVariable(source: source, name: name, suggestions: closeNames(to: name, among: names))
        }
    }

    /// The next row, with scanner faults turned into messages that name the column.
    mutating func nextRow(_ scanner: inout CSVScanner) throws(DataError) -> Int? {
        do {
            return try scanner.nextRow(into: &fields)
        } catch {
            switch error {
            case .unterminatedQuote(let line, let field):
                throw .unterminatedQuote(source: source, line: line, column: columnName(field))
            case .textAfterQuote(let line, let field):
                throw .textAfterClosingQuote(source: source, line: line, column: columnName(field))
            }
        }
    }

    func columnName(_ field: Int) -> String {
        field < names.count ? names[field] : "\(field + 1)"
    }

    @inline(__always)
    func isMissing(_ content: UnsafeBufferPointer<UInt8>) -> Bool {
        if content.isEmpty { return settings.emptyIsMissing }
        return settings.missing.isMissing(content)
    }

    /// A field's text for a message (invalid UTF-8 replaced, long text cut).
    func text(of field: FieldSpan, scanner: CSVScanner) -> String {
        var scratch: [UInt8] = []
        let text = (try? scanner.withContent(of: field, scratch: &scratch) {
            (content) throws(DataError) -> String in String(decoding: content, as: UTF8.self)
        }) ?? ""
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    /// A hint when `text` is a number written with the other decimal mark.
    func decimalHint(_ text: String) -> String? {
        decimalMarkHint(text, decimal: settings.decimal)
    }
}

/// When `text` is a number written with the decimal mark the options do not use, a hint that
/// says so; `nil` otherwise.
func decimalMarkHint(_ text: String, decimal: UInt8) -> String? {
    let other: UInt8 = decimal == UInt8(ascii: ".") ? UInt8(ascii: ",") : UInt8(ascii: ".")
    let bytes = Array(text.utf8)
    let parsed = bytes.withUnsafeBufferPointer { DecimalParser.parse($0, decimal: other) }
    guard case .number = parsed else { return nil }
    return other == UInt8(ascii: ",")
        ? "it looks like a decimal comma: read the file with decimalSeparator ',' (and separator ';')"
        : "it looks like a decimal point: read the file with decimalSeparator '.'"
}

/// Exact powers of ten for ``CSVParse/plainRow(at:end:state:into:)`` and ``readPlainRow``.
let plainPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]
