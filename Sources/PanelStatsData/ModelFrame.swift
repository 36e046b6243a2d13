import Foundation
import PanelStatsLinearAlgebra

/// The data a fit uses: the response and the design matrix of a ``Formula`` over a
/// ``DataFrame``, after listwise deletion of rows missing any variable read.
///
/// Conventions (as R's `model.matrix` and fixest):
/// - Columns: `(Intercept)` first when the formula has one, then the terms in formula order,
///   each factor expanded in place into one dummy per level except the reference
///   (`factor(year)2015`, ...). Without an intercept and without absorbed fixed effects, the
///   first factor keeps all its levels (R's full coding); with absorbed fixed effects every
///   factor drops its reference.
/// - With absorbed fixed effects (`| id`) the `(Intercept)` column is still present when the
///   formula has an intercept; the within estimator decides what becomes of it (Stata's
///   `xtreg, fe` reports a constant).
/// - Factor levels are those present in the kept rows (R's `drop.unused.levels = TRUE` in `lm`).
/// - Listwise deletion covers the response, every term's variables, the absorbed variables and
///   `additionalVariables` (cluster, weights, panel identifiers).
///
/// The design is written column by column into one contiguous column-major buffer.
public struct ModelFrame: Sendable {
    /// The formula the frame was built from.
    public var formula: Formula
    /// The data's source, for messages.
    public var source: String
    /// The response over the kept rows.
    public var response: [Double]
    /// The design matrix, `observationCount × termNames.count`, column-major.
    public var design: Matrix
    /// A name per design column: `(Intercept)`, `x1`, `factor(year)2015`, `I(x^2)`, `log(x)`.
    public var termNames: [String]
    /// For each design column, the index into `formula.terms` it comes from; -1 for the
    /// intercept (R's `assign` attribute).
    public var termAssignment: [Int]
    /// Whether the first design column is the intercept.
    public var hasIntercept: Bool
    /// The rows of the data kept, in data order.
    public var rowIndices: [Int] {
        get { keptRows ?? Array(0..<observationCount) }
        set {
            keptRows = newValue
            observationCount = newValue.count
        }
    }
    /// The kept rows; `nil` when every row is kept (no `0..<n` array is made: at 10⁷ rows it is
    /// 80 MB written and freed for nothing).
    private var keptRows: [Int]?
    /// What listwise deletion removed.
    public var missing: MissingReport
    /// One group index per absorbed variable (`| a + b`), over the kept rows.
    public var absorbed: [GroupIndex]
    /// Every variable deleted listwise on: the formula's, then the additional ones.
    public var variables: [String]

    private let data: DataFrame

    /// Number of observations (kept rows).
    public private(set) var observationCount: Int

