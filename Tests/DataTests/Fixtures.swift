import Foundation

/// Paths of the committed test fixtures (built from `#filePath`, so no resources are bundled).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }
}

/// A scratch file removed when the value goes away.
final class TemporaryFile {
    let path: String

    init(contents: [UInt8], suffix: String = ".csv") throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("panelstats-data-\(UUID().uuidString)\(suffix)").path
        try Data(contents).write(to: URL(fileURLWithPath: path))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
