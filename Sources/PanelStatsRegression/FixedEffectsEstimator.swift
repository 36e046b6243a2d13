import PanelStatsData
import PanelStatsLinearAlgebra

/// Which covariance of the within estimates to report.
public enum FixedEffectsCovariance: Sendable, Equatable {
    /// `s² (ZᵀWZ)⁻¹` with `s² = RSS/(N − k)` (k per ``SmallSampleCorrection``; `N − K − D` by default,
    /// xtreg's conventional VCE and plm's default).
    case iid
    /// Heteroskedasticity-robust (HC1-type) `c · B (Σ wᵢ²eᵢ² zᵢzᵢᵀ) B`, c = N/(N − K − D) by default
    /// (areg's `vce(robust)` and fixest's `"hetero"`). Note that xtreg's `vce(robust)` is the
    /// cluster-robust covariance by entity: use `.cluster([entity])` for it.
    case heteroskedastic
    /// One-way or multi-way (Cameron–Gelbach–Miller) cluster-robust covariance by these variables
    /// (``ClusterRobustCovariance``).
    case cluster([GroupIndex])
}

/// A linear model with absorbed fixed effects, estimated by the within transformation as Stata's
/// `xtreg, fe` (one factor) and reghdfe (several):
///
///     yᵢ = α + xᵢᵀβ + Σ_f u_f,g_f(i) + eᵢ .
///
/// **Algorithm.**
/// 1. Optionally drop singletons iteratively (``Singletons``), count them.
/// 2. Demean y and every regressor by the absorbed factors (``WithinTransform``: exact single pass
///    for one factor; ``AlternatingProjections`` with Irons–Tuck acceleration for several).
/// 3. Report and drop regressors absorbed by the fixed effects: a column whose demeaned weighted
///    sum of squares is at most `τ²` times its sum of squares around its mean (τ = 1e-9 for one
///    factor; `max(1e-9, 100 × tolerance)` for several, as the iterative transform leaves a residue
///    of the order of its tolerance).
/// 4. Least squares of ỹ on X̃ (``LeastSquares``, Householder QR; further collinear columns are
///    dropped in formula order). Adding back the grand means, as xtreg does, gives the constant
///    `α = ȳ − x̄ᵀβ`; its row of the covariance comes from the bread of the augmented design
///    `Z = [1, X̃ + 1x̄ᵀ]`, `(ZᵀWZ)⁻¹ = [[1/W + x̄ᵀA⁻¹x̄, −x̄ᵀA⁻¹], [−A⁻¹x̄, A⁻¹]]` with
///    `A = X̃ᵀWX̃` and `W = Σwᵢ` (exact because `Σ wᵢ x̃ᵢ = 0`), never by re-solving with the
///    constant column (which would cost accuracy for regressors with large means). The robust
///    sandwiches are formed around the centred design `[1, X̃]` and moved to `Z` exactly
///    (``shiftingToMeans(_:means:)``), for the same reason.
/// 5. Degrees of freedom, covariance, R²s, σs, F tests: see ``FixedEffectsResult`` and
///    ``SmallSampleCorrection``.
///
/// **Large panels.** From ``NormalEquations/minimumRows`` observations, without weights and with
/// at most one further (small) absorbed factor, steps 2–4 are done by ``EntityBlockWithin`` in
/// two reads of the data without a demeaned copy (the further factor partialled out exactly as
/// demeaned dummies); otherwise, from that size, step 4 uses ``NormalEquations``. Both give the
/// same estimates and statistics as the steps above (tested on the same oracle fixtures).
///
/// The first absorbed factor is the panel's entity (xtreg's `i()`): `r2Between`, `sigmaU`, `rho`
/// and the estimated effects refer to it and are reported when it is the only factor.
public struct FixedEffectsModel: Sendable {
    /// The response over the observations.
    public var response: [Double]
    /// The response's name.
    public var responseName: String
    /// The regressors (n × K), without a constant column.
    public var regressors: Matrix {
        get { regressorStorage.matrix }
        set { regressorStorage = .matrix(newValue) }
    }
    /// How the regressors are held: a matrix, or the data frame's own columns (``fit(formula:data:vce:weights:smallSampleCorrection:tDegreesOfFreedom:dropSingletons:tolerance:maximumSweeps:confidenceLevel:)``
    /// with plain numeric regressors: no n × K copy; a matrix is made only if the general path needs one).
    var regressorStorage: RegressorStorage
    /// A name per regressor column.
    public var regressorNames: [String]
    /// The absorbed factors; the first is the entity.
    public var absorbed: [GroupIndex]
    /// Analytic weights (Stata's `aweight`), if any.
    public var weights: [Double]?
    /// The covariance to report; `.iid` by default.
    public var covariance: FixedEffectsCovariance = .iid
    /// The small-sample correction; Stata's `xtreg, fe` by default.
    public var smallSampleCorrection: SmallSampleCorrection = .stataXtreg
    /// The inference degrees of freedom rule; `.min` (G − 1 when clustered) by default.
    public var tDegreesOfFreedom: TDegreesOfFreedom = .min
    /// Drop singleton observations iteratively (reghdfe, fixest); kept by default (xtreg).
    public var dropSingletons = false
    /// Alternating-projection tolerance (several factors).
    public var tolerance = AlternatingProjections.defaultTolerance
    /// Alternating-projection limit, in sweeps.
    public var maximumSweeps = AlternatingProjections.defaultMaximumSweeps
    /// Collinearity tolerance of the least-squares core.
    public var rankTolerance = LeastSquares.defaultRankTolerance
    /// Confidence level of the coefficient intervals.
    public var confidenceLevel = 0.95
    /// Recover the coefficients of every absorbed factor (``FixedEffectsRecovery``); costs about
    /// one more demeaning pass with several factors.
    public var recoverFixedEffects = true
    /// The formula, for the result.
    public var formula: String? = nil
    /// How the demeaned least-squares problem is solved (tests force either path).
    var solverPath: WithinSolverPath = .automatic

