/// CSV rendering (RFC 4180, "\n" line ends): the printed grid, one record per printed line, every record
/// with the label column plus one field per model. Stars stay attached to the coefficient ("-2.460***");
/// numbers carry the table's number format, so Danish numbers are quoted because of their decimal comma.
/// The title, if any, is the first record and the notes the last ones, each in the first field.
extension RegressionTableLayout {
    func csv() -> String {
        var records: [[String]] = []
        let blanks = Array(repeating: "", count: columnCount)
        if let title { records.append([title] + blanks) }
        if !groups.isEmpty {
            var groupRow = blanks
            for group in groupRanges {
                groupRow[group.start] = group.label
            }
            records.append([""] + groupRow)
        }
        records.append([labelHeader] + headers)
        for row in coefficientRows + statisticRows {
            records.append([row.label] + row.cells.map { cell in
                cell.beside.isEmpty ? cell.main + cell.stars : cell.main + cell.stars + " " + cell.beside
            })
        }
        for note in notes {
            records.append([note] + blanks)
        }
        return records.map { $0.map(TextEscaping.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
