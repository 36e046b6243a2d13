import Foundation
import PanelStats

/// Builds HK6 and HK5 spending per ftu for given regressors so that:
/// - the within (FE) estimates of the 8 regressors equal Table 5.8 in all three periods exactly:
///   with w_k the two-way-demeaned regressor split into its 2014-2016 part v1, 2017-2019 part v2 and
///   half-shift part h (mutually orthogonal), y's within part is Σ_k v1_k β1_k + v2_k β2_k + h_k c_k
///   with c = H⁻¹(V βfull − V1 β1 − V2 β2), so the 2014-2016, 2017-2019 and 2014-2019 estimators
///   (V1⁻¹v1ᵀy, V2⁻¹v2ᵀy, V⁻¹wᵀy) return β1, β2 and βfull;
/// - a minimum-norm correction orthogonal to every v1, v2, h then meets the group means of Figures
///   5.7-5.9 (2014-2018; 2019 follows), each jobcentre's 2017-2019 mean (Table 5.9 design), the
///   national HK5 and HK6 totals of Table 5.3 and the unweighted HK6 year means of
///   ``fittedHK6YearMeans()`` (closest to Table 5.8's year dummies and constants), exactly;
/// - noise in the null space of all those constraints, proportional to each jobcentre's HK6 and HK5
///   level, is scaled (Levenberg–Marquardt on 12 scales, 9 equations) so each model's residual sum
///   of squares is σ²·df with σ chosen to match the published SEs given the regressors' actual
///   within Gram matrices.
struct SpendingCalibrator {
    typealias A = PanelAlgebra
    let n = PanelAlgebra.count, nJ = PanelAlgebra.units, nT = PanelAlgebra.periods
    let ftu: [Double]
    var v1: [[Double]] = [], v2: [[Double]] = [], h: [[Double]] = [], w: [[Double]] = []
    let levelTotal: [Double], levelHK6: [Double], crossSection: [Double]
    let groupRows: [[Double]]
    let groupTargets: [[Double]]
    /// Unweighted year means (2014-2019) of the 8 regressors, [k][t], and of total spending per ftu
    /// (fixed by Figure 5.8's framework-group means).
    let regressorYearMeans: [[Double]]
    let totalYearMeans: [Double]
    let hk6YearMeanPrior: [Double]

    init(derived: VIVE2021DerivedVariables, state: GeneratorState) throws(VIVE2021DatasetError) {
        ftu = derived.ftuTotal
        for r in VIVE2021Regressor.allCases {
            let full = A.twoWayDemeaned(derived.values(of: r), years: 0..<6)
            let p = A.halfParts(full)
            v1.append(p.v1); v2.append(p.v2); h.append(p.h); w.append(full)
        }
        levelTotal = state.levelTotal
        levelHK6 = state.levelHK6
        crossSection = state.crossSection
        groupRows = state.groupRows()
        groupTargets = (0..<6).map { state.groupTargets($0) }
        let nJ = PanelAlgebra.units, nT = PanelAlgebra.periods
        regressorYearMeans = VIVE2021Regressor.allCases.map { r in
            let x = derived.values(of: r)
            return (0..<nT).map { t in (0..<nJ).reduce(0.0) { $0 + x[$1 * nT + t] } / Double(nJ) }
        }
        let sizes = (1...4).map { g in Double(state.jobcentres.filter { $0.frameworkGroup == g }.count) }
        totalYearMeans = (0..<nT).map { t in
            (0..<4).reduce(0.0) { $0 + sizes[$1] * VIVE2021Published.byFrameworkGroup[$1][t] } / Double(nJ)
        }
        hk6YearMeanPrior = state.design.hk6YearMeans
    }

