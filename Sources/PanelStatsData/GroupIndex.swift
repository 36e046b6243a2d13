import PanelStatsLinearAlgebra

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
    /// A label per group, in code order. The labels of a numeric variable's groups are made from
    /// their values when first read (a panel of 10⁶ numbered entities needs none to be fitted);
    /// ``label(_:)`` makes one alone.
    public var labels: [String] {
        get { labelSource.strings }
        set { labelSource = GroupLabels(newValue) }
    }
    /// Where ``labels`` come from (text, or numbers formatted on demand).
    package var labelSource: GroupLabels

    public init(name: String, codes: [Int32], count: Int, labels: [String]) {
        self.init(name: name, codes: codes, count: count, labelSource: GroupLabels(labels))
    }

    package init(name: String, codes: [Int32], count: Int, labelSource: GroupLabels) {
        self.name = name
        self.codes = codes
        self.count = count
        self.labelSource = labelSource
    }

    /// The label of group `level` (in `0..<count`), made alone.
    public func label(_ level: Int) -> String { labelSource[level] }

    /// Number of observations in each group.
    public func sizes() -> [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for code in codes where code >= 0 && Int(code) < count { sizes[Int(code)] += 1 }
        return sizes
    }
}

extension GroupIndex {
    /// Groups of `column` over `rows` (which must all be non-missing in it; `nil`: every row).
    /// For a numeric column also returns each group's value, so a reference level can be matched
    /// by value.
    static func build(_ column: Column, rows: [Int]?) -> (index: GroupIndex, values: [Double]?) {
        switch column {
        case .numeric(let numeric):
            return buildNumeric(numeric, rows: rows)
        case .categorical(let categorical):
            return (buildCategorical(categorical, rows: rows), nil)
        }
    }

    private static func buildCategorical(_ column: CategoricalColumn, rows: [Int]?) -> GroupIndex {
        let levelCount = column.levels.count
        let n = rows?.count ?? column.codes.count
        var present = [Bool](repeating: false, count: levelCount)
        column.codes.withUnsafeBufferPointer { codes in
            for i in 0..<n {
                let code = Int(codes[rows?[i] ?? i])
                if code >= 0 && code < levelCount { present[code] = true }
            }
        }
        let used = (0..<levelCount).filter { present[$0] }
            .sorted { codePointPrecedes(column.levels[$0], column.levels[$1]) }
        var dense = [Int32](repeating: -1, count: levelCount)
        for (new, old) in used.enumerated() { dense[old] = Int32(new) }
        let codes = column.codes.withUnsafeBufferPointer { source in
            [Int32](unsafeUninitializedCapacity: n) { target, initialized in
                LargeBuffers.adviseHugePages(UnsafeMutableRawBufferPointer(target))
                for i in 0..<n {
                    let code = Int(source[rows?[i] ?? i])
                    target[i] = code >= 0 && code < levelCount ? dense[code] : -1
                }
                initialized = n
            }
        }
        return GroupIndex(name: column.name, codes: codes, count: used.count, labels: used.map { column.levels[$0] })
    }

    private static func buildNumeric(_ column: NumericColumn, rows: [Int]?) -> (index: GroupIndex, values: [Double]?) {
        // Every row kept (the common case): the values are read in place, not gathered.
        let values = rows.map { rows in rows.map { column.values[$0] } } ?? column.values
        let (codes, uniques) = values.withUnsafeBufferPointer { values -> ([Int32], [Double]) in
            if let table = integerCodes(values) { return table }
            return hashedCodes(values)
        }
        let index = GroupIndex(name: column.name, codes: codes, count: uniques.count,
                               labelSource: GroupLabels(numbers: uniques))
        return (index, uniques)
    }

