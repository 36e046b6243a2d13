import PanelStatsLinearAlgebra
import PanelStatsData

// Entry points that take a DataFrame and column names, so callers (the CLI, the VIVE
// replication) need not unpack columns themselves. Errors name the file and column.

extension DataFrame {
    /// The values of numeric column `name` (NaN = missing).
    /// - Throws: ``DescriptiveError/data(_:)`` wrapping the data layer's unknown-variable (with
    ///   suggestions) or not-numeric error.
    func descriptiveNumericValues(_ name: String) throws(DescriptiveError) -> [Double] {
        let column: Column
        do { column = try self.column(named: name) } catch { throw .data(error) }
        guard case .numeric(let numeric) = column else {
            let row = (0..<rowCount).first { !column.isMissing($0) }
            var text: String?
            if case .categorical(let categorical) = column, let row { text = categorical.label(at: row) }
            throw .data(.notNumeric(source: source, line: row.map { line(ofRow: $0) }, variable: name, text: text,
                                    hint: nil))
        }
        return numeric.values
    }

    /// Row labels of an identifier column: a categorical column's labels, or a numeric column's
    /// values (whole numbers printed without ".0").
    func descriptiveLabels(_ name: String) throws(DescriptiveError) -> [String] {
        let column: Column
        do { column = try self.column(named: name) } catch { throw .data(error) }
        var labels: [String] = []
        labels.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            switch column {
            case .categorical(let categorical):
                guard let label = categorical.label(at: row) else {
                    throw .invalidPanelKey(variable: name, line: line(ofRow: row), reason: "is missing")
                }
                labels.append(label)
            case .numeric(let numeric):
                let value = numeric.values[row]
                guard !value.isNaN else {
                    throw .invalidPanelKey(variable: name, line: line(ofRow: row), reason: "is missing")
                }
                labels.append(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
            }
        }
        return labels
    }

    /// Whole-number periods of a time column.
    func descriptivePeriods(_ name: String) throws(DescriptiveError) -> [Int] {
        let values = try descriptiveNumericValues(name)
        var periods: [Int] = []
        periods.reserveCapacity(values.count)
        for (row, value) in values.enumerated() {
            guard !value.isNaN else {
                throw .invalidPanelKey(variable: name, line: line(ofRow: row), reason: "is missing")
            }
            guard value == value.rounded(), abs(value) < 1e15 else {
                throw .invalidPanelKey(variable: name, line: line(ofRow: row),
                                       reason: "is \(value), not a whole number of at most 15 digits")
            }
            periods.append(Int(value))
        }
        return periods
    }
}

extension CorrelationMatrix {
    /// Correlates numeric columns of `frame` by name.
    public init(_ frame: DataFrame, variables: [String], method: CorrelationMethod = .pearson,
                missingData: MissingDataHandling = .listwise) throws(DescriptiveError) {
        var columns: [[Double]] = []
        for name in variables { columns.append(try frame.descriptiveNumericValues(name)) }
        try self.init(columns: columns, names: variables, method: method, missingData: missingData)
    }
}

extension VariableSummary {
    /// Summarises numeric column `variable` of `frame`.
    public init(_ frame: DataFrame, variable: String, quantileDefinition: QuantileDefinition = .standard)
        throws(DescriptiveError)
    {
        try self.init(try frame.descriptiveNumericValues(variable), variable: variable,
                      quantileDefinition: quantileDefinition)
    }
}

extension PanelSeries {
    /// Variable `variable` of a long panel in `frame`, identified by the `entity` and `time` columns
    /// (time must hold whole numbers, e.g. years).
    /// - Throws: ``DescriptiveError/invalidPanelKey(variable:line:reason:)`` for a missing identifier or
    ///   a fractional period, naming the file line.
    public init(_ frame: DataFrame, entity: String, time: String, variable: String) throws(DescriptiveError) {
        try self.init(name: variable, entity: try frame.descriptiveLabels(entity),
                      period: try frame.descriptivePeriods(time), values: try frame.descriptiveNumericValues(variable))
    }
}

extension VarianceInflation {
    /// VIFs of the within-transformed design, the entities given as a data-layer group index
    /// (one code per design row, as a model frame's fixed-effect index).
    public init(within design: Matrix, names: [String], groups: GroupIndex) throws(DescriptiveError) {
        try self.init(within: design, names: names, entity: groups.codes.map { Int($0) })
    }
}
