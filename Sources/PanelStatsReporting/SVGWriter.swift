import Foundation

/// Builds SVG 1.1 markup as a string: elements with attributes in the order given (so output is
/// deterministic), text XML-escaped, coordinates written with at most two decimals.
struct SVGWriter {
    private(set) var lines: [String] = []
    private var depth = 1

    /// Opens a container element such as `<g class="series">`.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        lines.append(indentation + "<" + name + Self.attributeText(attributes) + ">")
        depth += 1
    }

    /// Closes the innermost open element `name`.
    mutating func close(_ name: String) {
        depth -= 1
        lines.append(indentation + "</" + name + ">")
    }

    /// An empty element such as `<line .../>`.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        lines.append(indentation + "<" + name + Self.attributeText(attributes) + "/>")
    }

    /// A `<text>` element with escaped content.
    mutating func text(_ content: String, _ attributes: [(String, String)]) {
        lines.append(indentation + "<text" + Self.attributeText(attributes) + ">" + TextEscaping.xml(content) + "</text>")
    }

    /// A `<text>` of several lines, one `<tspan>` each, the first baseline at `y`, the next `lineHeight`
    /// lower, all starting at `x`.
    mutating func multilineText(_ lines: [String], x: Double, y: Double, lineHeight: Double, _ attributes: [(String, String)]) {
        guard lines.count > 1 else {
            text(lines.first ?? "", [("x", Self.number(x)), ("y", Self.number(y))] + attributes)
            return
        }
        var markup = indentation + "<text" + Self.attributeText([("x", Self.number(x)), ("y", Self.number(y))] + attributes) + ">"
        for (index, line) in lines.enumerated() {
            let dy = index == 0 ? "0" : Self.number(lineHeight)
            markup += "<tspan x=\"\(Self.number(x))\" dy=\"\(dy)\">" + TextEscaping.xml(line) + "</tspan>"
        }
        self.lines.append(markup + "</text>")
    }

    /// The complete standalone document: XML declaration, `<svg>` root with width, height and viewBox,
    /// a `<title>` for accessibility, an optional background rectangle, then the body.
    func document(style: ChartStyle, title: String) -> String {
        let width = Self.number(style.width)
        let height = Self.number(style.height)
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
        output += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
        output += " width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
        output += " font-family=\"\(TextEscaping.xml(style.fontFamily))\" font-size=\"\(Self.number(style.fontSize))\">\n"
        output += "  <title>" + TextEscaping.xml(title) + "</title>\n"
        if let background = style.background {
            output += "  <rect class=\"background\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\""
            output += " fill=\"\(TextEscaping.xml(background))\"/>\n"
        }
        output += lines.joined(separator: "\n")
        output += lines.isEmpty ? "</svg>\n" : "\n</svg>\n"
        return output
    }

    private var indentation: String { String(repeating: "  ", count: depth) }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(TextEscaping.xml($0.1))\"" }.joined()
    }

    /// A coordinate with at most two decimals, trailing zeros dropped, never "-0".
    static func number(_ value: Double) -> String {
        var text = NumberFormat.plain.string(value.isFinite ? value : 0, decimals: 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }
}
