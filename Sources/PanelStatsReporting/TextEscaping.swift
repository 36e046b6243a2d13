import Foundation

/// Escaping of free text (labels, titles, notes) for the output formats. Non-ASCII letters such as æ, ø, å
/// pass through unchanged: every output is UTF-8.
public enum TextEscaping {
    /// XML/HTML text and attribute values: & < > " ' become entities.
    public static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// LaTeX text mode: the ten special characters \ { } $ & # ^ _ % ~ are escaped, < and > (which print
    /// as ¡ and ¿ in the OT1 encoding) become \textless{} and \textgreater{}, and ² and ³ become
    /// \textsuperscript{2}/{3} so that pdfLaTeX without extra packages accepts them.
    public static func latex(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{": result += "\\{"
            case "}": result += "\\}"
            case "$": result += "\\$"
            case "&": result += "\\&"
            case "#": result += "\\#"
            case "_": result += "\\_"
            case "%": result += "\\%"
            case "^": result += "\\textasciicircum{}"
            case "~": result += "\\textasciitilde{}"
            case "<": result += "\\textless{}"
            case ">": result += "\\textgreater{}"
            case "²": result += "\\textsuperscript{2}"
            case "³": result += "\\textsuperscript{3}"
            default: result.append(character)
            }
        }
        return result
    }

    /// Markdown table cells: backslash escapes for the characters that would start emphasis, code, links,
    /// HTML or end the cell (\ ` * _ | < > [ ]).
    public static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\", "`", "*", "_", "|", "<", ">", "[", "]":
                result.append("\\")
                result.append(character)
            default:
                result.append(character)
            }
        }
        return result
    }

    /// One CSV field (RFC 4180): quoted, with inner quotes doubled, when it contains a comma, quote or
    /// line break; otherwise unchanged.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
