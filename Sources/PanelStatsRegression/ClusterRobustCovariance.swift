import PanelStatsData
import PanelStatsLinearAlgebra

/// One-way and multi-way cluster-robust covariance (Cameron, Gelbach & Miller 2011):
///
///     V = Σ_{S ⊆ {1..R}, S ≠ ∅} (−1)^{|S|+1} c_S · B M_S B,
///     M_S = Σ_g s_g s_gᵀ,  s_g = Σ_{i ∈ g} wᵢ eᵢ zᵢ,
///
/// over every non-empty set S of the R cluster variables, where the groups g of S are the
/// intersections of their clusters (for two variables: `V₁ + V₂ − V₁₂`), `B = (ZᵀWZ)⁻¹` is the
/// bread of the (demeaned) design Z, and `c_S` the small-sample factor of the term
/// (``SmallSampleCorrection``). With one variable this is the usual CR1-type sandwich.
///
/// The inclusion–exclusion sum is not guaranteed positive semi-definite; a negative variance on
/// the diagonal is reported as a NaN standard error (as pyfixest and Stata do), never clipped
/// silently.
public enum ClusterRobustCovariance {
    /// One term of the CGM sum: a grouping (dense codes) and its sign.
    public struct Term: Sendable {
        /// The cluster variables intersected in this term.
        public var variables: [String]
        /// Group code of each observation, `0..<count`.
        public var codes: [Int32]
        /// Number of (non-empty) groups.
        public var count: Int
        /// `(−1)^{|S|+1}`.
        public var sign: Double
    }

    /// The `2^R − 1` terms for the cluster variables `clusters` (all over the same observations).
    /// - Throws: ``FixedEffectsError/singleCluster(variable:level:)`` for a variable with one level;
    ///   ``FixedEffectsError/dimensionMismatch(_:)`` for different lengths.
    public static func terms(_ clusters: [GroupIndex]) throws(FixedEffectsError) -> [Term] {
        guard let first = clusters.first else { return [] }
        for c in clusters {
            guard c.codes.count == first.codes.count else {
                throw .dimensionMismatch("cluster \(c.name) has \(c.codes.count) observations, \(first.name) has \(first.codes.count)")
            }
            if c.count < 2 { throw .singleCluster(variable: c.name, level: c.labelSource.first ?? "") }
        }
        var result: [Term] = []
        let r = clusters.count
        for mask in 1..<(1 << r) {
            let members = (0..<r).filter { mask & (1 << $0) != 0 }
            var codes = clusters[members[0]].codes
            var count = clusters[members[0]].count
            for m in members.dropFirst() {
                (codes, count) = intersect(codes, count, clusters[m].codes, clusters[m].count)
            }
            result.append(Term(variables: members.map { clusters[$0].name }, codes: codes, count: count,
                               sign: members.count % 2 == 1 ? 1 : -1))
        }
        return result
    }

    /// `V = Σ_t sign_t factor_t · B M_t B` for the design `z` (n × p, unweighted rows), residuals
    /// `e` and optional analytic weights `w` (scores `wᵢ eᵢ zᵢ`).
    public static func covariance(
        bread: Matrix, design z: Matrix, residuals e: [Double], weights w: [Double]?, terms: [Term], factors: [Double]
    ) throws(FixedEffectsError) -> Matrix {
        let n = z.rows, p = z.columns
        guard e.count == n, w.map({ $0.count == n }) ?? true, terms.count == factors.count,
              bread.rows == p, bread.columns == p else {
            throw .dimensionMismatch("cluster-robust covariance: design \(n)×\(p), \(e.count) residuals, bread \(bread.rows)×\(bread.columns)")
        }
        let u: [Double] = w.map { w in (0..<n).map { w[$0] * e[$0] } } ?? e
        var meat = Matrix(rows: p, columns: p)
        for (term, factor) in zip(terms, factors) {
            let m: Matrix
            do {
                m = try Sandwich.clusterMeat(design: z, residuals: u, clusters: term.codes, clusterCount: term.count)
            } catch {
                throw .regression(error)
            }
            let scale = term.sign * factor
            for k in 0..<(p * p) { meat.storage[k] += scale * m.storage[k] }
        }
        do {
            return try Sandwich.covariance(bread: bread, meat: meat)
        } catch {
            throw .regression(error)
        }
    }

    /// Dense codes of the intersection of two groupings (pairs that occur, in order of first
    /// appearance).
    static func intersect(_ a: [Int32], _ countA: Int, _ b: [Int32], _ countB: Int) -> ([Int32], Int) {
        var map: [Int: Int32] = [:]
        var codes = [Int32](repeating: 0, count: a.count)
        for i in 0..<a.count {
            let key = Int(a[i]) * countB + Int(b[i])
            if let code = map[key] {
                codes[i] = code
            } else {
                let code = Int32(map.count)
                map[key] = code
                codes[i] = code
            }
        }
        return (codes, map.count)
    }
}
