import ArgumentParser
import Foundation

/// Prints `message` as one line on standard error, prefixed with `panelstats: error:`, and
/// returns the failure exit code. Every library error reaching the CLI goes through here, so
/// bad input always ends in one readable line and a non-zero exit, never a trap.
///
/// Labels from the data (an entity called "a\nb", a column name with a carriage return) can end
/// up in any layer's message, so control characters are escaped here once more (`\n`, `\r`,
/// `\u{1}`). The one exception is a formula error, whose description deliberately shows the
/// formula and a caret under the fault on two further lines.
func failure(_ message: String) -> ExitCode {
    let oneLine = message.hasPrefix("formula: ") ? message : escapingControlCharacters(message)
    printError("panelstats: error: \(oneLine)")
    return ExitCode(1)
}

/// `text` with every control character written as an escape, so it prints on one line.
func escapingControlCharacters(_ text: String) -> String {
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result
}

/// Writes one line to standard error (progress and diagnostics; stdout carries results).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
