/// GitHub-flavoured Markdown rendering: a pipe table whose raw text is also aligned (padded cells), so it
/// reads well both rendered and in a terminal. Markdown has no spanning cells, so column groups become the
/// header row (each label in the first column of its span) and the model headers the first body row.
/// Stars and other Markdown punctuation are backslash-escaped; notes follow as separate paragraphs.
extension RegressionTableLayout {
    func markdownCell(_ cell: Cell) -> String {
        var text = TextEscaping.markdown(cell.main + cell.stars)
        if !cell.beside.isEmpty {
            text += " " + TextEscaping.markdown(cell.beside)
        }
        return text
    }

    func markdown() -> String {
        var grid: [[String]] = []
        if groups.isEmpty {
            grid.append([TextEscaping.markdown(labelHeader)] + headers.map(TextEscaping.markdown))
        } else {
            var groupRow = Array(repeating: "", count: columnCount)
            for group in groupRanges {
                groupRow[group.start] = TextEscaping.markdown(group.label)
            }
            grid.append([TextEscaping.markdown(labelHeader)] + groupRow)
            grid.append([""] + headers.map(TextEscaping.markdown))
        }
        for row in coefficientRows + statisticRows {
            grid.append([TextEscaping.markdown(row.label)] + row.cells.map(markdownCell))
        }
        let widths = (0...columnCount).map { column in
            max(3, grid.map { $0[column].count }.max() ?? 0)
        }
        func line(_ cells: [String], numericAlignment: (String, Int) -> String) -> String {
            var text = "| " + cells[0].paddedRight(to: widths[0])
            for column in 1...columnCount {
                text += " | " + numericAlignment(cells[column], widths[column])
            }
            return text + " |"
        }
        var lines: [String] = []
        if let title {
            lines.append("**" + TextEscaping.markdown(title) + "**")
            lines.append("")
        }
        lines.append(line(grid[0]) { $0.centred(in: $1) })
        var rule = "| :" + String(repeating: "-", count: widths[0] - 1)
        for column in 1...columnCount {
            rule += " | :" + String(repeating: "-", count: widths[column] - 2) + ":"
        }
        lines.append(rule + " |")
        for cells in grid.dropFirst() {
            lines.append(line(cells) { $0.paddedLeft(to: $1) })
        }
        for note in notes {
            lines.append("")
            lines.append(TextEscaping.markdown(note))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
