/// HTML rendering: a `<table class="regression-table">` fragment for embedding in a report page. Column
/// groups are `<th colspan>` cells; coefficients and statistics are separate `<tbody>` elements (the second
/// with class "statistics") so a stylesheet can rule them off; standard-error rows have class "se"; stars
/// are `<sup>`; notes are `<tfoot>` rows. All text is XML-escaped; no inline styles.
extension RegressionTableLayout {
    func htmlCell(_ cell: Cell) -> String {
        var text = TextEscaping.xml(cell.main)
        if !cell.stars.isEmpty {
            text += "<sup>" + TextEscaping.xml(cell.stars) + "</sup>"
        }
        if !cell.beside.isEmpty {
            text += " " + TextEscaping.xml(cell.beside)
        }
        return text
    }

    func html() -> String {
        var lines: [String] = ["<table class=\"regression-table\">"]
        if let title {
            lines.append("<caption>" + TextEscaping.xml(title) + "</caption>")
        }
        lines.append("<thead>")
        if !groups.isEmpty {
            var row = "<tr><th></th>"
            for group in groupRanges {
                row += "<th colspan=\"\(group.span)\">" + TextEscaping.xml(group.label) + "</th>"
            }
            lines.append(row + "</tr>")
        }
        lines.append("<tr><th>" + TextEscaping.xml(labelHeader) + "</th>"
            + headers.map { "<th>" + TextEscaping.xml($0) + "</th>" }.joined() + "</tr>")
        lines.append("</thead>")
        func body(_ rows: [Row], className: String?) {
            lines.append(className.map { "<tbody class=\"\($0)\">" } ?? "<tbody>")
            for row in rows {
                let open = row.kind == .standardError ? "<tr class=\"se\">" : "<tr>"
                lines.append(open + "<th scope=\"row\">" + TextEscaping.xml(row.label) + "</th>"
                    + row.cells.map { "<td>" + htmlCell($0) + "</td>" }.joined() + "</tr>")
            }
            lines.append("</tbody>")
        }
        body(coefficientRows, className: nil)
        if !statisticRows.isEmpty {
            body(statisticRows, className: "statistics")
        }
        if !notes.isEmpty {
            lines.append("<tfoot>")
            for note in notes {
                lines.append("<tr><td colspan=\"\(columnCount + 1)\">" + TextEscaping.xml(note) + "</td></tr>")
            }
            lines.append("</tfoot>")
        }
        lines.append("</table>")
        return lines.joined(separator: "\n") + "\n"
    }
}
