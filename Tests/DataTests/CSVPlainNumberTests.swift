import Foundation
import PanelStatsTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@testable import PanelStatsData

/// The plain-row loop of the parallel pass converts `m / 10^f` for `m < 2^52` from the
/// mantissa's bits and divides integers by 1, and its pieces fault their rows of the columns in
/// up front. Whatever the run lengths, signs and positions of the decimal mark, each number
/// must equal bit for bit Swift's `Double(String)` of its text (the C library's correctly
/// rounded `strtod`, an independent oracle), rows the loop refuses (19 digits, mantissas from
/// 2^52, exponents, `+`) must still be read by the general path, and no byte past the file's
/// end may be read.
@Suite("CSV reader: plain numbers in parallel pieces")
struct CSVPlainNumberTests {
    static func digits(_ count: Int, _ generator: inout SplitMix64) -> String {
        String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    /// Reads `fields` as column `a` (next to a row index `i`) through the parallel pieces and
    /// through one sequential pass, and checks every number against `Double(String)`.
    static func expectEqualToDoubleOfText(_ fields: [String]) throws {
        var csv = "i,a\n"
        for (i, field) in fields.enumerated() { csv += "\(i),\(field)\n" }
        let parallel = try CSVReader.parse(csv, source: "n.csv", parallelMinimumBytes: 1 << 10)
        let sequential = try CSVReader.parse(csv, source: "n.csv", parallelMinimumBytes: Int.max)
        #expect(parallel == sequential)
        guard case .numeric(let a)? = parallel["a"] else {
            Issue.record("column a should be numeric")
            return
        }
        #expect(a.values.count == fields.count)
        for (i, field) in fields.enumerated() where i < a.values.count {
            let expected = try #require(Double(field), "\(field)")
            #expect(a.values[i].bitPattern == expected.bitPattern, "\(field)")
        }
    }

    /// Integer and fraction runs of 0 to 20 digits: runs longer than 18 digits (refused by the
    /// loop) and mantissas past 2^52.
    @Test func digitRunsOfEveryLengthEqualDoubleOfTheirText() throws {
        var generator = SplitMix64(seed: 7)
        var fields: [String] = []
        for integer in 0...20 {
            for fraction in 0...20 where integer + fraction > 0 {
                for sign in ["", "-"] {
                    let head = Self.digits(integer, &generator), tail = Self.digits(fraction, &generator)
                    fields.append(sign + head + (fraction > 0 ? "." + tail : ""))
                    if fraction == 0, integer > 0 { fields.append(sign + head + ".") }
                }
            }
        }
        try Self.expectEqualToDoubleOfText(fields)
    }

    /// Random decimals: leading zeros, optional signs (`+` takes the general path), marks at
    /// either end, exponents down to the subnormals.
    @Test func randomDecimalsEqualDoubleOfTheirText() throws {
        var generator = SplitMix64(seed: 2024)
        var fields: [String] = []
        while fields.count < 20_000 {
            let sign = ["", "", "-", "-", "+"].randomElement(using: &generator) ?? ""
            let zeros = String(repeating: "0", count: Int.random(in: 0...3, using: &generator) == 0 ? 2 : 0)
            let integer = Self.digits(Int.random(in: 0...10, using: &generator), &generator)
            let fraction = Self.digits(Int.random(in: 0...12, using: &generator), &generator)
            var text = sign + zeros + integer
            if Bool.random(using: &generator) || integer.isEmpty { text += "." + fraction }
            if Int.random(in: 0..<8, using: &generator) == 0 {
                text += "e\(Int.random(in: -330...300, using: &generator))"
            }
            guard let value = Double(text), value.isFinite else { continue }
            fields.append(text)
        }
        try Self.expectEqualToDoubleOfText(fields)
    }

    /// Mantissas around 2^52 and 2^53 (the loop takes only those below 2^52), zeros of either
    /// sign, and 17-digit decimals as `repr` writes them.
    @Test func mantissaBoundariesAndSignedZerosEqualDoubleOfTheirText() throws {
        let fields = [
            "4503599627370495", "4503599627370496", "4503599627370497", "450359962737049.5",
            "4503599627.370497", "9007199254740991", "9007199254740992", "9007199254740993",
            "900719925474099.3", "-0", "-0.0000", "0.0000", "-.0", "0.", "1.", ".5", "-.5",
            "0.30000000000000004", "-1.2345678901234567", "123456789012345678", "0.000000000000000001",
        ]
        try Self.expectEqualToDoubleOfText(fields)
    }

    /// `text` placed so that it ends on a page boundary followed by an inaccessible page, then
    /// parsed in pieces: a read past its end would stop the process.
    static func parseAtTheEndOfAPage(_ text: String) throws -> DataFrame {
        let bytes = Array(text.utf8)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let dataPages = (bytes.count + page - 1) / page
        let length = (dataPages + 1) * page
        let mapped = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        let region = try #require(mapped == MAP_FAILED ? nil : mapped)
        defer { munmap(region, length) }
        let guardPage = region + dataPages * page
        try #require(mprotect(guardPage, page, PROT_NONE) == 0)
        let start = guardPage - bytes.count
        bytes.withUnsafeBytes { source in
            if let from = source.baseAddress { start.copyMemory(from: from, byteCount: bytes.count) }
        }
        let buffer = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: bytes.count)
        return try CSVReader.parse(buffer: buffer, source: "edge.csv", options: .init(), parallelMinimumBytes: 1 << 10)
    }

