import Foundation

/// Runs the built `panelstats` executable and captures what it prints.
enum CLIRunner {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `panelstats` binary: `$PANELSTATS_BINARY` if set, else next to the test bundle (SwiftPM
    /// puts products and the test bundle in the same directory), else the package's `.build/debug`.
    static func executable() throws -> URL {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["PANELSTATS_BINARY"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        for bundle in [Bundle.main] + Bundle.allBundles {
            let directory = bundle.bundleURL
            candidates.append(directory.appendingPathComponent("panelstats"))
            candidates.append(directory.deletingLastPathComponent().appendingPathComponent("panelstats"))
        }
        if let argument = CommandLine.arguments.first {
            let directory = URL(fileURLWithPath: argument).deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent("panelstats"))
            candidates.append(directory.deletingLastPathComponent().appendingPathComponent("panelstats"))
        }
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/panelstats"))
        for candidate in candidates where fileManager.isExecutableFile(atPath: candidate.path) {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [
            NSLocalizedDescriptionKey: "panelstats executable not found; tried " + candidates.map(\.path).joined(separator: ", "),
        ])
    }

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes `contents` to a fresh temporary CSV file and returns its path.
    static func temporaryCSV(_ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("panelstats-cli-\(UUID().uuidString).csv")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
