import Foundation
import PanelStats

/// Builds the synthetic VIVE 2021 panel (94 jobcentres × 2014-2019) from a seed.
///
/// The jobcentre series are **synthetic**: the report never published them. The generator draws
/// them so that every aggregate the report prints is reproduced (see `datasets/vive2021/README.md`):
/// 1. framework scores, populations, 17-64-year-olds and ftu % of 17-64 (the six-group ftu totals
///    of Table 5.4 are met exactly by scaling the 17-64 population per year);
/// 2. the 2017-2019 cross-section of spending per ftu is laid on Table 5.9's quantiles and Figure
///    5.10's bins while its group means meet Figures 5.7-5.9 (alternating projections);
/// 3. jobcentre levels of HK6 spending, the group shares, economic pressure and disability pension
///    with the designed correlations that carry Table 5.7 (``VIVE2021CalibrationDesign``); group
///    shares meet the national totals of Table 5.4 exactly; every regressor's within-jobcentre
///    variation is whitened to the designed Gram matrices;
/// 4. HK6 and HK5 spending per ftu are built so the fixed-effects estimates of all nine Table 5.8
///    models equal the published slopes exactly, then a minimum-norm correction orthogonal to the
///    regressors meets Figures 5.7-5.9, Table 5.9, Table 5.3 and the HK6 year means fitted to the
///    year dummies and constants, and the residual noise is scaled (Levenberg–Marquardt) so the
///    residual variance of every model matches its published SEs (``SpendingCalibrator``).
/// Values are rounded at write time (`VIVE2021Panel.csv()`), so the bytes do not depend on the
/// last bits of the BLAS in use.
public struct VIVE2021PanelGenerator: Sendable {
    /// The seed of the committed `datasets/vive2021/panel.csv`.
    public static let defaultSeed: UInt64 = 2021

    public let seed: UInt64
    /// The design constants (``VIVE2021CalibrationDesign/standard`` for the committed panel).
    let design: VIVE2021CalibrationDesign

    public init(seed: UInt64 = VIVE2021PanelGenerator.defaultSeed) {
        self.seed = seed
        self.design = .standard
    }

    init(seed: UInt64, design: VIVE2021CalibrationDesign) {
        self.seed = seed
        self.design = design
    }

    /// A generator with other design constants, for calibration work (`scripts/vive2021/tune_between.py`
    /// drives `panelstats dataset vive2021 --design FILE`): `json` has the keys of
    /// ``standardDesignJSON``. Any other design gives a panel that differs from the committed one.
    /// - Throws: ``VIVE2021DatasetError/calibrationFailed(_:)`` naming the problem when the JSON does
    ///   not decode to a complete design.
    public init(seed: UInt64, designJSON json: Data) throws(VIVE2021DatasetError) {
        do {
            self.init(seed: seed, design: try JSONDecoder().decode(VIVE2021CalibrationDesign.self, from: json))
        } catch {
            throw .calibrationFailed("design JSON: \(error)")
        }
    }

    /// The design constants of the committed panel as JSON (sorted keys), the starting point of
    /// calibration work.
    public static var standardDesignJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = (try? encoder.encode(VIVE2021CalibrationDesign.standard)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    typealias A = PanelAlgebra
    static let nJ = PanelAlgebra.units
    static let nT = PanelAlgebra.periods
    static let n = PanelAlgebra.count

    /// Generates the panel.
    /// - Throws: ``VIVE2021DatasetError/calibrationFailed(_:)`` when a target cannot be met for this seed.
    public func generate() throws(VIVE2021DatasetError) -> VIVE2021Panel {
        var state = GeneratorState(seed: seed, design: design)
        try state.run()
        return state.panel
    }
}

/// The generator's working state; one method per stage, run in a fixed order so the random
/// stream is consumed identically every time.
struct GeneratorState {
    typealias A = PanelAlgebra
    let nJ = PanelAlgebra.units, nT = PanelAlgebra.periods, n = PanelAlgebra.count
    var rng: SeededRandom
    let design: VIVE2021CalibrationDesign
    let jobcentres = VIVE2021Jobcentre.all