    static func longText(ending: String) -> String {
        var lines = ["a,b"]
        for i in 0..<400 { lines.append("\(i).\(i % 7)5,12345678\(i % 10)") }
        return lines.joined(separator: "\n") + ending
    }

    @Test func aLastRowEndingAtTheFileEndIsReadWithoutReadingPastIt() throws {
        let text = Self.longText(ending: "")
        let frame = try Self.parseAtTheEndOfAPage(text)
        #expect(frame == (try CSVReader.parse(text, source: "edge.csv", parallelMinimumBytes: Int.max)))
        guard case .numeric(let b)? = frame["b"] else {
            Issue.record("column b should be numeric")
            return
        }
        #expect(b.values.last == 123456789)
    }

    @Test func aLineFeedAtTheFileEndIsReadWithoutReadingPastIt() throws {
        let text = Self.longText(ending: "\n")
        let frame = try Self.parseAtTheEndOfAPage(text)
        #expect(frame == (try CSVReader.parse(text, source: "edge.csv", parallelMinimumBytes: Int.max)))
        #expect(frame.rowCount == 400)
    }

    /// The reader counts each numeric column's missing values as it writes them, so that a model
    /// frame need not read the column again: the count handed to the frame must equal the
    /// column's own count, read in pieces or in one pass; a categorical column has none handed.
    @Test(arguments: [1 << 10, Int.max])
    func missingCountsHandedToTheFrameEqualTheColumns(parallelMinimumBytes: Int) throws {
        var lines = ["a,b,c,label"]
        for i in 0..<3_000 {
            let a = i % 97 == 0 ? "" : "\(i).25"
            let b = i % 501 == 0 ? "NA" : (i % 7 == 0 ? " -\(i) " : "-\(i).5")
            lines.append("\(a),\(b),\(i),x\(i % 3)")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let frame = try CSVReader.parse(text, source: "m.csv", parallelMinimumBytes: parallelMinimumBytes)
        for name in ["a", "b", "c"] {
            let column = try #require(frame[name])
            #expect(frame.knownMissingCount(of: name) == column.missingCount, "\(name)")
        }
        #expect(frame.knownMissingCount(of: "a") == 31)
        #expect(frame.knownMissingCount(of: "b") == 6)
        #expect(frame.knownMissingCount(of: "c") == 0)
        #expect(frame.knownMissingCount(of: "label") == nil)
    }
}