    /// Integer identifiers in a compact range (years, entity numbers): codes through a table of
    /// offsets from the minimum. When every integer of the range occurs (numbered entities,
    /// consecutive years) the offsets are the codes; otherwise they are renumbered through the
    /// table. `nil` when a value is not an integer or the range is too wide for a table.
    ///
    /// The range is first taken from the first and last values, which are the extremes of a panel
    /// sorted by entity with its years in order: then the values are read once. Otherwise (a value
    /// outside that range) the range is found in a read of its own and the codes made again.
    private static func integerCodes(_ values: UnsafeBufferPointer<Double>) -> ([Int32], [Double])? {
        let n = values.count
        guard n > 0, let first = values.first, let last = values.last else { return ([], []) }
        let guessLow = min(first, last), guessHigh = max(first, last)
        if let codes = tableCodes(values, low: guessLow, high: guessHigh) { return codes }
        guard let (low, high) = range(values), low < guessLow || high > guessHigh else { return nil }
        return tableCodes(values, low: low, high: high)
    }

    /// The smallest and largest value, four at a time (a scalar min/max loop does not vectorise);
    /// `nil` when a value is NaN (the hash map then numbers the groups; a model frame never asks
    /// for the groups of a missing value).
    private static func range(_ values: UnsafeBufferPointer<Double>) -> (Double, Double)? {
        let n = values.count
        guard let base = values.baseAddress else { return nil }
        var lows = SIMD4<Double>(repeating: .infinity)
        var highs = SIMD4<Double>(repeating: -.infinity)
        var nan = SIMDMask<SIMD4<Int64>>(repeating: false)
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 4 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i * MemoryLayout<Double>.stride, as: SIMD4<Double>.self)
            lows.replace(with: v, where: v .< lows)
            highs.replace(with: v, where: v .> highs)
            nan .|= v .!= v
            i += 4
        }
        var low = lows.min()
        var high = highs.max()
        var anyNaN = any(nan)
        while i < n {
            low = min(low, values[i])
            high = max(high, values[i])
            anyNaN = anyNaN || values[i].isNaN
            i += 1
        }
        return anyNaN ? nil : (low, high)
    }

    /// The codes of `values` when every one is an integer in `low...high` (a range narrow enough
    /// for a table), else `nil`.
    private static func tableCodes(_ values: UnsafeBufferPointer<Double>, low: Double, high: Double) -> ([Int32], [Double])? {
        let n = values.count
        let span = high - low
        guard low.magnitude < 0x1p53, span >= 0, span < Double(max(1 << 16, 2 * n)), Double(Int(low)) == low else {
            return nil
        }
        let size = Int(span) + 1
        var seen = [Bool](repeating: false, count: size)
        var integral = true
        // Offsets by the 2⁵² trick, with no conversion that could trap: for an integer
        // 0 ≤ d < 2⁵², the low bits of d + 2⁵² are d. A value counts when it is the integer
        // low + d with 0 ≤ d ≤ span (an offset can round to an integer for a value that is not
        // one, e.g. 1e-20 − (−3)); a piece is checked before its offsets index the table.
        var codes = [Int32](unsafeUninitializedCapacity: n) { target, initialized in
            LargeBuffers.adviseHugePages(UnsafeMutableRawBufferPointer(target))
            LargeBuffers.populate(UnsafeRawBufferPointer(target))
            seen.withUnsafeMutableBufferPointer { seen in
                var start = 0
                while start < n && integral {
                    let end = min(n, start + 4096)
                    integral = offsetsAreIntegral(values, start..<end, low: low, span: span, into: target)
                    if integral {
                        for i in start..<end { seen[Int(UInt32(bitPattern: target[i]))] = true }
                    }
                    start = end
                }
            }
            initialized = integral ? n : 0
        }
        guard integral else { return nil }
        // Every integer of the range present (numbered entities, consecutive years): the offsets
        // are the codes, and no renumbering table is needed.
        if !seen.contains(false) { return (codes, (0..<size).map { low + Double($0) }) }
        var slot = [Int32](repeating: -1, count: size)
        var uniques: [Double] = []
        for k in 0..<size where seen[k] {
            slot[k] = Int32(uniques.count)
            uniques.append(low + Double(k))
        }
        codes.withUnsafeMutableBufferPointer { codes in
            slot.withUnsafeBufferPointer { slot in
                for i in 0..<n { codes[i] = slot[Int(UInt32(bitPattern: codes[i]))] }
            }
        }
        return (codes, uniques)
    }

    /// Writes `target[i]`, the low 32 bits of `(values[i] − low) + 2⁵²`, for `i` in `range`, and
    /// tells whether each of those values is the integer `low + d` with `0 ≤ d ≤ span` (then the
    /// written bits are `d`; NaN never is). Four values at a time (a scalar loop with the checks
    /// does not vectorise: 1.1 against 0.7 ms for 10⁶ values).
    private static func offsetsAreIntegral(
        _ values: UnsafeBufferPointer<Double>, _ range: Range<Int>, low: Double, span: Double,
        into target: UnsafeMutableBufferPointer<Int32>
    ) -> Bool {
        guard let source = values.baseAddress, let output = target.baseAddress else { return range.isEmpty }
        let magic = 0x1p52
        let lows = SIMD4<Double>(repeating: low), magics = SIMD4<Double>(repeating: magic)
        let spans = SIMD4<Double>(repeating: span)
        let raw = UnsafeRawPointer(source), out = UnsafeMutableRawPointer(output)
        var outside = SIMDMask<SIMD4<Int64>>(repeating: false)
        var i = range.lowerBound
        while i + 4 <= range.upperBound {
            let v = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            let shifted = (v - lows) + magics
            let offset = shifted - magics
            let bits = unsafeBitCast(shifted, to: SIMD4<UInt64>.self)
            out.storeBytes(of: SIMD4<Int32>(truncatingIfNeeded: bits), toByteOffset: i &* 4, as: SIMD4<Int32>.self)
            outside .|= (offset + lows .!= v) .| (offset .< 0) .| (offset .> spans)
            i &+= 4
        }
        var integral = !any(outside)
        while i < range.upperBound {
            let value = values[i]
            let shifted = (value - low) + magic
            let offset = shifted - magic
            target[i] = Int32(truncatingIfNeeded: shifted.bitPattern)
            integral = integral && offset + low == value && offset >= 0 && offset <= span
            i += 1
        }
        return integral
    }

    /// Any other numbers: codes by a hash map keyed by the value's bits, renumbered in value order.
    private static func hashedCodes(_ values: UnsafeBufferPointer<Double>) -> ([Int32], [Double]) {
        let n = values.count
        var first: [UInt64: Int32] = [:]
        var found: [Double] = []
        var codes = [Int32](unsafeUninitializedCapacity: n) { target, initialized in
            LargeBuffers.adviseHugePages(UnsafeMutableRawBufferPointer(target))
            for i in 0..<n {
                let value = values[i] == 0 ? 0.0 : values[i]  // -0 and 0 are one group
                let key = value.bitPattern
                if let code = first[key] {
                    target[i] = code
                } else {
                    let code = Int32(truncatingIfNeeded: found.count)
                    first[key] = code
                    found.append(value)
                    target[i] = code
                }
            }
            initialized = n
        }
        let order = found.indices.sorted { found[$0] < found[$1] }
        var rank = [Int32](repeating: 0, count: found.count)
        for (new, old) in order.enumerated() { rank[old] = Int32(new) }
        codes.withUnsafeMutableBufferPointer { target in
            for i in target.indices { target[i] = rank[Int(target[i])] }
        }
        return (codes, order.map { found[$0] })
    }
}

extension GroupIndex {
    /// The first observation whose code is outside `0..<count` (a missing identifier), or `nil`.
    /// The codes' range is found first in one read that vectorises (at 10⁷ rows a search with an
    /// early exit per code costs several times more); the observation is looked for only when it
    /// is out of range.
    package var firstInvalidCode: Int? {
        let (low, high) = codes.withUnsafeBufferPointer { codes -> (Int32, Int32) in
            var low = Int32.max, high = Int32.min
            for code in codes {
                low = Swift.min(low, code)
                high = Swift.max(high, code)
            }
            return (low, high)
        }
        if codes.isEmpty || (low >= 0 && Int(high) < count) { return nil }
        return codes.firstIndex { $0 < 0 || Int($0) >= count }
    }

    /// Whether `other` has the same number of groups and the very same codes array (one storage,
    /// as when a panel is clustered by its entity), so that what holds of one's codes holds of
    /// the other's without reading them.
    package func sharesCodes(with other: GroupIndex) -> Bool {
        guard count == other.count, codes.count == other.codes.count else { return false }
        return codes.withUnsafeBufferPointer { a in
            other.codes.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress }
        }
    }
}