    /// The unweighted HK6 year means m_t (2014-2019) that bring Table 5.8's HK6 and HK5 year dummies
    /// and constants closest to the published values, in units of their published SEs.
    ///
    /// In a balanced panel with jobcentre fixed effects and year dummies, the within slopes do not
    /// depend on the year means, and given the slopes β the year dummy and the xtreg constant are
    /// linear in the dependent variable's year means: γ_t = (ȳ_t − ȳ_ref) − (x̄_t − x̄_ref)ᵀβ and
    /// _cons = ȳ_ref − x̄_refᵀβ (ref = the period's first year). The total's year means are fixed by
    /// Figure 5.8, so HK5's are Ȳ_t − m_t and all 18 HK6/HK5 dummies and 6 constants are linear in m.
    /// m has 5 free steps for 18 dummies, so this is a weighted least-squares fit (weights 1/SE),
    /// with the average of m held at the design's prior (the dummies do not identify the level).
    func fittedHK6YearMeans() throws(VIVE2021DatasetError) -> [Double] {
        let pub = VIVE2021Published.self
        var rows: [[Double]] = [], rhs: [Double] = []
        func xbar(_ t: Int, _ beta: [Double]) -> Double {
            (0..<8).reduce(0.0) { $0 + regressorYearMeans[$1][t] * beta[$1] }
        }
        for (p, years) in [0..<6, 0..<3, 3..<6].enumerated() {
            let ref = years.lowerBound
            let b6 = pub.coefficients[p][1], b5 = pub.coefficients[p][2]
            for (j, t) in years.dropFirst().enumerated() {
                var step = [Double](repeating: 0, count: nT)
                step[t] = 1
                step[ref] = -1
                // HK6: m_t − m_ref = γ6 + (x̄_t − x̄_ref)ᵀβ6.
                let se6 = pub.yearStandardErrors[p][1][j]
                rows.append(step.map { $0 / se6 })
                rhs.append((pub.yearCoefficients[p][1][j] + xbar(t, b6) - xbar(ref, b6)) / se6)
                // HK5: (Ȳ_t − m_t) − (Ȳ_ref − m_ref) = γ5 + (x̄_t − x̄_ref)ᵀβ5.
                let se5 = pub.yearStandardErrors[p][2][j]
                rows.append(step.map { -$0 / se5 })
                rhs.append((pub.yearCoefficients[p][2][j] + xbar(t, b5) - xbar(ref, b5) - totalYearMeans[t] + totalYearMeans[ref]) / se5)
            }
            var level = [Double](repeating: 0, count: nT)
            level[ref] = 1
            let c6 = pub.constantStandardErrors[p][1], c5 = pub.constantStandardErrors[p][2]
            rows.append(level.map { $0 / c6 })
            rhs.append((pub.constants[p][1] + xbar(ref, b6)) / c6)
            rows.append(level.map { -$0 / c5 })
            rhs.append((pub.constants[p][2] + xbar(ref, b5) - totalYearMeans[ref]) / c5)
        }
        // The level: the prior's average, held to within a few DKK.
        let levelSD = 1.0
        rows.append([Double](repeating: 1.0 / (Double(nT) * levelSD), count: nT))
        rhs.append(A.mean(hk6YearMeanPrior) / levelSD)
        var m = Matrix(rows: rows.count, columns: nT)
        for (a, row) in rows.enumerated() { for t in 0..<nT { m[a, t] = row[t] } }
        return try A.leastSquares(m, rhs)
    }

    /// Period regressors (within-transformed) and df: 0 = 2014-2019, 1 = 2014-2016, 2 = 2017-2019.
    func periodRegressors(_ p: Int) -> [[Double]] { p == 0 ? w : p == 1 ? v1 : v2 }
    func periodYears(_ p: Int) -> Range<Int> { p == 0 ? 0..<6 : p == 1 ? 0..<3 : 3..<6 }
    func residualDF(_ p: Int) -> Double { p == 0 ? 564 - 94 - 13 : 282 - 94 - 10 }

    func jcMean1719(_ x: [Double]) -> [Double] {
        (0..<nJ).map { i in (x[i * nT + 3] + x[i * nT + 4] + x[i * nT + 5]) / 3 }
    }

