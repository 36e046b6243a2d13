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
    /// puts products and test bundles in one directory), else the package's `.build/debug`.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["PANELSTATS_BINARY"] {
            candidates.append(URL(fileURLWithPath: path))
        }
        for bundle in [Bundle.main] + Bundle.allBundles {
            candidates.append(bundle.bundleURL.appendingPathComponent("panelstats"))
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("panelstats"))
        }
        if let argument = CommandLine.arguments.first {
            let directory = URL(fileURLWithPath: argument).deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent("panelstats"))
            candidates.append(directory.deletingLastPathComponent().appendingPathComponent("panelstats"))
        }
        candidates.append(repositoryRoot.appendingPathComponent(".build/debug/panelstats"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [
            NSLocalizedDescriptionKey: "panelstats executable not found; tried " + candidates.map(\.path).joined(separator: ", "),
        ])
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Outputs are small (one table or one error line): reading one pipe after the other is safe.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}
