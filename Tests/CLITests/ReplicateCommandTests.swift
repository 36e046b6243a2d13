import Foundation
import Testing

/// `panelstats replicate vive2021` end to end: the bundled panel into a directory, progress on stderr and
/// the summary on stdout; a bad panel ends in one error line and no output directory.
@Suite("panelstats replicate vive2021")
struct ReplicateCommandTests {
    static func outputDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("panelstats-replicate-\(UUID().uuidString)/vive2021").path
    }

    @Test func replicatesTheBundledPanel() throws {
        let out = Self.outputDirectory()
        let output = try CLIRunner.run(["replicate", "vive2021", "--out", out])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Data: bundled SYNTHETIC panel"))
        #expect(output.stdout.contains("Figure 5.10 counts 16/38/22/18"))
        #expect(output.stderr.contains("[1] reading the bundled synthetic panel datasets/vive2021/panel.csv"))
        #expect(output.stderr.contains("Table 5.8: 9 fixed-effects models"))
        for name in ["report.md", "report.html", "table_5_8_fixed_effects.csv", "figure_5_7_by_growth_quartile.svg", "MANIFEST.txt"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        // Run again: the earlier output is replaced.
        let again = try CLIRunner.run(["replicate", "vive2021", "--out", out, "--se", "cluster", "--number-format", "english"])
        #expect(again.status == 0, "\(again.stderr)")
        let manifest = try String(contentsOfFile: out + "/MANIFEST.txt", encoding: .utf8)
        #expect(manifest.contains("--se cluster"))
    }

    @Test func explicitBundledPanelIsRecognisedAsSynthetic() throws {
        let out = Self.outputDirectory()
        let output = try CLIRunner.run(["replicate", "vive2021", "--data", "datasets/vive2021/panel.csv", "--out", out])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("SYNTHETIC"))
    }

    @Test func panelWithMissingColumnWritesNothing() throws {
        let text = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("datasets/vive2021/panel.csv"), encoding: .utf8)
        let broken = text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: ",")
        }.joined(separator: "\n")
        let path = try CLIRunner.temporaryCSV(broken)
        let out = Self.outputDirectory()
        let output = try CLIRunner.run(["replicate", "vive2021", "--data", path, "--out", out])
        #expect(output.status == 1)
        #expect(output.stderr.contains("panelstats: error: \(path): missing column 'population_17_64'"))
        #expect(output.stderr.contains("nothing was written"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(output.stdout.isEmpty)
    }

    @Test func invalidOptionIsRefused() throws {
        let output = try CLIRunner.run(["replicate", "vive2021", "--se", "bootstrap", "--out", Self.outputDirectory()])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--se 'bootstrap': expected conventional, cluster, robust"))
    }
}