    /// A model from response, regressors and absorbed factors. A column named `(Intercept)` in
    /// `design` is dropped: the within estimator always reports the constant (as xtreg).
    /// - Throws: ``FixedEffectsError/dimensionMismatch(_:)`` when the lengths disagree.
    public init(
        response: [Double], responseName: String, design: Matrix, termNames: [String], absorbed: [GroupIndex],
        weights: [Double]? = nil
    ) throws(FixedEffectsError) {
        guard design.columns == termNames.count else {
            throw .dimensionMismatch("\(design.columns) design columns for \(termNames.count) term names")
        }
        guard design.rows == response.count else {
            throw .dimensionMismatch("design has \(design.rows) rows, the response \(response.count) values")
        }
        let keep = termNames.indices.filter { termNames[$0] != "(Intercept)" }
        self.response = response
        self.responseName = responseName
        self.regressorStorage = .matrix(keep.count == design.columns ? design : design.selectingColumns(keep))
        self.regressorNames = keep.map { termNames[$0] }
        self.absorbed = absorbed
        self.weights = weights
    }

    /// A model whose regressors are separate columns (shared, not copied).
    init(
        response: [Double], responseName: String, columns: [[Double]], names: [String], absorbed: [GroupIndex]
    ) throws(FixedEffectsError) {
        guard columns.count == names.count else {
            throw .dimensionMismatch("\(columns.count) regressor columns for \(names.count) names")
        }
        if let column = columns.first(where: { $0.count != response.count }) {
            throw .dimensionMismatch("a regressor has \(column.count) values, the response \(response.count)")
        }
        self.response = response
        self.responseName = responseName
        self.regressorStorage = .columns(columns)
        self.regressorNames = names
        self.absorbed = absorbed
        self.weights = nil
    }

    /// A model from a model frame with absorbed factors (`y ~ x + factor(year) | id`).
    public init(frame: ModelFrame, weights: [Double]? = nil) throws(FixedEffectsError) {
        try self.init(response: frame.response, responseName: frame.formula.response, design: frame.design,
                      termNames: frame.termNames, absorbed: frame.absorbed, weights: weights)
        formula = frame.formula.description
    }

