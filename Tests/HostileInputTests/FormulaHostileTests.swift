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
}