    // Stage outputs.
    var frameworkScore: [Double] = []
    var lnPopulation: [Double] = []        // per obs
    var population: [Double] = []          // per obs, integer valued
    var population1764: [Double] = []      // per obs, integer valued
    var ftuCents: [Int] = []               // six-group total per obs, in 1/100 ftu
    var fBetween: [Double] = []            // per jobcentre
    var growthQuartile: [Int] = []         // 0...3, 0 = largest fall
    var crossSection: [Double] = []        // c_i
    var levelTotal: [Double] = []          // per obs
    var levelHK6: [Double] = []
    var predictedYear: [[Double]] = []     // additive group model per year t, per jobcentre
    var predictedAverage: [Double] = []
    var groupCountsCents: [[Int]] = []     // per group, per obs
    var disabilityCents: [Int] = []
    var pressure: [Double] = []
    var panel = VIVE2021Panel(rows: [])

    init(seed: UInt64, design: VIVE2021CalibrationDesign) {
        rng = SeededRandom(seed: seed)
        self.design = design
    }

    mutating func run() throws(VIVE2021DatasetError) {
        try frameworkAndPopulation()
        try crossSectionDesign()
        try levels()
        try compositionAndControls()
        try spending()
    }

    // MARK: designed within variation

    /// Designed diagonal Gram matrices of the within variation per part (2014-2016 within, 2017-2019
    /// within, half shift) for regressor k: V = σ²/SE² per period, H = V_full − V_1 − V_2.
    func designedGram(_ k: Int) -> (v1: Double, v2: Double, h: Double) {
        let se = VIVE2021Published.standardErrors
        let s = design.totalResidualSD
        let full = s[0] * s[0] / (se[0][0][k] * se[0][0][k])
        let v1 = s[1] * s[1] / (se[1][0][k] * se[1][0][k])
        let v2 = s[2] * s[2] / (se[2][0][k] * se[2][0][k])
        return (v1, v2, max(full - v1 - v2, 0.05 * full))
    }

    /// A raw within pattern: a jobcentre-specific trend plus noise, scaled per observation.
    mutating func rawWithin(trend: Double, noise: Double, scale: (Int, Int) -> Double) -> [Double] {
        var x = [Double](repeating: 0, count: n)
        for i in 0..<nJ {
            let slope = rng.normal()
            for t in 0..<nT {
                x[i * nT + t] = scale(i, t) * (trend * slope * (Double(t) - 2.5) + noise * rng.normal())
            }
        }
        return x
    }

    /// Whitens the three parts of a block of raw within patterns to the designed Gram matrices,
    /// after removing the already fixed regressors' parts, and returns the summed within vectors.
    func whitenBlock(_ raw: [[Double]], regressors: [Int], fixed: [(v1: [Double], v2: [Double], h: [Double])])
        throws(VIVE2021DatasetError) -> [(v1: [Double], v2: [Double], h: [Double])]
    {
        let parts = raw.map { A.halfParts(A.twoWayDemeaned($0, years: 0..<6)) }
        let targets = regressors.map { designedGram($0) }
        let p1 = try A.whitened(try A.orthogonalized(parts.map(\.v1), against: fixed.map(\.v1)), target: targets.map(\.v1))
        let p2 = try A.whitened(try A.orthogonalized(parts.map(\.v2), against: fixed.map(\.v2)), target: targets.map(\.v2))
        let ph = try A.whitened(try A.orthogonalized(parts.map(\.h), against: fixed.map(\.h)), target: targets.map(\.h))
        return (0..<raw.count).map { (p1[$0], p2[$0], ph[$0]) }
    }

    var fixedParts: [(v1: [Double], v2: [Double], h: [Double])] = []

    // MARK: stage 1