    /// Fits the model.
    /// - Throws: ``FixedEffectsError`` — a missing identifier, a factor with one level (a single
    ///   entity), no regressors, every regressor absorbed, a cluster variable with one level,
    ///   non-convergence, no residual degrees of freedom, non-finite data or invalid weights.
    public func fit() throws(FixedEffectsError) -> FixedEffectsResult {
        let clusters: [GroupIndex]
        if case .cluster(let c) = covariance { clusters = c } else { clusters = [] }
        try validate(clusters: clusters)

        // 1. Singletons.
        var y = response, storage = regressorStorage, w = weights, factors = absorbed, clusterFactors = clusters
        var singletonsDropped = 0
        if dropSingletons {
            let (keep, dropped) = try Singletons.nonSingletonRows(codes: factors.map(\.codes), counts: factors.map(\.count))
            if dropped > 0 {
                let rows = keep.indices.filter { keep[$0] }
                guard !rows.isEmpty else { throw .noObservations("every observation is a singleton") }
                y = rows.map { y[$0] }
                storage = .matrix(storage.matrix.selectingRows(rows))
                w = w.map { w in rows.map { w[$0] } }
                factors = factors.map { $0.selectingRows(rows) }
                clusterFactors = clusterFactors.map { $0.selectingRows(rows) }
                singletonsDropped = dropped
            }
        }
        for f in factors where f.count < 2 { throw .singleLevel(variable: f.name, level: f.labelSource.first ?? "") }
        for c in clusterFactors where c.count < 2 { throw .singleCluster(variable: c.name, level: c.labelSource.first ?? "") }
        let n = y.count
        let k0 = storage.count
        guard k0 > 0 else { throw .noRegressors }

        // Stata's aweights: rescaled to sum to N (RSS and σ in the data's units).
        if let weights = w {
            let total = weights.reduce(0, +)
            w = weights.map { $0 * Double(n) / total }
        }
        let totalWeight = w?.reduce(0, +) ?? Double(n)

        // Entity-sorted large panels: two reads of the data, no demeaned copy (``EntityBlockWithin``).
        if w == nil, let result = try fitByEntityBlocks(
            y: y, x: storage, factors: factors, clusterFactors: clusterFactors, singletonsDropped: singletonsDropped) {
            return result
        }
        try validateValues()
        let x = storage.matrix

        // 2. Demean.
        let transforms = try factors.map { (f) throws(FixedEffectsError) -> WithinTransform in
            try WithinTransform(codes: f.codes, groupCount: f.count, weights: w)
        }
        let projections = try AlternatingProjections(factors: transforms, tolerance: tolerance, maximumSweeps: maximumSweeps)
        // y and every regressor are demeaned in parallel over the cores (one column per worker).
        let large = n >= NormalEquations.minimumRows
        // The large-panel kernels (normal equations, cluster meat without the augmented design,
        // the pooled F test by normal equations); tests force them on small data.
        let fastKernels = solverPath == .normalEquations || (solverPath == .automatic && large)
        let yBar = weightedMean(y, w)
        let xBar = Self.columnwise(k0, parallel: large) { j in x.withColumn(j) { weightedMean($0, w) } }
        var yTilde = y
        var xTilde = x
        let names = [responseName] + regressorNames
        let outcomes = try yTilde.withUnsafeMutableBufferPointer { (yt) throws(FixedEffectsError) -> [AlternatingProjections.Outcome] in
            let yColumn = yt
            return try xTilde.storage.withUnsafeMutableBufferPointer { (xs) throws(FixedEffectsError) -> [AlternatingProjections.Outcome] in
                let columns = [yColumn] + (0..<k0).map { j in UnsafeMutableBufferPointer(rebasing: xs[(j * n)..<((j + 1) * n)]) }
                return try projections.demean(columns: columns, names: names)
            }
        }
        FitPhaseClock.mark("prepare")

        // 3. Regressors absorbed by the fixed effects.
        let absorptionTolerance = factors.count == 1 ? 1e-9 : max(1e-9, 100 * tolerance)
        var omitted: [Int: OmittedTerm.Reason] = [:]
        let sums = Self.columnwise(k0, parallel: large) { j in
            (x.withColumn(j) { weightedSumOfSquares($0, around: xBar[j], w) },
             xTilde.withColumn(j) { weightedSumOfSquares($0, around: 0, w) })
        }
        for j in 0..<k0 {
            let (total, within) = sums[j]
            if !(total > 0) || within <= absorptionTolerance * absorptionTolerance * total {
                omitted[j] = .collinearWithFixedEffects
            }
        }
        let candidates = (0..<k0).filter { omitted[$0] == nil }
        guard !candidates.isEmpty else {
            throw .allRegressorsAbsorbed(regressors: regressorNames, absorbed: factors.map(\.name))
        }

        // 4. Least squares on the demeaned data: the normal equations with refinement for large,
        //    well-conditioned designs (``NormalEquations``), else Householder QR (``LeastSquares``).
        var fast: NormalEquations.Solution? = nil
        if fastKernels {
            fast = yTilde.withUnsafeBufferPointer { yt in
                xTilde.storage.withUnsafeBufferPointer { xs in
                    NormalEquations.solve(response: yt, columns: candidates.map { Self.column($0, of: xs, rows: n) }, weights: w)
                }
            }
        }
        let kept: [Int]
        let beta: [Double]
        let residuals: [Double]
        let rss: Double
        let aInverse: Matrix
        if let fast {
            kept = candidates
            beta = fast.coefficients
            residuals = fast.residuals
            rss = fast.rss
            aInverse = fast.inverseGram
        } else {
            let ls: LeastSquaresFit
            do {
                ls = try LeastSquares.fit(response: yTilde, design: xTilde.selectingColumns(candidates), weights: w,
                                          rankTolerance: rankTolerance)
            } catch {
                throw .regression(error)
            }
            for j in ls.omittedColumns { omitted[candidates[j]] = .collinear }
            kept = ls.keptColumns.map { candidates[$0] }
            beta = ls.coefficients
            residuals = ls.residuals
            rss = ls.rss
            aInverse = ls.inverseGram
        }
        FitPhaseClock.mark("solve")
        let k = kept.count
        let keptMeans = kept.map { xBar[$0] }
        let constant = yBar - zip(keptMeans, beta).reduce(0) { $0 + $1.0 * $1.1 }

        // 5. Degrees of freedom.
        let redundant = RedundantLevels.count(codes: factors.map(\.codes), counts: factors.map(\.count))
        let levels = factors.map(\.count)
        let effectDegrees = zip(levels, redundant).reduce(0) { $0 + $1.0 - $1.1 }
        let dfResid = n - k - effectDegrees
        guard dfResid > 0 else { throw .tooFewObservations(n: n, parameters: k + effectDegrees) }

        let p = k + 1
        let bread = Self.augmentedBread(inverseGram: aInverse, means: keptMeans, totalWeight: totalWeight)
        // The robust sandwiches are formed around the centred design and shifted to the means after.
        let zeroMeans = [Double](repeating: 0, count: k)
        let centredBread = Self.augmentedBread(inverseGram: aInverse, means: zeroMeans, totalWeight: totalWeight)
        let (context, nestedAny) = Self.correctionContext(
            observations: n, regressors: k, factors: factors, redundant: redundant, clusters: clusterFactors)
        let ssc = smallSampleCorrection

        // Covariance.
        let iidVariance = rss / ssc.iidDivisor(context)
        let v: Matrix
        let vcovLabel: String
        var clusterTerms: [ClusterCovarianceTerm]? = nil
        switch covariance {
        case .iid:
            vcovLabel = "iid"
            var scaled = bread
            for i in scaled.storage.indices { scaled.storage[i] *= iidVariance }
            v = scaled
        case .heteroskedastic:
            vcovLabel = "hetero"
            // In the centred coordinates Z̃ = [1, X̃] (see ``shiftingToMeans(_:means:)``).
            let z = centredDesign(xTilde, kept: kept)
            let scores = w.map { w in (0..<n).map { w[$0] * residuals[$0] } } ?? residuals
            do {
                let meat = try Sandwich.heteroskedasticMeat(design: z, residuals: scores, kind: .squaredResidual)
                v = Self.shiftingToMeans(
                    try Sandwich.covariance(bread: centredBread, meat: meat, scale: ssc.heteroskedasticFactor(context)),
                    means: keptMeans)
            } catch {
                throw .regression(error)
            }
        case .cluster:
            vcovLabel = "cluster:" + clusterFactors.map(\.name).joined(separator: "+")
            let terms = try ClusterRobustCovariance.terms(clusterFactors)
            let factorsOfTerms = ssc.clusterFactors(
                context, variableClusters: clusterFactors.map(\.count), termClusters: terms.map(\.count))
            if fastKernels {
                // The same sums without the n × (k + 1) augmented design.
                let scores = w.map { w in (0..<n).map { w[$0] * residuals[$0] } } ?? residuals
                let meat = xTilde.storage.withUnsafeBufferPointer { xs in
                    WithinClusterMeat.meat(columns: kept.map { Self.column($0, of: xs, rows: n) },
                                           scores: scores, terms: terms, factors: factorsOfTerms)
                }
                do {
                    v = Self.shiftingToMeans(try Sandwich.covariance(bread: centredBread, meat: meat), means: keptMeans)
                } catch {
                    throw .regression(error)
                }
            } else {
                let z = centredDesign(xTilde, kept: kept)
                v = Self.shiftingToMeans(
                    try ClusterRobustCovariance.covariance(
                        bread: centredBread, design: z, residuals: residuals, weights: w, terms: terms,
                        factors: factorsOfTerms),
                    means: keptMeans)
            }
            clusterTerms = zip(terms, factorsOfTerms).map {
                ClusterCovarianceTerm(variables: $0.variables, clusters: $0.count, sign: $0.sign, factor: $1)
            }
        }

        let (coefficients, modelF, dfInference) = try inference(
            terms: ["(Intercept)"] + kept.map { regressorNames[$0] }, estimates: [constant] + beta, covariance: v,
            context: context, dfResid: dfResid, clusters: clusterFactors)

        // Fit statistics.
        let tssWithin = weightedSumOfSquares(yTilde, around: 0, w)
        let tss = weightedSumOfSquares(y, around: yBar, w)
        let r2Within = 1 - rss / tssWithin
        let adjR2 = 1 - (1 - r2Within) * Double(n - 1) / Double(dfResid)
        let sigmaE = (rss / Double(dfResid)).squareRoot()
        var xb = [Double](repeating: 0, count: n)
        if fastKernels {
            // Row block by row block, over the cores: xb = 0 − Σ (−β_j) x_j.
            x.storage.withUnsafeBufferPointer { xs in
                xb.withUnsafeMutableBufferPointer { target in
                    NormalEquations.subtractProduct(
                        from: nil, columns: kept.map { Self.column($0, of: xs, rows: n) }, coefficients: beta.map { -$0 },
                        into: target, transposeProduct: false)
                }
            }
        } else {
            for (position, j) in kept.enumerated() {
                let b = beta[position]
                x.withColumn(j) { column in for i in 0..<n { xb[i] += b * column[i] } }
            }
        }
        let r2Overall = weightedCorrelation(xb, y, w).squared

        var r2Between: Double? = nil, sigmaU: Double? = nil, rho: Double? = nil
        var effects: EstimatedFixedEffects? = nil
        if factors.count == 1 {
            let entity = transforms[0]
            let groupX = covariance == .iid ? kept.map { j in x.withColumn(j) { entity.groupMeans(of: Array($0)) } } : nil
            (r2Between, sigmaU, rho, effects) = Self.entityEffects(
                of: factors[0], yMeans: entity.groupMeans(of: y), xbMeans: entity.groupMeans(of: xb), constant: constant,
                sigmaE: sigmaE, iid: groupX.map { ($0, iidVariance, entity.inverseTotals, v) })
        }

        // Coefficients of every absorbed factor from dᵢ = yᵢ − xᵢᵀβ − eᵢ.
        var fixedEffectCoefficients: [FixedEffectCoefficients]? = nil
        if recoverFixedEffects {
            let values: [[Double]]
            if let effects {
                values = [effects.levels]  // one factor: exact, ȳ_g − x̄_gᵀβ
            } else {
                let d = (0..<n).map { y[$0] - xb[$0] - residuals[$0] }
                values = try FixedEffectsRecovery.coefficients(
                    of: d, factors: transforms, tolerance: tolerance * 1e-2, maximumSweeps: maximumSweeps)
            }
            fixedEffectCoefficients = factors.indices.map {
                FixedEffectCoefficients(of: factors[$0], values: values[$0])
            }
        }

        // F test that all fixed effects are zero: pooled OLS of y on [1, X_kept].
        var fTestFixedEffects: FTest? = nil
        let df1 = effectDegrees - 1
        var pooledRSS: Double? = nil
        if df1 > 0, fastKernels, w == nil {
            pooledRSS = y.withUnsafeBufferPointer { yp in
                x.storage.withUnsafeBufferPointer { xs in
                    NormalEquations.pooledRSS(response: yp, columns: kept.map { Self.column($0, of: xs, rows: n) },
                                              means: keptMeans, yMean: yBar)
                }
            }
        }
        if df1 > 0, let pooledRSS {
            let statistic = ((pooledRSS - rss) / Double(df1)) / (rss / Double(dfResid))
            do {
                fTestFixedEffects = try FTest(statistic: statistic, numerator: df1, denominator: Double(dfResid))
            } catch {
                throw .regression(error)
            }
        } else if df1 > 0 {
            var pooledDesign = Matrix(rows: n, columns: k + 1)
            for i in 0..<n { pooledDesign[i, 0] = 1 }
            for (position, j) in kept.enumerated() {
                x.withColumn(j) { column in for i in 0..<n { pooledDesign[i, position + 1] = column[i] } }
            }
            do {
                let pooled = try LeastSquares.fit(response: y, design: pooledDesign, weights: w, rankTolerance: rankTolerance)
                let statistic = ((pooled.rss - rss) / Double(df1)) / (rss / Double(dfResid))
                fTestFixedEffects = try FTest(statistic: statistic, numerator: df1, denominator: Double(dfResid))
            } catch {
                throw .regression(error)
            }
        }

        let summary = WithinTransformSummary(
            method: factors.count == 1 ? "exact" : "alternating projections (Irons–Tuck)",
            iterations: outcomes.map(\.sweeps).max() ?? 0, tolerance: tolerance,
            reachedChange: outcomes.map(\.relativeChange).max() ?? 0)
        let factorSummaries = factors.indices.map {
            AbsorbedFactorSummary(name: factors[$0].name, levels: levels[$0], redundant: redundant[$0],
                                  nestedInCluster: nestedAny[$0])
        }
        let omittedTerms = omitted.keys.sorted().map { OmittedTerm(term: regressorNames[$0], reason: omitted[$0] ?? .collinear) }
        return FixedEffectsResult(
            formula: formula, response: responseName, nobs: n, dfResid: dfResid, dfInference: dfInference,
            vcov: vcovLabel, ssc: ssc, tDegreesOfFreedom: tDegreesOfFreedom,
            clusters: clusterFactors.map { ClusterCount(name: $0.name, count: $0.count) },
            clusterRobustCovariance: clusterTerms,
            coefficients: coefficients, omitted: omittedTerms, fixedEffects: factorSummaries,
            singletonsDropped: singletonsDropped, rss: rss, tssWithin: tssWithin, tss: tss, r2: r2Within,
            adjR2: adjR2, r2Within: r2Within, r2Between: r2Between, r2Overall: r2Overall, r2Full: 1 - rss / tss,
            sigmaE: sigmaE, sigmaU: sigmaU, rho: rho, modelF: modelF, fTestFixedEffects: fTestFixedEffects,
            withinTransform: summary, effects: effects, fixedEffectCoefficients: fixedEffectCoefficients,
            covariance: (0..<p).map { r in (0..<p).map { c in v[r, c] } },
            residuals: residuals, responseValues: y, confidenceLevel: confidenceLevel)
    }

