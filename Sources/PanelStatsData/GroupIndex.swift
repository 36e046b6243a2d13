/// A grouping of observations: each observation's group as a dense code `0..<count`, with a
/// label per group. Fixed effects, cluster identifiers and factor levels are group indices.
///
/// Groups are ordered by their label's sort order: numerically for a numeric variable
/// (labels print integral values without ".0": `2015`), by Unicode code point for a
/// categorical one (as R's `factor` of a character vector in the C locale, and fixest).
public struct GroupIndex: Sendable, Equatable {
    /// The variable the groups come from.
    public var name: String
    /// One code per observation, in `0..<count`.
    public var codes: [Int32]
    /// Number of groups (every code in `0..<count` occurs at least once).
    public var count: Int
    /// A label per group, in code order.
    public var labels: [String]

    public init(name: String, codes: [Int32], count: Int, labels: [String]) {
        self.name = name
        self.codes = codes
        self.count = count
        self.labels = labels
    }

    /// Number of observations in each group.
    public func sizes() -> [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for code in codes where code >= 0 && Int(code) < count { sizes[Int(code)] += 1 }
        return sizes
    }
}

extension GroupIndex {
    /// Groups of `column` over `rows` (which must all be non-missing in it). For a numeric
    /// column also returns each group's value, so a reference level can be matched by value.
    static func build(_ column: Column, rows: [Int]) -> (index: GroupIndex, values: [Double]?) {
        switch column {
        case .numeric(let numeric):
            return buildNumeric(numeric, rows: rows)
        case .categorical(let categorical):
            return (buildCategorical(categorical, rows: rows), nil)
        }
    }

    private static func buildCategorical(_ column: CategoricalColumn, rows: [Int]) -> GroupIndex {
        let levelCount = column.levels.count
        var present = [Bool](repeating: false, count: levelCount)
        column.codes.withUnsafeBufferPointer { codes in
            for row in rows {
                let code = Int(codes[row])
                if code >= 0 && code < levelCount { present[code] = true }
            }
        }
        let used = (0..<levelCount).filter { present[$0] }
            .sorted { codePointPrecedes(column.levels[$0], column.levels[$1]) }
        var dense = [Int32](repeating: -1, count: levelCount)
        for (new, old) in used.enumerated() { dense[old] = Int32(new) }
        var codes = [Int32](repeating: 0, count: rows.count)
        column.codes.withUnsafeBufferPointer { source in
            codes.withUnsafeMutableBufferPointer { target in
                for (i, row) in rows.enumerated() {
                    let code = Int(source[row])
                    target[i] = code >= 0 && code < levelCount ? dense[code] : -1
                }
            }
        }
        return GroupIndex(name: column.name, codes: codes, count: used.count, labels: used.map { column.levels[$0] })
    }

    private static func buildNumeric(_ column: NumericColumn, rows: [Int]) -> (index: GroupIndex, values: [Double]?) {
        var codes = [Int32](repeating: 0, count: rows.count)
        var uniques: [Double] = []
        // Every row kept (the common case): the values are read in place, not through `rows`.
        let allRows = rows.count == column.values.count
        column.values.withUnsafeBufferPointer { values in
            if rows.isEmpty { return }
            // Integer identifiers in a compact range (years, entity numbers) are mapped through a
            // table; anything else through a hash map keyed by the value's bits.
            var low = Double.infinity
            var high = -Double.infinity
            if allRows {
                for value in values {
                    low = min(low, value)
                    high = max(high, value)
                }
            } else {
                for row in rows {
                    low = min(low, values[row])
                    high = max(high, values[row])
                }
            }
            let span = high - low
            if low == low.rounded(.towardZero), span < Double(max(1 << 16, 2 * rows.count)) {
                // Offsets from an integral minimum: a value is integral when its offset is.
                let size = Int(span) + 1
                var slot = [Int32](repeating: -1, count: size)
                let integral = slot.withUnsafeMutableBufferPointer { slot -> Bool in
                    for i in 0..<rows.count {
                        let offset = values[allRows ? i : rows[i]] - low
                        guard offset >= 0, offset <= span else { return false }
                        let k = Int(offset)
                        guard Double(k) == offset else { return false }
                        slot[k] = 0
                    }
                    return true
                }
                if integral {
                    var next: Int32 = 0
                    for k in 0..<size where slot[k] == 0 {
                        slot[k] = next
                        uniques.append(low + Double(k))
                        next += 1
                    }
                    slot.withUnsafeBufferPointer { slot in
                        codes.withUnsafeMutableBufferPointer { target in
                            for i in 0..<rows.count { target[i] = slot[Int(values[allRows ? i : rows[i]] - low)] }
                        }
                    }
                    return
                }
            }
            var first: [UInt64: Int32] = [:]
            var found: [Double] = []
            codes.withUnsafeMutableBufferPointer { target in
                for (i, row) in rows.enumerated() {
                    let value = values[row] == 0 ? 0.0 : values[row]  // -0 and 0 are one group
                    let key = value.bitPattern
                    if let code = first[key] {
                        target[i] = code
                    } else {
                        let code = Int32(found.count)
                        first[key] = code
                        found.append(value)
                        target[i] = code
                    }
                }
            }
            let order = found.indices.sorted { found[$0] < found[$1] }
            var rank = [Int32](repeating: 0, count: found.count)
            for (new, old) in order.enumerated() { rank[old] = Int32(new) }
            codes.withUnsafeMutableBufferPointer { target in
                for i in target.indices { target[i] = rank[Int(target[i])] }
            }
            uniques = order.map { found[$0] }
        }
        let index = GroupIndex(
            name: column.name, codes: codes, count: uniques.count, labels: uniques.map(formatNumber))
        return (index, uniques)
    }
}