    mutating func frameworkAndPopulation() throws(VIVE2021DatasetError) {
        // Framework score: the report's groups are ranks (1 = the 10 best); inside a group the order
        // is drawn. Score = estimated % of 2016 on benefits, a logistic spread around 17 %.
        let draws = (0..<nJ).map { _ in rng.uniform() }
        let order = (0..<nJ).sorted { (jobcentres[$0].frameworkGroup, draws[$0]) < (jobcentres[$1].frameworkGroup, draws[$1]) }
        frameworkScore = [Double](repeating: 0, count: nJ)
        for (rank, i) in order.enumerated() {
            let p = (Double(rank) + 0.5) / Double(nJ)
            frameworkScore[i] = 17 + 1.6 * log(p / (1 - p))
        }
        // ftu % of 17-64: between part follows the framework score (r ≈ 0.9).
        let fHat = A.standardized(frameworkScore)
        let xi = A.standardized(try A.orthogonalized([rng.normals(nJ)], against: [[Double](repeating: 1, count: nJ), fHat])[0])
        fBetween = (0..<nJ).map { 2.0 * (0.90 * fHat[$0] + 0.4359 * xi[$0]) }
        let lnBase = jobcentres.map { log(Double($0.approximatePopulation2017)) }
        let lHat = A.standardized(lnBase)
        let ageRatio = (0..<nJ).map { 0.625 + 0.02 * lHat[$0] + 0.012 * rng.normal() }

        // Within variation of ftu % and ln population, whitened to the design.
        let fMeans = design.ftuPercentYearMeans
        let rawF = rawWithin(trend: 1, noise: 0.7) { _, _ in 1 }
        let rawL = rawWithin(trend: 1, noise: 0.3) { _, _ in 1 }
        let fl = try whitenBlock([rawF, rawL], regressors: [4, 5], fixed: [])
        fixedParts = fl
        let wF = (0..<n).map { fl[0].v1[$0] + fl[0].v2[$0] + fl[0].h[$0] }
        let wL = (0..<n).map { fl[1].v1[$0] + fl[1].v2[$0] + fl[1].h[$0] }

        // Populations inside their band every year (a jobcentre-level shift if needed: between only).
        population = [Double](repeating: 0, count: n)
        lnPopulation = [Double](repeating: 0, count: n)
        for i in 0..<nJ {
            var l = (0..<nT).map { lnBase[i] + design.lnPopulationYearSteps[$0] - design.lnPopulationYearSteps[3] + wL[i * nT + $0] }
            let range = jobcentres[i].sizeBand.populationRange
            let lo = log(Double(range.lowerBound) * 1.004 + 1)
            let hi = range.upperBound == Int.max ? Double.infinity : log(Double(range.upperBound) * 0.996)
            if let mn = l.min(), mn < lo { l = l.map { $0 + lo - mn } }
            if let mx = l.max(), mx > hi { l = l.map { $0 - (mx - hi) } }
            for t in 0..<nT {
                population[i * nT + t] = exp(l[t]).rounded()
                lnPopulation[i * nT + t] = log(population[i * nT + t])
            }
        }
        // ftu % and the 17-64 population: scale the 17-64 population per year so the six-group
        // ftu sum is Table 5.4's total exactly.
        let totals = (0..<nT).map { t in VIVE2021Published.fulltimeUnemployed.reduce(0) { $0 + $1[t] } }
        var f = [Double](repeating: 0, count: n)
        for i in 0..<nJ { for t in 0..<nT { f[i * nT + t] = max(fMeans[t] + fBetween[i] + wF[i * nT + t], 2.0) } }
        population1764 = [Double](repeating: 0, count: n)
        ftuCents = [Int](repeating: 0, count: n)
        for t in 0..<nT {
            var s = 0.0
            for i in 0..<nJ { s += f[i * nT + t] * population[i * nT + t] * ageRatio[i] }
            let kappa = 100 * totals[t] / s
            for i in 0..<nJ {
                let o = i * nT + t
                population1764[o] = (population[o] * ageRatio[i] * kappa).rounded()
                ftuCents[o] = Int((f[o] * population1764[o]).rounded())   // 100·ftu = f·A, in cents
            }
        }
        // Quartiles of % growth 2014→2019 of six-group ftu: 23/24/24/23, quartile 1 = largest fall.
        let growth = (0..<nJ).map { Double(ftuCents[$0 * nT + 5]) / Double(ftuCents[$0 * nT]) - 1 }
        let byGrowth = (0..<nJ).sorted { growth[$0] < growth[$1] }
        growthQuartile = [Int](repeating: 0, count: nJ)
        for (rank, i) in byGrowth.enumerated() { growthQuartile[i] = rank < 23 ? 0 : rank < 47 ? 1 : rank < 71 ? 2 : 3 }
    }

    // MARK: stage 2: the cross-section and the group means

    /// Group-mean rows: framework groups 1-4, size bands 1-4 (the 5th is implied), growth quartiles
    /// 1-3 (the 4th is implied) — 11 independent rows over the 94 jobcentres.
    func groupRows() -> [[Double]] {
        var rows: [[Double]] = []
        func row(_ member: (Int) -> Bool) -> [Double] {
            let m = (0..<nJ).map { member($0) ? 1.0 : 0.0 }
            let k = m.reduce(0, +)
            return m.map { $0 / k }
        }
        for g in 1...4 { rows.append(row { jobcentres[$0].frameworkGroup == g }) }
        for b in 0..<4 { rows.append(row { jobcentres[$0].sizeBand.rawValue == b }) }
        for q in 0..<3 { rows.append(row { growthQuartile[$0] == q }) }
        return rows
    }

