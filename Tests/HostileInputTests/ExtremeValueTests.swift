import Foundation
import PanelStats
import Testing

/// Values at the edges of `Double` and `Int` that used to trap (`Int(Double)` beyond ±9.2e18 or
/// of ±∞ is a fatal error in Swift), and labels whose control characters used to break the
/// one-line error message.
@Suite("Extreme values and control characters")
struct ExtremeValueTests {
    static func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("panelstats-extreme-\(UUID().uuidString).csv")
        try Data(contents.utf8).write(to: url)
        return url
    }

    /// Axis ranges whose width overflows, underflows or is below the resolution of the values:
    /// before, `Int(floor(log10(step)))` trapped on ±∞ (step 0 or ∞).
    @Test(arguments: [
        (-1e308, 1e308), (-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude), (0, 5e-324),
        (1e17, 1e17), (1e300, 1e300), (-4e18, -4e18), (0, 1e-300),
    ])
    func niceScaleOfAnExtremeRangeIsFinite(_ range: (Double, Double)) {
        let scale = NiceScale(minimum: range.0, maximum: range.1)
        #expect(scale.step.isFinite && scale.step > 0)
        #expect(!scale.ticks.isEmpty && scale.ticks.allSatisfy(\.isFinite))
        #expect(scale.lower < scale.upper)
    }

    @Test func aConstantLargeValueGetsATenPercentAxis() {
        let scale = NiceScale(minimum: 1e17, maximum: 1e17)
        #expect(scale.lower <= 0.9e17 && scale.upper >= 1.1e17)
        #expect(NiceScale(minimum: 2019, maximum: 2019).ticks.first == 2018)
    }

    /// `panelstats describe --time` took `Int(min)` and `Int(max)` of the period column.
    @Test(arguments: [("1e20", "1e+20"), ("-9.3e18", "-9.3e+18"), ("2014.5", "2014.5")])
    func describeRefusesAPeriodThatIsNotAWholeNumber(_ value: (String, String)) throws {
        let file = try Self.temporaryFile("id,t,y\n1,2015,1\n2,\(value.0),2\n3,2016,3\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLIRunner.run(["describe", file.path, "--time", "t", "--vars", "y"])
        #expect(output.status == 1)
        #expect(output.stderr == "panelstats: error: line 3: panel identifier 't' is \(value.1), not a whole number of at most 15 digits\n")
    }

    @Test func describeEntityMeansRefusesAHugePeriod() throws {
        let file = try Self.temporaryFile("id,t,y\n1,9.3e18,1\n1,-9.3e18,2\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLIRunner.run(["describe", file.path, "--time", "t", "--entity", "id", "--entity-means"])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("panelstats: error: line 3: panel identifier 't' is -9.3e+18"))
    }

    /// An entity label with a newline (a quoted field) reaches the descriptive layer's message.
    @Test func aLabelWithANewlineStaysOnOneLine() throws {
        let file = try Self.temporaryFile("id,t,y\n\"a\nb\",2014,1\n\"a\nb\",2014,2\nc,2014,3\nc,2015,4\n")
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLIRunner.run(["groups", file.path, "--entity", "id", "--time", "t", "--by", "y", "--at", "2014"])
        #expect(output.status == 1)
        #expect(output.stderr == "panelstats: error: entity 'a\\nb' appears more than once in period 2014\n")
    }

    @Test func suggestedColumnNamesAreEscaped() throws {
        let frame = try CSVReader.parse("\"x\ny\",z\n1,2\n", source: "names.csv")
        #expect(throws: DataError.unknownVariable(source: "names.csv", name: "xy", suggestions: ["x\ny"])) {
            try frame.column(named: "xy")
        }
        let message = DataError.unknownVariable(source: "names.csv", name: "xy", suggestions: ["x\ny"]).description
        #expect(message == "names.csv: variable 'xy' is not a column of the data; did you mean 'x\\ny'?")
    }

    /// `factor(id)` with 400 000 levels over 800 000 rows would be a 2.6 TB design: refused with
    /// the remedy before the allocation aborts the process.
    @Test func aDesignLargerThanMemoryIsRefusedWithTheRemedy() throws {
        let n = 800_000
        let id = (0..<n).map { Double($0 / 2) }
        let x = (0..<n).map { Double(($0 * 7919) % 10007) }
        let frame = try DataFrame(columns: [
            .numeric(NumericColumn(name: "id", values: id)), .numeric(NumericColumn(name: "x", values: x)),
            .numeric(NumericColumn(name: "y", values: x.map { $0 / 2 })),
        ], source: "pairs.csv")
        #expect {
            try ModelFrame(formula: try Formula.parse("y ~ x + factor(id)"), data: frame)
        } throws: { error in
            guard case .tooLarge(let source, let what, let limit)? = error as? DataError else { return false }
            return source == "pairs.csv" && what.hasPrefix("the design matrix (800000 × 400001 = 320000800000 values, 2560.0 GB)")
                && limit.contains("instead of expanding it with factor()")
        }
        // Absorbed, the same factor costs nothing.
        let absorbed = try ModelFrame(formula: try Formula.parse("y ~ x | id"), data: frame)
        #expect(absorbed.absorbed.first?.count == 400_000)
    }
}