    /// Every response and regressor value finite (checked before the general path; the
    /// entity-block path finds a non-finite value in its sums and hands over to it).
    private func validateValues() throws(FixedEffectsError) {
        let n = response.count
        if let i = response.firstIndex(where: { !$0.isFinite }) { throw .nonFinite(variable: responseName, row: i + 1) }
        let nonFinite = regressorStorage.withColumns { columns in
            columns.indices.lazy.compactMap { j in columns[j].firstIndex(where: { !$0.isFinite }).map { (j, $0) } }.first
        }
        if let (j, i) = nonFinite { throw .nonFinite(variable: regressorNames[j], row: i + 1) }
    }

    /// Lengths, weights and identifiers.
    private func validate(clusters: [GroupIndex]) throws(FixedEffectsError) {
        let n = response.count
        guard regressorStorage.rows(ifEmpty: n) == n else {
            throw .dimensionMismatch("regressors have \(regressorStorage.rows(ifEmpty: n)) rows, the response \(n) values")
        }
        guard regressorNames.count == regressorStorage.count else {
            throw .dimensionMismatch("\(regressorStorage.count) regressor columns for \(regressorNames.count) names")
        }
        guard !absorbed.isEmpty else { throw .invalidOption("a fixed-effects model needs at least one absorbed factor") }
        guard n > 0 else { throw .noObservations("the data have no rows") }
        if let weights {
            guard weights.count == n else { throw .dimensionMismatch("\(weights.count) weights for \(n) observations") }
            if let i = weights.firstIndex(where: { !($0.isFinite && $0 > 0) }) { throw .invalidWeight(row: i + 1, value: weights[i]) }
        }
        // A cluster variable that is an absorbed factor (clustering by the entity) shares its codes:
        // they are read once; the distinct ones over the cores (the first invalid in order is reported).
        var distinct: [GroupIndex] = []
        for f in absorbed + clusters {
            guard f.codes.count == n else {
                throw .dimensionMismatch("\(f.name) has \(f.codes.count) values for \(n) observations")
            }
            if !distinct.contains(where: { $0.sharesCodes(with: f) }) { distinct.append(f) }
        }
        // -1: every code valid (a non-optional result: an optional one would read as a missing slot).
        let invalid = Self.columnwise(distinct.count, parallel: n >= Parallel.minimumRows) {
            distinct[$0].firstInvalidCode ?? -1
        }
        for (f, i) in zip(distinct, invalid) where i >= 0 {
            throw .missingIdentifier(variable: f.name, row: i + 1)
        }
    }

