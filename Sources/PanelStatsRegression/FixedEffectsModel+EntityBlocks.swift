import PanelStatsData
import PanelStatsLinearAlgebra

extension FixedEffectsModel {
    /// The fit by ``EntityBlockWithin`` when the panel qualifies, else `nil` (the caller takes the
    /// general path, which gives the same estimates by alternating projections and QR or the
    /// normal equations).
    ///
    /// It qualifies when: it has at least ``NormalEquations/minimumRows`` observations (or tests
    /// force the path) and more than K + 1, no weights (an unsorted panel is sorted by entity
    /// once), at most one further absorbed factor with at most
    /// ``EntityBlockWithin/maximumSecondLevels`` levels (the year) whose level products stay cheap
    /// (``EntityBlockWithin/secondFactorIsCheap(starts:levels:)``), every entity has rows, the
    /// covariance is iid, heteroskedastic or clustered by one variable, and the normal equations are
    /// well-conditioned (no collinear regressor, no redundant level of the second factor).
    func fitByEntityBlocks(
        y: [Double], x: RegressorStorage, factors: [GroupIndex], clusterFactors: [GroupIndex], singletonsDropped: Int
    ) throws(FixedEffectsError) -> FixedEffectsResult? {
        let n = y.count, k0 = x.count
        let wanted = solverPath == .entityBlocks || (solverPath == .automatic && n >= NormalEquations.minimumRows)
        guard wanted, (1...2).contains(factors.count), clusterFactors.count <= 1, n > k0 + 1 else { return nil }
        guard let starts = WithinTransform.blocks(factors[0].codes, groupCount: factors[0].count) else {
            // The second factor's cost depends on the entity sizes only: judged before the sorted
            // copy (n × (K + 1) values) is made, not after.
            if factors.count == 2 {
                var sortedStarts = [0]
                for size in factors[0].sizes() { sortedStarts.append((sortedStarts.last ?? 0) + size) }
                guard EntityBlockWithin.secondFactorIsCheap(starts: sortedStarts, levels: factors[1].count) else { return nil }
            }
            return try fitSortedByEntity(y: y, x: x, factors: factors, clusterFactors: clusterFactors,
                                         singletonsDropped: singletonsDropped)
        }
        if factors.count == 2 {
            guard EntityBlockWithin.secondFactorIsCheap(starts: starts, levels: factors[1].count) else { return nil }
        }
        let entityCount = factors[0].count
        let sizes = (0..<entityCount).map { starts[$0 + 1] - starts[$0] }
        // An entity without observations (codes that are not dense) is the general path's error to
        // report. `blocks` leaves the starts of levels above the largest code at 0, so such an
        // entity can also show as a negative size (a level count of 11 over codes 0...9 gives the
        // last two sizes −36 and 40), whose reversed row range would trap.
        guard !sizes.contains(where: { $0 <= 0 }) else { return nil }
        let outcome = x.withColumns { (xs) -> Result<FixedEffectsResult?, FixedEffectsError> in
            do throws(FixedEffectsError) {
                return .success(try fitByEntityBlocks(y: y, columns: xs, starts: starts, sizes: sizes, factors: factors,
                                                      clusterFactors: clusterFactors, singletonsDropped: singletonsDropped))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    private func fitByEntityBlocks(
        y: [Double], columns xs: [UnsafeBufferPointer<Double>], starts: [Int], sizes: [Int], factors: [GroupIndex],
        clusterFactors: [GroupIndex], singletonsDropped: Int
    ) throws(FixedEffectsError) -> FixedEffectsResult? {
        try y.withUnsafeBufferPointer { (yp) throws(FixedEffectsError) -> FixedEffectsResult? in
            try withCodes(factors.count == 2 ? factors[1].codes : []) { (second) throws(FixedEffectsError) -> FixedEffectsResult? in
                try withCodes(clusterFactors.first?.codes ?? []) { (cluster) throws(FixedEffectsError) -> FixedEffectsResult? in
                    let panel = EntityBlockWithin.Panel(
                        columns: xs + [yp], starts: starts, second: factors.count == 2 ? (second, factors[1].count) : nil)
                    let scores: EntityBlockWithin.Scores
                    switch covariance {
                    case .iid: scores = .none
                    case .heteroskedastic: scores = .heteroskedastic
                    case .cluster:
                        guard let c = clusterFactors.first else { return nil }
                        // Clusters that are the entity's own codes array partition the blocks made
                        // from it (each block is one code's contiguous rows).
                        scores = c.sharesCodes(with: factors[0]) || Self.isPartition(c.codes, count: c.count, of: starts)
                            ? .entityClusters : .clusters(codes: cluster, count: c.count)
                    }
                    return try fitEntityBlocks(panel, response: y, sizes: sizes, factors: factors,
                                               clusterFactors: clusterFactors, scores: scores,
                                               singletonsDropped: singletonsDropped)
                }
            }
        }
    }

    /// The fit of a panel whose entities are not contiguous: its rows are sorted once by entity
    /// (a stable counting sort: each entity's rows keep their order), fitted by entity blocks,
    /// and the residuals are put back in the original row order. The sorted
    /// copy of y and the regressors costs n × (K + 1) doubles while the fit runs.
    private func fitSortedByEntity(
        y: [Double], x: RegressorStorage, factors: [GroupIndex], clusterFactors: [GroupIndex], singletonsDropped: Int
    ) throws(FixedEffectsError) -> FixedEffectsResult? {
        let entity = factors[0]
        var next = [Int](repeating: 0, count: entity.count + 1)
        for code in entity.codes { next[Int(code) + 1] += 1 }
        for g in 0..<entity.count { next[g + 1] += next[g] }
        var order = [Int](repeating: 0, count: y.count)
        for (row, code) in entity.codes.enumerated() {
            order[next[Int(code)]] = row
            next[Int(code)] += 1
        }
        func sorted(_ f: GroupIndex) -> GroupIndex {
            GroupIndex(name: f.name, codes: order.map { f.codes[$0] }, count: f.count, labelSource: f.labelSource)
        }
        let columns = x.withColumns { columns in columns.map { column in order.map { column[$0] } } }
        guard var result = try fitByEntityBlocks(
            y: order.map { y[$0] }, x: .columns(columns), factors: factors.map(sorted),
            clusterFactors: clusterFactors.map(sorted), singletonsDropped: singletonsDropped) else { return nil }
        var residuals = [Double](repeating: 0, count: y.count)
        for (position, row) in order.enumerated() { residuals[row] = result.residuals[position] }
        result.residuals = residuals
        result.responseValues = y
        return result
    }

    private func withCodes<R>(
        _ codes: [Int32], _ body: (UnsafeBufferPointer<Int32>) throws(FixedEffectsError) -> R
    ) throws(FixedEffectsError) -> R {
        try codes.withUnsafeBufferPointer { (pointer) throws(FixedEffectsError) -> R in try body(pointer) }
    }

    /// Whether the clusters are exactly the entity blocks (one cluster per block, constant in it).
    static func isPartition(_ codes: [Int32], count: Int, of starts: [Int]) -> Bool {
        guard count == starts.count - 1 else { return false }
        var seen = [Bool](repeating: false, count: count)
        for g in 0..<count {
            let first = starts[g], code = codes[first]
            guard code >= 0, Int(code) < count, !seen[Int(code)] else { return false }
            seen[Int(code)] = true
            for row in first..<starts[g + 1] where codes[row] != code { return false }
        }
        return true
    }

    private func fitEntityBlocks(
        _ panel: EntityBlockWithin.Panel, response y: [Double], sizes: [Int], factors: [GroupIndex],
        clusterFactors: [GroupIndex], scores: EntityBlockWithin.Scores, singletonsDropped: Int
    ) throws(FixedEffectsError) -> FixedEffectsResult? {
        let n = panel.rows, w = panel.width, k0 = w - 1, entities = panel.entities
        // 1. First read.
        let moments = EntityBlockWithin.moments(panel, keepingMeans: factors.count == 1)
        guard moments.finite else { return nil }
        FitPhaseClock.mark("prepare")

        // Grand means and the between-entity sums of squares (with the within ones: the totals).
        let grandMeans = moments.grandMeans
        var between = Matrix(rows: w, columns: w)
        for c in 0..<w { for r in 0..<w { between[r, c] = moments.between[r + c * w] } }

        // 2. Absorbed regressors (the general path's rule) and the solve.
        let absorptionTolerance = factors.count == 1 ? 1e-9 : max(1e-9, 100 * tolerance)
        guard let (solution, absorbedColumns) = EntityBlockWithin.solve(moments, panel: panel, absorbed: { j, within in
            let total = moments.gram[j + j * w] + between[j, j]
            return !(total > 0) || within <= absorptionTolerance * absorptionTolerance * total
        }) else { return nil }
        let kept = solution.kept, beta = solution.beta, k = kept.count
        FitPhaseClock.mark("solve")

        // Degrees of freedom.
        // Redundant levels (``RedundantLevels``' rule, by the blocks): the second factor's dummies
        // were nonsingular, so one component is expected; anything else goes to the general path.
        var redundant = [0]
        if let second = panel.second {
            redundant.append(RedundantLevels.connectedComponents(blocks: panel.starts, second.codes, second.levels))
            guard redundant[1] == 1 else { return nil }
        }
        let levels = factors.map(\.count)
        let effectDegrees = zip(levels, redundant).reduce(0) { $0 + $1.0 - $1.1 }
        let dfResid = n - k - effectDegrees
        guard dfResid > 0 else { throw .tooFewObservations(n: n, parameters: k + effectDegrees) }

        // 3. Second read.
        guard let pass = EntityBlockWithin.residualPass(panel, solution: solution,
                                                        grandMeans: grandMeans, scores: scores) else { return nil }
        let rss = pass.rss
        let keptMeans = kept.map { grandMeans[$0] }
        let yBar = grandMeans[k0]
        let constant = yBar - zip(keptMeans, beta).reduce(0) { $0 + $1.0 * $1.1 }
        let bread = Self.augmentedBread(inverseGram: solution.inverseGram, means: keptMeans, totalWeight: Double(n))
        // The robust meats are over the centred design [1, Ẍ]: the sandwich is formed there and
        // shifted to the means (``shiftingToMeans(_:means:)``; the raw design's cancels).
        let centredBread = Self.augmentedBread(
            inverseGram: solution.inverseGram, means: [Double](repeating: 0, count: k), totalWeight: Double(n))
        let (context, nestedAny) = Self.correctionContext(
            observations: n, regressors: k, factors: factors, redundant: redundant, clusters: clusterFactors)
        let ssc = smallSampleCorrection
        let iidVariance = rss / ssc.iidDivisor(context)
        let v: Matrix
        let vcovLabel: String
        var clusterTerms: [ClusterCovarianceTerm]? = nil
        do {
            switch covariance {
            case .iid:
                vcovLabel = "iid"
                var scaled = bread
                for i in scaled.storage.indices { scaled.storage[i] *= iidVariance }
                v = scaled
            case .heteroskedastic:
                vcovLabel = "hetero"
                guard let meat = pass.meat else { return nil }
                v = Self.shiftingToMeans(
                    try Sandwich.covariance(bread: centredBread, meat: meat, scale: ssc.heteroskedasticFactor(context)),
                    means: keptMeans)
            case .cluster:
                guard let meat = pass.meat, let c = clusterFactors.first else { return nil }
                vcovLabel = "cluster:" + c.name
                let factor = ssc.clusterFactors(context, variableClusters: [c.count], termClusters: [c.count])
                v = Self.shiftingToMeans(
                    try Sandwich.covariance(bread: centredBread, meat: meat, scale: factor.first ?? 1), means: keptMeans)
                clusterTerms = [ClusterCovarianceTerm(variables: [c.name], clusters: c.count, sign: 1, factor: factor.first ?? 1)]
            }
        } catch {
            throw .regression(error)
        }
        let (coefficients, modelF, dfInference) = try inference(
            terms: ["(Intercept)"] + kept.map { regressorNames[$0] }, estimates: [constant] + beta, covariance: v,
            context: context, dfResid: dfResid, clusters: clusterFactors)

        // Fit statistics: TSS = within-entity + between-entity sums of squares of y.
        let tssWithin = solution.tssWithin
        let tss = moments.gram[k0 + k0 * w] + between[k0, k0]
        let r2Within = 1 - rss / tssWithin
        let adjR2 = 1 - (1 - r2Within) * Double(n - 1) / Double(dfResid)
        let sigmaE = (rss / Double(dfResid)).squareRoot()
        let cross = pass.crossProducts
        let r2Overall = cross.xy * cross.xy / (cross.xx * cross.yy)

        var r2Between: Double? = nil, sigmaU: Double? = nil, rho: Double? = nil
        var effects: EstimatedFixedEffects? = nil
        if factors.count == 1 {
            let yMeans = (0..<entities).map { moments.means[$0 * w + k0] }
            let groupX = kept.map { j in (0..<entities).map { moments.means[$0 * w + j] } }
            let xbMeans = (0..<entities).map { g in zip(kept, beta).reduce(0.0) { $0 + moments.means[g * w + $1.0] * $1.1 } }
            let inverseTotals = sizes.map { 1 / Double($0) }
            (r2Between, sigmaU, rho, effects) = Self.entityEffects(
                of: factors[0], yMeans: yMeans, xbMeans: xbMeans, constant: constant, sigmaE: sigmaE,
                iid: covariance == .iid ? (groupX, iidVariance, inverseTotals, v) : nil)
        }
        var fixedEffectCoefficients: [FixedEffectCoefficients]? = nil
        if recoverFixedEffects {
            // pyfixest's normalisation: the entity carries the constant, the second factor's first level is 0.
            let values = factors.count == 1 ? [effects?.levels ?? pass.entityEffects] : [pass.entityEffects, solution.gamma]
            fixedEffectCoefficients = factors.indices.map {
                FixedEffectCoefficients(of: factors[$0], values: values[$0])
            }
        }

        // F test that all fixed effects are zero: the pooled OLS of y on [1, X_kept] by the normal
        // equations of the centred data, whose Gram matrix is the within plus the between one.
        var fTestFixedEffects: FTest? = nil
        let df1 = effectDegrees - 1
        if df1 > 0 {
            var pooled = Matrix(rows: k, columns: k)
            var pooledCross = [Double](repeating: 0, count: k)
            for (c, jc) in kept.enumerated() {
                pooledCross[c] = moments.gram[jc + k0 * w] + between[jc, k0]
                for (r, jr) in kept.enumerated() { pooled[r, c] = moments.gram[jr + jc * w] + between[jr, jc] }
            }
            guard let system = NormalEquations.ScaledCholesky(pooled) else { return nil }
            let pooledBeta = system.solve(pooledCross)
            let pooledRSS = tss - zip(pooledBeta, pooledCross).reduce(0) { $0 + $1.0 * $1.1 }
            let statistic = ((pooledRSS - rss) / Double(df1)) / (rss / Double(dfResid))
            do {
                fTestFixedEffects = try FTest(statistic: statistic, numerator: df1, denominator: Double(dfResid))
            } catch {
                throw .regression(error)
            }
        }

        var omitted: [Int: OmittedTerm.Reason] = [:]
        for j in absorbedColumns { omitted[j] = .collinearWithFixedEffects }
        let summary = WithinTransformSummary(
            method: factors.count == 1 ? "exact (entity blocks)" : "exact (entity blocks; \(factors[1].name) as demeaned dummies)",
            iterations: 1, tolerance: tolerance, reachedChange: 0)
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
            covariance: (0..<(k + 1)).map { r in (0..<(k + 1)).map { c in v[r, c] } },
            residuals: pass.residuals, responseValues: y, confidenceLevel: confidenceLevel)
    }
}
