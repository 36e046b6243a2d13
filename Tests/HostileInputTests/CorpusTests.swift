import Foundation
import PanelStats
import Testing

/// Every file of the bad-input corpus gives its documented error (case and message) or the right
/// data — never a crash.
@Suite("Bad-input corpus")
struct CorpusTests {
    @Test func manifestIsReadAndCoversEveryFile() throws {
        #expect(Corpus.cases.count >= 40)
        let listed = Set(Corpus.cases.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Corpus.directory.path))
            .subtracting(["manifest.json"])
        #expect(present.subtracting(listed).isEmpty, "files without a manifest entry")
        #expect(listed.subtracting(present).isEmpty, "manifest entries without a file")
    }

    @Test(arguments: Corpus.cases)
    func corpusFileGivesItsExpectedOutcome(_ entry: CorpusCase) throws {
        let outcome = CorpusOutcome.of(entry)
        switch outcome {
        case .failure(let caseName, let message):
            #expect(entry.expect == caseName, "\(message)")
            #expect(message.contains(entry.message ?? "\u{0}"), "message: \(message)")
            #expect(!message.contains("\n"), "a one-line message")
        case .data(let frame):
            #expect(entry.expect == "ok")
            try Self.check(frame, against: entry)
        case .panel(let panel):
            #expect(entry.expect == "ok")
            if let observations = entry.observations { #expect(panel.observations == observations) }
        }
    }

    /// Numbers bit for bit (NaN = missing = null, and the sign of zero), labels and levels exactly.
    static func check(_ frame: DataFrame, against entry: CorpusCase) throws {
        if let columns = entry.columns { #expect(frame.columnNames == columns) }
        for (name, expected) in entry.numbers ?? [:] {
            guard case .numeric(let column)? = frame[name] else {
                Issue.record("\(name) is not a numeric column")
                continue
            }
            #expect(column.values.count == expected.count)
            for (value, wanted) in zip(column.values, expected) {
                if let wanted {
                    #expect(value.bitPattern == wanted.bitPattern, "\(name): \(value) vs \(wanted)")
                } else {
                    #expect(value.isNaN, "\(name): \(value) should be missing")
                }
            }
        }
        for (name, expected) in entry.labels ?? [:] {
            guard case .categorical(let column)? = frame[name] else {
                Issue.record("\(name) is not a categorical column")
                continue
            }
            #expect((0..<column.codes.count).map { column.label(at: $0) } == expected)
        }
        for (name, expected) in entry.levels ?? [:] {
            guard case .categorical(let column)? = frame[name] else {
                Issue.record("\(name) is not a categorical column")
                continue
            }
            #expect(column.levels == expected)
        }
    }
}

/// Very wide input, generated here rather than committed.
@Suite("A line of a million columns")
struct MillionColumnTests {
    static let width = 1_000_000

    @Test func aMillionColumnFileIsRead() throws {
        var text = (0..<Self.width).map { "c\($0)" }.joined(separator: ",") + "\n"
        text += (0..<Self.width).map { String($0 % 10) }.joined(separator: ",") + "\n"
        let frame = try CSVReader.parse(text, source: "wide.csv")
        #expect(frame.columns.count == Self.width)
        #expect(frame.rowCount == 1)
        guard case .numeric(let last)? = frame["c999999"] else {
            Issue.record("c999999 is not numeric")
            return
        }
        #expect(last.values == [9])
    }

    @Test func aMillionFieldRowInANarrowFileIsARaggedRow() throws {
        let text = "y,x\n1,2\n" + [String](repeating: "1", count: Self.width).joined(separator: ",") + "\n"
        #expect {
            try CSVReader.parse(text, source: "wide.csv")
        } throws: { error in
            (error as? DataError) == .raggedRow(source: "wide.csv", line: 3, expected: 2, found: Self.width)
        }
    }

    @Test func aMillionColumnHeaderWithoutDataIsHeaderOnly() throws {
        let text = (0..<Self.width).map { "c\($0)" }.joined(separator: ",")
        #expect(throws: DataError.headerOnly(source: "wide.csv")) {
            try CSVReader.parse(text, source: "wide.csv")
        }
    }
}
