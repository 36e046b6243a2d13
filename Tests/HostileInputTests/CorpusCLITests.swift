import Foundation
import Testing

/// Every corpus file that is an error for the library is one for the command line too: exit status
/// 1, nothing on standard output, and exactly one `panelstats: error:` line carrying the library's
/// message on standard error — never a trap or a stack trace.
@Suite("Bad-input corpus through the panelstats binary")
struct CorpusCLITests {
    /// (case, command line) for each error case the CLI can express.
    static let invocations: [(CorpusCase, [String])] = Corpus.cases.flatMap { entry -> [(CorpusCase, [String])] in
        guard entry.expect != "ok" else { return [] }
        let flags = entry.options.map(\.commandLineFlags) ?? []
        switch entry.stage ?? .read {
        case .read:
            guard let flags else { return [] }
            var runs = [(entry, ["describe", entry.path] + flags)]
            if entry.options == nil { runs.append((entry, ["fit", entry.path, "--formula", "y ~ x"])) }
            return runs
        case .frame:
            guard entry.options == nil, entry.allColumns != true, let formula = entry.formula else { return [] }
            return [(entry, ["fit", entry.path, "--formula", formula])]
        case .panel:
            return []
        }
    }

    @Test func everyReadErrorIsCovered() {
        #expect(Self.invocations.count >= 30)
    }

    @Test(arguments: invocations.map { Invocation(entry: $0.0, arguments: $0.1) })
    func corpusErrorIsOneLineAndExitStatusOne(_ invocation: Invocation) throws {
        let output = try CLIRunner.run(invocation.arguments)
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "one line: \(output.stderr)")
        #expect(output.stderr.hasPrefix("panelstats: error: "), "\(output.stderr)")
        if let message = invocation.entry.message {
            #expect(output.stderr.contains(message), "\(output.stderr)")
        }
    }

    struct Invocation: Sendable, CustomTestStringConvertible {
        var entry: CorpusCase
        var arguments: [String]
        var testDescription: String {
            "panelstats " + arguments.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0).lastPathComponent : $0 }
                .joined(separator: " ")
        }
    }
}
