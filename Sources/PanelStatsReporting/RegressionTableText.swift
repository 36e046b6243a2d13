/// Plain-text rendering: columns separated by two spaces, labels left-aligned, numbers right-aligned with
/// stars padded to the widest symbol so that the last digits line up; headers centred; rules of '=' and '-'.
/// Widths count characters (grapheme clusters), so Danish letters take one column each.
extension RegressionTableLayout {
    static let textColumnGap = "  "

    func textCell(_ cell: Cell) -> String {
        var text = cell.main
        if !cell.stars.isEmpty || starWidth > 0 {
            text += cell.stars.paddedRight(to: starWidth)
        }
        if !cell.beside.isEmpty {
            text += " " + cell.beside
        }
        return cell.isEmpty ? "" : text
    }

    func text() -> String {
        let allRows = coefficientRows + statisticRows
        let labelWidth = max(labelHeader.count, allRows.map(\.label.count).max() ?? 0)
        var widths = (0..<columnCount).map { column in
            max(headers[column].count, allRows.map { textCell($0.cells[column]).count }.max() ?? 0)
        }
        // A group label wider than its columns widens them, the extra spread from the left.
        let gap = Self.textColumnGap.count
        for group in groupRanges {
            let spanned = (group.start..<group.start + group.span).reduce(0) { $0 + widths[$1] } + gap * (group.span - 1)
            var extra = group.label.count - spanned
            var column = group.start
            while extra > 0 {
                widths[column] += 1
                extra -= 1
                column = column + 1 < group.start + group.span ? column + 1 : group.start
            }
        }
        let totalWidth = labelWidth + widths.reduce(0) { $0 + gap + $1 }

        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(String(repeating: "=", count: totalWidth))
        if !groups.isEmpty {
            var labels = "".paddedRight(to: labelWidth)
            var rules = "".paddedRight(to: labelWidth)
            for group in groupRanges {
                let spanned = (group.start..<group.start + group.span).reduce(0) { $0 + widths[$1] }
                    + gap * (group.span - 1)
                labels += Self.textColumnGap + group.label.centred(in: spanned)
                rules += Self.textColumnGap + String(repeating: "-", count: spanned)
            }
            lines.append(labels)
            lines.append(rules)
        }
        var header = labelHeader.paddedRight(to: labelWidth)
        for column in 0..<columnCount {
            header += Self.textColumnGap + headers[column].centred(in: widths[column])
        }
        lines.append(header)
        lines.append(String(repeating: "-", count: totalWidth))
        func line(_ row: Row) -> String {
            var text = row.label.paddedRight(to: labelWidth)
            for column in 0..<columnCount {
                text += Self.textColumnGap + textCell(row.cells[column]).paddedLeft(to: widths[column])
            }
            return text
        }
        lines += coefficientRows.map(line)
        if !statisticRows.isEmpty {
            lines.append(String(repeating: "-", count: totalWidth))
            lines += statisticRows.map(line)
        }
        lines.append(String(repeating: "=", count: totalWidth))
        lines += notes
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// Pads with spaces on the right to `length` characters (never truncates).
    func paddedRight(to length: Int) -> String {
        let missing = length - count
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }

    /// Pads with spaces on the left to `length` characters (never truncates).
    func paddedLeft(to length: Int) -> String {
        let missing = length - count
        return missing > 0 ? String(repeating: " ", count: missing) + self : self
    }

    /// Centres in `length` characters; an odd leftover space goes to the right.
    func centred(in length: Int) -> String {
        let missing = length - count
        guard missing > 0 else { return self }
        let left = missing / 2
        return String(repeating: " ", count: left) + self + String(repeating: " ", count: missing - left)
    }

    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
