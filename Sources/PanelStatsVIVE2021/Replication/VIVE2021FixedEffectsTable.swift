import PanelStats

/// Table 5.8: the nine fixed-effects models — total, HK6 and HK5 spending per ftu, each over 2014–2019,
/// 2014–2016 and 2017–2019 — of
///
///     y_d,it = a_i + b'x_it + Σ_t g_t D_t + e_it
///
/// with the eight regressors of ``VIVE2021Regressor``, the period's year dummies (reference years 2014,
/// 2014 and 2017), and jobcentre fixed effects, estimated by the within estimator with Stata's
/// `xtreg, fe` conventions (``FixedEffectsModel``): constant `ȳ − x̄'b`, Adj. R² = `e(r2_a)` =
/// `1 − (1 − R²_within)(N − 1)/(N − K − G)`, standard errors per
/// ``VIVE2021ReplicationOptions/standardErrors``. The max VIF row is per period (the three dependents
/// share the regressors), computed per ``VIVE2021ReplicationOptions/vif`` over the eight regressors.
public struct VIVE2021FixedEffectsTable: Sendable, Codable, Equatable {
    /// One estimated model.
    public struct Model: Sendable, Codable, Equatable {
        public let period: VIVE2021Period
        public let dependent: VIVE2021Dependent
        /// The fit; regressor terms are named as in the published CSV (`share_unemployment_benefit`,
        /// `year_2015`, …), the constant is `(Intercept)`.
        public let fit: FixedEffectsResult
        /// The period's max VIF.
        public let maxVIF: Double
        /// The regressor with the largest VIF.
        public let maxVIFVariable: String

        /// The coefficient of a term of the published CSV (`constant` for the constant).
        public func coefficient(_ term: String) -> Coefficient? {
            fit.coefficient(term == "constant" ? "(Intercept)" : term)
        }
    }

    /// The nine models, period-major (2014–2019 total, HK6, HK5, then 2014–2016 …).
    public let models: [Model]

    /// The term keys of a period's rows in print order (regressors, years with the reference, constant).
    public static func terms(_ period: VIVE2021Period) -> [String] {
        VIVE2021Regressor.allCases.map(\.name) + period.years.map { "year_\($0)" } + ["constant"]
    }

    /// Estimates the nine models.
    public init(_ derived: VIVE2021DerivedVariables, options: VIVE2021ReplicationOptions) throws(VIVE2021ReplicationError) {
        var models: [Model] = []
        for period in VIVE2021Period.allCases {
            let rows = derived.years.indices.filter { period.years.contains(derived.years[$0]) }
            let design = Self.design(derived, rows: rows, period: period)
            let entity = Self.entityIndex(derived, rows: rows)
            let vif = try Self.maxVIF(design, entity: entity, period: period, definition: options.vif)
            for dependent in VIVE2021Dependent.allCases {
                let y = dependent.values(derived)
                let step = "Table 5.8, \(period.rawValue), \(dependent.rawValue)"
                do {
                    var model = try FixedEffectsModel(
                        response: rows.map { y[$0] }, responseName: dependent.variable, design: design.matrix,
                        termNames: design.names, absorbed: [entity])
                    switch options.standardErrors {
                    case .conventional: model.covariance = .iid
                    case .cluster: model.covariance = .cluster([entity])
                    case .robust: model.covariance = .heteroskedastic
                    }
                    let fit = try model.fit()
                    if let dropped = fit.omitted.first {
                        throw VIVE2021ReplicationError.analysis(
                            step: step, message: "\(dropped.term) was dropped (\(dropped.reason.rawValue)); "
                                + "it does not vary within jobcentres or is collinear with the other regressors")
                    }
                    models.append(Model(period: period, dependent: dependent, fit: fit, maxVIF: vif.value, maxVIFVariable: vif.variable))
                } catch let error as VIVE2021ReplicationError {
                    throw error
                } catch let error as FixedEffectsError {
                    throw .analysis(step: step, message: error.description)
                } catch {
                    throw .analysis(step: step, message: "\(error)")
                }
            }
        }
        self.models = models
    }

    /// The model of a period and dependent.
    public func model(_ period: VIVE2021Period, _ dependent: VIVE2021Dependent) -> Model? {
        models.first { $0.period == period && $0.dependent == dependent }
    }

    /// The eight regressors and the period's year dummies over `rows`, column-major.
    static func design(_ d: VIVE2021DerivedVariables, rows: [Int], period: VIVE2021Period) -> (matrix: Matrix, names: [String]) {
        var storage: [Double] = []
        storage.reserveCapacity(rows.count * (VIVE2021Regressor.allCases.count + period.dummyYears.count))
        var names: [String] = []
        for regressor in VIVE2021Regressor.allCases {
            let values = d.values(of: regressor)
            storage.append(contentsOf: rows.lazy.map { values[$0] })
            names.append(regressor.name)
        }
        for year in period.dummyYears {
            storage.append(contentsOf: rows.lazy.map { d.years[$0] == year ? 1.0 : 0.0 })
            names.append("year_\(year)")
        }
        var matrix = Matrix(rows: rows.count, columns: names.count)
        matrix.storage = storage
        return (matrix, names)
    }

    /// The jobcentre of each row as a group index (codes in order of first appearance).
    static func entityIndex(_ d: VIVE2021DerivedVariables, rows: [Int]) -> GroupIndex {
        var code: [String: Int32] = [:]
        var labels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(rows.count)
        for i in rows {
            let name = d.jobcentres[i]
            if let c = code[name] {
                codes.append(c)
            } else {
                let c = Int32(labels.count)
                code[name] = c
                labels.append(name)
                codes.append(c)
            }
        }
        return GroupIndex(name: "jobcentre", codes: codes, count: labels.count, labels: labels)
    }

    /// The largest VIF of the eight regressors under `definition`.
    static func maxVIF(
        _ design: (matrix: Matrix, names: [String]), entity: GroupIndex, period: VIVE2021Period,
        definition: VIVE2021ReplicationOptions.VIFDefinition
    ) throws(VIVE2021ReplicationError) -> (variable: String, value: Double) {
        let substantive = VIVE2021Regressor.allCases.count
        do {
            let vif: VarianceInflation
            switch definition {
            case .pooledWithYearDummies:
                vif = try VarianceInflation(pooled: design.matrix, names: design.names)
            case .pooled:
                vif = try VarianceInflation(
                    pooled: design.matrix.selectingColumns(Array(0..<substantive)),
                    names: Array(design.names.prefix(substantive)))
            case .within:
                vif = try VarianceInflation(within: design.matrix, names: design.names, entity: entity.codes.map { Int($0) })
            }
            guard let j = (0..<substantive).max(by: { vif.vif[$0] < vif.vif[$1] }) else {
                throw VIVE2021ReplicationError.analysis(step: "Table 5.8 max VIF, \(period.rawValue)", message: "no regressors")
            }
            return (vif.variables[j], vif.vif[j])
        } catch let error as VIVE2021ReplicationError {
            throw error
        } catch let error as DescriptiveError {
            throw .analysis(step: "Table 5.8 max VIF (\(definition.rawValue)), \(period.rawValue)", message: error.description)
        } catch {
            throw .analysis(step: "Table 5.8 max VIF, \(period.rawValue)", message: "\(error)")
        }
    }
}
