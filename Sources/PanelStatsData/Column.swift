/// One variable of a ``DataFrame``: numbers, or labels of a categorical variable.
///
/// A CSV column is numeric when every non-missing field is a finite number, categorical
/// otherwise (or when the reading options force it, as for identifiers).
public enum Column: Sendable, Equatable {
    case numeric(NumericColumn)
    case categorical(CategoricalColumn)

    /// The column's name (its header).
    public var name: String {
        switch self {
        case .numeric(let column): return column.name
        case .categorical(let column): return column.name
        }
    }

    /// Number of rows.
    public var count: Int {
        switch self {
        case .numeric(let column): return column.values.count
        case .categorical(let column): return column.codes.count
        }
    }

    /// Whether the column holds numbers.
    public var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }

    /// Whether row `row` is missing (NaN in a numeric column, code -1 in a categorical one).
    public func isMissing(_ row: Int) -> Bool {
        switch self {
        case .numeric(let column): return column.values[row].isNaN
        case .categorical(let column): return !column.hasLevel(at: row)
        }
    }

    /// Number of missing rows.
    public var missingCount: Int {
        switch self {
        case .numeric(let column): return column.missingCount
        case .categorical(let column): return column.missingCount
        }
    }
}

/// A numeric variable. Missing values are NaN; every other value is finite.
public struct NumericColumn: Sendable, Equatable {
    /// The column's values, one per row; NaN marks a missing value.
    public var values: [Double]
    /// The column's name.
    public var name: String

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }

    /// Number of missing (NaN) values.
    public var missingCount: Int {
        values.withUnsafeBufferPointer { buffer in
            var count = 0
            for value in buffer where value.isNaN { count += 1 }
            return count
        }
    }

    // Compares NaN as equal to NaN (both "missing"), bit for bit otherwise.
    public static func == (lhs: NumericColumn, rhs: NumericColumn) -> Bool {
        lhs.name == rhs.name && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

/// A categorical variable (identifiers, region names, ...), stored as integer codes into a
/// table of level labels.
///
/// Levels read from a CSV file are sorted by Unicode code point (byte order of their UTF-8),
/// which is how R sorts a character vector's factor levels in the C locale and how fixest
/// orders them; the first level is therefore the reference of `factor(v)`.
public struct CategoricalColumn: Sendable, Equatable {
    /// The column's name.
    public var name: String
    /// The distinct labels.
    public var levels: [String]
    /// One code per row: an index into `levels`, or -1 for a missing value.
    public var codes: [Int32]

    /// Wraps levels and codes.
    /// - Throws: ``DataError/inconsistentColumns(_:)`` when a code is neither -1 nor a valid
    ///   index into `levels`.
    public init(name: String, levels: [String], codes: [Int32]) throws(DataError) {
        for (row, code) in codes.enumerated() where code < -1 || Int(code) >= levels.count {
            throw .inconsistentColumns(
                "column '\(name)': code \(code) at row \(row) is outside -1..<\(levels.count)")
        }
        self.name = name
        self.levels = levels
        self.codes = codes
    }

    /// Builds a column from labels (`nil` = missing); levels come out sorted by code point.
    public init(name: String, labels: [String?]) {
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(labels.count)
        for label in labels {
            guard let label else {
                codes.append(-1)
                continue
            }
            if let code = index[label] {
                codes.append(code)
            } else {
                let code = Int32(levels.count)
                index[label] = code
                levels.append(label)
                codes.append(code)
            }
        }
        self.name = name
        (self.levels, self.codes) = sortLevels(levels, codes: codes)
    }

    init(uncheckedName name: String, levels: [String], codes: [Int32]) {
        self.name = name
        self.levels = levels
        self.codes = codes
    }

    /// Whether row `row` has a (non-missing, valid) level.
    public func hasLevel(at row: Int) -> Bool {
        let code = codes[row]
        return code >= 0 && Int(code) < levels.count
    }

    /// The label of row `row`, or `nil` when it is missing.
    public func label(at row: Int) -> String? {
        hasLevel(at: row) ? levels[Int(codes[row])] : nil
    }

    /// Number of missing values.
    public var missingCount: Int {
        var count = 0
        let levelCount = levels.count
        for code in codes where code < 0 || Int(code) >= levelCount { count += 1 }
        return count
    }
}

/// Orders labels by Unicode code point (UTF-8 byte order), as R's `sort` in the C locale.
func codePointPrecedes(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Sorts `levels` by code point and rewrites `codes` to match.
func sortLevels(_ levels: [String], codes: [Int32]) -> ([String], [Int32]) {
    let order = levels.indices.sorted { codePointPrecedes(levels[$0], levels[$1]) }
    if order == Array(levels.indices) { return (levels, codes) }
    var newCode = [Int32](repeating: -1, count: levels.count)
    for (new, old) in order.enumerated() { newCode[old] = Int32(new) }
    var codes = codes
    codes.withUnsafeMutableBufferPointer { buffer in
        for i in buffer.indices where buffer[i] >= 0 { buffer[i] = newCode[Int(buffer[i])] }
    }
    return (order.map { levels[$0] }, codes)
}