    /// The published group means for year index t (or their 2017-2019 average when t == nil).
    func groupTargets(_ t: Int?) -> [Double] {
        func v(_ series: [Double]) -> Double {
            if let t { return series[t] }
            return (series[3] + series[4] + series[5]) / 3
        }
        let p = VIVE2021Published.self
        return (0..<4).map { v(p.byFrameworkGroup[$0]) } + (0..<4).map { v(p.bySizeBand[$0]) }
            + (0..<3).map { v(p.byGrowthQuartile[$0]) }
    }

    /// Additive group model (framework + size band + quartile effects) whose group means are exactly `targets`.
    func additiveModel(_ rows: [[Double]], _ targets: [Double]) throws(VIVE2021DatasetError) -> [Double] {
        var dummies: [[Double]] = [[Double](repeating: 1, count: nJ)]
        for g in 2...4 { dummies.append((0..<nJ).map { jobcentres[$0].frameworkGroup == g ? 1 : 0 }) }
        for b in 1...4 { dummies.append((0..<nJ).map { jobcentres[$0].sizeBand.rawValue == b ? 1 : 0 }) }
        for q in 1...3 { dummies.append((0..<nJ).map { growthQuartile[$0] == q ? 1 : 0 }) }
        var m = Matrix(rows: rows.count, columns: dummies.count)
        for a in rows.indices { for b in dummies.indices { m[a, b] = A.dot(rows[a], dummies[b]) } }
        let coef = try A.solveSquare(m, targets)
        return (0..<nJ).map { i in dummies.indices.reduce(0) { $0 + coef[$1] * dummies[$1][i] } }
    }

    /// Anchor ranks (1-based) and values of the sorted 2017-2019 cross-section: Table 5.9's min,
    /// quartiles (ranks 23-25 and 70-72 bracket every common quantile definition), median (47-48),
    /// max and the second largest (≈ 50,800), and Figure 5.10's bin edges (16/38/22/18).
    static let anchors: [(rank: Int, value: Double)] = [
        (1, 27054), (16, 31880), (17, 32120), (23, 32880), (24, 32930), (25, 32980), (47, 35700), (48, 35752),
        (54, 36880), (55, 37120), (70, 39600), (71, 39653), (72, 39710), (76, 41880), (77, 42120), (93, 50800), (94, 54489),
    ]

    /// The sorted target cross-section: linear between anchors, with a convex upper tail whose
    /// exponent makes the mean equal the published 2017-2019 mean.
    func targetCrossSection(mean target: Double) -> [Double] {
        func build(_ e: Double) -> [Double] {
            var v = [Double](repeating: 0, count: nJ)
            let a = GeneratorState.anchors
            for k in 0..<(a.count - 1) {
                let (r0, x0) = a[k], (r1, x1) = a[k + 1]
                for r in r0...r1 {
                    var u = Double(r - r0) / Double(r1 - r0)
                    if r0 == 77 { u = pow(u, e) }
                    v[r - 1] = x0 + (x1 - x0) * u
                }
            }
            return v
        }
        var lo = 0.5, hi = 4.0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            if A.mean(build(mid)) > target { lo = mid } else { hi = mid }
        }
        return build((lo + hi) / 2)
    }

