import ArgumentParser
import Foundation

/// Prints `message` as one line on standard error, prefixed with `panelstats: error:`, and
/// returns the failure exit code. Every library error reaching the CLI goes through here, so
/// bad input always ends in one readable line and a non-zero exit, never a trap.
func failure(_ message: String) -> ExitCode {
    printError("panelstats: error: \(message)")
    return ExitCode(1)
}

/// Writes one line to standard error (progress and diagnostics; stdout carries results).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