    /// Column `j` of a column-major buffer with `rows` rows.
    static func column(_ j: Int, of storage: UnsafeBufferPointer<Double>, rows: Int) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(rebasing: storage[(j * rows)..<((j + 1) * rows)])
    }

    /// `body(j)` for `j` in `0..<count`, over the cores when `parallel` (each column's arithmetic
    /// is the same either way).
    static func columnwise<T>(_ count: Int, parallel: Bool, _ body: (Int) -> T) -> [T] {
        let results = ConcurrentResults<T>(count: count)
        Parallel.forEach(count, parallel: parallel) { j in results[j] = body(j) }
        return (0..<count).compactMap { results[$0] }
    }

    /// `Z̃ = [1, X̃_kept]`, xtreg's augmented design in centred coordinates (unweighted rows; see
    /// ``shiftingToMeans(_:means:)``).
    private func centredDesign(_ xTilde: Matrix, kept: [Int]) -> Matrix {
        let n = xTilde.rows
        var z = Matrix(rows: n, columns: kept.count + 1)
        z.storage.withUnsafeMutableBufferPointer { s in
            for i in 0..<n { s[i] = 1 }
            xTilde.storage.withUnsafeBufferPointer { xt in
                for (position, j) in kept.enumerated() {
                    let target = (position + 1) * n, source = j * n
                    for i in 0..<n { s[target + i] = xt[source + i] }
                }
            }
        }
        return z
    }
}

