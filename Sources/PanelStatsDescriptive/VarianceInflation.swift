import PanelStatsLinearAlgebra

/// Which design matrix the variance inflation factors describe.
public enum VIFDesign: String, Sendable, Codable, CaseIterable {
    /// The regressors as they enter pooled OLS with a constant (Stata `estat vif` after `regress`).
    case pooled
    /// The regressors after the within (entity-demeaning) transformation of a fixed-effects
    /// model, i.e. the variation the FE estimator actually uses.
    case within
}

/// Variance inflation factors, one per regressor, and their maximum.
///
/// `VIF_j = 1 / (1 − R²_j)`, where R²_j is the centred R² of regressing regressor j on the other
/// regressors and a constant. This is Stata's `estat vif` (uncentred = no) after `regress`, and
/// statsmodels' `variance_inflation_factor(exog, j)` when `exog` includes the constant column.
/// It equals the j-th diagonal element of the inverse correlation matrix of the regressors and
/// is computed that way — from a Householder QR of the centred, unit-length columns
/// (`VIF_j = ‖row j of R⁻¹‖²`) rather than by p separate regressions.
///
/// For ``VIFDesign/within`` the same formula is applied to the entity-demeaned regressors
/// (adding back the grand mean, as `xtreg, fe` does, would not change the centred R²).
public struct VarianceInflation: Sendable, Codable, Equatable {
    public let design: VIFDesign
    /// Regressor names (the constant is implied, not listed).
    public let variables: [String]
    /// `vif[j]` belongs to `variables[j]`.
    public let vif: [Double]
    /// Observations used (rows with a missing regressor are dropped, as in the estimation sample).
    public let nobs: Int

    /// The largest VIF and its regressor (the "max VIF" row of a regression table).
    public var maximum: (variable: String, value: Double)? {
        guard let j = vif.indices.max(by: { vif[$0] < vif[$1] }) else { return nil }
        return (variables[j], vif[j])
    }

    /// VIFs of the pooled design. `design` holds the regressors only (n × p, no constant column).
    /// - Throws: ``DescriptiveError/zeroVariance(variable:context:)`` for a constant regressor;
    ///   ``DescriptiveError/collinear(variable:design:)`` for a regressor that is a linear combination
    ///   of the ones before it; ``DescriptiveError/tooFewObservations(context:needed:found:)``.
    public init(pooled design: Matrix, names: [String]) throws(DescriptiveError) {
        try self.init(design: design, names: names, entity: nil)
    }

    /// VIFs of the within-transformed design: each regressor minus its entity mean.
    /// - Parameter entity: a code per row identifying the entity (any integers).
    /// - Throws: as ``init(pooled:names:)``; a regressor that never varies within an entity (it
    ///   would be absorbed by the fixed effects) is reported as zero variance.
    public init(within design: Matrix, names: [String], entity: [Int]) throws(DescriptiveError) {
        try self.init(design: design, names: names, entity: entity)
    }

    private init(design: Matrix, names: [String], entity: [Int]?) throws(DescriptiveError) {
        let p = design.columns
        guard names.count == p else { throw .lengthMismatch("\(p) regressors but \(names.count) names") }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { throw .duplicateVariable(name) }
        if let entity, entity.count != design.rows {
            throw .lengthMismatch("\(entity.count) entity codes for \(design.rows) rows")
        }
        let label = entity == nil ? "VIF (pooled design)" : "VIF (within design)"
        // Estimation sample: rows with every regressor present.
        let rows = (0..<design.rows).filter { i in !(0..<p).contains { design[i, $0].isNaN } }
        let n = rows.count
        guard n >= p + 1, n >= 3 else { throw .tooFewObservations(context: label, needed: max(p + 1, 3), found: n) }
        let codes = entity.map { e in rows.map { e[$0] } }

        var z = Matrix(rows: n, columns: p)
        for j in 0..<p {
            var x = rows.map { design[$0, j] }
            if let codes {
                guard Self.demeanWithin(&x, codes: codes) else {
                    throw .zeroVariance(variable: names[j], context: "\(label): it does not vary within any entity")
                }
            } else {
                guard let first = x.first, x.contains(where: { $0 != first }) else {
                    throw .zeroVariance(variable: names[j], context: label)
                }
                centre(&x)
            }
            // Unit length: VIF is scale-free, and equal column norms keep R well conditioned.
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for t in 0..<n { z.storage[j * n + t] = x[t] / norm }
        }
        let inverse: Matrix
        do {
            let qr = try HouseholderQR(z)
            // |R_jj| = distance of column j from the span of the columns before it = √(1 − R²) of
            // that partial regression; at this size the matrix is numerically singular.
            for (j, d) in qr.rDiagonal.enumerated() where abs(d) < 1e-9 {
                throw DescriptiveError.collinear(variable: names[j], design: label)
            }
            inverse = try qr.inverseGram()
        } catch let error as DescriptiveError {
            throw error
        } catch let error as LinearAlgebraError {
            throw .linearAlgebra(error)
        } catch {
            throw .lengthMismatch("\(error)")
        }
        self.design = entity == nil ? .pooled : .within
        variables = names
        vif = (0..<p).map { inverse[$0, $0] }
        nobs = n
    }

    /// Subtracts each entity's mean; returns false when nothing is left (no within variation).
    private static func demeanWithin(_ x: inout [Double], codes: [Int]) -> Bool {
        var sums: [Int: (sum: Double, count: Int, first: Double, varies: Bool)] = [:]
        for (t, c) in codes.enumerated() {
            if var cell = sums[c] {
                cell.sum += x[t]
                cell.count += 1
                if x[t] != cell.first { cell.varies = true }
                sums[c] = cell
            } else {
                sums[c] = (x[t], 1, x[t], false)
            }
        }
        guard sums.values.contains(where: { $0.varies }) else { return false }
        for (t, c) in codes.enumerated() {
            guard let cell = sums[c] else { continue }
            x[t] = cell.varies ? x[t] - cell.sum / Double(cell.count) : 0
        }
        return true
    }
}
