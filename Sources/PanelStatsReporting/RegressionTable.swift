/// Several regression models side by side, in the layout of published tables (esttab, the VIVE report's
/// Table 5.8): one column per model, optionally grouped under spanning headers; per term the coefficient
/// with significance stars and its standard error in parentheses beneath (or beside); rows that print a
/// fixed text such as "(ref.)"; model-statistics rows (observations, groups, adjusted R², max VIF, any
/// keyed number); notes.
///
/// The table holds neutral inputs (`RegressionTableModel`), so any estimator can feed it. Rendering is
/// deterministic: the same table gives byte-identical output.
///
///     var table = RegressionTable(models: [total, hk6, hk5])
///     table.columnGroups = [RegressionTableColumnGroup(label: "2014–2019", span: 3)]
///     table.statistics = [.observations(), .groups(label: "Jobcentres"), .adjustedRSquared()]
///     table.options.numberFormat = .danish
///     let markdown = try table.rendered(as: .markdown)
public struct RegressionTable: Sendable, Hashable, Codable {
    /// An optional title (caption).
    public var title: String?
    /// The header of the label column (empty by default).
    public var labelHeader: String
    /// The model columns, left to right.
    public var models: [RegressionTableModel]
    /// Spanning headers over the model columns; empty for none. Their spans must add up to `models.count`.
    public var columnGroups: [RegressionTableColumnGroup]
    /// The term rows in print order, or nil for every term in order of first appearance, labelled by its key.
    public var rows: [RegressionTableRow]?
    /// The statistics rows printed below the coefficients.
    public var statistics: [RegressionTableStatistic]
    /// Note lines printed below the table (the star legend is added after them when enabled).
    public var notes: [String]
    /// Number format, stars, decimals, standard-error placement.
    public var options: RegressionTableOptions

    /// Creates a table; by default it prints observations and adjusted R² below the coefficients.
    public init(
        title: String? = nil,
        labelHeader: String = "",
        models: [RegressionTableModel],
        columnGroups: [RegressionTableColumnGroup] = [],
        rows: [RegressionTableRow]? = nil,
        statistics: [RegressionTableStatistic] = [.observations(), .adjustedRSquared()],
        notes: [String] = [],
        options: RegressionTableOptions = RegressionTableOptions()
    ) {
        self.title = title
        self.labelHeader = labelHeader
        self.models = models
        self.columnGroups = columnGroups
        self.rows = rows
        self.statistics = statistics
        self.notes = notes
        self.options = options
    }

    /// The term rows that will be printed: `rows` if set, else every term of every model in order of first
    /// appearance.
    public var effectiveRows: [RegressionTableRow] {
        if let rows { return rows }
        var seen = Set<String>()
        var result: [RegressionTableRow] = []
        for model in models {
            for term in model.terms where seen.insert(term.name).inserted {
                result.append(RegressionTableRow(term: term.name))
            }
        }
        return result
    }

    /// Renders the table in `format`.
    /// - Throws: `ReportingError` if there are no models or the column groups do not cover the models.
    public func rendered(as format: RegressionTableFormat) throws(ReportingError) -> String {
        let layout = try RegressionTableLayout(table: self)
        switch format {
        case .text: return layout.text()
        case .markdown: return layout.markdown()
        case .latex: return layout.latex()
        case .csv: return layout.csv()
        case .html: return layout.html()
        }
    }

    /// Checks that the table can be rendered.
    public func validate() throws(ReportingError) {
        if models.isEmpty { throw .noModels }
        guard !columnGroups.isEmpty else { return }
        for group in columnGroups where group.span < 1 {
            throw .nonPositiveColumnGroupSpan(label: group.label, span: group.span)
        }
        let total = columnGroups.reduce(0) { $0 + $1.span }
        if total != models.count {
            throw .columnGroupSpansMismatch(spanTotal: total, modelCount: models.count)
        }
    }
}