    mutating func crossSectionDesign() throws(VIVE2021DatasetError) {
        let groups = groupRows()
        predictedAverage = try additiveModel(groups, groupTargets(nil))
        predictedYear = []
        for t in 0..<nT { predictedYear.append(try additiveModel(groups, groupTargets(t))) }
        // The ftu-weighted mean must also be the national spending per ftu (Table 5.3 / Table 5.4)
        // in 2017-2019, or the per-year national totals could not hold with these jobcentre means.
        var weightedRow = [Double](repeating: 0, count: nJ)
        var weightedTarget = 0.0
        for t in 3..<6 {
            let total = (0..<nJ).reduce(0.0) { $0 + Double(ftuCents[$1 * nT + t]) }
            let published = VIVE2021Published.self
            let ftuTotal = published.fulltimeUnemployed.reduce(0) { $0 + $1[t] }
            weightedTarget += (published.hk5MillionDKK[t] + published.hk6MillionDKK[t]) * 1e6 / ftuTotal
            for i in 0..<nJ {
                let w = Double(ftuCents[i * nT + t]) / total
                weightedRow[i] += w
                weightedTarget -= w * (predictedYear[t][i] - predictedAverage[i])
            }
        }
        let rows = groups + [weightedRow]
        let target = groupTargets(nil) + [weightedTarget]
        let overall = (3..<6).map { t in VIVE2021Published.byFrameworkGroup.indices.reduce(0.0) {
            $0 + VIVE2021Published.byFrameworkGroup[$1][t] * [10.0, 37, 37, 10][$1] } / 94 }
        let sorted = targetCrossSection(mean: overall.reduce(0, +) / 3)
        let corrector = try MinimumNormCorrector(rows: rows)
        let fHat = A.standardized(fBetween)
        let loading = design.crossSectionFtuPercentLoading
        let rest = max(1 - loading * loading, 0).squareRoot()
        var c = (0..<nJ).map { predictedAverage[$0] + design.crossSectionNoiseSD * (loading * fHat[$0] + rest * rng.normal()) }
        func rankAssign(_ x: [Double]) -> [Double] {
            let order = (0..<nJ).sorted { x[$0] < x[$1] }
            var out = [Double](repeating: 0, count: nJ)
            for (r, i) in order.enumerated() { out[i] = sorted[r] }
            return out
        }
        // Alternate between "has the target order statistics" and "has the target group means".
        for _ in 0..<60 {
            c = rankAssign(c)
            let r = zip(target, try corrector.apply(c)).map { $0 - $1 }
            c = zip(c, try corrector.correction(r)).map { $0 + $1 }
        }
        // Final: exact order statistics at the anchors, a weighted correction that leaves anchors
        // and values near a bin edge or quantile almost still.
        c = rankAssign(c)
        let order = (0..<nJ).sorted { c[$0] < c[$1] }
        var weight = [Double](repeating: 1, count: nJ)
        for a in GeneratorState.anchors { weight[order[a.rank - 1]] = 0 }
        let sensitive: [Double] = [32000, 37000, 42000, 32930, 35726, 39653]
        for i in 0..<nJ {
            let dist = sensitive.map { abs(c[i] - $0) }.min() ?? 0
            weight[i] *= min(1, (dist / 1500) * (dist / 1500))
        }
        let sqrtW = weight.map { $0.squareRoot() }
        let weightedRows = rows.map { row in (0..<nJ).map { row[$0] * sqrtW[$0] } }
        let weighted = try MinimumNormCorrector(rows: weightedRows)
        let residual = zip(target, try corrector.apply(c)).map { $0 - $1 }
        let step = try weighted.correction(residual)
        c = (0..<nJ).map { c[$0] + sqrtW[$0] * step[$0] }
        crossSection = c
        try checkCrossSection()
    }

    func checkCrossSection() throws(VIVE2021DatasetError) {
        let s = crossSection.sorted()
        let p = VIVE2021Published.crossSection
        let checks: [(String, Double, Double)] = [
            ("min", s[0], p[0]), ("Q1", s[22], p[1]), ("Q1", s[24], p[1]), ("median", (s[46] + s[47]) / 2, p[2]),
            ("Q3", s[69], p[3]), ("Q3", s[71], p[3]), ("max", s[93], p[4]),
        ]
        for (name, ours, published) in checks where abs(ours / published - 1) > 0.005 {
            throw .calibrationFailed("2017-2019 cross-section \(name) = \(ours), published \(published)")
        }
        let counts = [s.filter { $0 < 32000 }.count, s.filter { $0 >= 32000 && $0 < 37000 }.count,
                      s.filter { $0 >= 37000 && $0 < 42000 }.count, s.filter { $0 >= 42000 }.count]
        guard counts == VIVE2021Published.histogramCounts else {
            throw .calibrationFailed("Figure 5.10 counts \(counts), published \(VIVE2021Published.histogramCounts)")
        }
    }

    // MARK: stage 3: spending levels

