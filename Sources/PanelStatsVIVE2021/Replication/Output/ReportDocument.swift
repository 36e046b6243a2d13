import PanelStats

/// A plain table: header, rows, column alignment; rendered as Markdown, LaTeX (booktabs) or an HTML
/// fragment. Used for every table of the replication that is not a regression table.
struct PlainTable: Sendable {
    enum Alignment: Sendable { case left, right }

    var caption: String?
    var header: [String]
    var rows: [[String]]
    var alignment: [Alignment]
    var notes: [String] = []

    /// First column left, the rest right, unless given.
    init(caption: String? = nil, header: [String], rows: [[String]], alignment: [Alignment]? = nil, notes: [String] = []) {
        self.caption = caption
        self.header = header
        self.rows = rows
        self.alignment = alignment ?? header.indices.map { $0 == 0 ? .left : .right }
        self.notes = notes
    }

    func markdown() -> String {
        var lines: [String] = []
        if let caption { lines += ["**" + TextEscaping.markdown(caption) + "**", ""] }
        lines.append("| " + header.map(TextEscaping.markdown).joined(separator: " | ") + " |")
        lines.append("|" + alignment.map { $0 == .left ? " --- |" : " ---: |" }.joined())
        for row in rows {
            lines.append("| " + row.map(TextEscaping.markdown).joined(separator: " | ") + " |")
        }
        if !notes.isEmpty { lines += [""] + notes.map { TextEscaping.markdown($0) + "  " } }
        return lines.joined(separator: "\n") + "\n"
    }

    func latex() -> String {
        var lines: [String] = []
        if let caption { lines.append("% " + caption.replacingOccurrences(of: "\n", with: " ")) }
        lines.append("\\begin{tabular}{" + alignment.map { $0 == .left ? "l" : "r" }.joined() + "}")
        lines.append("\\toprule")
        lines.append(header.map(TextEscaping.latex).joined(separator: " & ") + " \\\\")
        lines.append("\\midrule")
        for row in rows { lines.append(row.map(TextEscaping.latex).joined(separator: " & ") + " \\\\") }
        lines.append("\\bottomrule")
        for note in notes {
            lines.append("\\multicolumn{\(header.count)}{l}{\\footnotesize " + TextEscaping.latex(note) + "} \\\\")
        }
        lines.append("\\end{tabular}")
        return lines.joined(separator: "\n") + "\n"
    }

    func html() -> String {
        var lines = ["<table>"]
        if let caption { lines.append("<caption>" + TextEscaping.xml(caption) + "</caption>") }
        func cell(_ tag: String, _ text: String, _ j: Int) -> String {
            let align = j < alignment.count && alignment[j] == .right ? " class=\"num\"" : ""
            return "<\(tag)\(align)>" + TextEscaping.xml(text) + "</\(tag)>"
        }
        lines.append("<thead><tr>" + header.enumerated().map { cell("th", $1, $0) }.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows { lines.append("<tr>" + row.enumerated().map { cell("td", $1, $0) }.joined() + "</tr>") }
        lines.append("</tbody>")
        if !notes.isEmpty {
            lines.append("<tfoot>" + notes.map { "<tr><td colspan=\"\(header.count)\">" + TextEscaping.xml($0) + "</td></tr>" }.joined() + "</tfoot>")
        }
        lines.append("</table>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV of header and rows.
    func csv() -> String {
        ([header] + rows).map { $0.map(TextEscaping.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}

/// A report as a list of blocks, rendered both as Markdown (`report.md`) and as a standalone HTML page
/// (`report.html`). Paragraph text may use `**bold**` and `` `code` `` only.
struct ReportDocument: Sendable {
    enum Block: Sendable {
        case heading(Int, String)
        case paragraph(String)
        /// A highlighted notice (the data banner): a block quote in Markdown, `<p class="banner">` in HTML.
        case banner(String)
        case bullets([String])
        case table(PlainTable)
        /// The same content pre-rendered for each format (a regression table).
        case rendered(markdown: String, html: String)
        case image(file: String, alt: String)
    }

    var title: String
    var blocks: [Block] = []

    mutating func heading(_ level: Int, _ text: String) { blocks.append(.heading(level, text)) }
    mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    mutating func banner(_ text: String) { blocks.append(.banner(text)) }
    mutating func bullets(_ items: [String]) { blocks.append(.bullets(items)) }
    mutating func table(_ table: PlainTable) { blocks.append(.table(table)) }
    mutating func image(_ file: String, alt: String) { blocks.append(.image(file: file, alt: alt)) }

    func markdown() -> String {
        var parts = ["# " + title]
        for block in blocks {
            switch block {
            case .heading(let level, let text): parts.append(String(repeating: "#", count: level) + " " + text)
            case .paragraph(let text): parts.append(text)
            case .banner(let text): parts.append("> " + text)
            case .bullets(let items): parts.append(items.map { "- " + $0 }.joined(separator: "\n"))
            case .table(let table): parts.append(table.markdown().trimmingTrailingNewlines())
            case .rendered(let markdown, _): parts.append(markdown.trimmingTrailingNewlines())
            case .image(let file, let alt): parts.append("![\(alt)](\(file))")
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    func html() -> String {
        var lines = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\" />",
            "<title>" + TextEscaping.xml(title) + "</title>", "<style>", Self.css, "</style>", "</head>", "<body>",
            "<h1>" + TextEscaping.xml(title) + "</h1>",
        ]
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let h = min(max(level, 1), 6)
                lines.append("<h\(h)>" + Self.inline(text) + "</h\(h)>")
            case .paragraph(let text):
                lines.append("<p>" + Self.inline(text) + "</p>")
            case .banner(let text):
                lines.append("<p class=\"banner\">" + Self.inline(text) + "</p>")
            case .bullets(let items):
                lines.append("<ul>" + items.map { "<li>" + Self.inline($0) + "</li>" }.joined() + "</ul>")
            case .table(let table):
                lines.append(table.html())
            case .rendered(_, let html):
                lines.append(html)
            case .image(let file, let alt):
                lines.append("<figure><img src=\"" + TextEscaping.xml(file) + "\" alt=\"" + TextEscaping.xml(alt) + "\" /></figure>")
            }
        }
        lines += ["</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes text for HTML and turns `**bold**` and `` `code` `` into `<strong>` and `<code>`.
    static func inline(_ text: String) -> String {
        var out = ""
        var bold = false, code = false
        var characters = Array(text)[...]
        while let c = characters.first {
            characters = characters.dropFirst()
            if c == "`" {
                out += code ? "</code>" : "<code>"
                code.toggle()
            } else if c == "*", !code, characters.first == "*" {
                characters = characters.dropFirst()
                out += bold ? "</strong>" : "<strong>"
                bold.toggle()
            } else {
                out += TextEscaping.xml(String(c))
            }
        }
        if code { out += "</code>" }
        if bold { out += "</strong>" }
        return out
    }

    static let css = """
        body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
        table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; vertical-align: top; }
        thead th { border-bottom: 2px solid #555; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        table.regression-table td { text-align: right; font-variant-numeric: tabular-nums; }
        table.regression-table tr.se td { color: #555; border-bottom: 1px solid #eee; }
        table.regression-table tbody.statistics { border-top: 2px solid #555; }
        caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 0.4rem; }
        tfoot td { font-size: 0.8rem; color: #444; border: none; }
        figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
        code { background: #f4f4f4; padding: 0 0.2rem; }
        p.banner, .banner { background: #fff4d6; border: 1px solid #e0b44c; padding: 0.6rem 0.9rem; }
        """
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
