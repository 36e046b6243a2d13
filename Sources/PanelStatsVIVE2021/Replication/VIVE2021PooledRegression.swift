import PanelStats

/// Footnote 34 (L4015-4019): "En supplerende regressionsanalyse uden kommune-fixed-effects … viser en
/// negativ sammenhæng mellem kommunestørrelse (ln) og udgifterne til jobcenterdrift pr. fuldtidsledig."
///
/// The report prints no coefficients, N or regressors for it. This is pooled OLS over 2014–2019 with a
/// constant, the eight Table 5.8 regressors and the year dummies 2015–2019 (an assumption: the same
/// specification as Table 5.8 without the jobcentre effects), for all three dependents, standard errors
/// per ``VIVE2021ReplicationOptions/standardErrors`` (conventional: Stata `regress`; cluster: CR1 by
/// jobcentre; robust: HC1). The footnote's claim is checked on the HK6 model's ln population coefficient.
public struct VIVE2021PooledRegression: Sendable, Codable, Equatable {
    /// One pooled model.
    public struct Model: Sendable, Codable, Equatable {
        public let dependent: VIVE2021Dependent
        public let fit: OLSResult
    }

    public static let period = VIVE2021Period.full
    public let models: [Model]

    init(_ derived: VIVE2021DerivedVariables, options: VIVE2021ReplicationOptions) throws(VIVE2021ReplicationError) {
        let period = Self.period
        let rows = derived.years.indices.filter { period.years.contains(derived.years[$0]) }
        let inner = VIVE2021FixedEffectsTable.design(derived, rows: rows, period: period)
        let n = rows.count
        var design = Matrix(rows: n, columns: inner.names.count + 1)
        design.storage = [Double](repeating: 1, count: n) + inner.matrix.storage
        let names = ["(Intercept)"] + inner.names
        let entity = VIVE2021FixedEffectsTable.entityIndex(derived, rows: rows)
        var models: [Model] = []
        for dependent in VIVE2021Dependent.allCases {
            let y = dependent.values(derived)
            do {
                let covariance: CovarianceType
                var clustering: Clustering? = nil
                switch options.standardErrors {
                case .conventional: covariance = .iid
                case .robust: covariance = .hc1
                case .cluster:
                    covariance = .cluster(variable: "jobcentre")
                    clustering = try Clustering(variable: "jobcentre", codes: entity.codes, count: entity.count)
                }
                let fit = try OLS.fit(
                    response: rows.map { y[$0] }, design: design, termNames: names, responseName: dependent.variable,
                    interceptColumn: 0, covariance: covariance, clustering: clustering)
                models.append(Model(dependent: dependent, fit: fit))
            } catch {
                throw .analysis(step: "footnote 34 (pooled OLS), \(dependent.rawValue)", message: error.description)
            }
        }
        self.models = models
    }

    /// The model of a dependent.
    public func model(_ dependent: VIVE2021Dependent) -> Model? { models.first { $0.dependent == dependent } }
}