    /// Total and HK6 spending levels per observation (before the within part and the corrections
    /// of ``SpendingCalibrator``). Total: the cross-section plus the group × year pattern of Figures
    /// 5.7-5.9. HK6: the designed year mean, a share of the group × year pattern, and a jobcentre level
    /// with designed correlations with the total level, ln population and the ftu-% level (a
    /// regression on the three standardized levels plus noise orthogonal to them).
    mutating func levels() throws(VIVE2021DatasetError) {
        levelTotal = [Double](repeating: 0, count: n)
        for i in 0..<nJ {
            for t in 0..<nT { levelTotal[i * nT + t] = crossSection[i] + predictedYear[t][i] - predictedAverage[i] }
        }
        let jobcentreTotal = (0..<nJ).map { i in (0..<nT).reduce(0.0) { $0 + levelTotal[i * nT + $1] } / Double(nT) }
        let sdT = (A.mean(jobcentreTotal.map { $0 * $0 }) - pow(A.mean(jobcentreTotal), 2)).squareRoot()
        let lnMean = (0..<nJ).map { i in (0..<nT).reduce(0.0) { $0 + lnPopulation[i * nT + $1] } / Double(nT) }
        let basis = [A.standardized(jobcentreTotal), A.standardized(lnMean), A.standardized(fBetween)]
        let hk6 = design.hk6Level
        let target = [hk6.withTotal, hk6.withLnPopulation, hk6.withFtuPercent]
        var correlation = A.gram(basis)
        for a in 0..<3 { for b in 0..<3 { correlation[a, b] /= Double(nJ) } }
        let loadings = try A.solveSquare(correlation, target)
        let explained = A.dot(loadings, target)
        guard explained < 1 else {
            throw .calibrationFailed("HK6 level design: correlations \(target) with the total level, ln population and ftu % are not attainable")
        }
        let ones = [Double](repeating: 1, count: nJ)
        // Right-skewed noise (a lognormal shape): spending per ftu has a long upper tail and a floor.
        // (exp(s·z) − 1)/s tends to z as s → 0.
        let skewed = rng.normals(nJ).map { hk6.skewness == 0 ? $0 : (exp(hk6.skewness * $0) - 1) / hk6.skewness }
        let noise = A.standardized(try A.orthogonalized([skewed], against: [ones] + basis)[0])
        let u = (0..<nJ).map { i in
            hk6.spread * sdT * ((0..<3).reduce(0.0) { $0 + loadings[$1] * basis[$1][i] } + (1 - explained).squareRoot() * noise[i])
        }
        let uMean = A.mean(u)
        levelHK6 = [Double](repeating: 0, count: n)
        for t in 0..<nT {
            let yearMean = (0..<nJ).reduce(0.0) { $0 + levelTotal[$1 * nT + t] } / Double(nJ)
            let grand = A.mean(jobcentreTotal)
            for i in 0..<nJ {
                let o = i * nT + t
                let pattern = levelTotal[o] - jobcentreTotal[i] - yearMean + grand
                levelHK6[o] = design.hk6YearMeans[t] + design.hk6ShareOfYearPattern * pattern + u[i] - uMean
            }
        }
    }

    // MARK: stage 4: composition, pressure, disability pension

    /// Jobcentre-level scores correlated as designed with the HK6 and HK5 levels and the ftu factor.
    /// `y6`, `y5`: standardized HK6 and HK5 jobcentre levels; `factor`, `composition`: standardized
    /// factors orthogonal to them and to each other.
    mutating func betweenScore(
        _ b: VIVE2021CalibrationDesign.Between, y6: [Double], y5: [Double], factor: [Double], composition: [Double]
    ) throws(VIVE2021DatasetError) -> [Double] {
        let rho = A.dot(y6, y5) / Double(nJ)
        let det = 1 - rho * rho
        let a6 = (b.withHK6 - rho * b.withHK5) / det
        let a5 = (b.withHK5 - rho * b.withHK6) / det
        let explained = a6 * b.withHK6 + a5 * b.withHK5 + b.ftuFactor * b.ftuFactor + b.compositionFactor * b.compositionFactor
        guard explained < 1 else { throw .calibrationFailed("between design: correlations \(b) are not attainable") }
        let ones = [Double](repeating: 1, count: nJ)
        let xi = A.standardized(try A.orthogonalized([rng.normals(nJ)], against: [ones, y6, y5, factor, composition])[0])
        return (0..<nJ).map {
            a6 * y6[$0] + a5 * y5[$0] + b.ftuFactor * factor[$0] + b.compositionFactor * composition[$0]
                + (1 - explained).squareRoot() * xi[$0]
        }
    }

