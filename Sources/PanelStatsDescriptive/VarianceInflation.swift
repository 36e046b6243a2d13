import PanelStatsLinearAlgebra
import PanelStatsRegression

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
/// (PanelStatsRegression's ``WithinTransform``, the FE estimator's own transformation; adding back
/// the grand mean, as `xtreg, fe` does, would not change the centred R²). This is *not* the VIF
/// of `regress y x i.entity` followed by `estat vif` (LSDV), whose R²_j also credits the entity
/// dummies with the between-entity variation of x_j and so comes out larger.
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
        let within: (transform: WithinTransform, codes: [Int32])?
        if let entity {
            within = try Self.withinTransform(rows.map { entity[$0] })
        } else {
            within = nil
        }

        var z = Matrix(rows: n, columns: p)
        for j in 0..<p {
            var x = rows.map { design[$0, j] }
            if let within {
                guard Self.variesWithinSomeEntity(x, codes: within.codes) else {
                    throw .zeroVariance(variable: names[j], context: "\(label): it does not vary within any entity")
                }
                x = within.transform.demeaned(x)
            } else {
                guard let first = x.first, x.contains(where: { $0 != first }) else {
                    throw .zeroVariance(variable: names[j], context: "\(label) (the constant is implied; leave it out of the design)")
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

    /// Dense codes for arbitrary entity identifiers, and the FE layer's within transformation on them.
    private static func withinTransform(_ entity: [Int]) throws(DescriptiveError) -> (transform: WithinTransform, codes: [Int32]) {
        var dense: [Int: Int32] = [:]
        var codes: [Int32] = []
        codes.reserveCapacity(entity.count)
        for e in entity {
            if let code = dense[e] {
                codes.append(code)
            } else {
                let code = Int32(dense.count)
                dense[e] = code
                codes.append(code)
            }
        }
        do {
            return (try WithinTransform(codes: codes, groupCount: dense.count), codes)
        } catch {
            throw .lengthMismatch(error.description)
        }
    }

    /// Whether some entity has two different values (otherwise the FE absorb the regressor).
    private static func variesWithinSomeEntity(_ x: [Double], codes: [Int32]) -> Bool {
        var first: [Int32: Double] = [:]
        for (t, c) in codes.enumerated() {
            if let value = first[c] {
                if value != x[t] { return true }
            } else {
                first[c] = x[t]
            }
        }
        return false
    }
}