extension GroupIndex {
    /// The grouping over `rows` only, with codes made dense again (levels that no longer occur are
    /// removed; the order of the remaining labels is kept).
    func selectingRows(_ rows: [Int]) -> GroupIndex {
        var newCode = [Int32](repeating: -1, count: count)
        var used: [Int] = []
        for row in rows where newCode[Int(codes[row])] < 0 {
            newCode[Int(codes[row])] = 0
            used.append(Int(codes[row]))
        }
        used.sort()
        for (position, old) in used.enumerated() { newCode[old] = Int32(position) }
        return GroupIndex(name: name, codes: rows.map { newCode[Int(codes[$0])] }, count: used.count,
                          labelSource: labelSource.selecting(used))
    }
}

extension Matrix {
    /// The matrix made of the listed rows, in the listed order.
    func selectingRows(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: indices.count, columns: columns)
        for j in 0..<columns {
            for (a, i) in indices.enumerated() { result[a, j] = self[i, j] }
        }
        return result
    }
}

/// `Σwᵢxᵢ / Σwᵢ`.
func weightedMean(_ x: [Double], _ w: [Double]?) -> Double {
    x.withUnsafeBufferPointer { weightedMean($0, w) }
}

/// `Σwᵢxᵢ / Σwᵢ` (summed in index order).
func weightedMean(_ x: UnsafeBufferPointer<Double>, _ w: [Double]?) -> Double {
    guard let w else { return x.reduce(0, +) / Double(max(x.count, 1)) }
    var sum = 0.0, total = 0.0
    for i in x.indices { sum += w[i] * x[i]; total += w[i] }
    return sum / total
}

/// `Σwᵢ(xᵢ − c)²`.
func weightedSumOfSquares(_ x: [Double], around c: Double, _ w: [Double]?) -> Double {
    x.withUnsafeBufferPointer { weightedSumOfSquares($0, around: c, w) }
}

/// `Σwᵢ(xᵢ − c)²` (summed in index order).
func weightedSumOfSquares(_ x: UnsafeBufferPointer<Double>, around c: Double, _ w: [Double]?) -> Double {
    var sum = 0.0
    if let w {
        for i in x.indices { let d = x[i] - c; sum += w[i] * d * d }
    } else {
        for value in x { let d = value - c; sum += d * d }
    }
    return sum
}