    /// Builds the response and design of `formula` over `data`.
    /// - Parameters:
    ///   - additionalVariables: further variables the fit reads (cluster, weights, entity and
    ///     time identifiers); rows missing them are removed too, and ``groups(_:)`` /
    ///     ``numeric(_:)`` give them over the kept rows.
    /// - Throws: ``DataError`` for an unknown variable (with close names), a text column used
    ///   as a number, a variable with no value at all, no rows left, `log` of a non-positive
    ///   value, a non-finite `I(...)`, an unknown reference level. Fewer observations than
    ///   parameters is left to the estimator.
    ///   - interceptColumn: whether the design holds the `(Intercept)` column when the formula
    ///     has an intercept (the within estimator, which reports xtreg's constant instead, asks
    ///     for none: at 10⁷ rows the column is 80 MB written and moved for nothing).
    public init(
        formula: Formula, data: DataFrame, additionalVariables: [String] = [], interceptColumn: Bool = true
    ) throws(DataError) {
        self.formula = formula
        self.source = data.source
        self.data = data
        let hasInterceptColumn = formula.hasIntercept && interceptColumn
        self.hasIntercept = hasInterceptColumn

        var variables = formula.variables
        for name in additionalVariables where !variables.contains(name) { variables.append(name) }
        self.variables = variables

        var columns: [String: Column] = [:]
        for name in variables { columns[name] = try data.column(named: name) }
        for name in Self.numericVariables(of: formula) {
            if let column = columns[name], case .categorical(let categorical) = column {
                throw Self.notNumeric(categorical, in: data)
            }
        }
        let rowCount = data.rowCount
        // Missing values per variable, counted in parallel (a pass that only reads each column).
        let missingCounts = Self.missingCounts(variables.map { columns[$0] }, known: variables.map(data.knownMissingCount))
        for (name, missingCount) in zip(variables, missingCounts) where missingCount == rowCount && rowCount > 0 {
            throw .allMissing(source: data.source, variable: name)
        }

        // Listwise deletion (rows are marked only for the variables that miss any).
        var keep = missingCounts.contains { $0 > 0 } ? [Bool](repeating: true, count: rowCount) : []
        var entries: [MissingReport.Entry] = []
        for (name, missingCount) in zip(variables, missingCounts) where missingCount > 0 {
            guard let column = columns[name] else { continue }
            var count = 0
            keep.withUnsafeMutableBufferPointer { keep in
                switch column {
                case .numeric(let numeric):
                    numeric.values.withUnsafeBufferPointer { values in
                        for i in values.indices where values[i].isNaN {
                            keep[i] = false
                            count += 1
                        }
                    }
                case .categorical(let categorical):
                    let levels = categorical.levels.count
                    categorical.codes.withUnsafeBufferPointer { codes in
                        for i in codes.indices where codes[i] < 0 || Int(codes[i]) >= levels {
                            keep[i] = false
                            count += 1
                        }
                    }
                }
            }
            if count > 0 { entries.append(.init(variable: name, count: count)) }
        }
        let rows: [Int]?
        if keep.isEmpty {
            rows = nil
        } else {
            var kept: [Int] = []
            kept.reserveCapacity(rowCount)
            for i in 0..<rowCount where keep[i] { kept.append(i) }
            rows = kept
        }
        let n = rows?.count ?? rowCount
        self.keptRows = rows
        self.observationCount = n
        self.missing = MissingReport(count: rowCount - n, perVariable: entries)
        guard n > 0 else { throw .noObservations(source: data.source, missing: missing.description) }
        // Group indices number levels and observations with Int32 codes.
        guard n < Int(Int32.max) else {
            throw .tooLarge(
                source: data.source, what: "the number of observations (\(n))", limit: DataError.levelCodeLimit)
        }

        // Plan the columns: factor levels decide how many dummies each factor adds.
        let fullFirstFactor = !formula.hasIntercept && formula.absorbed.isEmpty
        var plans: [TermPlan] = []
        var names: [String] = hasInterceptColumn ? ["(Intercept)"] : []
        var assignment: [Int] = hasInterceptColumn ? [-1] : []
        var sawFactor = false
        for (t, term) in formula.terms.enumerated() {
            switch term {
            case .factor(let name, let reference):
                guard let column = columns[name] else { continue }
                let (index, values) = GroupIndex.build(column, rows: rows)
                var referenceLevel: Int? = 0
                if let reference {
                    referenceLevel = index.labels.firstIndex(of: reference)
                    // Matched by value (ref=2014.0 for the level 2014), with the CSV reader's strict
                    // number grammar: Double(String) would take "2014\u{0}x" for 2014.
                    if referenceLevel == nil, let values,
                       case .number(let number) = Array(reference.utf8).withUnsafeBufferPointer({
                           DecimalParser.parse($0, decimal: UInt8(ascii: "."))
                       }) {
                        referenceLevel = values.firstIndex(of: number)
                    }
                    guard referenceLevel != nil else {
                        throw .unknownFactorLevel(
                            source: data.source, variable: name, level: reference, available: index.labels)
                    }
                }
                if fullFirstFactor && !sawFactor && reference == nil { referenceLevel = nil }
                sawFactor = true
                var dummyOf = [Int32](repeating: -1, count: index.count)
                var next: Int32 = 0
                for level in 0..<index.count where level != referenceLevel {
                    dummyOf[level] = next
                    next += 1
                    names.append(term.name + index.label(level))
                    assignment.append(t)
                }
                plans.append(.factor(index: index, dummyOf: dummyOf, width: Int(next)))
            default:
                plans.append(.numeric(term))
                names.append(term.name)
                assignment.append(t)
            }
        }
        self.termNames = names
        self.termAssignment = assignment

        // Fill the design, one contiguous column at a time.
        let p = names.count
        try Self.checkDesignSize(rows: n, columns: p, source: data.source)
        // Columns are evaluated one at a time, in formula order (so errors come in that order and
        // at most one evaluated column is held besides the design), and each is copied in parallel
        // pieces. The storage is not zeroed beforehand: each value is written once (for 10⁷ rows
        // that saves a pass over ~1 GB of fresh pages).
        var failure: DataError? = nil
        let storage = [Double](unsafeUninitializedCapacity: n * p) { buffer, initialized in
            LargeBuffers.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
            var column = 0
            if hasInterceptColumn {
                Self.fill(.constant, into: buffer, column: column, rows: n)
                column += 1
            }
            do throws(DataError) {
                for plan in plans {
                    switch plan {
                    case .numeric(let term):
                        let values = try Self.evaluate(term, rows: rows, columns: columns, data: data)
                        Self.fill(.values(values), into: buffer, column: column, rows: n)
                        column += 1
                    case .factor(let index, let dummyOf, let width):
                        for dummy in 0..<width {
                            Self.fill(.dummy(index.codes, dummyOf, Int32(dummy)), into: buffer, column: column, rows: n)
                            column += 1
                        }
                    }
                }
                initialized = n * p
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        do {
            self.design = try Matrix(rows: n, columns: p, columnMajor: storage)
        } catch {
            throw .inconsistentColumns(error.description)
        }
        self.response = try Self.evaluate(formula.responseTerm, rows: rows, columns: columns, data: data)
        var absorbed: [GroupIndex] = []
        for name in formula.absorbed {
            if let column = columns[name] { absorbed.append(GroupIndex.build(column, rows: rows).index) }
        }
        self.absorbed = absorbed
    }

    /// The groups of `variable` over the kept rows (cluster identifiers, panel entities).
    /// - Throws: ``DataError/notInModelFrame(variable:available:)`` unless `variable` is one the
    ///   frame deleted listwise on (the formula's or an additional variable).
    public func groups(_ variable: String) throws(DataError) -> GroupIndex {
        guard variables.contains(variable) else {
            throw .notInModelFrame(variable: variable, available: variables)
        }
        // An absorbed variable's groups are already built (clustering by the entity is common).
        if let position = formula.absorbed.firstIndex(of: variable), position < absorbed.count,
           absorbed[position].name == variable {
            return absorbed[position]
        }
        let column = try data.column(named: variable)
        return GroupIndex.build(column, rows: keptRows).index
    }


    /// The numeric `variable` over the kept rows (weights, a time variable).
    /// - Throws: ``DataError/notInModelFrame(variable:available:)`` unless `variable` is one the
    ///   frame deleted listwise on; ``DataError/notNumeric(source:line:variable:text:hint:)``
    ///   when it holds text.
    public func numeric(_ variable: String) throws(DataError) -> [Double] {
        guard variables.contains(variable) else {
            throw .notInModelFrame(variable: variable, available: variables)
        }
        switch try data.column(named: variable) {
        case .numeric(let column): return Self.gather(column.values, rows: keptRows)
        case .categorical(let column): throw Self.notNumeric(column, in: data)
        }
    }

    /// The source line of observation `i` (a kept row), for messages.
    public func line(ofObservation i: Int) -> Int {
        data.line(ofRow: keptRows?[i] ?? i)
    }

    // MARK: - Helpers

    /// Refuses a design that cannot be held in memory (`factor(id)` with 10⁵ levels over 10⁵ rows
    /// is 80 GB), with the remedy, before the allocation would abort the process.
    static func checkDesignSize(rows: Int, columns: Int, source: String) throws(DataError) {
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        let bytes = Double(rows) * Double(columns) * Double(MemoryLayout<Double>.stride)
        let memory = Double(ProcessInfo.processInfo.physicalMemory)
        guard overflow || bytes > memory else { return }
        func gigabytes(_ x: Double) -> String { String(Double((x / 1e8).rounded()) / 10) + " GB" }
        throw .tooLarge(
            source: source,
            what: "the design matrix (\(rows) × \(columns)\(overflow ? "" : " = \(cells)") values, \(gigabytes(bytes)))",
            limit: "this machine's memory (\(gigabytes(memory))); absorb a factor with many levels"
                + " ('| variable') instead of expanding it with factor()")
    }

    /// ``Column/missingCount`` of each column (0 for `nil`; `known[j]` when counted beforehand),
    /// over the cores for large columns.
    private static func missingCounts(_ columns: [Column?], known: [Int?]) -> [Int] {
        var counts = [Int](repeating: 0, count: columns.count)
        let rows = columns.compactMap { $0 }.first.map { column -> Int in
            switch column {
            case .numeric(let c): return c.values.count
            case .categorical(let c): return c.codes.count
            }
        } ?? 0
        counts.withUnsafeMutableBufferPointer { buffer in
            let target = UncheckedSendableBox(buffer)
            let count = { (j: Int) in target.value[j] = known[j] ?? columns[j]?.missingCount ?? 0 }
            if rows * known.filter({ $0 == nil }).count >= 1 << 20 {
                parallelFor(columns.count) { count($0) }
            } else {
                for j in columns.indices { count(j) }
            }
        }
        return counts
    }

    /// Where a design column's values come from.
    private enum DesignSource {
        case constant
        case values([Double])
        /// 1 where `dummyOf[codes[i]] == dummy`, else 0.
        case dummy([Int32], [Int32], Int32)
    }

    /// Writes `source` as column `column` (of `rows` rows) of the uninitialised `buffer`, in
    /// pieces of 2²⁰ values spread over the cores (pages are first touched by the worker that
    /// writes them).
    private static func fill(_ source: DesignSource, into buffer: UnsafeMutableBufferPointer<Double>, column: Int, rows n: Int) {
        let piece = 1 << 20
        let pieces = max(1, (n + piece - 1) / piece)
        guard let base = buffer.baseAddress else { return }
        let out = UncheckedSendableBox(base + column * n)
        let write = { (task: Int) in
            let first = task * piece, last = min(first + piece, n)
            guard first < last else { return }
            let out = out.value
            switch source {
            case .constant:
                (out + first).initialize(repeating: 1, count: last - first)
            case .values(let values):
                values.withUnsafeBufferPointer { v in
                    guard let source = v.baseAddress else { return }
                    (out + first).initialize(from: source + first, count: last - first)
                }
            case .dummy(let codes, let dummyOf, let dummy):
                codes.withUnsafeBufferPointer { c in
                    for i in first..<last {
                        let code = Int(c[i])
                        let hit = code >= 0 && code < dummyOf.count && dummyOf[code] == dummy
                        (out + i).initialize(to: hit ? 1 : 0)
                    }
                }
            }
        }
        if pieces > 1 {
            parallelFor(pieces) { write($0) }
        } else {
            write(0)
        }
    }

    private enum TermPlan {
        case numeric(Term)
        case factor(index: GroupIndex, dummyOf: [Int32], width: Int)
    }

    /// Variables used as numbers (everything except factor arguments and absorbed variables).
    private static func numericVariables(of formula: Formula) -> [String] {
        var names: [String] = []
        for term in [formula.responseTerm] + formula.terms {
            if case .factor = term { continue }
            for name in term.variables where !names.contains(name) { names.append(name) }
        }
        return names
    }

    /// `values` at `rows` (strictly increasing); the array itself, shared, when every row is kept
    /// (`nil`).
    private static func gather(_ values: [Double], rows: [Int]?) -> [Double] {
        guard let rows, rows.count != values.count else { return values }
        var result = [Double](repeating: 0, count: rows.count)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for (i, row) in rows.enumerated() { target[i] = source[row] }
            }
        }
        return result
    }