    mutating func compositionAndControls() throws(VIVE2021DatasetError) {
        let jcMean: ([Double]) -> [Double] = { x in (0..<94).map { i in (0..<6).reduce(0.0) { $0 + x[i * 6 + $1] } / 6 } }
        let y6 = A.standardized(jcMean(levelHK6))
        let y5 = A.standardized(jcMean(zip(levelTotal, levelHK6).map { $0 - $1 }))
        let ones = [Double](repeating: 1, count: nJ)
        let factor = A.standardized(try A.orthogonalized([fBetween], against: [ones, y6, y5])[0])
        // A second common factor of the group shares: where more of the unemployed are on
        // unemployment benefit, fewer are on cash benefit or sickness benefit.
        let composition = A.standardized(try A.orthogonalized([rng.normals(nJ)], against: [ones, y6, y5, factor])[0])
        let published = VIVE2021Published.fulltimeUnemployed
        let totals = (0..<nT).map { t in published.reduce(0) { $0 + $1[t] } }
        let national = (0..<6).map { g in (0..<nT).map { 100 * published[g][$0] / totals[$0] } }
        let nationalMean = national.map { A.mean($0) }

        let zUD = try betweenScore(design.unemploymentBenefitShare, y6: y6, y5: y5, factor: factor, composition: composition)
        let zKH = try betweenScore(design.cashEducationBenefitShare, y6: y6, y5: y5, factor: factor, composition: composition)
        let zRev = try betweenScore(design.vocationalRehabilitationShare, y6: y6, y5: y5, factor: factor, composition: composition)
        let zLed = try betweenScore(design.flexjobShare, y6: y6, y5: y5, factor: factor, composition: composition)
        let zRF = try betweenScore(design.resourceCourseShare, y6: y6, y5: y5, factor: factor, composition: composition)
        let zE = try betweenScore(design.economicPressure, y6: y6, y5: y5, factor: factor, composition: composition)
        let zD = try betweenScore(design.disabilityPension, y6: y6, y5: y5, factor: factor, composition: composition)
        // Multiplicative levels for the two small shares (never negative).
        let revLevel = zRev.map { exp(design.vocationalRehabilitationShare.spread * $0 - 0.5 * pow(design.vocationalRehabilitationShare.spread, 2)) }
        let rfLevel = zRF.map { exp(design.resourceCourseShare.spread * $0 - 0.5 * pow(design.resourceCourseShare.spread, 2)) }

        // Raw within patterns. The two small shares are multiplicative: a jobcentre's level times the
        // national year level, so their within pattern is (level − 1)(national_t − mean) plus noise
        // proportional to the level; the noise is scaled per part so the raw Gram is near the design
        // and the whitening barely changes the pattern (values stay positive).
        let rawUD = rawWithin(trend: 1, noise: 1) { _, _ in 1 }
        let rawKH = rawWithin(trend: 1, noise: 1) { _, _ in 1 }
        let rawRev = try multiplicativeWithin(level: revLevel, national: national[2], regressor: 2)
        let rawRF = try multiplicativeWithin(level: rfLevel, national: national[5], regressor: 3)
        let rawE = rawWithin(trend: 1, noise: 1) { _, _ in 1 }
        let rawD = rawWithin(trend: 1, noise: 0.7) { _, _ in 1 }
        let block = try whitenBlock([rawUD, rawKH, rawRev, rawRF, rawE, rawD], regressors: [0, 1, 2, 3, 6, 7], fixed: fixedParts)
        let w = block.map { p in (0..<n).map { p.v1[$0] + p.v2[$0] + p.h[$0] } }
        let ledNoise = rng.normals(n)

        // Shares (percent) before raking.
        var share = [[Double]](repeating: [Double](repeating: 0, count: n), count: 6)
        for i in 0..<nJ {
            for t in 0..<nT {
                let o = i * nT + t
                share[0][o] = national[0][t] + design.unemploymentBenefitShare.spread * zUD[i] + w[0][o]
                share[1][o] = national[1][t] + design.cashEducationBenefitShare.spread * zKH[i] + w[1][o]
                share[2][o] = revLevel[i] * nationalMean[2] + (national[2][t] - nationalMean[2]) + w[2][o]
                share[3][o] = rfLevel[i] * nationalMean[5] + (national[5][t] - nationalMean[5]) + w[3][o]
                share[4][o] = national[3][t] + design.flexjobShare.spread * zLed[i] + 0.25 * ledNoise[o]
            }
        }
        // Rake each group's share per year so the group's national ftu total is exact (Table 5.4);
        // floor the small shares at 0.05 %, re-raking a few times.
        let groupOf = [0, 1, 2, 5, 3]
        for _ in 0..<4 {
            for (s, g) in groupOf.enumerated() {
                for t in 0..<nT {
                    var weighted = 0.0, total = 0.0
                    for i in 0..<nJ {
                        let o = i * nT + t
                        let ftu = Double(ftuCents[o]) / 100
                        weighted += ftu * share[s][o] / 100
                        total += ftu
                    }
                    let shift = 100 * (published[g][t] - weighted) / total
                    for i in 0..<nJ { share[s][i * nT + t] = max(share[s][i * nT + t] + shift, 0.05) }
                }
            }
        }
        groupCountsCents = [[Int]](repeating: [Int](repeating: 0, count: n), count: 6)
        for o in 0..<n {
            var used = 0
            for (s, g) in groupOf.enumerated() {
                let cents = Int((Double(ftuCents[o]) * share[s][o] / 100).rounded())
                groupCountsCents[g][o] = cents
                used += cents
            }
            groupCountsCents[4][o] = ftuCents[o] - used   // sygedagpenge: the remainder
            if groupCountsCents[4][o] <= 0 {
                throw .calibrationFailed("sickness-benefit ftu not positive for \(jobcentres[o / nT].name), year \(2014 + o % nT)")
            }
        }
        // Economic pressure (index) and disability pension (% of 17-64).
        pressure = [Double](repeating: 0, count: n)
        disabilityCents = [Int](repeating: 0, count: n)
        for i in 0..<nJ {
            for t in 0..<nT {
                let o = i * nT + t
                pressure[o] = design.economicPressureYearMeans[t] + design.economicPressure.spread * zE[i] + w[4][o]
                let pct = max(design.disabilityPensionYearMeans[t] + design.disabilityPension.spread * zD[i] + w[5][o], 0.5)
                disabilityCents[o] = Int((pct * population1764[o]).rounded())
            }
        }
    }

