import PanelStatsData

/// The covariance of a fixed-effects fit, by variable name (the formula and CLI level; the model
/// itself takes ``FixedEffectsCovariance`` with the groups).
public enum FixedEffectsVCE: Sendable, Hashable, Codable, CustomStringConvertible {
    case iid
    /// Heteroskedasticity-robust (HC1-type, factor from the ``SmallSampleCorrection``).
    case heteroskedastic
    /// Cluster-robust by one or more variables (Cameron–Gelbach–Miller for several).
    case cluster([String])

    /// Parses `iid`, `hc1` (or `robust`, `hetero`) and `cluster:a` / `cluster:a+b`.
    /// - Throws: ``FixedEffectsError/invalidOption(_:)`` for anything else, including HC2/HC3,
    ///   whose leverages are not defined the same way once fixed effects are absorbed.
    public init(parsing text: String) throws(FixedEffectsError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case "iid", "nonrobust", "classical": self = .iid
        case "hc1", "robust", "hetero", "heteroskedastic": self = .heteroskedastic
        case "hc0", "hc2", "hc3":
            throw .invalidOption("--vcov \(trimmed) is not available with absorbed fixed effects "
                + "(use hc1, whose factor follows --ssc; --ssc none gives HC0)")
        default:
            guard trimmed.lowercased().hasPrefix("cluster:") else {
                throw .invalidOption("unknown covariance estimator '\(text)' (expected iid, hc1 or cluster:VARIABLE[+VARIABLE])")
            }
            let names = trimmed.dropFirst("cluster:".count).split(separator: "+")
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                throw .invalidOption("unknown covariance estimator '\(text)' (expected cluster:VARIABLE[+VARIABLE])")
            }
            self = .cluster(names)
        }
    }

    /// The canonical spelling: `iid`, `hetero`, `cluster:a+b`.
    public var description: String {
        switch self {
        case .iid: return "iid"
        case .heteroskedastic: return "hetero"
        case .cluster(let names): return "cluster:" + names.joined(separator: "+")
        }
    }

    /// The cluster variables (empty unless clustered).
    public var clusterVariables: [String] {
        if case .cluster(let names) = self { return names }
        return []
    }
}

extension FixedEffectsModel {
    /// Fits `formula` (`y ~ x1 + factor(year) | id`, R/fixest syntax; the variables after `|` are
    /// absorbed, the first being the entity) to `data`.
    ///
    /// Rows missing any variable the fit reads (response, terms, absorbed factors, cluster
    /// variables, weights) are dropped listwise and reported on the result
    /// (``FixedEffectsResult/droppedMissing``, ``FixedEffectsResult/missingNote``) — a row without
    /// an entity identifier is reported that way.
    ///
    /// - Throws: ``FixedEffectsError/data(_:)`` for formula syntax, unknown variables and other data
    ///   problems, ``FixedEffectsError/invalidOption(_:)`` for a formula without `|`, and the other
    ///   ``FixedEffectsError`` cases for the fit itself.
    public static func fit(
        formula text: String, data: consuming DataFrame, vce: FixedEffectsVCE = .iid, weights: String? = nil,
        smallSampleCorrection: SmallSampleCorrection = .stataXtreg, tDegreesOfFreedom: TDegreesOfFreedom = .min,
        dropSingletons: Bool = false, tolerance: Double = AlternatingProjections.defaultTolerance,
        maximumSweeps: Int = AlternatingProjections.defaultMaximumSweeps, confidenceLevel: Double = 0.95
    ) throws(FixedEffectsError) -> FixedEffectsResult {
        var frame: DataFrame? = consume data
        return try fit(
            formula: text, data: &frame, keepingSharedData: false, vce: vce, weights: weights,
            smallSampleCorrection: smallSampleCorrection, tDegreesOfFreedom: tDegreesOfFreedom,
            dropSingletons: dropSingletons, tolerance: tolerance, maximumSweeps: maximumSweeps,
            confidenceLevel: confidenceLevel)
    }

