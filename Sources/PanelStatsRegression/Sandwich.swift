import PanelStatsLinearAlgebra

/// The building blocks of sandwich covariance estimators `V = c · B M B`, shared by OLS and the
/// within (fixed-effects) estimator:
/// - the bread `B = (XᵀX)⁻¹` (``LeastSquaresFit/inverseGram``),
/// - a meat `M` (``heteroskedasticMeat(design:residuals:leverages:kind:)`` or
///   ``clusterMeat(design:residuals:clusters:clusterCount:)``),
/// - a small-sample factor `c`, passed separately so that each caller can apply the convention of
///   the peer it reproduces (``hc1Correction(observations:parameters:)``,
///   ``clusterCorrection(clusters:observations:parameters:)``, or an FE-specific one).
///
/// `design` is always the n × k matrix of the estimated columns (√wᵢ-scaled rows when weighted,
/// demeaned for the within estimator) and `residuals` the matching eᵢ.
public enum Sandwich {
    /// How each observation's squared residual enters a heteroskedasticity-consistent meat.
    public enum Weighting: Sendable, Hashable {
        /// `ωᵢ = eᵢ²` (HC0, and HC1 with its factor).
        case squaredResidual
        /// `ωᵢ = eᵢ² / (1 − hᵢ)` (HC2, MacKinnon–White 1985).
        case leverageAdjusted
        /// `ωᵢ = eᵢ² / (1 − hᵢ)²` (HC3, the jackknife approximation).
        case jackknife
    }

    /// `M = Σᵢ ωᵢ xᵢxᵢᵀ = Xᵀ diag(ω) X`, formed as `ZᵀZ` (BLAS `dsyrk`) with `Z = diag(√ωᵢ) X`.
    /// - Parameter leverages: `hᵢ`, required for `.leverageAdjusted` and `.jackknife`.
    /// - Throws: ``RegressionError/leverageOne(observation:estimator:)`` when `1 − hᵢ` vanishes.
    public static func heteroskedasticMeat(
        design: Matrix, residuals: [Double], leverages: [Double]? = nil, kind: Weighting
    ) throws(RegressionError) -> Matrix {
        let n = design.rows
        guard residuals.count == n else {
            throw .dimensionMismatch("\(residuals.count) residuals for a design with \(n) rows")
        }
        var rootWeight = residuals.map { abs($0) }
        if kind != .squaredResidual {
            guard let leverages, leverages.count == n else {
                throw .dimensionMismatch("HC2/HC3 need one leverage per observation")
            }
            let estimator = kind == .leverageAdjusted ? "HC2" : "HC3"
            for i in 0..<n {
                let complement = 1 - leverages[i]
                guard complement > 1e-12 else { throw .leverageOne(observation: i, estimator: estimator) }
                rootWeight[i] /= kind == .leverageAdjusted ? complement.squareRoot() : complement
            }
        }
        var z = design
        z.storage.withUnsafeMutableBufferPointer { s in
            for j in 0..<design.columns {
                let base = j * n
                for i in 0..<n { s[base + i] *= rootWeight[i] }
            }
        }
        do { return try z.gram() } catch { throw .linearAlgebra(error) }
    }

    /// `M = Σ_g s_g s_gᵀ` with cluster scores `s_g = Σ_{i ∈ g} xᵢ eᵢ`: the G × k score matrix S is
    /// accumulated column by column, then `M = SᵀS` (BLAS `dsyrk`).
    /// - Parameters:
    ///   - clusters: dense cluster codes `0..<clusterCount`, one per observation.
    /// - Throws: ``RegressionError/invalidClusterCodes(_:)`` for codes out of range or of the wrong length.
    public static func clusterMeat(
        design: Matrix, residuals: [Double], clusters: [Int32], clusterCount: Int
    ) throws(RegressionError) -> Matrix {
        let scores = try clusterScores(design: design, residuals: residuals, clusters: clusters, clusterCount: clusterCount)
        do { return try scores.gram() } catch { throw .linearAlgebra(error) }
    }

    /// The G × k matrix of cluster scores `s_g = Σ_{i ∈ g} xᵢ eᵢ` (for multi-way clustering, which
    /// combines meats of several groupings).
    public static func clusterScores(
        design: Matrix, residuals: [Double], clusters: [Int32], clusterCount: Int
    ) throws(RegressionError) -> Matrix {
        let n = design.rows, k = design.columns
        guard residuals.count == n else {
            throw .dimensionMismatch("\(residuals.count) residuals for a design with \(n) rows")
        }
        guard clusters.count == n else {
            throw .invalidClusterCodes("\(clusters.count) cluster codes for \(n) observations")
        }
        guard clusterCount > 0 else { throw .invalidClusterCodes("cluster count \(clusterCount)") }
        if let bad = clusters.firstIndex(where: { $0 < 0 || Int($0) >= clusterCount }) {
            throw .invalidClusterCodes("code \(clusters[bad]) at observation \(bad + 1) is outside 0..<\(clusterCount)")
        }
        var scores = Matrix(rows: clusterCount, columns: k)
        scores.storage.withUnsafeMutableBufferPointer { s in
            design.storage.withUnsafeBufferPointer { x in
                for j in 0..<k {
                    let source = j * n, target = j * clusterCount
                    for i in 0..<n { s[target + Int(clusters[i])] += x[source + i] * residuals[i] }
                }
            }
        }
        return scores
    }

    /// `V = c · B M B` for a symmetric bread `B` and meat `M` (two `dgemm`s), symmetrised.
    public static func covariance(bread: Matrix, meat: Matrix, scale: Double = 1) throws(RegressionError) -> Matrix {
        do {
            var v = try bread.multiplied(by: try meat.multiplied(by: bread))
            let k = v.rows
            for j in 0..<k {
                for i in 0...j where i < k {
                    let value = scale * 0.5 * (v[i, j] + v[j, i])
                    v[i, j] = value
                    v[j, i] = value
                }
            }
            return v
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// HC1's factor `n / (n − k)`.
    public static func hc1Correction(observations n: Int, parameters k: Int) -> Double {
        Double(n) / Double(n - k)
    }

    /// CR1's factor `G/(G − 1) · (n − 1)/(n − k)`, as Stata's `regress, vce(cluster)` and
    /// statsmodels' `cov_type="cluster"` (default `use_correction=True`).
    public static func clusterCorrection(clusters g: Int, observations n: Int, parameters k: Int) -> Double {
        Double(g) / Double(g - 1) * Double(n - 1) / Double(n - k)
    }
}