    /// Within pattern of a multiplicative share (level_i × national_t): the structural part
    /// (level − 1)(national_t − mean) plus level-proportional noise scaled per part to the design.
    mutating func multiplicativeWithin(level: [Double], national: [Double], regressor: Int) throws(VIVE2021DatasetError) -> [Double] {
        let m = A.mean(national)
        var structural = [Double](repeating: 0, count: n), noise = structural
        for i in 0..<nJ {
            for t in 0..<nT {
                structural[i * nT + t] = (level[i] - 1) * (national[t] - m)
                noise[i * nT + t] = level[i] * national[t] * rng.normal()
            }
        }
        let s = A.halfParts(A.twoWayDemeaned(structural, years: 0..<6))
        let z = A.halfParts(A.twoWayDemeaned(noise, years: 0..<6))
        let target = designedGram(regressor)
        func scale(_ sp: [Double], _ zp: [Double], _ tp: Double) -> Double {
            let ss = A.dot(sp, sp), zz = A.dot(zp, zp)
            return (max(tp - ss, 0.1 * tp) / zz).squareRoot()
        }
        let a1 = scale(s.v1, z.v1, target.v1), a2 = scale(s.v2, z.v2, target.v2), ah = scale(s.h, z.h, target.h)
        return (0..<n).map { s.v1[$0] + s.v2[$0] + s.h[$0] + a1 * z.v1[$0] + a2 * z.v2[$0] + ah * z.h[$0] }
    }

    // MARK: stage 5: spending

    mutating func spending() throws(VIVE2021DatasetError) {
        // Raw rows without spending, then the analysis variables exactly as the analysis derives them.
        var rows: [VIVE2021PanelRow] = []
        for i in 0..<nJ {
            for t in 0..<nT {
                let o = i * nT + t
                rows.append(VIVE2021PanelRow(
                    jobcentre: jobcentres[i].name, year: 2014 + t, population: population[o],
                    population17to64: population1764[o], ftu: (0..<6).map { Double(groupCountsCents[$0][o]) / 100 },
                    hk5DKK: 0, hk6DKK: 0, disabilityPensionFTU: Double(disabilityCents[o]) / 100,
                    economicPressureIndex: (pressure[o] * 1000).rounded() / 1000,
                    frameworkScore2016: (frameworkScore[i] * 1000).rounded() / 1000))
            }
        }
        let derived = try VIVE2021DerivedVariables(panel: VIVE2021Panel(rows: rows))
        let ftu = derived.ftuTotal
        let calibrator = try SpendingCalibrator(derived: derived, state: self)
        let y = try calibrator.calibrate(rng: &rng)
        for o in 0..<n {
            guard y.hk6[o] > 0, y.hk5[o] > 0 else {
                throw .calibrationFailed("negative spending per ftu for \(rows[o].jobcentre), \(rows[o].year)")
            }
            rows[o].hk6DKK = (y.hk6[o] * ftu[o]).rounded()
            rows[o].hk5DKK = (y.hk5[o] * ftu[o]).rounded()
        }
        panel = VIVE2021Panel(rows: rows)
    }
}
