import Foundation

/// Finds the bundled synthetic panel `datasets/vive2021/panel.csv` for `panelstats replicate vive2021`
/// without `--data`, and recognises it when it is passed explicitly.
///
/// Search order: the current directory and each of its ancestors (so the command works from any
/// folder of a checkout), then the executable's directory and its ancestors (a built binary run from
/// elsewhere finds the checkout it was built in). If neither has it, the seeded generator rebuilds
/// the identical panel in memory (`panelstats dataset vive2021` writes the same bytes).
public enum VIVE2021BundledPanel {
    /// The panel's path inside a checkout.
    public static let relativePath = "datasets/vive2021/panel.csv"

    /// The first existing candidate, or nil.
    public static func locate(
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        executablePath: String? = CommandLine.arguments.first
    ) -> String? {
        let fileManager = FileManager.default
        let relative = URL(fileURLWithPath: currentDirectory).appendingPathComponent(relativePath).path
        if fileManager.isReadableFile(atPath: relative) {
            // Shown as given when it is right here, as `datasets/vive2021/panel.csv`.
            return currentDirectory == fileManager.currentDirectoryPath ? relativePath : relative
        }
        var roots = ancestors(of: URL(fileURLWithPath: currentDirectory).deletingLastPathComponent())
        if let executablePath {
            let executable = URL(fileURLWithPath: executablePath, relativeTo: URL(fileURLWithPath: currentDirectory))
                .standardizedFileURL.resolvingSymlinksInPath()
            roots += ancestors(of: executable.deletingLastPathComponent())
        }
        for root in roots {
            let candidate = root.appendingPathComponent(relativePath).path
            if fileManager.isReadableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The bundled panel: read from `located` when given, else rebuilt by the seeded generator.
    /// - Returns: the checked input and a note for the terminal when the generator was used.
    public static func load(located: String?) throws(VIVE2021ReplicationError) -> (input: VIVE2021PanelInput, note: String?) {
        if let located { return (try VIVE2021PanelInput.read(path: located), nil) }
        let panel: VIVE2021Panel
        do {
            panel = try VIVE2021PanelGenerator().generate()
        } catch {
            throw .analysis(step: "rebuilding the bundled panel", message: error.description)
        }
        let source = "synthetic panel rebuilt by the generator (seed \(VIVE2021PanelGenerator.defaultSeed))"
        let input = try VIVE2021PanelInput(panel: panel, source: source)
        return (input, "\(relativePath) not found here or above; rebuilt it from the seeded generator (seed \(VIVE2021PanelGenerator.defaultSeed))")
    }

    /// Whether the file at `path` is the bundled panel: the same bytes as `located` (or, when the
    /// bundled file cannot be found, as the seeded generator's panel).
    public static func isBundled(path: String, located: String?) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        if let located {
            return FileManager.default.contents(atPath: located) == data
        }
        guard let panel = try? VIVE2021PanelGenerator().generate() else { return false }
        return Data(panel.csv().utf8) == data
    }

    private static func ancestors(of directory: URL) -> [URL] {
        var result: [URL] = []
        var current = directory.standardizedFileURL
        while true {
            result.append(current)
            let parent = current.deletingLastPathComponent()
            if parent.path == current.path || result.count > 64 { break }
            current = parent
        }
        return result
    }
}