    private static func numericValues(
        _ name: String, rows: [Int]?, columns: [String: Column], data: DataFrame
    ) throws(DataError) -> [Double] {
        switch columns[name] {
        case .numeric(let column)?: return gather(column.values, rows: rows)
        case .categorical(let column)?: throw notNumeric(column, in: data)
        case nil: return try numericValues(name, rows: rows, columns: [name: data.column(named: name)], data: data)
        }
    }

    /// A numeric term (or the response) over the kept rows.
    private static func evaluate(
        _ term: Term, rows: [Int]?, columns: [String: Column], data: DataFrame
    ) throws(DataError) -> [Double] {
        switch term {
        case .variable(let name):
            return try numericValues(name, rows: rows, columns: columns, data: data)
        case .log(let name):
            var values = try numericValues(name, rows: rows, columns: columns, data: data)
            for i in values.indices {
                let x = values[i]
                guard x > 0 else {
                    throw .nonPositiveLog(
                        source: data.source, line: data.line(ofRow: rows?[i] ?? i), term: term.name, variable: name, value: x)
                }
                values[i] = naturalLogarithm(x)
            }
            return values
        case .identity(_, let expression):
            let values = try expression.evaluate(count: rows?.count ?? data.rowCount) { (name) throws(DataError) -> [Double] in
                try numericValues(name, rows: rows, columns: columns, data: data)
            }
            for i in values.indices where !values[i].isFinite {
                throw .nonFiniteTerm(
                    source: data.source, line: data.line(ofRow: rows?[i] ?? i), term: term.name, value: values[i])
            }
            return values
        case .factor(let name, _):
            // Not reachable for regressors (factors are planned separately); a factor response
            // is refused by the parser.
            throw .notNumeric(source: data.source, line: nil, variable: name, text: nil, hint: nil)
        }
    }

    /// The error for a categorical column used as a number, pointing at its first label that
    /// is not a number.
    static func notNumeric(_ column: CategoricalColumn, in data: DataFrame) -> DataError {
        let isNumber = column.levels.map { label in
            Array(label.utf8).withUnsafeBufferPointer { bytes in
                if case .number = DecimalParser.parse(bytes, decimal: UInt8(ascii: ".")) { return true }
                return false
            }
        }
        for (row, code) in column.codes.enumerated() where code >= 0 && Int(code) < column.levels.count {
            guard !isNumber[Int(code)] else { continue }
            let text = column.levels[Int(code)]
            return .notNumeric(
                source: data.source, line: data.line(ofRow: row), variable: column.name,
                text: text.count > 60 ? String(text.prefix(57)) + "..." : text,
                hint: decimalMarkHint(text, decimal: UInt8(ascii: ".")))
        }
        return .notNumeric(source: data.source, line: nil, variable: column.name, text: nil, hint: nil)
    }
}