/// Which least-squares path the within estimator takes.
enum WithinSolverPath: Sendable {
    /// Normal equations from ``NormalEquations/minimumRows`` observations when well-conditioned, else QR.
    case automatic
    /// Always Householder QR (``LeastSquares``).
    case qr
    /// The normal equations whenever well-conditioned (tests), else QR.
    case normalEquations
    /// ``EntityBlockWithin`` whenever the panel qualifies (tests), else as `.automatic`.
    case entityBlocks
}

/// The (weighted) Pearson correlation of `a` and `b`.
func weightedCorrelation(_ a: [Double], _ b: [Double], _ w: [Double]?) -> Double {
    let ma = weightedMean(a, w), mb = weightedMean(b, w)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
        let wi = w?[i] ?? 1
        let da = a[i] - ma, db = b[i] - mb
        sab += wi * da * db
        saa += wi * da * da
        sbb += wi * db * db
    }
    return sab / (saa * sbb).squareRoot()
}

extension Double {
    var squared: Double { self * self }
}

extension FixedEffectsModel {
    /// The bread of xtreg's augmented design `Z = [1, X̃ + 1x̄ᵀ]` (constant first) from
    /// `A⁻¹ = (X̃ᵀWX̃)⁻¹`: `[[1/W + x̄ᵀA⁻¹x̄, −x̄ᵀA⁻¹], [−A⁻¹x̄, A⁻¹]]`, exact because `Σ wᵢx̃ᵢ = 0`.
    static func augmentedBread(inverseGram aInverse: Matrix, means: [Double], totalWeight: Double) -> Matrix {
        let k = means.count, p = k + 1
        var bread = Matrix(rows: p, columns: p)
        var aInverseMean = [Double](repeating: 0, count: k)
        for r in 0..<k { for c in 0..<k { aInverseMean[r] += aInverse[r, c] * means[c] } }
        bread[0, 0] = 1 / totalWeight + zip(means, aInverseMean).reduce(0) { $0 + $1.0 * $1.1 }
        for r in 0..<k {
            bread[0, r + 1] = -aInverseMean[r]
            bread[r + 1, 0] = -aInverseMean[r]
            for c in 0..<k { bread[r + 1, c + 1] = aInverse[r, c] }
        }
        return bread
    }

    /// The covariance of the estimates `[α, β]` of xtreg's augmented design `Z = [1, X̃ + 1x̄ᵀ]`
    /// from the covariance `Ṽ` of the centred design `Z̃ = [1, X̃]`: `Z = Z̃T` with
    /// `T = [[1, x̄ᵀ], [0, I]]`, so the bread is `T⁻¹B̃T⁻ᵀ`, the meat `TᵀM̃T`, and
    /// `V = T⁻¹ṼT⁻ᵀ` (`V_ββ = Ṽ_ββ`, `V_αβ = Ṽ_αβ − x̄ᵀṼ_ββ`, `V_αα = Ṽ_αα − 2x̄ᵀṼ_βα + x̄ᵀṼ_ββx̄`).
    /// An identity, used because the sandwich `B M B` of the raw design cancels: with means of
    /// 10⁶ its entries reach 10¹² times the result, and the robust standard errors lost about
    /// four digits.
    static func shiftingToMeans(_ centred: Matrix, means: [Double]) -> Matrix {
        let k = means.count
        var v = centred
        // Row 0 of T⁻¹Ṽ, then column 0 of (T⁻¹Ṽ)T⁻ᵀ.
        for c in 0...k {
            var shift = 0.0
            for j in 0..<k { shift += means[j] * centred[j + 1, c] }
            v[0, c] -= shift
        }
        for r in 0...k {
            var shift = 0.0
            for j in 0..<k { shift += v[r, j + 1] * means[j] }
            v[r, 0] -= shift
        }
        return v
    }

    /// The small-sample context (which factors nest in which clusters) and, per factor, whether it
    /// is nested in any cluster variable.
    static func correctionContext(
        observations n: Int, regressors k: Int, factors: [GroupIndex], redundant: [Int], clusters: [GroupIndex]
    ) -> (CorrectionContext, nestedInAny: [Bool]) {
        // Each pair is judged once; a factor that is the cluster variable itself (the same codes)
        // nests in it when its codes are valid, which one vectorised read shows.
        let nested = factors.map { f in
            clusters.map { c in
                f.sharesCodes(with: c) ? f.firstInvalidCode == nil
                    : RedundantLevels.isNested(f.codes, innerCount: f.count, in: c.codes)
            }
        }
        let nestedAny = nested.map { $0.contains(true) }
        let nestedEvery = nested.map { !$0.isEmpty && !$0.contains(false) }
        let context = CorrectionContext(
            observations: n, regressors: k, levels: factors.map(\.count), redundant: redundant,
            nestedInAnyCluster: nestedAny, nestedInEveryCluster: nestedEvery)
        return (context, nestedAny)
    }