    func calibrate(rng: inout SeededRandom) throws(VIVE2021DatasetError) -> (hk6: [Double], hk5: [Double]) {
        let pub = VIVE2021Published.self
        let V1 = A.gram(v1), V2 = A.gram(v2), H = A.gram(h), VF = A.gram(w)
        // Within parts with exact FE coefficients, for HK6 (dependent 1) and HK5 (dependent 2).
        var within: [[Double]] = []
        for d in 1...2 {
            let bF = pub.coefficients[0][d], b1 = pub.coefficients[1][d], b2 = pub.coefficients[2][d]
            var rhs = [Double](repeating: 0, count: 8)
            for a in 0..<8 {
                for b in 0..<8 { rhs[a] += VF[a, b] * bF[b] - V1[a, b] * b1[b] - V2[a, b] * b2[b] }
            }
            let c = try A.solveSquare(H, rhs)
            var t = [Double](repeating: 0, count: n)
            for k in 0..<8 {
                for o in 0..<n { t[o] += v1[k][o] * b1[k] + v2[k][o] * b2[k] + h[k][o] * c[k] }
            }
            within.append(t)
        }
        let shift6 = jcMean1719(within[0])
        let shiftT = jcMean1719(zip(within[0], within[1]).map { $0 + $1 })
        var y0 = [Double](repeating: 0, count: 2 * n)
        for o in 0..<n {
            let i = o / nT
            let total = levelTotal[o] + within[0][o] + within[1][o] - shiftT[i]
            y0[o] = levelHK6[o] + within[0][o] - shift6[i]
            y0[n + o] = total - y0[o]
        }

        // Constraint rows on (HK6 block, HK5 block) and the required changes.
        var rows: [[Double]] = []
        var change: [Double] = []
        func both(_ r: [Double]) -> [Double] { r + r }
        // The level design has group × year structure that is not orthogonal to the regressors:
        // these rows restore the exact FE estimates (v'y must equal v'T).
        let withinBoth = within[0] + within[1]
        for d in 0..<2 {
            for part in [v1, v2, h] {
                for k in 0..<8 {
                    let row = d == 0 ? part[k] + [Double](repeating: 0, count: n) : [Double](repeating: 0, count: n) + part[k]
                    rows.append(row)
                    change.append(A.dot(row, withinBoth) - A.dot(row, y0))
                }
            }
        }
        for t in 0..<5 {
            for (g, groupRow) in groupRows.enumerated() {
                var r = [Double](repeating: 0, count: n)
                for i in 0..<nJ { r[i * nT + t] = groupRow[i] }
                let full = both(r)
                rows.append(full)
                change.append(groupTargets[t][g] - A.dot(full, y0))
            }
        }
        for i in 0..<nJ {
            var r = [Double](repeating: 0, count: n)
            for t in 3..<6 { r[i * nT + t] = 1.0 / 3 }
            let full = both(r)
            rows.append(full)
            change.append(crossSection[i] - A.dot(full, y0))
        }
        for d in 0..<2 {
            for t in 0..<nT {
                var r = [Double](repeating: 0, count: n)
                var total = 0.0
                for i in 0..<nJ { total += ftu[i * nT + t] }
                for i in 0..<nJ { r[i * nT + t] = ftu[i * nT + t] / total }
                let full = d == 0 ? r + [Double](repeating: 0, count: n) : [Double](repeating: 0, count: n) + r
                let national = (d == 0 ? pub.hk6MillionDKK[t] : pub.hk5MillionDKK[t]) * 1e6 / total
                rows.append(full)
                change.append(national - A.dot(full, y0))
            }
        }
        let hk6Means = try fittedHK6YearMeans()
        for t in 0..<nT {
            var r = [Double](repeating: 0, count: 2 * n)
            for i in 0..<nJ { r[i * nT + t] = 1.0 / Double(nJ) }
            rows.append(r)
            change.append(hk6Means[t] - A.dot(r, y0))
        }
        let corrector = try MinimumNormCorrector(rows: rows)
        let delta = try corrector.correction(change)
        let yDet = zip(y0, delta).map { $0 + $1 }

        func block(_ x: [Double], _ d: Int) -> [Double] {
            switch d {
            case 1: return Array(x[0..<n])
            case 2: return Array(x[n..<(2 * n)])
            default: return (0..<n).map { x[$0] + x[n + $0] }
            }
        }
        // Residual makers per period.
        var factors: [Cholesky] = []
        for p in 0..<3 { factors.append(try A.la { () throws(LinearAlgebraError) in try Cholesky(A.gram(periodRegressors(p))) }) }
        func residual(_ p: Int, _ x: [Double]) throws(VIVE2021DatasetError) -> [Double] {
            var r = A.twoWayDemeaned(x, years: periodYears(p))
            let regs = periodRegressors(p)
            var rhs = Matrix(rows: 8, columns: 1)
            for k in 0..<8 { rhs[k, 0] = A.dot(regs[k], r) }
            let fp = factors[p]
            let coef = try A.la { () throws(LinearAlgebraError) in try fp.solve(rhs) }
            for k in 0..<8 { for o in 0..<n { r[o] -= coef[k, 0] * regs[k][o] } }
            return r
        }
        // Residual SD targets: match the published SEs given the actual within Gram matrices.
        var target = [[Double]](repeating: [0, 0, 0], count: 3)
        for p in 0..<3 {
            let inv = try A.la { () throws(LinearAlgebraError) in try factors[p].inverse() }
            for d in 0..<3 {
                var s = 0.0
                for k in 0..<8 { s += log(pub.standardErrors[p][d][k]) - 0.5 * log(inv[k, k]) }
                let sigma = exp(s / 8)
                target[p][d] = sigma * sigma * residualDF(p)
            }
        }
        // Noise directions: parts (2014-2016 within, 2017-2019 within, 2014-2016 level) × kinds
        // (HK6 only, HK5 only, opposite, same), projected onto the constraints' null space. The noise
        // is proportional to each jobcentre's HK6 and HK5 level (spending varies in proportion to
        // its size), which keeps jobcentres with low spending per ftu from going negative.
        func relativeLevel(_ x: [Double]) -> [Double] {
            let jobcentre = (0..<nJ).map { i in (0..<nT).reduce(0.0) { $0 + x[i * nT + $1] } / Double(nT) }
            let mean = A.mean(jobcentre)
            return jobcentre.map { min(max($0 / mean, 0.35), 2.0) }
        }
        let scale6 = relativeLevel(levelHK6)
        let scale5 = relativeLevel(zip(levelTotal, levelHK6).map { $0 - $1 })
        var directions: [[Double]] = []
        for part in 0..<3 {
            for kind in 0..<4 {
                var z = [Double](repeating: 0, count: n)
                for i in 0..<nJ {
                    let u = rng.normal()
                    for t in 0..<nT {
                        switch part {
                        case 0: if t < 3 { z[i * nT + t] = rng.normal() }
                        case 1: if t >= 3 { z[i * nT + t] = rng.normal() }
                        default: if t < 3 { z[i * nT + t] = u }
                        }
                    }
                }
                let zero = [Double](repeating: 0, count: n)
                let z6 = (0..<n).map { z[$0] * scale6[$0 / nT] }
                let z5 = (0..<n).map { z[$0] * scale5[$0 / nT] }
                let full: [Double]
                switch kind {
                case 0: full = z6 + zero
                case 1: full = zero + z5
                case 2: full = z6 + z5.map { -$0 }
                default: full = z6 + z5
                }
                directions.append(try corrector.projectedOntoNullSpace(full))
            }
        }
        // Quadratic forms RSS_e(θ) = ‖a + Σ θ_j b_j‖² for e = (period, dependent).
        let m = directions.count
        var aa: [Double] = [], ab: [[Double]] = [], bb: [[[Double]]] = [], goal: [Double] = [], labels: [String] = []
        for p in 0..<3 {
            for d in 0..<3 {
                let a = try residual(p, block(yDet, d))
                var bs: [[Double]] = []
                for j in 0..<m { bs.append(try residual(p, block(directions[j], d))) }
                aa.append(A.dot(a, a))
                ab.append(bs.map { A.dot(a, $0) })
                bb.append(bs.map { bj in bs.map { A.dot(bj, $0) } })
                goal.append(target[p][d])
                labels.append(["2014-2019", "2014-2016", "2017-2019"][p] + " " + ["total", "HK6", "HK5"][d])
            }
        }
        func evaluate(_ theta: [Double]) -> (f: [Double], j: [[Double]]) {
            var f: [Double] = [], jac: [[Double]] = []
            for e in 0..<goal.count {
                var rss = aa[e]
                var grad = [Double](repeating: 0, count: m)
                for j in 0..<m {
                    var bt = 0.0
                    for k in 0..<m { bt += bb[e][j][k] * theta[k] }
                    rss += 2 * ab[e][j] * theta[j] + theta[j] * bt
                    grad[j] = (2 * ab[e][j] + 2 * bt) / goal[e]
                }
                f.append(rss / goal[e] - 1)
                jac.append(grad)
            }
            return (f, jac)
        }
        var theta = [Double](repeating: 0, count: m)
        for part in 0..<3 {
            let e = (part == 0 ? 1 : part == 1 ? 2 : 0) * 3
            theta[part * 4] = (0.3 * goal[e + 1] / max(bb[e + 1][part * 4][part * 4], 1e-12)).squareRoot()
            theta[part * 4 + 1] = (0.3 * goal[e + 2] / max(bb[e + 2][part * 4 + 1][part * 4 + 1], 1e-12)).squareRoot()
        }
        var current = evaluate(theta)
        var lambda = 1e-2
        func norm2(_ f: [Double]) -> Double { f.reduce(0) { $0 + $1 * $1 } }
        for _ in 0..<400 {
            if current.f.allSatisfy({ abs($0) < 1e-13 }) { break }
            var jtj = Matrix(rows: m, columns: m)
            var jtf = [Double](repeating: 0, count: m)
            for a in 0..<m {
                for e in 0..<goal.count { jtf[a] -= current.j[e][a] * current.f[e] }
                for b in 0..<m {
                    var s = 0.0
                    for e in 0..<goal.count { s += current.j[e][a] * current.j[e][b] }
                    jtj[a, b] = s
                }
            }
            for a in 0..<m { jtj[a, a] += lambda * (jtj[a, a] + 1e-9) }
            let step = try A.solveSquare(jtj, jtf)
            let trial = zip(theta, step).map { $0 + $1 }
            let next = evaluate(trial)
            if norm2(next.f) < norm2(current.f) {
                theta = trial
                current = next
                lambda = max(lambda / 3, 1e-12)
            } else {
                lambda *= 4
            }
        }
        for e in 0..<goal.count where abs(current.f[e]) > 1e-3 {
            throw .calibrationFailed("residual variance of the \(labels[e]) model is off by \(current.f[e] * 100) % (needs more within noise than the targets leave)")
        }
        var y = yDet
        for j in 0..<m { for o in 0..<(2 * n) { y[o] += theta[j] * directions[j][o] } }
        return (Array(y[0..<n]), Array(y[n..<(2 * n)]))
    }
}
