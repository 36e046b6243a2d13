import PanelStatsLinearAlgebra

/// Which correlation coefficient to compute.
public enum CorrelationMethod: String, Sendable, Codable, CaseIterable {
    /// Pearson's product-moment r.
    case pearson
    /// Spearman's ρ: Pearson's r of the average ranks (ties share the mean of their ranks),
    /// ranks taken within the sample actually used (the listwise sample, or each pair's sample).
    case spearman
}

/// How observations with missing values (NaN) are excluded.
public enum MissingDataHandling: String, Sendable, Codable, CaseIterable {
    /// Drop every observation missing any of the variables; one N for the whole matrix
    /// (Stata's `correlate`; the VIVE report's N = 564).
    case listwise
    /// Use, for each pair, every observation where both are present; N varies by pair
    /// (Stata's `pwcorr`, pandas' `DataFrame.corr`).
    case pairwise
}

/// A correlation matrix with two-sided p-values and the number of observations behind each entry.
///
/// The p-value of r from n observations is the two-sided t test on n − 2 degrees of freedom,
/// `t = r √((n − 2)/(1 − r²))`, `p = 2 P(T_{n−2} > |t|)`, as `scipy.stats.pearsonr` and
/// `scipy.stats.spearmanr` report and Stata's `pwcorr, sig` prints. The diagonal holds r = 1,
/// p = 0 (the limit |r| → 1, as scipy returns for a variable against itself) and, in
/// ``nPairwise``, each variable's own non-missing count (listwise: N).
public struct CorrelationMatrix: Sendable, Codable, Equatable {
    /// Variable names, in the order of the rows and columns.
    public let variables: [String]
    public let method: CorrelationMethod
    public let missingData: MissingDataHandling
    /// Listwise: the number of complete observations used for every entry. Pairwise: the
    /// smallest per-pair N (see ``nPairwise`` for each pair).
    public let nobs: Int
    /// Correlation coefficients, `r[i][j]`, symmetric with unit diagonal.
    public let r: [[Double]]
    /// Two-sided p-values of each coefficient.
    public let pValue: [[Double]]
    /// Observations behind each coefficient (all equal to ``nobs`` when listwise).
    public let nPairwise: [[Int]]

    enum CodingKeys: String, CodingKey {
        case variables, method, missingData = "missing_data", nobs, r, pValue = "p_value", nPairwise = "n_pairwise"
    }