    /// The coefficient table, the model Wald F and the inference degrees of freedom (G − 1 when
    /// clustered with `.min`, else the residual degrees of freedom — fixest's with its ssc).
    func inference(
        terms: [String], estimates: [Double], covariance v: Matrix, context: CorrectionContext, dfResid: Int,
        clusters: [GroupIndex]
    ) throws(FixedEffectsError) -> (coefficients: [Coefficient], modelF: FTest?, dfInference: Int) {
        let n = context.observations, k = context.regressors, p = k + 1
        let baseDF = smallSampleCorrection == .fixest ? n - k - context.fixestEffectDegrees : dfResid
        let dfInference: Int
        if !clusters.isEmpty, tDegreesOfFreedom == .min {
            dfInference = (clusters.map(\.count).min() ?? 2) - 1
        } else {
            dfInference = baseDF
        }
        var coefficients: [Coefficient]
        let modelF: FTest?
        do {
            coefficients = try Coefficient.table(
                terms: terms, estimates: estimates, covariance: v, degreesOfFreedom: Double(dfInference),
                level: confidenceLevel)
            // A clustered V_β has rank at most G − 1: with more regressors than that the Wald
            // statistic is not defined (Stata reports none either).
            let minimumClusters = clusters.map(\.count).min() ?? Int.max
            modelF = k > minimumClusters - 1 ? nil : try FTest.wald(
                coefficients: estimates, covariance: v, testing: Array(1..<p), denominator: Double(dfInference))
        } catch {
            throw .regression(error)
        }
        // A negative variance (possible with multi-way clustering) has no standard error.
        for j in 0..<p where !(v[j, j] >= 0) {
            coefficients[j] = Coefficient(term: terms[j], estimate: estimates[j], standardError: .nan, t: .nan,
                                          pValue: .nan, ciLow: .nan, ciHigh: .nan)
        }
        return (coefficients, modelF, dfInference)
    }

    /// The single factor's effects (plm's and fixest's `fixef()` levels `ȳ_g − x̄_gᵀβ`, Stata's
    /// deviations from the constant), R² between, σ_u and ρ; with `iid` (the kept regressors'
    /// group means, s², `1/W_g` and V) also plm's standard errors `√(s²/W_g + x̄_gᵀ V_β x̄_g)`.
    static func entityEffects(
        of factor: GroupIndex, yMeans: [Double], xbMeans: [Double], constant: Double, sigmaE: Double,
        iid: (groupX: [[Double]], variance: Double, inverseTotals: [Double], covariance: Matrix)?
    ) -> (r2Between: Double, sigmaU: Double, rho: Double, effects: EstimatedFixedEffects) {
        let r2Between = weightedCorrelation(xbMeans, yMeans, nil).squared
        let levelsOfEffects = zip(yMeans, xbMeans).map { $0 - $1 }
        let deviations = levelsOfEffects.map { $0 - constant }
        let meanDeviation = deviations.reduce(0, +) / Double(deviations.count)
        let su = (deviations.reduce(0) { $0 + ($1 - meanDeviation) * ($1 - meanDeviation) }
            / Double(deviations.count - 1)).squareRoot()
        var standardErrors: [Double]? = nil
        if let iid {
            // Var(ȳ_g − x̄_gᵀβ) = s²/W_g + x̄_gᵀ V_β x̄_g (ȳ_g and β̂ are uncorrelated).
            let k = iid.groupX.count
            standardErrors = (0..<yMeans.count).map { g in
                var quadratic = 0.0
                for r in 0..<k {
                    for c in 0..<k { quadratic += iid.groupX[r][g] * iid.covariance[r + 1, c + 1] * iid.groupX[c][g] }
                }
                return (iid.variance * iid.inverseTotals[g] + quadratic).squareRoot()
            }
        }
        let effects = EstimatedFixedEffects(
            name: factor.name, labels: factor.labelSource, levels: levelsOfEffects, deviations: deviations,
            standardErrors: standardErrors)
        return (r2Between, su, su * su / (su * su + sigmaE * sigmaE), effects)
    }
}

/// The regressors of a ``FixedEffectsModel``: one matrix, or separate columns of equal length.
enum RegressorStorage: Sendable {
    case matrix(Matrix)
    case columns([[Double]])

    /// Number of regressors.
    var count: Int {
        switch self {
        case .matrix(let m): return m.columns
        case .columns(let c): return c.count
        }
    }

    /// Number of rows (`ifEmpty` when there are no columns to tell).
    func rows(ifEmpty: Int) -> Int {
        switch self {
        case .matrix(let m): return m.rows
        case .columns(let c): return c.first?.count ?? ifEmpty
        }
    }

    /// The regressors as one column-major matrix (a copy for separate columns).
    var matrix: Matrix {
        switch self {
        case .matrix(let m):
            return m
        case .columns(let c):
            return (try? Matrix(columns: c)) ?? Matrix(rows: c.first?.count ?? 0, columns: 0)
        }
    }

    /// Calls `body` with a pointer to each regressor's values.
    func withColumns<R>(_ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
        switch self {
        case .matrix(let m):
            return m.storage.withUnsafeBufferPointer { s in
                body((0..<m.columns).map { FixedEffectsModel.column($0, of: s, rows: m.rows) })
            }
        case .columns(let c):
            return withBuffers(c, body)
        }
    }
}
