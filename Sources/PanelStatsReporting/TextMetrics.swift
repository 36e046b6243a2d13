/// Approximate text widths for layout, from the advance widths of DejaVu Sans (em fractions). Charts only
/// need them to reserve margins and wrap labels, so a few per-class widths suffice; real fonts that are
/// narrower (Arial) only leave a little more room.
enum TextMetrics {
    /// Estimated width of `text` in pixels at `fontSize`; bold DejaVu Sans runs about 12 % wider.
    static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for character in text {
            ems += advance(character)
        }
        return ems * fontSize * (bold ? 1.12 : 1)
    }

    private static func advance(_ character: Character) -> Double {
        switch character {
        case "i", "l", "j", "'", "|", "!": return 0.28
        case "f", "t", "r": return 0.41
        case "m": return 0.97
        case "w": return 0.82
        case "æ", "œ": return 0.98
        case " ", ".", ",", ":", ";": return 0.32
        case "-": return 0.36
        case "–": return 0.5
        case "—": return 1.0
        case "(", ")", "[", "]": return 0.39
        case "M", "W", "Æ": return 0.9
        case "I", "J": return 0.3
        default:
            if character.isNumber { return 0.64 }
            if character.isUppercase { return 0.72 }
            return 0.6
        }
    }

    /// Breaks `text` at spaces into lines no wider than `maxWidth` where possible (a single word wider than
    /// `maxWidth` gets a line of its own).
    static func wrap(_ text: String, maxWidth: Double, fontSize: Double, bold: Bool = false) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || width(candidate, fontSize: fontSize, bold: bold) <= maxWidth {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
