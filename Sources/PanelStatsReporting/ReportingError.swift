/// Why a table or chart cannot be rendered.
public enum ReportingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A regression table has no model columns.
    case noModels
    /// The column groups' spans do not add up to the number of model columns.
    case columnGroupSpansMismatch(spanTotal: Int, modelCount: Int)
    /// A column group spans zero or fewer columns.
    case nonPositiveColumnGroupSpan(label: String, span: Int)
    /// A chart series or bar group has a different number of values than there are categories.
    case seriesLengthMismatch(chart: String, series: String, values: Int, categories: Int)
    /// A chart dimension (width, height, font size) is not a positive finite number.
    case invalidDimension(name: String, value: Double)
    /// A histogram has fewer labels than bins or the other way round.
    case histogramBinMismatch(labels: Int, counts: Int)
    /// An explicit axis range is empty or not finite.
    case invalidAxisRange(axis: String, minimum: Double, maximum: Double)

    public var description: String {
        switch self {
        case .noModels:
            "regression table: there are no model columns to print"
        case let .columnGroupSpansMismatch(spanTotal, modelCount):
            "regression table: column groups span \(spanTotal) columns but the table has \(modelCount) models"
        case let .nonPositiveColumnGroupSpan(label, span):
            "regression table: column group \"\(label)\" spans \(span) columns; it must span at least 1"
        case let .seriesLengthMismatch(chart, series, values, categories):
            "\(chart): series \"\(series)\" has \(values) values but there are \(categories) categories"
        case let .invalidDimension(name, value):
            "chart: \(name) must be a positive finite number, got \(value)"
        case let .histogramBinMismatch(labels, counts):
            "histogram: \(labels) bin labels for \(counts) bin counts"
        case let .invalidAxisRange(axis, minimum, maximum):
            "chart: \(axis) axis range [\(minimum), \(maximum)] is empty or not finite"
        }
    }
}