    /// Correlates the given variables.
    ///
    /// - Parameters:
    ///   - columns: one array per variable, all of the same length; NaN marks a missing value.
    ///   - names: the variables' names (used in the result and in error messages).
    /// - Throws: ``DescriptiveError/tooFewObservations(context:needed:found:)`` when fewer than three
    ///   complete observations are available (for the matrix, or for a pair when pairwise);
    ///   ``DescriptiveError/zeroVariance(variable:context:)`` naming a variable that is constant in
    ///   the sample used — its correlation is undefined and is never returned as NaN;
    ///   ``DescriptiveError/lengthMismatch(_:)``, ``DescriptiveError/duplicateVariable(_:)``.
    public init(columns: [[Double]], names: [String], method: CorrelationMethod = .pearson,
                missingData: MissingDataHandling = .listwise) throws(DescriptiveError) {
        guard columns.count == names.count else {
            throw .lengthMismatch("\(columns.count) columns but \(names.count) names")
        }
        guard !columns.isEmpty else { throw .lengthMismatch("no variables to correlate") }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateVariable(name) }
        let n = columns[0].count
        for (j, column) in columns.enumerated() where column.count != n {
            throw .lengthMismatch("variable '\(names[j])' has \(column.count) observations, '\(names[0])' has \(n)")
        }
        variables = names
        self.method = method
        self.missingData = missingData
        switch missingData {
        case .listwise:
            let result = try Self.listwise(columns, names: names, method: method)
            (nobs, r, pValue, nPairwise) = result
        case .pairwise:
            let result = try Self.pairwise(columns, names: names, method: method)
            (nobs, r, pValue, nPairwise) = result
        }
    }

    /// Significance marks for every off-diagonal entry (the diagonal is left blank), from a
    /// rule mapping a p-value to its mark — typically `PanelStatsReporting.SignificanceStars`'
    /// `symbol(forPValue:)` (p < level convention), e.g. `* p < 0.05` for the VIVE report's Table 5.7.
    public func marks(_ mark: (Double) -> String) -> [[String]] {
        pValue.enumerated().map { i, row in
            row.enumerated().map { j, p in i == j ? "" : mark(p) }
        }
    }

    // MARK: - Computation

    private typealias Parts = (nobs: Int, r: [[Double]], p: [[Double]], n: [[Int]])

    /// All variables on the complete-case sample: centre each, then one `dsyrk` for the
    /// cross-products.
    private static func listwise(_ columns: [[Double]], names: [String], method: CorrelationMethod)
        throws(DescriptiveError) -> Parts
    {
        let k = columns.count
        let total = columns[0].count
        var complete: [Int] = []
        complete.reserveCapacity(total)
        for i in 0..<total where !columns.contains(where: { $0[i].isNaN }) { complete.append(i) }
        let n = complete.count
        let context = "correlation of \(names.joined(separator: ", ")) (listwise)"
        guard n >= 3 else { throw .tooFewObservations(context: context, needed: 3, found: n) }
        var centred = Matrix(rows: n, columns: k)
        for j in 0..<k {
            var sample = complete.map { columns[j][$0] }
            try requireVariation(sample, variable: names[j], context: "\(context), N = \(n)")
            if method == .spearman { sample = averageRanks(sample) }
            centre(&sample)
            centred.storage.replaceSubrange((j * n)..<((j + 1) * n), with: sample)
        }
        let cross: Matrix
        do { cross = try centred.gram() } catch { throw .linearAlgebra(error) }
        var r = [[Double]](repeating: [Double](repeating: 1, count: k), count: k)
        var p = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in (i + 1)..<max(k, i + 1) {
                let rij = correlation(cross[i, j], cross[i, i], cross[j, j])
                r[i][j] = rij
                r[j][i] = rij
                let pij = try correlationPValue(rij, observations: n)
                p[i][j] = pij
                p[j][i] = pij
            }
        }
        let counts = [[Int]](repeating: [Int](repeating: n, count: k), count: k)
        return (n, r, p, counts)
    }

    /// Each pair on the observations where both are present.
    private static func pairwise(_ columns: [[Double]], names: [String], method: CorrelationMethod)
        throws(DescriptiveError) -> Parts
    {
        let k = columns.count
        let total = columns[0].count
        var r = [[Double]](repeating: [Double](repeating: 1, count: k), count: k)
        var p = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for j in 0..<k {
            let own = columns[j].reduce(0) { $1.isNaN ? $0 : $0 + 1 }
            counts[j][j] = own
            if k == 1 {
                let context = "correlation of \(names[j])"
                guard own >= 3 else { throw .tooFewObservations(context: context, needed: 3, found: own) }
                try requireVariation(columns[j].filter { !$0.isNaN }, variable: names[j], context: context)
            }
        }
        var smallest = Int.max
        var x: [Double] = [], y: [Double] = []
        x.reserveCapacity(total)
        y.reserveCapacity(total)
        for i in 0..<k {
            for j in (i + 1)..<max(k, i + 1) {
                x.removeAll(keepingCapacity: true)
                y.removeAll(keepingCapacity: true)
                for row in 0..<total {
                    let a = columns[i][row], b = columns[j][row]
                    if !a.isNaN && !b.isNaN {
                        x.append(a)
                        y.append(b)
                    }
                }
                let n = x.count
                let context = "correlation of \(names[i]) and \(names[j]) (pairwise)"
                guard n >= 3 else { throw .tooFewObservations(context: context, needed: 3, found: n) }
                try requireVariation(x, variable: names[i], context: "\(context), N = \(n)")
                try requireVariation(y, variable: names[j], context: "\(context), N = \(n)")
                var u = method == .spearman ? averageRanks(x) : x
                var v = method == .spearman ? averageRanks(y) : y
                centre(&u)
                centre(&v)
                var suv = 0.0, suu = 0.0, svv = 0.0
                for t in 0..<n {
                    suv += u[t] * v[t]
                    suu += u[t] * u[t]
                    svv += v[t] * v[t]
                }
                let rij = correlation(suv, suu, svv)
                r[i][j] = rij
                r[j][i] = rij
                let pij = try correlationPValue(rij, observations: n)
                p[i][j] = pij
                p[j][i] = pij
                counts[i][j] = n
                counts[j][i] = n
                smallest = min(smallest, n)
            }
        }
        if smallest == Int.max { smallest = counts[0][0] }
        return (smallest, r, p, counts)
    }

    /// A constant variable has no correlation; say so instead of dividing 0 by 0.
    private static func requireVariation(_ sample: [Double], variable: String, context: String)
        throws(DescriptiveError)
    {
        guard let first = sample.first, sample.contains(where: { $0 != first }) else {
            throw .zeroVariance(variable: variable, context: context)
        }
    }

    /// `sxy / √(sxx syy)`, clamped to [−1, 1]. One square root of the product (not a product of
    /// roots) keeps an exact linear relation at exactly ±1; the product of roots is the fallback
    /// when the product overflows.
    private static func correlation(_ sxy: Double, _ sxx: Double, _ syy: Double) -> Double {
        var denominator = (sxx * syy).squareRoot()
        if !denominator.isFinite || denominator == 0 { denominator = sxx.squareRoot() * syy.squareRoot() }
        return min(1, max(-1, sxy / denominator))
    }
}

/// Subtracts the mean in place and returns it. The mean gets one refinement pass (the mean
/// of the residuals from the naive mean), so the centred values sum to zero to rounding even
/// when the mean is large relative to the spread.
@discardableResult
func centre(_ values: inout [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let n = Double(values.count)
    var mean = values.reduce(0, +) / n
    var correction = 0.0
    for v in values { correction += v - mean }
    mean += correction / n
    for t in values.indices { values[t] -= mean }
    return mean
}