    /// ``fit(formula:data:vce:weights:smallSampleCorrection:tDegreesOfFreedom:dropSingletons:tolerance:maximumSweeps:confidenceLevel:)``
    /// for a caller that holds its data frame (`panelstats fit`).
    ///
    /// `data` is set to `nil` before the fit (so that the frame and what the model copied from it
    /// are never in memory together, issue 7) unless `keepingSharedData` and the model reads the
    /// frame's own columns (plain numeric regressors and no row dropped: it copies nothing but
    /// the group codes). Then the frame is left to the caller, which frees it after the fit: at
    /// 10⁷ rows freeing its ~1 GB takes ~0.07 s, which is not fitting (pyfixest's timing does not
    /// free the caller's DataFrame either). The cost is that the frame's columns the model does
    /// not read (the identifiers, unused variables) stay in memory during the fit.
    package static func fit(
        formula text: String, data: inout DataFrame?, keepingSharedData: Bool, vce: FixedEffectsVCE = .iid,
        weights: String? = nil, smallSampleCorrection: SmallSampleCorrection = .stataXtreg,
        tDegreesOfFreedom: TDegreesOfFreedom = .min, dropSingletons: Bool = false,
        tolerance: Double = AlternatingProjections.defaultTolerance,
        maximumSweeps: Int = AlternatingProjections.defaultMaximumSweeps, confidenceLevel: Double = 0.95
    ) throws(FixedEffectsError) -> FixedEffectsResult {
        guard let source = data else { throw .data("no data to fit") }
        var model: FixedEffectsModel
        let missing: MissingReport
        var shared = false
        do {
            let formula = try Formula.parse(text)
            guard !formula.absorbed.isEmpty else {
                throw FixedEffectsError.invalidOption("the formula absorbs no fixed effects (add | entity)")
            }
            var additional = vce.clusterVariables
            if let weights { additional.append(weights) }
            let frame: ModelFrame
            let names = formula.terms.map(\.name)
            let plain = !names.isEmpty && Set(names).count == names.count
                && formula.terms.allSatisfy { if case .variable = $0 { return true } else { return false } }
            if plain {
                // Plain numeric regressors are read as the data frame's own columns (shared, not
                // copied: at 10⁷ rows and K = 10 an n × K design is 0.8 GB written for nothing);
                // the frame does the listwise deletion over the same variables, in the same order.
                var reduced = formula
                reduced.terms = []
                reduced.absorbed = []
                frame = try ModelFrame(formula: reduced, data: source,
                                       additionalVariables: names + formula.absorbed + additional, interceptColumn: false)
                // The absorbed and cluster variables' groups, built concurrently (one per core).
                var groupNames: [String] = []
                for name in formula.absorbed + vce.clusterVariables where !groupNames.contains(name) { groupNames.append(name) }
                let built = ConcurrentResults<Result<GroupIndex, DataError>>(count: groupNames.count)
                Parallel.forEach(groupNames.count, parallel: frame.observationCount >= Parallel.minimumRows) { position in
                    do throws(DataError) {
                        built[position] = .success(try frame.groups(groupNames[position]))
                    } catch {
                        built[position] = .failure(error)
                    }
                }
                var groups: [String: GroupIndex] = [:]
                for (position, name) in groupNames.enumerated() { groups[name] = try built[position]?.get() }
                func group(_ name: String) throws -> GroupIndex {
                    if let cached = groups[name] { return cached }
                    return try frame.groups(name)
                }
                model = try FixedEffectsModel(
                    response: frame.response, responseName: formula.response, columns: try names.map { try frame.numeric($0) },
                    names: names, absorbed: try formula.absorbed.map(group))
                model.weights = try weights.map { try frame.numeric($0) }
                if case .cluster(let clusterNames) = vce { model.covariance = .cluster(try clusterNames.map(group)) }
            } else {
                // No (Intercept) column: the within estimator reports xtreg's constant instead.
                frame = try ModelFrame(formula: formula, data: source, additionalVariables: additional,
                                       interceptColumn: false)
                model = try FixedEffectsModel(frame: frame, weights: try weights.map { try frame.numeric($0) })
                if case .cluster(let clusterNames) = vce { model.covariance = .cluster(try clusterNames.map { try frame.groups($0) }) }
            }
            switch vce {
            case .iid: model.covariance = .iid
            case .heteroskedastic: model.covariance = .heteroskedastic
            case .cluster: break
            }
            model.formula = text
            missing = frame.missing
            shared = plain && missing.count == 0
        } catch let error as FixedEffectsError {
            throw error
        } catch let error as FormulaError {
            throw .data(error.description)
        } catch let error as DataError {
            throw .data(error.description)
        } catch {
            throw .data("\(error)")
        }
        // The model holds what the fit needs: unless it reads the data frame's own columns and the
        // caller keeps the frame, the frame (the whole file's columns) is let go before the fit, so
        // that the two are never in memory together (issue 7).
        _ = consume source
        if !(keepingSharedData && shared) { data = nil }
        model.smallSampleCorrection = smallSampleCorrection
        model.tDegreesOfFreedom = tDegreesOfFreedom
        model.dropSingletons = dropSingletons
        model.tolerance = tolerance
        model.maximumSweeps = maximumSweeps
        model.confidenceLevel = confidenceLevel
        var result = try model.fit()
        result.droppedMissing = missing.count
        result.missingNote = missing.count > 0 ? missing.description : nil
        return result
    }
}
