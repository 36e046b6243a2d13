import ArgumentParser

/// Prints `message` as one line on standard error, prefixed with `panelstats:`, and returns
/// the failure exit code. Every library error reaching the CLI goes through here, so bad
/// input always ends in one readable line and a non-zero exit, never a trap.
func failure(_ message: String) -> ExitCode {
    var stderr = StandardError()
    print("panelstats: error: \(message)", to: &stderr)
    return ExitCode(1)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleStderr.write(string)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FileHandleStderr {
    static func write(_ string: String) {
        fputs(string, stderr)
    }
}
