import Foundation
import PanelStats
import Testing

/// Formulas built to exhaust the stack or the clock: each is refused (or read) with a message, in
/// linear time, never by overflowing the stack. Before the bounds in `FormulaParser`, the first
/// three crashed `panelstats fit` with a segmentation fault (exit status 139).
@Suite("Hostile formulas")
struct FormulaHostileTests {
    static func syntaxMessage(_ text: String) -> String? {
        do {
            _ = try Formula.parse(text)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func thirtyThousandNestedParenthesesAreRefused() {
        let text = "y ~ I(" + String(repeating: "(", count: 30_000) + "x" + String(repeating: ")", count: 30_000) + ")"
        #expect(Self.syntaxMessage(text) == "the expression nests more than 64 levels deep")
    }

    @Test func sixtyThousandUnaryMinusesAreRefused() {
        let text = "y ~ I(" + String(repeating: "-", count: 60_000) + "x)"
        #expect(Self.syntaxMessage(text) == "the expression nests more than 64 levels deep")
    }

    @Test func aPowerTowerIsRefused() {
        let text = "y ~ I(" + [String](repeating: "2", count: 10_000).joined(separator: "^") + ")"
        #expect(Self.syntaxMessage(text) == "the expression nests more than 64 levels deep")
    }

    @Test func twentyThousandAdditionsInsideIAreRefused() {
        let text = "y ~ I(" + [String](repeating: "x", count: 20_000).joined(separator: "+") + ")"
        #expect(Self.syntaxMessage(text) == "the expression has more than 256 operations; compute it in the data")
    }

    /// Printing adds the parentheses precedence needs (`2^-2^-2` prints as `2^(-2^(-2))`), so the
    /// printed form nests deeper than the typed one; the limit holds for both, so whatever is
    /// accepted prints a form that parses back.
    @Test func everyAcceptedTowerPrintsAFormThatParsesBack() throws {
        var accepted = 0
        for levels in 1...40 {
            let text = "y ~ I(" + [String](repeating: "2", count: levels).joined(separator: "^-") + ")"
            guard let formula = try? Formula.parse(text) else {
                #expect(Self.syntaxMessage(text) == "the expression nests more than 64 levels deep")
                continue
            }
            accepted += 1
            #expect(try Formula.parse(formula.description).description == formula.description)
        }
        #expect(accepted >= 15)
        let redundant = "y ~ I(" + String(repeating: "(", count: 60) + "x" + String(repeating: ")", count: 60) + ")"
        #expect(try Formula.parse(redundant).description == "y ~ I(x)")
    }

    @Test func nestingAndOperationsWithinTheBoundsAreRead() throws {
        let nested = "y ~ I(" + String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50) + ")"
        #expect(try Formula.parse(nested).terms == [.identity(String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50), .variable("x"))])
        let sum = "y ~ I(" + [String](repeating: "x", count: 200).joined(separator: " + ") + ")"
        let formula = try Formula.parse(sum)
        #expect(formula.terms.count == 1)
        #expect(try Formula.parse(formula.description).description == formula.description)
    }

    @Test func twentyThousandTermsAreReadOnceEach() throws {
        let names = (0..<20_000).map { "x\($0)" }
        let text = "y ~ " + names.joined(separator: " + ") + " + " + names.joined(separator: " + ") + " - x7"
        let formula = try Formula.parse(text)
        #expect(formula.terms.count == 19_999)
        #expect(!formula.terms.contains(.variable("x7")))
    }

    @Test(arguments: [
        "y ~ I(" + String(repeating: "(", count: 30_000) + "x" + String(repeating: ")", count: 30_000) + ")",
        "y ~ I(" + String(repeating: "-", count: 60_000) + "x)",
        "y ~ I(" + [String](repeating: "x", count: 20_000).joined(separator: "+") + ")",
    ])
    func theCommandLineRefusesAHostileFormula(_ formula: String) throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-formula-\(UUID().uuidString).csv")
        try Data("y,x\n1,2\n2,3\n3,5\n".utf8).write(to: data)
        defer { try? FileManager.default.removeItem(at: data) }
        let output = try CLIRunner.run(["fit", data.path, "--formula", formula])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("panelstats: error: formula: the expression"), "\(output.stderr.prefix(200))")
    }

    /// Inputs found by `scripts/fuzz` (formula-parser) where an accepted formula printed a form
    /// that did not parse back to the same formula, byte for byte, with the same faults by hand:
    /// a NUL inside the reference level (`Double(".0\u{0}...")` is 0 in Swift, so the level
    /// printed unquoted), a variable named `.`, and a level that reads as an overflowing number.
    @Test(arguments: [
        [UInt8]("`t` ~ `x0`  + factor(`ko# `, ref=\".0".utf8) + [0x00, 0xC7, 0xB8] + [UInt8]("ge\") + 1".utf8),
        [UInt8]("y ~ factor(g, ref='0x1p3')".utf8),
        [UInt8]("y ~ factor(g, ref='+1')".utf8),
        [UInt8]("y ~ factor(g, ref='a\"b')".utf8),
        [UInt8]("y ~ factor(g, ref=\"1.2.3\")".utf8),
        [UInt8]("y ~ factor(g, ref=-2014) + factor(h, ref=1e-3)".utf8),
        // Second find: a variable named `.` printed unquoted, which the parser refuses.
        [UInt8]("`.` ~ `x 1` + factor(`".utf8) + [0x0A, 0, 0, 0, 0, 0, 0x39, 0xD5]
            + [UInt8](" - )))))))))))`, ref=\"Int\") + 0".utf8),
        [UInt8]("y ~ `.5x` + `.` + `..1`".utf8),
        [UInt8]("y ~ factor(g, ref=`a\"b'c`)".utf8),
        // Third find: a quoted reference level that reads as a number too large for a Double.
        [UInt8]("`ftu pct` ~` 1` + fa + factor(`".utf8) + [0x0A, 0x00]
            + [UInt8]("`, ref=\"0000002e30800000000000\") + 0".utf8),
    ])
    func anAcceptedFormulaPrintsAFormThatParsesBack(_ bytes: [UInt8]) throws {
        let formula = try Formula.parse(String(decoding: bytes, as: UTF8.self))
        let printed = formula.description
        let again = try Formula.parse(printed)
        #expect(again == formula, "\(printed)")
        #expect(again.description == printed)
    }

    @Test func aReferenceLevelWithANulDoesNotMatchANumericLevel() throws {
        let data = try CSVReader.parse("y,g\n1,2014\n2,2015\n4,2015\n3,2014\n", source: "ref.csv")
        let formula = try Formula.parse("y ~ factor(g, ref=\"2015\u{0}x\")")
        #expect(throws: DataError.self) { try ModelFrame(formula: formula, data: data) }
        let byValue = try ModelFrame(formula: try Formula.parse("y ~ factor(g, ref=2015.0)"), data: data)
        #expect(byValue.termNames == ["(Intercept)", "factor(g)2014"])
    }
}
