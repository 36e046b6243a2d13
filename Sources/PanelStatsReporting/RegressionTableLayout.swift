/// The printed grid of a regression table, independent of output format: every number is already written
/// with the table's number format; the renderers only escape, align and add rules.
struct RegressionTableLayout {
    /// One printed cell. `stars` are kept apart so each format can typeset them (superscript in LaTeX and
    /// HTML, escaped in Markdown, padded in text so that decimal points line up).
    struct Cell: Equatable {
        var main: String
        var stars: String = ""
        /// The standard error printed beside the coefficient ("(558)"), or "".
        var beside: String = ""

        static let empty = Cell(main: "")
        var isEmpty: Bool { main.isEmpty && stars.isEmpty && beside.isEmpty }
    }

    enum RowKind { case coefficient, standardError, statistic }

    struct Row {
        var label: String
        var cells: [Cell]
        var kind: RowKind
    }

    let title: String?
    let labelHeader: String
    let groups: [RegressionTableColumnGroup]
    let headers: [String]
    let coefficientRows: [Row]
    let statisticRows: [Row]
    let notes: [String]
    /// Width of the widest star symbol, for padding in text output.
    let starWidth: Int

    var columnCount: Int { headers.count }

    init(table: RegressionTable) throws(ReportingError) {
        try table.validate()
        let options = table.options
        let format = options.numberFormat
        title = table.title
        labelHeader = table.labelHeader
        groups = table.columnGroups
        headers = table.models.map(\.header)
        starWidth = options.stars.widestSymbolLength

        var coefficientRows: [Row] = []
        for row in table.effectiveRows {
            let coefficientDecimals = row.coefficientDecimals ?? options.coefficientDecimals
            let errorDecimals = row.standardErrorDecimals ?? options.standardErrorDecimals
            var mainCells: [Cell] = []
            var errorCells: [Cell] = []
            for model in table.models {
                switch model.cell(forTerm: row.term) {
                case nil:
                    mainCells.append(.empty)
                    errorCells.append(.empty)
                case let .text(text)?:
                    mainCells.append(Cell(main: text))
                    errorCells.append(.empty)
                case let .estimate(estimate)?:
                    var cell = Cell(
                        main: format.string(estimate.estimate, decimals: coefficientDecimals),
                        stars: options.stars.symbol(forPValue: estimate.pValue)
                    )
                    let error = estimate.standardError.map { "(" + format.string($0, decimals: errorDecimals) + ")" }
                    switch options.standardErrorPlacement {
                    case .below:
                        errorCells.append(error.map { Cell(main: $0) } ?? .empty)
                    case .beside:
                        cell.beside = error ?? ""
                        errorCells.append(.empty)
                    case .hidden:
                        errorCells.append(.empty)
                    }
                    mainCells.append(cell)
                }
            }
            coefficientRows.append(Row(label: row.label, cells: mainCells, kind: .coefficient))
            // A row whose models print no standard error (a reference category) gets no second line.
            if errorCells.contains(where: { !$0.isEmpty }) {
                coefficientRows.append(Row(label: "", cells: errorCells, kind: .standardError))
            }
        }
        self.coefficientRows = coefficientRows

        statisticRows = table.statistics.map { statistic in
            let cells = table.models.map { model -> Cell in
                guard let value = model.statistics[statistic.key] else { return .empty }
                if let digits = statistic.significantDigits {
                    return Cell(main: format.string(value, significantDigits: digits))
                }
                return Cell(main: format.string(value, decimals: statistic.decimals))
            }
            return Row(label: statistic.label, cells: cells, kind: .statistic)
        }

        var notes = table.notes
        if options.showsStarLegend && !options.stars.levels.isEmpty {
            notes.append(options.starLegendPrefix + options.stars.legend(format: format))
        }
        self.notes = notes
    }

    /// Each group's first column index and span, for formats that draw spanning headers.
    var groupRanges: [(label: String, start: Int, span: Int)] {
        var start = 0
        return groups.map { group in
            defer { start += group.span }
            return (group.label, start, group.span)
        }
    }
}
