/// A table of named, equally long columns: the data a model is fitted to.
///
/// Columns are stored whole and contiguous (a numeric column is one `[Double]`), so a model
/// frame gathers regressors column by column into a column-major design matrix.
public struct DataFrame: Sendable, Equatable {
    /// The columns, in file order.
    public private(set) var columns: [Column]
    /// Where the data came from (a file path as given, or a label); messages start with it.
    public var source: String
    /// The physical line of each row in the source file, for messages.
    let lines: LineMap
    private var index: [String: Int]
    /// Missing values per column when whoever made the frame counted them (the CSV reader writes
    /// each one), -1 where not known; in step with `columns`. A model frame then needs no read of
    /// a column to find its missing values (at 10⁷ rows a read of 13 columns is ~0.04 s).
    private var knownMissingCounts: [Int]

    /// Builds a data frame from columns of equal length.
    /// - Parameters:
    ///   - columns: the variables; names must be unique and non-empty.
    ///   - source: a label used in messages (a file name, for instance).
    /// - Throws: ``DataError/inconsistentColumns(_:)`` on unequal lengths or repeated names.
    public init(columns: [Column], source: String = "data") throws(DataError) {
        var index: [String: Int] = [:]
        let rows = columns.first?.count ?? 0
        for (j, column) in columns.enumerated() {
            guard !column.name.isEmpty else { throw .inconsistentColumns("column \(j + 1) has no name") }
            guard index[column.name] == nil else {
                throw .inconsistentColumns("the name '\(column.name)' is used twice")
            }
            guard column.count == rows else {
                throw .inconsistentColumns(
                    "column '\(column.name)' has \(column.count) rows, '\(columns[0].name)' has \(rows)")
            }
            index[column.name] = j
        }
        self.columns = columns
        self.source = source
        self.index = index
        self.lines = LineMap(firstLine: 2)
        self.knownMissingCounts = [Int](repeating: -1, count: columns.count)
    }

    /// Used by the CSV reader, which has already checked names and lengths and may have counted
    /// each column's missing values (`missingCounts[j]`, -1 where not counted; the caller's promise).
    init(validatedColumns columns: [Column], source: String, lines: LineMap, missingCounts: [Int]? = nil) {
        self.columns = columns
        self.source = source
        self.lines = lines
        if let missingCounts, missingCounts.count == columns.count {
            self.knownMissingCounts = missingCounts.map { max($0, -1) }
        } else {
            self.knownMissingCounts = [Int](repeating: -1, count: columns.count)
        }
        var index: [String: Int] = [:]
        for (j, column) in columns.enumerated() { index[column.name] = j }
        self.index = index
    }

    /// The column names, in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The number of rows.
    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The column called `name`, or `nil`.
    public subscript(name: String) -> Column? {
        index[name].map { columns[$0] }
    }

    /// The column called `name`.
    /// - Throws: ``DataError/unknownVariable(source:name:suggestions:)`` naming the variable and
    ///   the closest column names.
    public func column(named name: String) throws(DataError) -> Column {
        guard let j = index[name] else {
            throw .unknownVariable(source: source, name: name, suggestions: closeNames(to: name, among: columnNames))
        }
        return columns[j]
    }

    /// The 1-based line of the source file on which row `row` (0-based) starts; for a data frame
    /// built from columns, `row + 2` (as if written to a CSV file with a header).
    public func line(ofRow row: Int) -> Int {
        lines.line(ofRow: row)
    }

    /// Adds a column (or replaces the one with the same name).
    /// - Throws: ``DataError/inconsistentColumns(_:)`` when its length differs from `rowCount`.
    public mutating func setColumn(_ column: Column) throws(DataError) {
        guard !column.name.isEmpty else { throw .inconsistentColumns("a column needs a name") }
        if !columns.isEmpty, column.count != rowCount {
            throw .inconsistentColumns("column '\(column.name)' has \(column.count) rows, the data frame \(rowCount)")
        }
        if let j = index[column.name] {
            columns[j] = column
            knownMissingCounts[j] = -1
        } else {
            index[column.name] = columns.count
            columns.append(column)
            knownMissingCounts.append(-1)
        }
    }

    /// ``Column/missingCount`` of the column called `name`, counted when the frame was made, if
    /// it was (`nil` otherwise, or for an unknown name).
    package func knownMissingCount(of name: String) -> Int? {
        guard let j = index[name], knownMissingCounts[j] >= 0 else { return nil }
        return knownMissingCounts[j]
    }

    /// Equal columns, source and lines (whether missing values were counted beforehand is not
    /// part of the value).
    public static func == (lhs: DataFrame, rhs: DataFrame) -> Bool {
        lhs.columns == rhs.columns && lhs.source == rhs.source && lhs.lines == rhs.lines
    }
}

/// Maps a row to the physical line it starts on. Rows normally follow one line each; blank
/// lines and quoted fields spanning lines shift later rows, and only those shifts are stored.
struct LineMap: Sendable, Equatable {
    /// (first row, its line) at each place where rows stop being one line apart.
    private var breaks: [(row: Int, line: Int)]

    init(firstLine: Int) {
        breaks = [(0, firstLine)]
    }

    /// Records that `row` starts on `line`; cheap when it is the expected line.
    mutating func record(row: Int, line: Int) {
        if let last = breaks.last, last.line + (row - last.row) == line { return }
        breaks.append((row, line))
    }

    func line(ofRow row: Int) -> Int {
        // Last break at or before `row`.
        var low = 0
        var high = breaks.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if breaks[mid].row <= row { low = mid } else { high = mid - 1 }
        }
        return breaks[low].line + (row - breaks[low].row)
    }

    static func == (lhs: LineMap, rhs: LineMap) -> Bool {
        lhs.breaks.count == rhs.breaks.count
            && zip(lhs.breaks, rhs.breaks).allSatisfy { $0.row == $1.row && $0.line == $1.line }
    }
}
