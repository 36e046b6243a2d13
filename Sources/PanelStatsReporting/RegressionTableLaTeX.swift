/// LaTeX rendering with booktabs rules (`\toprule`, `\cmidrule`, `\midrule`, `\bottomrule`; needs
/// `\usepackage{booktabs}`): a `tabular` with a left label column and centred model columns. Text is
/// escaped; a leading ASCII minus becomes `$-$` (a real minus sign); stars are set as `$^{***}$`.
/// With a title the tabular is wrapped in a `table` float with `\caption`. Notes follow the bottom rule as
/// full-width `\multicolumn` rows in `\footnotesize`.
extension RegressionTableLayout {
    func latexNumber(_ text: String) -> String {
        if text.hasPrefix("-"), let second = text.dropFirst().first, second.isNumber {
            return "$-$" + TextEscaping.latex(String(text.dropFirst()))
        }
        return TextEscaping.latex(text)
    }

    func latexCell(_ cell: Cell) -> String {
        var text = latexNumber(cell.main)
        if !cell.stars.isEmpty {
            text += "$^{" + TextEscaping.latex(cell.stars) + "}$"
        }
        if !cell.beside.isEmpty {
            text += " " + latexNumber(cell.beside)
        }
        return text
    }

    func latex() -> String {
        let totalColumns = columnCount + 1
        func line(_ cells: [String]) -> String {
            cells.joined(separator: " & ") + " \\\\"
        }
        var lines: [String] = []
        if let title {
            lines.append("\\begin{table}[htbp]")
            lines.append("\\centering")
            lines.append("\\caption{" + TextEscaping.latex(title) + "}")
        }
        lines.append("\\begin{tabular}{l*{\(columnCount)}{c}}")
        lines.append("\\toprule")
        if !groups.isEmpty {
            var cells = [""]
            var rules: [String] = []
            for group in groupRanges {
                cells.append("\\multicolumn{\(group.span)}{c}{" + TextEscaping.latex(group.label) + "}")
                rules.append("\\cmidrule(lr){\(group.start + 2)-\(group.start + group.span + 1)}")
            }
            lines.append(line(cells))
            lines.append(rules.joined(separator: " "))
        }
        lines.append(line([TextEscaping.latex(labelHeader)] + headers.map(TextEscaping.latex)))
        lines.append("\\midrule")
        for row in coefficientRows {
            lines.append(line([TextEscaping.latex(row.label)] + row.cells.map(latexCell)))
        }
        if !statisticRows.isEmpty {
            lines.append("\\midrule")
            for row in statisticRows {
                lines.append(line([TextEscaping.latex(row.label)] + row.cells.map(latexCell)))
            }
        }
        lines.append("\\bottomrule")
        for note in notes {
            lines.append("\\multicolumn{\(totalColumns)}{l}{\\footnotesize " + TextEscaping.latex(note) + "} \\\\")
        }
        lines.append("\\end{tabular}")
        if title != nil {
            lines.append("\\end{table}")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
