import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import PanelStatsVIVE2021

/// Paths and shared fixtures of the replication tests.
enum ReplicationFixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    /// The frozen panel the oracle fixture was computed from.
    static let panelCopy = fixtures.appendingPathComponent("vive2021_panel.csv")
    static let bundledPanel = repositoryRoot.appendingPathComponent("datasets/vive2021/panel.csv")
    static let publishedDirectory = repositoryRoot.appendingPathComponent("datasets/vive2021/published")

    /// The replication of the frozen panel with default options (computed once).
    static let frozen: Result<VIVE2021Replication, VIVE2021ReplicationError> = Result(catching: { () throws(VIVE2021ReplicationError) in
        try replicate(panelCopy.path) })

    static func replicate(_ path: String, options: VIVE2021ReplicationOptions = VIVE2021ReplicationOptions()) throws(VIVE2021ReplicationError) -> VIVE2021Replication {
        try VIVE2021Replication(input: VIVE2021PanelInput.read(path: path), origin: .bundledSynthetic, options: options)
    }

    /// The oracle JSON made by scripts/make_vive_replication_fixture.py.
    static func oracle() throws -> [String: Any] {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("vive2021_replication_oracle.json"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.coderReadCorrupt)
        }
        return object
    }

    /// The first `jobcentres` jobcentres of the frozen panel as CSV lines (header first), for building bad inputs.
    static func smallPanelLines(jobcentres: Int = 10) throws -> [String] {
        let lines = try String(contentsOf: panelCopy, encoding: .utf8).split(separator: "\n").map(String.init)
        return Array(lines.prefix(1 + 6 * jobcentres))
    }

    /// Writes `lines` to a fresh temporary file and returns its path.
    static func temporaryCSV(_ lines: [String], name: String = "panel.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vive-replicate-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("vive-replicate-out-\(UUID().uuidString)").path
    }
}

/// `|a − b| ≤ tolerance · max(|b|, floor)`: relative tolerance with an absolute floor near zero.
func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double, floor: Double = 1) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), floor)
}

/// Whether `text` is well-formed XML (Foundation's XMLParser), and its element names.
func parseXML(_ text: String) -> (ok: Bool, elements: [String], error: String?) {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [String] = []
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append(elementName)
        }
    }
    let collector = Collector()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = collector
    let ok = parser.parse()
    return (ok, collector.elements, parser.parserError.map { "\($0)" })
}
